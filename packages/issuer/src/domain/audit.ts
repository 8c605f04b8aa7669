import type { Queries } from '@skills-passport/service-kit';
import type { Actor } from './deps.js';

/**
 * Records one write in the audit log: who, what, on which target, when and from where. `details`
 * must not hold personal data (no learner names, contacts or credential content).
 */
export async function recordAudit(
  q: Queries,
  actor: Actor,
  action: string,
  target: string | null,
  at: Date,
  details?: Record<string, string | number | boolean | null>,
): Promise<void> {
  await q.run(
    'INSERT INTO audit_log (at, actor, org_slug, action, target, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      at.toISOString(),
      `${actor.kind}:${actor.id}`,
      actor.orgSlug ?? null,
      action,
      target,
      actor.ip ?? null,
      details === undefined ? null : JSON.stringify(details),
    ],
  );
}
