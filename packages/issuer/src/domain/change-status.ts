import { SkillsPassportError } from '@skills-passport/core';
import type { CredentialState } from '../ports.js';
import { recordAudit } from './audit.js';
import type { CredentialView } from './credential-view.js';
import type { Actor, IssuerDeps } from './deps.js';
import { getCredential } from './issue-credential.js';

export type StatusChange = 'revoke' | 'suspend' | 'unsuspend';

/** The states each change may start from: revocation is final; only a suspended credential is reinstated. */
const ALLOWED_FROM: Readonly<Record<StatusChange, readonly CredentialState[]>> = {
  revoke: ['offered', 'issued', 'suspended'],
  suspend: ['issued'],
  unsuspend: ['suspended'],
};

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
  await deps.store.transaction(async (tx) => {
    const credential = await tx.credentials.lock(id);
    if (credential === undefined || credential.orgSlug !== orgSlug)
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
    if (!ALLOWED_FROM[change].includes(credential.status)) {
      throw new SkillsPassportError(
        'ERR_INVALID_STATE',
        `A credential that is ${credential.status} cannot be ${change === 'unsuspend' ? 'reinstated' : `${change}d`}.`,
      );
    }
    const { listNo, statusIndex } = credential;
    if (change === 'revoke') {
      await tx.credentials.markRevoked(id, now.toISOString(), reason!.trim());
      await tx.statusLists.setBit(orgSlug, listNo, 'revocation', statusIndex, true);
      // An offer nobody redeemed yet must not hand out a revoked credential.
      await tx.offers.withdraw(id, now.getTime());
    } else {
      const suspended = change === 'suspend';
      await tx.credentials.markSuspended(id, suspended ? now.toISOString() : null);
      await tx.statusLists.setBit(orgSlug, listNo, 'suspension', statusIndex, suspended);
    }
    await recordAudit(tx, actor, `credential.${change}`, id, now);
  });
  return getCredential(deps, orgSlug, id);
}
