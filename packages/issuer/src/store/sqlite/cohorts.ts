import type { Queries, SqlValue } from '@skills-passport/service-kit';
import type { CohortProgress, CohortRecord, CohortStore } from '../../ports.js';

type CohortRow = Record<string, SqlValue> & {
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

const toProgress = (row: Pick<CohortRow, 'processed' | 'valid' | 'invalid' | 'report'>): CohortProgress => ({
  processed: row.processed,
  valid: row.valid,
  invalid: row.invalid,
  report: row.report,
});

const toCohort = (row: CohortRow): CohortRecord => ({
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
export class SqliteCohorts implements CohortStore {
  constructor(private readonly q: Queries) {}

  async insert(c: Omit<CohortRecord, 'state' | 'progress'>): Promise<void> {
    await this.q.run(
      `INSERT INTO batches (id, org_slug, type, created_by, created_at, state, template, rows, total)
       VALUES (?, ?, ?, ?, ?, 'processing', ?, ?, ?)`,
      [c.id, c.orgSlug, c.type, c.createdBy, c.createdAt, c.template, c.rows, c.total],
    );
  }

  async find(orgSlug: string, id: string): Promise<CohortRecord | undefined> {
    const row = await this.q.get<CohortRow>('SELECT * FROM batches WHERE id = ? AND org_slug = ?', [
      id,
      orgSlug,
    ]);
    return row === undefined ? undefined : toCohort(row);
  }

  async load(id: string): Promise<CohortRecord | undefined> {
    const row = await this.q.get<CohortRow>('SELECT * FROM batches WHERE id = ?', [id]);
    return row === undefined ? undefined : toCohort(row);
  }

  async lockProgress(id: string): Promise<CohortProgress | undefined> {
    const row = await this.q.get<CohortRow>(
      'SELECT processed, valid, invalid, report FROM batches WHERE id = ?',
      [id],
    );
    return row === undefined ? undefined : toProgress(row);
  }

  async saveProgress(id: string, progress: CohortProgress, done: boolean): Promise<void> {
    await this.q.run(
      'UPDATE batches SET processed = ?, valid = ?, invalid = ?, report = ?, state = ? WHERE id = ?',
      [
        progress.processed,
        progress.valid,
        progress.invalid,
        progress.report,
        done ? 'done' : 'processing',
        id,
      ],
    );
  }

  async unfinished(): Promise<string[]> {
    return (await this.q.all<{ id: string }>("SELECT id FROM batches WHERE state = 'processing'")).map(
      (r) => r.id,
    );
  }
}
