import { SkillsPassportError } from '@skills-passport/core';
import { recordAudit } from './audit.js';
import type { CredentialView } from './credential-view.js';
import type { Actor, IssuerDeps } from './deps.js';
import { getCredential } from './issue-credential.js';
import { setStatusBit } from './status-lists.js';

export type StatusChange = 'revoke' | 'suspend' | 'unsuspend';

/**
 * Revokes, suspends or reinstates a credential. The record and the status list bit change in one
 * transaction, so a published list never disagrees with the record. Revocation is final; only a
 * suspended credential can be reinstated. An offer not yet redeemed is withdrawn by revocation.
 * Codes: `ERR_NOT_FOUND` (also for another organisation's credential), `ERR_INVALID_STATE`, `ERR_VALIDATION`.
 */
export async function changeStatus(
  deps: IssuerDeps,
  orgSlug: string,
  id: string,
  change: StatusChange,
  reason: string | undefined,
  actor: Actor,
): Promise<CredentialView> {
  if (
    change === 'revoke' &&
    (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 500)
  ) {
    throw new SkillsPassportError('ERR_VALIDATION', 'A revocation needs a reason.', {
      issues: [
        {
          pointer: '/reason',
          rule: 'required',
          message: 'Say why the credential is revoked (1 to 500 characters).',
        },
      ],
    });
  }
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const row = await tx.get<{ status: string; list_no: number; status_index: number }>(
      'SELECT status, list_no, status_index FROM credentials WHERE id = ? AND org_slug = ?',
      [id, orgSlug],
    );
    if (row === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
    const allowed: Record<StatusChange, string[]> = {
      revoke: ['offered', 'issued', 'suspended'],
      suspend: ['issued'],
      unsuspend: ['suspended'],
    };
    if (!allowed[change].includes(row.status)) {
      throw new SkillsPassportError(
        'ERR_INVALID_STATE',
        `A credential that is ${row.status} cannot be ${change === 'unsuspend' ? 'reinstated' : `${change}d`}.`,
      );
    }
    if (change === 'revoke') {
      await tx.run('UPDATE credentials SET status = ?, revoked_at = ?, revocation_reason = ? WHERE id = ?', [
        'revoked',
        now.toISOString(),
        reason!.trim(),
        id,
      ]);
      await setStatusBit(tx, orgSlug, row.list_no, 'revocation', row.status_index, true);
      // An offer nobody redeemed yet must not hand out a revoked credential.
      await tx.run(
        'UPDATE offers SET expires_at = MIN(expires_at, ?) WHERE credential_id = ? AND redeemed_at IS NULL',
        [now.getTime(), id],
      );
    } else {
      const suspended = change === 'suspend';
      await tx.run('UPDATE credentials SET status = ?, suspended_at = ? WHERE id = ?', [
        suspended ? 'suspended' : 'issued',
        suspended ? now.toISOString() : null,
        id,
      ]);
      await setStatusBit(tx, orgSlug, row.list_no, 'suspension', row.status_index, suspended);
    }
    await recordAudit(tx, actor, `credential.${change}`, id, now);
  });
  return getCredential(deps, orgSlug, id);
}
