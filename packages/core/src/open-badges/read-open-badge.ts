import type { ValidateFunction } from 'ajv/dist/2019.js';
import { CREDENTIAL_TYPES, isCredentialTypeName } from '../credential-types.js';
import type { ErrorCode, ValidationIssue } from '../errors.js';
import { DEFAULT_JSON_LIMITS, guardJson, type JsonLimits } from '../validation/json-guard.js';
import { openBadgeSchemaIssues } from './ob-schema-issues.js';
import { openBadgeValidator } from './ob-schema-registry.js';
import {
  learningOf,
  type OpenBadge,
  type OpenBadgeLevel,
  type OpenBadgeOutcome,
  type OpenBadgeSkill,
  type QualificationLevel,
} from './open-badge.js';
import { alignedQualificationLevel, alignedSkill, type AlignmentTarget } from './skill-uris.js';

/** The verdict on a foreign Open Badges document: never thrown, always returned. */
export type OpenBadgeReading =
  { valid: true; badge: OpenBadge } | { valid: false; code: ErrorCode; issues: ValidationIssue[] };

export interface ReadOpenBadgeOptions {
  /** Size and depth bounds; defaults to {@link DEFAULT_JSON_LIMITS}. */
  limits?: JsonLimits;
}

/** The Open Badges 3.0 credential types (either marks a credential as an Open Badge). */
export const OPEN_BADGE_CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential'] as const;

// What this module reads of a document that passed 1EdTech's schema: the schema fixes these
// shapes; everything else it leaves open is ignored.
interface ObAlignment extends AlignmentTarget {
  targetName: string;
}
interface ObLevel {
  id: string;
  name: string;
}
interface ObResultDescription {
  id: string;
  name: string;
  alignment?: ObAlignment[];
  rubricCriterionLevel?: ObLevel[];
}
interface ObResult {
  achievedLevel?: string;
  alignment?: ObAlignment[];
  resultDescription?: string;
  status?: string;
}
interface ObProfile {
  id: string;
  name?: string;
}
interface ObDocument {
  id: string;
  type: string[];
  name?: string;
  issuer: string | ObProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  evidence?: Record<string, unknown>[];
  credentialSubject: {
    id?: string;
    activityEndDate?: string;
    result?: ObResult[];
    achievement: {
      id: string;
      type: string[];
      name: string;
      description: string;
      achievementType?: string;
      criteria: { narrative?: string };
      fieldOfStudy?: string;
      alignment?: ObAlignment[];
      resultDescription?: ObResultDescription[];
    };
  };
}

function failure(code: ErrorCode, issues: ValidationIssue[]): OpenBadgeReading {
  return { valid: false, code, issues };
}

/** Why a document is not a foreign Open Badge by its `type`, or `undefined` when it is one. */
function typeProblem(doc: Record<string, unknown>): { code: ErrorCode; issue: ValidationIssue } | undefined {
  const types = doc.type;
  const wanted = OPEN_BADGE_CREDENTIAL_TYPES.join(' or ');
  if (!Array.isArray(types)) {
    return {
      code: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
      issue: {
        pointer: '/type',
        rule: 'credential_type',
        message: `"type" must be a list naming ${wanted}.`,
      },
    };
  }
  const ours = types.find(isCredentialTypeName);
  if (ours !== undefined) {
    return {
      code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
      issue: {
        pointer: '/type',
        rule: 'credential_type',
        message: `A Skills Passport ${ours} is not a foreign badge; it is read as one of ${CREDENTIAL_TYPES.join(', ')}.`,
      },
    };
  }
  if (!types.some((t) => (OPEN_BADGE_CREDENTIAL_TYPES as readonly unknown[]).includes(t))) {
    return {
      code: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
      issue: {
        pointer: '/type',
        rule: 'credential_type',
        message: `Not an Open Badge: "type" names neither ${wanted}.`,
      },
    };
  }
  return undefined;
}

/** The level a result names, when its own result description declares it (as Open Badges says). */
function levelOf(result: ObResult, description: ObResultDescription | undefined): OpenBadgeLevel | undefined {
  if (result.achievedLevel === undefined || description === undefined) return undefined;
  const level = description.rubricCriterionLevel?.find((l) => l.id === result.achievedLevel);
  return level === undefined
    ? undefined
    : { id: level.id, name: level.name, scale: { id: description.id, name: description.name } };
}

