import type { CredentialTypeName } from '@skills-passport/core';
import type { IssuerConfig } from '../config.js';
import { offerLink } from './offers.js';

export type CredentialState = 'offered' | 'issued' | 'revoked' | 'suspended';

/** What the issuance API tells staff about one credential. */
export interface CredentialView {
  id: string;
  type: CredentialTypeName;
  title: string;
  status: CredentialState;
  learner: { name: string; contact: string | null };
  holderDid: string | null;
  createdAt: string;
  createdBy: string;
  issuedAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  suspendedAt: string | null;
  batchId: string | null;
  offer: {
    uri: string;
    offerUrl: string;
    expiresAt: string;
    state: 'open' | 'redeemed' | 'expired';
    txCodeRequired: boolean;
  } | null;
}

/** The joined row the views are built from. */
export type CredentialRow = Record<string, string | number | null> & {
  id: string;
  type: string;
  document: string;
  status: string;
  learner_name: string;
  learner_contact: string | null;
  holder_did: string | null;
  created_at: string;
  created_by: string;
  issued_at: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  suspended_at: string | null;
  batch_id: string | null;
  list_no: number;
  status_index: number;
  org_slug: string;
  offer_id: string | null;
  offer_expires_at: number | null;
  offer_redeemed_at: number | null;
  offer_tx_code: number | null;
};

export const CREDENTIAL_SELECT = `SELECT c.*, o.id AS offer_id, o.expires_at AS offer_expires_at,
  o.redeemed_at AS offer_redeemed_at, o.tx_code_required AS offer_tx_code
  FROM credentials c LEFT JOIN offers o ON o.credential_id = c.id`;

export function toView(row: CredentialRow, config: IssuerConfig, now: Date): CredentialView {
  const title = (JSON.parse(row.document) as { name?: string }).name ?? row.type;
  let offer: CredentialView['offer'] = null;
  if (row.offer_id !== null && row.offer_expires_at !== null) {
    const state =
      row.offer_redeemed_at !== null
        ? 'redeemed'
        : row.offer_expires_at <= now.getTime()
          ? 'expired'
          : 'open';
    offer = {
      ...offerLink(config.publicUrl, row.offer_id),
      expiresAt: new Date(row.offer_expires_at).toISOString(),
      state,
      txCodeRequired: Boolean(row.offer_tx_code),
    };
  }
  return {
    id: row.id,
    type: row.type as CredentialTypeName,
    title,
    status: row.status as CredentialState,
    learner: { name: row.learner_name, contact: row.learner_contact },
    holderDid: row.holder_did,
    createdAt: row.created_at,
    createdBy: row.created_by,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    suspendedAt: row.suspended_at,
    batchId: row.batch_id,
    offer,
  };
}
