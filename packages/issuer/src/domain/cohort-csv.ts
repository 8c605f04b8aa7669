import { SkillsPassportError, type ValidationIssue } from '@skills-passport/core';
import { parse } from 'csv-parse/sync';

export const MAX_COHORT_ROWS = 20_000;
/** The columns about the learner; every other column is a JSON pointer into the credential. */
export const LEARNER_COLUMNS = ['name', 'email', 'phone', 'contact'] as const;

/** `,` (the CSV standard, English Excel) or `;` (what Excel writes in Dutch and other locales). */
export type CsvSeparator = ',' | ';';

export type CsvRow = Record<string, string>;

/** A cohort CSV read and checked for shape (not its rows' content). */
export interface CohortCsv {
  separator: CsvSeparator;
  columns: string[];
  rows: CsvRow[];
}

function csvError(message: string, issues: ValidationIssue[] = []): SkillsPassportError {
  return new SkillsPassportError('ERR_CSV_INVALID', message, { issues });
}

/**
 * The separator of a CSV, from its header line: whichever of `;` and `,` occurs more often outside
 * quotes (`,` on a tie, e.g. a single column). Headers are column names and JSON pointers, which
 * hold neither, so the header tells reliably where a data row (a "1,5" in a Dutch cell) may not.
 */
export function detectSeparator(csv: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of csv.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Reads a cohort CSV — UTF-8 with or without a byte order mark, `,` or `;` separated — and checks
 * its shape: a `name` column, only known columns, 1 to {@link MAX_COHORT_ROWS} rows.
 * Code: `ERR_CSV_INVALID`, with issue rules `csv` (unreadable), `required`, `columns`.
 */
export function readCohortCsv(csv: unknown): CohortCsv {
  if (typeof csv !== 'string' || csv.trim().length === 0)
    throw csvError('Send the cohort as CSV text in "csv".');
  const separator = detectSeparator(csv);
  let rows: CsvRow[];
  try {
    rows = parse<CsvRow>(csv, {
      columns: true,
      delimiter: separator,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (cause) {
    const line = (cause as { lines?: number }).lines;
    throw csvError('The CSV could not be read.', [
      {
        pointer: '/csv',
        rule: 'csv',
        message: `The CSV is malformed${line === undefined ? '' : ` near line ${line}`}: check quotes and column counts.`,
      },
    ]);
  }
  if (rows.length === 0) throw csvError('The CSV has no rows.');
  if (rows.length > MAX_COHORT_ROWS) throw csvError(`A cohort holds at most ${MAX_COHORT_ROWS} rows.`);
  const columns = Object.keys(rows[0]!);
  if (!columns.includes('name')) {
    throw csvError('The CSV needs a "name" column.', [
      { pointer: '/csv', rule: 'required', message: 'Add a column "name" with each learner\u2019s name.' },
    ]);
  }
  const unknown = columns.filter(
    (c) => !(LEARNER_COLUMNS as readonly string[]).includes(c) && !c.startsWith('/'),
  );
  if (unknown.length > 0) {
    throw csvError('The CSV has unknown columns.', [
      {
        pointer: '/csv',
        rule: 'columns',
        message: `Unknown column(s) ${unknown.join(', ')}; use name, email, phone, contact or a JSON pointer such as /credentialSubject/assessmentDate.`,
      },
    ]);
  }
  return { separator, columns, rows };
}
