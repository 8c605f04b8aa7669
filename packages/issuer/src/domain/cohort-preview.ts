import { isSkillsPassportError, type ValidationIssue } from '@skills-passport/core';
import { readCohortCsv, type CsvSeparator } from './cohort-csv.js';
import { rowRequest } from './cohort-row.js';
import { checkCohortContent, type CohortRequest } from './cohorts.js';
import type { IssuerDeps } from './deps.js';
import { draftDocument } from './issue-credential.js';
import type { Organisation } from './organisations.js';

/** How many rows a preview reads: enough to see the columns land, small enough to answer at once. */
export const PREVIEW_ROWS = 5;

/** One previewed row: its line in the file (header = line 1), its cells, and what the upload would refuse. */
export interface PreviewRow {
  line: number;
  cells: string[];
  issues: ValidationIssue[];
}

export interface CohortPreview {
  separator: CsvSeparator;
  columns: string[];
  total: number;
  rows: PreviewRow[];
}

/**
 * What an upload of this cohort would do with its first rows, without doing it: the CSV read as
 * the upload reads it, each row turned into its credential and checked as the upload checks it
 * (`draftDocument`), nothing stored. Codes as `startCohort`: `ERR_CSV_INVALID`, `ERR_VALIDATION`,
 * `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_NOT_ALLOWED`.
 */
export function previewCohort(
  deps: Pick<IssuerDeps, 'now' | 'config'>,
  org: Organisation,
  request: CohortRequest,
): CohortPreview {
  checkCohortContent(org, request, deps.now());
  const { separator, columns, rows } = readCohortCsv(request.csv);
  const template = { type: request.type, template: request.credential, txCode: false };
  const previewed = rows.slice(0, PREVIEW_ROWS).map((row, i): PreviewRow => {
    const cells = columns.map((column) => row[column] ?? '');
    const built = rowRequest(template, row);
    if (Array.isArray(built)) return { line: i + 2, cells, issues: built };
    try {
      draftDocument(deps, org, built, {
        id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
        listNo: 1,
        index: 0,
      });
      return { line: i + 2, cells, issues: [] };
    } catch (error) {
      if (!isSkillsPassportError(error)) throw error;
      const issues =
        error.issues.length > 0
          ? [...error.issues]
          : [{ pointer: '', rule: error.code, message: error.message }];
      return { line: i + 2, cells, issues };
    }
  });
  return { separator, columns, total: rows.length, rows: previewed };
}
