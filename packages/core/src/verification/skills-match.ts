import type { CredentialDocument, ResultDescription } from '../credential-model.js';
import { CREDENTIAL_TYPE_INFO, type CredentialTypeName } from '../credential-types.js';
import { PROFICIENCY_4_ID, levelRank } from '../proficiency-scales.js';
import type { Lang } from '../taxonomy/skill-concept.js';
import type { SkillTaxonomy } from '../taxonomy/skill-taxonomy.js';

/** One skill an employer asks for. */
export interface RequestedSkill {
  uri: string;
  required: boolean;
  /** Minimum level as a rank on the default four-level scale (1 Beginner … 4 Expert). */
  minimumLevel?: number;
}

/** A credential that went through verification, as the match report needs it. */
export interface MatchableCredential {
  /** Position in the presentation, so a report line points back at its checks. */
  index: number;
  type: CredentialTypeName;
  credential: CredentialDocument;
  /** `verified` counts as proof; `issuer_not_recognised` is shown but does not count. */
  outcome: 'verified' | 'issuer_not_recognised';
  /** The issuer's name from the trusted-issuer registry, else from the credential. */
  issuerName: string;
}

/** One credential's contribution to one requested skill. */
export interface SkillProof {
  credentialIndex: number;
  credentialId: string;
  type: CredentialTypeName;
  learning: 'formal' | 'informal';
  title: string;
  issuerName: string;
  issuerId: string;
  issuerRecognised: boolean;
  /** When the skill was shown: assessment date, end of activity, else issuance. */
  date: string;
  /** `exact`: the credential names this skill; `related`: a skill in the same ESCO group. */
  match: 'exact' | 'related';
  /** The skill the credential names (differs from the requested one for `related`). */
  skill: { uri: string; label: string };
  level?: { id: string; name: string; rank?: number };
  /** `undefined` when no minimum was asked or the level is on an unknown scale. */
  levelMeetsMinimum?: boolean;
  outcome?: string;
  assessor?: { name: string; role: string };
  evidence: { name: string; genre: string; description?: string }[];
  /** Whether this proof makes the skill proven. */
  counts: boolean;
}

/** The answer for one requested skill. */
export interface SkillMatchLine {
  uri: string;
  label: Record<Lang, string>;
  required: boolean;
  minimumLevel?: number;
  /** `proven`: an exact, counting proof; `partial`: only related skills, a lower level or a partly achieved result. */
  status: 'proven' | 'partial' | 'not_proven';
  proofs: SkillProof[];
}

/** The per-skill answer to an employer's request. */
export interface SkillsMatchReport {
  skills: SkillMatchLine[];
  coverage: { required: number; proven: number; partial: number; notProven: number; percent: number };
}

interface Found {
  skillUri: string;
  skillLabel: string;
  level?: string;
  scale?: string;
  outcome?: string;
}

/** Where a credential names skills: per-skill results first (they carry levels), then alignments. */
function skillsIn(credential: CredentialDocument): Found[] {
  const subject = credential.credentialSubject;
  const found: Found[] = [];
  for (const result of subject.result as {
    alignment?: { targetUrl: string; targetName: string }[];
    achievedLevel?: string;
    resultDescription?: string;
    value?: string;
  }[]) {
    const target = result.alignment?.[0];
    if (target !== undefined) {
      found.push({
        skillUri: target.targetUrl,
        skillLabel: target.targetName,
        ...(result.achievedLevel === undefined ? {} : { level: result.achievedLevel }),
        ...(result.resultDescription === undefined ? {} : { scale: result.resultDescription }),
        ...(result.value === undefined ? {} : { outcome: result.value }),
      });
    }
  }
  for (const alignment of subject.achievement.alignment) {
    if (!found.some((f) => f.skillUri === alignment.targetUrl)) {
      found.push({ skillUri: alignment.targetUrl, skillLabel: alignment.targetName });
    }
  }
  return found;
}

function dateOf(credential: CredentialDocument): string {
  const subject = credential.credentialSubject as { assessmentDate?: string; activityEndDate?: string };
  return subject.assessmentDate ?? subject.activityEndDate ?? credential.validFrom;
}

