import type { AuditEntry, IdempotentOutcome } from '../../ports.js';

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  org_slug: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: string | null;
};

export const toAuditEntry = (r: AuditRow): AuditEntry & { id: number } => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  orgSlug: r.org_slug,
  action: r.action,
  target: r.target,
  ip: r.ip,
  details: r.details,
});

/** The audit log, newest first, of one organisation or all; `?` placeholders (PostgreSQL numbers them). */
export const auditListSql = (byOrg: boolean): string =>
  `SELECT * FROM audit_log ${byOrg ? 'WHERE org_slug = ?' : ''} ORDER BY id DESC LIMIT ?`;

export type IdempotencyRow = { request_hash: string; outcome: string; result: string };

export const toOutcome = (row: IdempotencyRow): IdempotentOutcome => ({
  requestHash: row.request_hash,
  outcome: row.outcome,
  result: row.result,
});
