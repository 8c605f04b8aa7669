import type { CredentialTypeName } from '@skills-passport/core';
import { isSet, type Flag } from '@skills-passport/service-kit';
import type { AccessGrant, OfferMailStatus, OfferRecord } from '../../ports.js';

/** An offers row as both adapters read it; `F` is how the database returns a yes/no column. */
export type OfferRow<F extends Flag = Flag> = {
  id: string;
  credential_id: string;
  org_slug: string;
  code_hash: string;
  tx_code_required: F;
  failed_tx_attempts: number;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  withdrawn_at: number | null;
  claim_hash: string | null;
  opened_at: number | null;
  mail_state: string | null;
  mail_at: number | null;
  mail_reason: string | null;
};

/** An offer joined with its credential's type. */
export type OfferTypeRow<F extends Flag = Flag> = OfferRow<F> & { type: string };

/** An access token joined with its offer and credential. */
export type AccessGrantRow = { offer_id: string; expires_at: number; credential_id: string; type: string };

/** The e-mail columns of an offer (also read by the credential list) as its mail status. */
export function mailOf(row: {
  mail_state: string | null;
  mail_at: number | null;
  mail_reason: string | null;
}): OfferMailStatus | null {
  return row.mail_state === null
    ? null
    : {
        state: row.mail_state as OfferMailStatus['state'],
        at: row.mail_at ?? 0,
        reason: row.mail_reason,
      };
}

export const toOffer = (row: OfferRow): OfferRecord => ({
  id: row.id,
  credentialId: row.credential_id,
  orgSlug: row.org_slug,
  codeHash: row.code_hash,
  txCodeRequired: isSet(row.tx_code_required),
  failedTxAttempts: row.failed_tx_attempts,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  redeemedAt: row.redeemed_at,
  withdrawnAt: row.withdrawn_at,
  claimHash: row.claim_hash,
  openedAt: row.opened_at,
  mail: mailOf(row),
});

export const toTypedOffer = (row: OfferTypeRow): OfferRecord & { type: CredentialTypeName } => ({
  ...toOffer(row),
  type: row.type as CredentialTypeName,
});

/** An offer with its credential's type; the caller appends the dialect's `WHERE`. */
export const OFFER_WITH_TYPE =
  'SELECT o.*, c.type FROM offers o JOIN credentials c ON c.id = o.credential_id';

/** An access token with its offer and credential; the caller appends the dialect's `WHERE`. */
export const GRANT_SELECT = `SELECT t.offer_id, t.expires_at, o.credential_id, c.type FROM access_tokens t
  JOIN offers o ON o.id = t.offer_id JOIN credentials c ON c.id = o.credential_id`;

export const toGrant = (row: AccessGrantRow): AccessGrant => ({
  offerId: row.offer_id,
  credentialId: row.credential_id,
  type: row.type as CredentialTypeName,
  expiresAt: row.expires_at,
});
