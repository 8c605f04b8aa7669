import { SkillsPassportError } from '@skills-passport/core';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';
import { getCredential, newOffer, type IssueResult } from './issue-credential.js';
import { sendOfferMailLater } from './offer-mail.js';
import { transactionCode } from './offers.js';

/**
 * Offers a credential again without a new assessment: for a delivery that failed or was
 * deleted, a wallet that was lost, or an offer that expired. Any earlier offer still open is
 * withdrawn; the new one has a PIN when asked (by default when the last one had). Whoever redeems
 * it gets the same credential (same content and status entry) bound to their own key, so a
 * revocation or suspension reaches every copy. Codes: `ERR_NOT_FOUND`, `ERR_INVALID_STATE` (revoked).
 */
export async function offerAgain(
  deps: IssuerDeps,
  orgSlug: string,
  id: string,
  options: { txCode?: boolean },
  actor: Actor,
): Promise<IssueResult> {
  const now = deps.now();
  const previous = await getCredential(deps, orgSlug, id);
  const txCodeRequired = options.txCode ?? previous.offer?.txCodeRequired ?? false;
  const offer = await deps.store.transaction(async (tx) => {
    const credential = await tx.credentials.lock(id);
    if (credential === undefined || credential.orgSlug !== orgSlug)
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
    if (credential.status === 'revoked')
      throw new SkillsPassportError('ERR_INVALID_STATE', 'A revoked credential cannot be offered again.');
    await tx.offers.withdraw(id, now.getTime());
    const created = newOffer(deps, credential, txCodeRequired, now);
    await tx.offers.insert(created);
    await recordAudit(tx, actor, 'offer.renew', id, now, { txCode: txCodeRequired });
    return created;
  });
  const credential = await getCredential(deps, orgSlug, id);
  sendOfferMailLater(deps, credential);
  return {
    credential,
    ...(offer.txCodeRequired ? { txCode: transactionCode(deps.config, offer.id) } : {}),
  };
}