const NOT_ACHIEVED = new Set(['Failed', 'Withdrew']);
const IN_PROGRESS = new Set(['Enrolled', 'InProgress', 'OnHold', 'Provisional']);

function outcomeOf(result: ObResult): OpenBadgeOutcome | undefined {
  if (result.status === undefined) return undefined;
  if (NOT_ACHIEVED.has(result.status)) return 'not-achieved';
  if (IN_PROGRESS.has(result.status)) return 'in-progress';
  return 'achieved';
}

/** The least favourable of several outcomes. */
function worst(outcomes: (OpenBadgeOutcome | undefined)[]): OpenBadgeOutcome | undefined {
  for (const candidate of ['not-achieved', 'in-progress', 'achieved'] as const) {
    if (outcomes.includes(candidate)) return candidate;
  }
  return undefined;
}

const RANK: Record<OpenBadgeSkill['alignedIn'], number> = {
  achievement: 1,
  'result-description': 2,
  result: 3,
};

/** Collects skills by URI; a more specific alignment (or the same one with a level) replaces a vaguer one. */
class SkillSet {
  readonly #skills = new Map<string, OpenBadgeSkill>();

  add(
    alignment: ObAlignment,
    alignedIn: OpenBadgeSkill['alignedIn'],
    level?: OpenBadgeLevel,
    outcome?: OpenBadgeOutcome,
  ): boolean {
    const target = alignedSkill(alignment);
    if (target === undefined) return false;
    const skill: OpenBadgeSkill = {
      uri: target.uri,
      framework: target.framework,
      name: alignment.targetName,
      alignedIn,
      ...(level === undefined ? {} : { level }),
      ...(outcome === undefined ? {} : { outcome }),
    };
    const known = this.#skills.get(target.uri);
    if (
      known === undefined ||
      RANK[alignedIn] > RANK[known.alignedIn] ||
      (RANK[alignedIn] === RANK[known.alignedIn] && known.level === undefined && level !== undefined)
    ) {
      this.#skills.set(target.uri, skill);
    }
    return true;
  }