function proofFrom(
  entry: MatchableCredential,
  found: Found,
  match: 'exact' | 'related',
  requested: RequestedSkill,
): SkillProof {
  const { credential } = entry;
  const subject = credential.credentialSubject;
  const scales: ResultDescription[] = subject.achievement.resultDescription;
  const scale = scales.find((s) => s.id === found.scale);
  const levelDef = scale?.rubricCriterionLevel?.find((l) => l.id === found.level);
  const rank = scale !== undefined && found.level !== undefined ? levelRank(scale, found.level) : undefined;
  const levelMeetsMinimum =
    requested.minimumLevel === undefined
      ? undefined
      : scale?.id === PROFICIENCY_4_ID && rank !== undefined
        ? rank >= requested.minimumLevel
        : found.level === undefined
          ? false
          : undefined;
  const source = (subject as { source?: { name: string; role: string } }).source;
  const recognised = entry.outcome === 'verified';
  const achieved = found.outcome === undefined || found.outcome === 'achieved';
  return {
    credentialIndex: entry.index,
    credentialId: credential.id,
    type: entry.type,
    learning: CREDENTIAL_TYPE_INFO[entry.type].learning,
    title: credential.name,
    issuerName: entry.issuerName,
    issuerId: credential.issuer.id,
    issuerRecognised: recognised,
    date: dateOf(credential),
    match,
    skill: { uri: found.skillUri, label: found.skillLabel },
    ...(found.level === undefined
      ? {}
      : {
          level: {
            id: found.level,
            name: levelDef?.name ?? found.level,
            ...(rank === undefined ? {} : { rank }),
          },
        }),
    ...(levelMeetsMinimum === undefined ? {} : { levelMeetsMinimum }),
    ...(found.outcome === undefined ? {} : { outcome: found.outcome }),
    ...(source === undefined ? {} : { assessor: { name: source.name, role: source.role } }),
    evidence: (credential.evidence ?? []).map((e) => ({
      name: e.name,
      genre: e.genre,
      ...(e.description === undefined ? {} : { description: e.description }),
    })),
    counts: recognised && match === 'exact' && achieved && levelMeetsMinimum !== false,
  };
}

/**
 * Matches requested skills against verified credentials. A skill is `proven` when a credential
 * from a recognised issuer names it by URI with an achieved result at or above the minimum level;
 * `partial` when the only support is a related skill (same skill group in `taxonomy`), a lower
 * level, a partly achieved result, or an unrecognised issuer; otherwise `not_proven`. Coverage
 * counts required skills only.
 */
export function matchSkills(
  requested: RequestedSkill[],
  credentials: MatchableCredential[],
  taxonomy?: SkillTaxonomy,
): SkillsMatchReport {
  const lines: SkillMatchLine[] = requested.map((skill) => {
    const concept = taxonomy?.get(skill.uri);
    const related = new Set((taxonomy?.related(skill.uri) ?? []).map((c) => c.uri));
    const proofs: SkillProof[] = [];
    for (const entry of credentials) {
      for (const found of skillsIn(entry.credential)) {
        if (found.skillUri === skill.uri) proofs.push(proofFrom(entry, found, 'exact', skill));
        else if (related.has(found.skillUri)) proofs.push(proofFrom(entry, found, 'related', skill));
      }
    }
    proofs.sort(
      (a, b) =>
        Number(b.counts) - Number(a.counts) || (a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1),
    );
    const status = proofs.some((p) => p.counts) ? 'proven' : proofs.length > 0 ? 'partial' : 'not_proven';
    const fallback = proofs.find((p) => p.match === 'exact')?.skill.label ?? skill.uri;
    return {
      uri: skill.uri,
      label: {
        nl: concept?.labels.nl ?? concept?.labels.en ?? fallback,
        en: concept?.labels.en ?? concept?.labels.nl ?? fallback,
      },
      required: skill.required,
      ...(skill.minimumLevel === undefined ? {} : { minimumLevel: skill.minimumLevel }),
      status,
      proofs,
    };
  });
  const required = lines.filter((l) => l.required);
  const proven = required.filter((l) => l.status === 'proven').length;
  const partial = required.filter((l) => l.status === 'partial').length;
  return {
    skills: lines,
    coverage: {
      required: required.length,
      proven,
      partial,
      notProven: required.length - proven - partial,
      percent: required.length === 0 ? 100 : Math.round((proven / required.length) * 100),
    },
  };
}
