import type { IssuerStores } from '../ports.js';
import type { Actor } from './deps.js';

/**
 * Records one write in the audit log, in the caller's transaction: who, what, on which target,
 * when and from where. `details` must not hold personal data (no learner names, contacts or
 * credential content).
 */
export async function recordAudit(
  stores: IssuerStores,
  actor: Actor,
  action: string,
  target: string | null,
  at: Date,
  details?: Record<string, string | number | boolean | null>,
): Promise<void> {
  await stores.audit.record({
    at: at.toISOString(),
    actor: `${actor.kind}:${actor.id}`,
    orgSlug: actor.orgSlug ?? null,
    action,
    target,
    ip: actor.ip ?? null,
    details: details === undefined ? null : JSON.stringify(details),
  });
}
