import { mapped, type Queries } from '@skills-passport/service-kit';
import type { AuditEntry, AuditLog, IdempotencyStore, IdempotentOutcome } from '../../ports.js';
import { type AuditRow, auditListSql, type IdempotencyRow, toAuditEntry, toOutcome } from '../rows/audit.js';

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly q: Queries) {}

  async record(e: AuditEntry): Promise<void> {
    await this.q.run(
      'INSERT INTO audit_log (at, actor, org_slug, action, target, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [e.at, e.actor, e.orgSlug, e.action, e.target, e.ip, e.details],
    );
  }

  async list(options: { orgSlug?: string; limit: number }): Promise<(AuditEntry & { id: number })[]> {
    const rows = await this.q.all<AuditRow>(
      auditListSql(options.orgSlug !== undefined),
      options.orgSlug === undefined ? [options.limit] : [options.orgSlug, options.limit],
    );
    return rows.map(toAuditEntry);
  }
}

export class SqliteIdempotency implements IdempotencyStore {
  constructor(private readonly q: Queries) {}

  async find(orgSlug: string, key: string): Promise<IdempotentOutcome | undefined> {
    const row = await this.q.get<IdempotencyRow>(
      'SELECT request_hash, outcome, result FROM idempotency_keys WHERE org_slug = ? AND key = ?',
      [orgSlug, key],
    );
    return mapped(row, toOutcome);
  }

  async save(orgSlug: string, key: string, outcome: IdempotentOutcome, at: string): Promise<void> {
    await this.q.run(
      'INSERT INTO idempotency_keys (org_slug, key, request_hash, outcome, result, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [orgSlug, key, outcome.requestHash, outcome.outcome, outcome.result, at],
    );
  }
}
