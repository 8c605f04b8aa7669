import { SkillsPassportError, type ValidationIssue } from '../errors.js';
import { guardJson, type JsonLimits } from '../validation/json-guard.js';
import type { Lang, SkillConcept, SkillKind } from './skill-concept.js';

const KINDS: readonly SkillKind[] = ['skill/competence', 'knowledge', 'transversal', 'language'];

/** Bounds for a whole framework in JSON: room for all of ESCO (about 14,000 skills). */
const TAXONOMY_JSON_LIMITS: JsonLimits = {
  maxDepth: 8,
  maxNodes: 2_000_000,
  maxStringLength: 20_000,
  maxTotalChars: 100_000_000,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(optionalText).filter((v): v is string => v !== undefined) : [];
}

/** Kind from ESCO's columns: transversal by reuse level, otherwise the skill type. */
export function escoKind(
  skillType: string | undefined,
  reuseLevel: string | undefined,
): SkillKind | undefined {
  if (reuseLevel === 'transversal') return 'transversal';
  if (skillType === 'skill/competence' || skillType === 'knowledge') return skillType;
  if (skillType !== undefined && (KINDS as readonly string[]).includes(skillType))
    return skillType as SkillKind;
  return undefined;
}

/** True for an absolute http(s) URI, the form every framework we import uses for concepts. */
export function isConceptUri(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 2048;
  } catch {
    return false;
  }
}

function labelsOf(record: Record<string, unknown>, en: string, nl: string): Partial<Record<Lang, string>> {
  const labels: Partial<Record<Lang, string>> = {};
  const labelEn = optionalText(record[en]);
  const labelNl = optionalText(record[nl]);
  if (labelEn !== undefined) labels.en = labelEn;
  if (labelNl !== undefined) labels.nl = labelNl;
  return labels;
}

function parseEntry(entry: unknown, at: string, issues: ValidationIssue[]): SkillConcept | undefined {
  if (!isRecord(entry)) {
    issues.push({ pointer: at, rule: 'type', message: 'Each skill must be an object.' });
    return undefined;
  }
  const uri = optionalText(entry.uri);
  if (uri === undefined || !isConceptUri(uri)) {
    issues.push({
      pointer: `${at}/uri`,
      rule: 'format',
      message: 'Expected the skill\u2019s URI (http or https).',
    });
    return undefined;
  }
  // Our own format carries `labels`; the ESCO sample format carries labelEn / labelNl.
  const own = isRecord(entry.labels);
  const labels = own
    ? labelsOf(entry.labels as Record<string, unknown>, 'en', 'nl')
    : labelsOf(entry, 'labelEn', 'labelNl');
  if (labels.en === undefined && labels.nl === undefined) {
    issues.push({
      pointer: `${at}/labels`,
      rule: 'required',
      message: 'A skill needs a Dutch or English label.',
    });
    return undefined;
  }
  const reuseLevel = optionalText(entry.reuseLevel);
  const kind = own
    ? escoKind(optionalText(entry.kind), undefined)
    : escoKind(optionalText(entry.type), reuseLevel);
  if (kind === undefined) {
    issues.push({
      pointer: `${at}/${own ? 'kind' : 'type'}`,
      rule: 'enum',
      message: `Expected one of ${KINDS.join(', ')}.`,
    });
    return undefined;
  }
  const alt = isRecord(entry.altLabels) ? entry.altLabels : {};
  const concept: SkillConcept = {
    uri,
    framework: optionalText(entry.framework) ?? 'ESCO',
    kind,
    labels,
    altLabels: {
      en: textList(own ? alt.en : entry.altLabelsEn),
      nl: textList(own ? alt.nl : entry.altLabelsNl),
    },
  };
  if (reuseLevel !== undefined) concept.reuseLevel = reuseLevel;
  const group = own ? (isRecord(entry.group) ? entry.group : undefined) : undefined;
  const groupUri = optionalText(group?.uri ?? entry.groupUri);
  if (groupUri !== undefined && isConceptUri(groupUri)) {
    concept.group = {
      uri: groupUri,
      labels:
        group !== undefined && isRecord(group.labels)
          ? labelsOf(group.labels, 'en', 'nl')
          : labelsOf(entry, 'group', 'groupNl'),
    };
  }
  return concept;
}

/**
 * Reads skill concepts from JSON: either our own {@link SkillConcept} shape or the flat shape of
 * the ESCO sample (`uri`, `labelEn`, `labelNl`, `type`, `reuseLevel`, `group`, `groupNl`, `groupUri`).
 * Throws `ERR_TAXONOMY_FORMAT` listing every bad entry; nothing is half-loaded.
 */
export function parseSkillsJson(input: unknown): SkillConcept[] {
  if (!Array.isArray(input)) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', 'A skills file must hold a JSON list of skills.');
  }
  const guarded = guardJson(input, TAXONOMY_JSON_LIMITS);
  if (guarded !== undefined) {
    throw new SkillsPassportError(guarded.code, 'The skills file is not acceptable.', {
      issues: [guarded.issue],
    });
  }
  const issues: ValidationIssue[] = [];
  const concepts = input
    .map((entry, i) => parseEntry(entry, `/${i}`, issues))
    .filter((c): c is SkillConcept => c !== undefined);
  if (issues.length > 0) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `${issues.length} skill(s) could not be read.`, {
      issues: issues.slice(0, 100),
    });
  }
  return concepts;
}
