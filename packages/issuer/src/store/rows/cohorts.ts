import type { CohortProgress, CohortRecord } from '../../ports.js';

export type CohortRow = {
  id: string;
  org_slug: string;
  type: string;
  created_by: string;
  created_at: string;
  state: string;
  template: string;
  rows: string;
  total: number;
  processed: number;
  valid: number;
  invalid: number;
  report: string;
};

export const toProgress = (
  row: Pick<CohortRow, 'processed' | 'valid' | 'invalid' | 'report'>,
): CohortProgress => ({
  processed: row.processed,
  valid: row.valid,
  invalid: row.invalid,
  report: row.report,
});

export const toCohort = (row: CohortRow): CohortRecord => ({
  id: row.id,
  orgSlug: row.org_slug,
  type: row.type,
  createdBy: row.created_by,
  createdAt: row.created_at,
  state: row.state as CohortRecord['state'],
  template: row.template,
  rows: row.rows,
  total: row.total,
  progress: toProgress(row),
});

// The table keeps its first name, `batches`.
