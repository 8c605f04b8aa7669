import { SkillsPassportError, type ValidationIssue } from '../errors.js';
import { escoKind } from './parse-skills-json.js';
import { OccupationTaxonomy, type OccupationConcept } from './occupation-taxonomy.js';
import type { SkillConcept } from './skill-concept.js';

type SkillGroup = NonNullable<SkillConcept['group']>;
import { SkillTaxonomy } from './skill-taxonomy.js';

/** The format tag of the lean ESCO file that `data/esco/make-lean-esco.mjs` writes. */
export const ESCO_LEAN_FORMAT = 'skills-passport/esco-lean/1';

/** A whole ESCO release: its skills, its occupations over those skills, and what to credit. */
export interface Esco {
  /** As the source states it, e.g. "1.2.0 (Dutch skill labels: 1.2.x; see SOURCES.md)". */
  version: string;
  /** The line to show wherever ESCO labels are shown. */
  attribution: string;
  homepage: string;
  skills: SkillTaxonomy;
  occupations: OccupationTaxonomy;
}

const MAX_ISSUES = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function textList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

class Reader {
  readonly issues: ValidationIssue[] = [];

  fail(pointer: string, message: string): undefined {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ pointer, rule: 'format', message });
    return undefined;
  }

  // Skill groups, listed once; skills point at them by position (see make-lean-esco.mjs).
  groups(value: unknown): SkillGroup[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return this.fail('/groups', 'Expected a list of skill groups.');
    const groups: SkillGroup[] = [];
    for (const [i, entry] of value.entries()) {
      const uri = isRecord(entry) ? text(entry.uri) : undefined;
      if (!isRecord(entry) || uri === undefined)
        return this.fail(`/groups/${i}`, 'Expected a group with a uri.');
      const en = text(entry.en);
      const nl = text(entry.nl);
      groups.push({
        uri,
        labels: { ...(en === undefined ? {} : { en }), ...(nl === undefined ? {} : { nl }) },
      });
    }
    return groups;
  }

  skill(entry: unknown, at: string, base: string, groups: SkillGroup[]): SkillConcept | undefined {
    if (!isRecord(entry)) return this.fail(at, 'Expected a skill object.');
    const id = text(entry.id);
    const en = text(entry.en);
    const nl = text(entry.nl);
    const altEn = textList(entry.altEn);
    const altNl = textList(entry.altNl);
    if (id === undefined) return this.fail(`${at}/id`, 'Expected the skill\u2019s id.');
    if (en === undefined && nl === undefined) return this.fail(at, 'A skill needs a Dutch or English label.');
    if (altEn === undefined || altNl === undefined)
      return this.fail(at, 'Expected lists of alternative labels.');
    const type = text(entry.type);
    const reuseLevel = text(entry.reuse);
    // ESCO v1.2.0 leaves the skill type empty only for its five DigComp competence areas ("digital
    // content creation", ...): competences, so counted as skill/competence.
    const kind = type === undefined ? 'skill/competence' : escoKind(type, reuseLevel);
    if (kind === undefined) return this.fail(`${at}/type`, `Unknown skill type ${type}.`);
    const group = entry.group === undefined ? undefined : groups[entry.group as number];
    if (entry.group !== undefined && (!Number.isInteger(entry.group) || group === undefined))
      return this.fail(`${at}/group`, `${JSON.stringify(entry.group)} is not the position of a skill group.`);
    return {
      uri: base + id,
      framework: 'ESCO',
      kind,
      ...(reuseLevel === undefined ? {} : { reuseLevel }),
      labels: { ...(en === undefined ? {} : { en }), ...(nl === undefined ? {} : { nl }) },
      altLabels: { en: altEn, nl: altNl },
      ...(group === undefined ? {} : { group }),
    };
  }

  occupation(entry: unknown, at: string, base: string, skillUris: string[]): OccupationConcept | undefined {
    if (!isRecord(entry)) return this.fail(at, 'Expected an occupation object.');
    const id = text(entry.id);
    const en = text(entry.en);
    const nl = text(entry.nl);
    const altEn = textList(entry.altEn);
    const altNl = textList(entry.altNl);
    const essential = this.skillRefs(entry.essential, `${at}/essential`, skillUris);
    const optional = this.skillRefs(entry.optional, `${at}/optional`, skillUris);
    if (id === undefined) return this.fail(`${at}/id`, 'Expected the occupation\u2019s id.');
    if (en === undefined && nl === undefined)
      return this.fail(at, 'An occupation needs a Dutch or English label.');
    if (altEn === undefined || altNl === undefined)
      return this.fail(at, 'Expected lists of alternative labels.');
    if (essential === undefined || optional === undefined) return undefined;
    const iscoGroup = text(entry.isco);
    const code = text(entry.code);
    return {
      uri: base + id,
      framework: 'ESCO',
      labels: { ...(en === undefined ? {} : { en }), ...(nl === undefined ? {} : { nl }) },
      altLabels: { en: altEn, nl: altNl },
      ...(iscoGroup === undefined ? {} : { iscoGroup }),
      ...(code === undefined ? {} : { code }),
      essentialSkills: essential,
      optionalSkills: optional,
    };
  }

  // Occupations point at skills by their position in the file's skill list (see make-lean-esco.mjs).
  skillRefs(value: unknown, at: string, skillUris: string[]): string[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return this.fail(at, 'Expected a list of skill positions.');
    const uris: string[] = [];
    for (const index of value) {
      const uri = Number.isInteger(index) ? skillUris[index as number] : undefined;
      if (uri === undefined) return this.fail(at, `${String(index)} is not the position of a skill.`);
      uris.push(uri);
    }
    return uris;
  }
}

