import type { PgQueries } from '@skills-passport/service-kit';
import { numbered } from './placeholders.js';
import type { AuditEntry, AuditLog, IdempotencyStore, IdempotentOutcome } from '../../ports.js';

export class PgAuditLog implements AuditLog {
  constructor(private readonly q: PgQueries) {}

  async record(e: AuditEntry): Promise<void> {
    await this.q.run(
      'INSERT INTO audit_log (at, actor, org_slug, action, target, ip, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.at, e.actor, e.orgSlug, e.action, e.target, e.ip, e.details],
    );
  }

  async list(options: { orgSlug?: string; limit: number }): Promise<(AuditEntry & { id: number })[]> {
    const rows = await this.q.all<{
      id: number;
      at: string;
      actor: string;
      org_slug: string | null;
      action: string;
      target: string | null;
      ip: string | null;
      details: string | null;
    }>(
      numbered(
        `SELECT * FROM audit_log ${options.orgSlug === undefined ? '' : 'WHERE org_slug = ?'} ORDER BY id DESC LIMIT ?`,
      ),
      options.orgSlug === undefined ? [options.limit] : [options.orgSlug, options.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      orgSlug: r.org_slug,
      action: r.action,
      target: r.target,
      ip: r.ip,
      details: r.details,
    }));
  }
}

export class PgIdempotency implements IdempotencyStore {
  constructor(private readonly q: PgQueries) {}

  async find(orgSlug: string, key: string): Promise<IdempotentOutcome | undefined> {
    const row = await this.q.get<{ request_hash: string; outcome: string; result: string }>(
      'SELECT request_hash, outcome, result FROM idempotency_keys WHERE org_slug = $1 AND key = $2',
      [orgSlug, key],
    );
    return row === undefined
      ? undefined
      : { requestHash: row.request_hash, outcome: row.outcome, result: row.result };
  }

  async save(orgSlug: string, key: string, outcome: IdempotentOutcome, at: string): Promise<void> {
    await this.q.run(
      'INSERT INTO idempotency_keys (org_slug, key, request_hash, outcome, result, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [orgSlug, key, outcome.requestHash, outcome.outcome, outcome.result, at],
    );
  }
}
