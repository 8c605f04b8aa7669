import { mapped, type PgQueries } from '@skills-passport/service-kit';
import type { CohortProgress, CohortRecord, CohortStore } from '../../ports.js';
import { type CohortRow, toProgress, toCohort } from '../rows/cohorts.js';

export class PgCohorts implements CohortStore {
  constructor(private readonly q: PgQueries) {}

  async insert(c: Omit<CohortRecord, 'state' | 'progress'>): Promise<void> {
    await this.q.run(
      `INSERT INTO batches (id, org_slug, type, created_by, created_at, state, template, rows, total)
       VALUES ($1, $2, $3, $4, $5, 'processing', $6, $7, $8)`,
      [c.id, c.orgSlug, c.type, c.createdBy, c.createdAt, c.template, c.rows, c.total],
    );
  }

  async find(orgSlug: string, id: string): Promise<CohortRecord | undefined> {
    const row = await this.q.get<CohortRow>('SELECT * FROM batches WHERE id = $1 AND org_slug = $2', [
      id,
      orgSlug,
    ]);
    return mapped(row, toCohort);
  }

  async load(id: string): Promise<CohortRecord | undefined> {
    const row = await this.q.get<CohortRow>('SELECT * FROM batches WHERE id = $1', [id]);
    return mapped(row, toCohort);
  }

  async lockProgress(id: string): Promise<CohortProgress | undefined> {
    const row = await this.q.get<CohortRow>(
      // FOR UPDATE: one instance at a time moves a cohort's progress on.
      'SELECT processed, valid, invalid, report FROM batches WHERE id = $1 FOR UPDATE',
      [id],
    );
    return mapped(row, toProgress);
  }

  async saveProgress(id: string, progress: CohortProgress, done: boolean): Promise<void> {
    await this.q.run(
      'UPDATE batches SET processed = $1, valid = $2, invalid = $3, report = $4, state = $5 WHERE id = $6',
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
    // SKIP LOCKED: a cohort another claimer is taking, or whose chunk is being written, is passed
    // over rather than waited for; FOR UPDATE re-checks the lease on the newest committed row, so
    // of two claimers at once one gets it and the other sees it leased.
    const row = await this.q.get<{ id: string }>(
      id === undefined
        ? `UPDATE batches SET lease_owner = $1, lease_until = $2 WHERE id = (
             SELECT id FROM batches
              WHERE state = 'processing' AND (lease_until IS NULL OR lease_until <= $3)
              ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING id`
        : `UPDATE batches SET lease_owner = $1, lease_until = $2 WHERE id = (
             SELECT id FROM batches
              WHERE id = $4 AND state = 'processing'
                AND (lease_until IS NULL OR lease_until <= $3 OR lease_owner = $1)
              FOR UPDATE SKIP LOCKED)
           RETURNING id`,
      id === undefined ? [owner, until, now] : [owner, until, now, id],
    );
    return row?.id;
  }

  async renewLease(id: string, owner: string, until: number): Promise<boolean> {
    const changed = await this.q.run(
      "UPDATE batches SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'processing'",
      [until, id, owner],
    );
    return changed === 1;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.q.run(
      'UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2',
      [id, owner],
    );
  }
}
