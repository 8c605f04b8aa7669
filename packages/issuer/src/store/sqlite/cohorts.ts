import { mapped, type Queries } from '@skills-passport/service-kit';
import type { CohortProgress, CohortRecord, CohortStore } from '../../ports.js';
import { type CohortRow, toProgress, toCohort } from '../rows/cohorts.js';

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
    return mapped(row, toCohort);
  }

  async load(id: string): Promise<CohortRecord | undefined> {
    const row = await this.q.get<CohortRow>('SELECT * FROM batches WHERE id = ?', [id]);
    return mapped(row, toCohort);
  }

  async lockProgress(id: string): Promise<CohortProgress | undefined> {
    const row = await this.q.get<CohortRow>(
      'SELECT processed, valid, invalid, report FROM batches WHERE id = ?',
      [id],
    );
    return mapped(row, toProgress);
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

  async claim(owner: string, now: number, until: number, id?: string): Promise<string | undefined> {
    // Each attempt is one conditional UPDATE, which SQLite runs alone on the one writer: of two
    // claimers at once, the second finds the lease taken and moves on to the next candidate.
    const candidates =
      id === undefined
        ? (
            await this.q.all<{ id: string }>(
              `SELECT id FROM batches WHERE state = 'processing' AND (lease_until IS NULL OR lease_until <= ?)
               ORDER BY created_at, id LIMIT 20`,
              [now],
            )
          ).map((r) => r.id)
        : [id];
    for (const candidate of candidates) {
      const { changes } = await this.q.run(
        `UPDATE batches SET lease_owner = ?, lease_until = ?
          WHERE id = ? AND state = 'processing'
            AND (lease_until IS NULL OR lease_until <= ?${id === undefined ? '' : ' OR lease_owner = ?'})`,
        id === undefined ? [owner, until, candidate, now] : [owner, until, candidate, now, owner],
      );
      if (changes === 1) return candidate;
    }
    return undefined;
  }

  async renewLease(id: string, owner: string, until: number): Promise<boolean> {
    const { changes } = await this.q.run(
      "UPDATE batches SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'processing'",
      [until, id, owner],
    );
    return changes === 1;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.q.run(
      'UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
      [id, owner],
    );
  }
}
