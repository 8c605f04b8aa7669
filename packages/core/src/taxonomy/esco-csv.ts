// The browser build of csv-parse: the same parser with no Node built-ins, so the wallet can read ESCO's CSV export too.
import { parse } from 'csv-parse/browser/esm/sync';
import { SkillsPassportError, type ValidationIssue } from '../errors.js';
import { escoKind, isConceptUri } from './parse-skills-json.js';
import type { Lang, SkillConcept } from './skill-concept.js';

/** The files of an official ESCO CSV export that a skills import reads. All but `skillsEn` are optional. */
export interface EscoCsvExport {
  /** `skills_en.csv`: conceptUri, preferredLabel, altLabels, skillType, reuseLevel, ... */
  skillsEn: string;
  /** `skills_nl.csv`: the same columns with Dutch labels. */
  skillsNl?: string;
  /** `broaderRelationsSkillPillar_en.csv`: conceptUri, broaderUri, broaderType — links skills to groups. */
  broaderRelations?: string;
  /** `skillGroups_en.csv` / `skillGroups_nl.csv`: conceptUri, preferredLabel of each group. */
  skillGroupsEn?: string;
  skillGroupsNl?: string;
}

type Row = Record<string, string>;

function readCsv(text: string, file: string, required: readonly string[]): Row[] {
  let rows: Row[];
  try {
    rows = parse<Row>(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true });
  } catch (cause) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `${file} is not valid CSV.`, { cause });
  }
  const first = rows[0];
  const missing = first === undefined ? [] : required.filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new SkillsPassportError(
      'ERR_TAXONOMY_FORMAT',
      `${file} lacks the column(s) ${missing.join(', ')}.`,
      {
        issues: missing.map((column) => ({
          pointer: `/${column}`,
          rule: 'required',
          message: `Column ${column} is missing.`,
        })),
      },
    );
  }
  return rows;
}

/** ESCO puts one alternative label per line inside the altLabels cell. */
function splitAltLabels(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/\r?\n|\|/)
    .map((label) => label.trim())
    .filter((label) => label.length > 0);
}

function groupLabels(text: string | undefined, file: string): Map<string, string> {
  const labels = new Map<string, string>();
  if (text === undefined) return labels;
  for (const row of readCsv(text, file, ['conceptUri', 'preferredLabel'])) {
    if (row.conceptUri && row.preferredLabel) labels.set(row.conceptUri, row.preferredLabel.trim());
  }
  return labels;
}

/**
 * Reads skills from the official ESCO CSV export format, joining English and Dutch labels by
 * `conceptUri` and, when given, each skill's nearest skill group. Throws `ERR_TAXONOMY_FORMAT`
 * for missing columns, bad CSV or bad rows (every bad row listed); nothing is half-loaded.
 */
export function parseEscoCsv(files: EscoCsvExport): SkillConcept[] {
  const required = ['conceptUri', 'preferredLabel', 'skillType', 'reuseLevel'] as const;
  const byUri = new Map<string, SkillConcept>();
  const issues: ValidationIssue[] = [];
  const sources: [Lang, string | undefined, string][] = [
    ['en', files.skillsEn, 'skills_en.csv'],
    ['nl', files.skillsNl, 'skills_nl.csv'],
  ];
  for (const [lang, text, file] of sources) {
    if (text === undefined) continue;
    readCsv(text, file, required).forEach((row, i) => {
      const uri = (row.conceptUri ?? '').trim();
      const label = (row.preferredLabel ?? '').trim();
      const line = i + 2; // header is line 1
      if (!isConceptUri(uri)) {
        issues.push({
          pointer: `/${file}/${line}/conceptUri`,
          rule: 'format',
          message: `Line ${line}: not a concept URI.`,
        });
        return;
      }
      if (label.length === 0) {
        issues.push({
          pointer: `/${file}/${line}/preferredLabel`,
          rule: 'required',
          message: `Line ${line}: no label.`,
        });
        return;
      }
      let concept = byUri.get(uri);
      if (concept === undefined) {
        const kind = escoKind(row.skillType?.trim(), row.reuseLevel?.trim());
        if (kind === undefined) {
          issues.push({
            pointer: `/${file}/${line}/skillType`,
            rule: 'enum',
            message: `Line ${line}: skillType must be skill/competence or knowledge.`,
          });
          return;
        }
        concept = { uri, framework: 'ESCO', kind, labels: {}, altLabels: { en: [], nl: [] } };
        const reuseLevel = row.reuseLevel?.trim();
        if (reuseLevel) concept.reuseLevel = reuseLevel;
        byUri.set(uri, concept);
      }
      concept.labels[lang] = label;
      concept.altLabels[lang] = splitAltLabels(row.altLabels);
    });
  }
  if (issues.length > 0) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `${issues.length} row(s) could not be read.`, {
      issues: issues.slice(0, 100),
    });
  }
  if (files.broaderRelations !== undefined) {
    const groupsEn = groupLabels(files.skillGroupsEn, 'skillGroups_en.csv');
    const groupsNl = groupLabels(files.skillGroupsNl, 'skillGroups_nl.csv');
    for (const row of readCsv(files.broaderRelations, 'broaderRelationsSkillPillar_en.csv', [
      'conceptUri',
      'broaderUri',
    ])) {
      const concept = byUri.get(row.conceptUri ?? '');
      const groupUri = row.broaderUri ?? '';
      const isGroup = row.broaderType === undefined || row.broaderType === 'SkillGroup';
      if (concept === undefined || concept.group !== undefined || !isGroup || !isConceptUri(groupUri))
        continue;
      const labels: Partial<Record<Lang, string>> = {};
      const en = groupsEn.get(groupUri);
      const nl = groupsNl.get(groupUri);
      if (en !== undefined) labels.en = en;
      if (nl !== undefined) labels.nl = nl;
      concept.group = { uri: groupUri, labels };
    }
  }
  return [...byUri.values()];
}