/**
 * Builds ESCO from the parsed lean file (`data/esco/esco-v1.2.json.gz`, unzipped). Throws
 * `ERR_TAXONOMY_FORMAT` listing the first bad entries; nothing is half-loaded. Browser-safe: a page
 * may fetch and unzip the file itself (see {@link escoFromGzip}).
 */
export function readEscoLean(input: unknown): Esco {
  if (!isRecord(input) || input.format !== ESCO_LEAN_FORMAT) {
    throw new SkillsPassportError(
      'ERR_TAXONOMY_FORMAT',
      `Expected an ESCO file in the ${ESCO_LEAN_FORMAT} format.`,
    );
  }
  const skillBase = text(input.skillUriBase);
  const occupationBase = text(input.occupationUriBase);
  if (
    skillBase === undefined ||
    occupationBase === undefined ||
    !Array.isArray(input.skills) ||
    !Array.isArray(input.occupations)
  ) {
    throw new SkillsPassportError(
      'ERR_TAXONOMY_FORMAT',
      'The ESCO file lacks its URI bases, skills or occupations.',
    );
  }
  const reader = new Reader();
  const groups = reader.groups(input.groups) ?? [];
  const skills = input.skills.map((entry, i) => reader.skill(entry, `/skills/${i}`, skillBase, groups));
  const skillUris = skills.map((s) => s?.uri ?? '');
  const occupations = input.occupations.map((entry, i) =>
    reader.occupation(entry, `/occupations/${i}`, occupationBase, skillUris),
  );
  if (reader.issues.length > 0) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', 'The ESCO file has entries that cannot be read.', {
      issues: reader.issues,
    });
  }
  const skillTaxonomy = SkillTaxonomy.fromConcepts(skills as SkillConcept[]);
  return {
    version: text(input.escoVersion) ?? 'unknown',
    attribution:
      text(input.attribution) ?? 'This service uses the ESCO classification of the European Commission.',
    homepage: text(input.homepage) ?? 'https://esco.ec.europa.eu',
    skills: skillTaxonomy,
    occupations: OccupationTaxonomy.fromConcepts(occupations as OccupationConcept[], skillTaxonomy),
  };
}