  list(): OpenBadgeSkill[] {
    return [...this.#skills.values()];
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toBadge(doc: ObDocument): OpenBadge {
  const subject = doc.credentialSubject;
  const achievement = subject.achievement;
  const descriptions = achievement.resultDescription ?? [];
  const skills = new SkillSet();

  for (const alignment of achievement.alignment ?? []) skills.add(alignment, 'achievement');
  for (const description of descriptions) {
    for (const alignment of description.alignment ?? []) skills.add(alignment, 'result-description');
  }

  let level: OpenBadgeLevel | undefined;
  const outcomes: (OpenBadgeOutcome | undefined)[] = [];
  for (const result of subject.result ?? []) {
    const description =
      result.resultDescription === undefined
        ? undefined
        : descriptions.find((d) => d.id === result.resultDescription);
    const resultLevel = levelOf(result, description);
    const outcome = outcomeOf(result);
    let aligned = false;
    for (const alignment of result.alignment ?? []) {
      aligned = skills.add(alignment, 'result', resultLevel, outcome) || aligned;
    }
    for (const alignment of description?.alignment ?? []) {
      aligned = skills.add(alignment, 'result-description', resultLevel, outcome) || aligned;
    }
    if (!aligned) {
      // A result of the achievement as a whole.
      level ??= resultLevel;
      outcomes.push(outcome);
    }
  }

  let qualificationLevel: QualificationLevel | undefined;
  for (const alignment of achievement.alignment ?? []) {
    qualificationLevel ??= alignedQualificationLevel(alignment);
  }

  const issuer = typeof doc.issuer === 'string' ? { id: doc.issuer } : doc.issuer;
  const outcome = worst(outcomes);
  return {
    credentialId: doc.id,
    types: [...doc.type],
    ...(doc.name === undefined ? {} : { name: doc.name }),
    ...(subject.id === undefined ? {} : { subjectId: subject.id }),
    issuer: { id: issuer.id, ...(issuer.name === undefined ? {} : { name: issuer.name }) },
    achievement: {
      id: achievement.id,
      name: achievement.name,
      description: achievement.description,
      types: [...achievement.type],
      ...(achievement.achievementType === undefined ? {} : { achievementType: achievement.achievementType }),
      ...(achievement.criteria.narrative === undefined ? {} : { criteria: achievement.criteria.narrative }),
      ...(achievement.fieldOfStudy === undefined ? {} : { fieldOfStudy: achievement.fieldOfStudy }),
    },
    date: doc.awardedDate ?? doc.validFrom,
    validFrom: doc.validFrom,
    ...(doc.validUntil === undefined ? {} : { validUntil: doc.validUntil }),
    ...(subject.activityEndDate === undefined ? {} : { activityEndDate: subject.activityEndDate }),
    learning: learningOf(achievement.achievementType),
    ...(level === undefined ? {} : { level }),
    ...(outcome === undefined ? {} : { outcome }),
    ...(qualificationLevel === undefined ? {} : { qualificationLevel }),
    skills: skills.list(),
    evidence: (doc.evidence ?? []).map((e) => {
      const [id, name, genre, description] = [text(e.id), text(e.name), text(e.genre), text(e.description)];
      return {
        ...(id === undefined ? {} : { id }),
        ...(name === undefined ? {} : { name }),
        ...(genre === undefined ? {} : { genre }),
        ...(description === undefined ? {} : { description }),
      };
    }),
  };
}

function read(input: unknown, limits: JsonLimits, validate: ValidateFunction): OpenBadgeReading {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failure('ERR_NOT_AN_OBJECT', [
      { pointer: '', rule: 'type', message: 'A credential must be a JSON object.' },
    ]);
  }
  const guarded = guardJson(input, limits);
  if (guarded !== undefined) return failure(guarded.code, [guarded.issue]);
  const doc = input as Record<string, unknown>;
  const problem = typeProblem(doc);
  if (problem !== undefined) return failure(problem.code, [problem.issue]);
  if (!validate(doc)) {
    const issues = openBadgeSchemaIssues(validate.errors ?? []);
    return failure(
      'ERR_SCHEMA_INVALID',
      issues.length > 0
        ? issues
        : [{ pointer: '', rule: 'schema', message: 'Not a valid Open Badges 3.0 credential.' }],
    );
  }
  return { valid: true, badge: toBadge(doc as unknown as ObDocument) };
}

/**
 * Reads a foreign Open Badges 3.0 credential (VC Data Model 2.0, unsigned document: the proof is
 * checked elsewhere): any credential whose `type` names `OpenBadgeCredential` or
 * `AchievementCredential` and none of our own types. The document is bounded and screened like
 * ours, validated against 1EdTech's AchievementCredential schema, and read into an
 * {@link OpenBadge}: the achievement, issuer, award date, levels, and the skills it aligns to by
 * ESCO or CompetentNL URI. Safe on any input: nothing is thrown.
 *
 * Codes: `ERR_NOT_AN_OBJECT`, `ERR_FORBIDDEN_KEY`, `ERR_INPUT_TOO_LARGE`, `ERR_INPUT_TOO_DEEP`,
 * `ERR_UNKNOWN_CREDENTIAL_TYPE` (not an Open Badge), `ERR_CREDENTIAL_TYPE_MISMATCH` (one of ours:
 * use `validateCredential`), `ERR_SCHEMA_INVALID` (issues addressed by JSON pointer).
 */
export function readOpenBadge(document: unknown, options: ReadOpenBadgeOptions = {}): OpenBadgeReading {
  // Compiling is not about the input: a page that forbids eval fails here, loudly.
  const validate = openBadgeValidator();
  try {
    return read(document, options.limits ?? DEFAULT_JSON_LIMITS, validate);
  } catch {
    // Only a value that is not plain JSON gets here (an accessor that throws, a revoked proxy).
    return failure('ERR_NOT_AN_OBJECT', [
      { pointer: '', rule: 'not_json', message: 'The document could not be read as plain JSON.' },
    ]);
  }
}
