import { parseConfigurationId } from './issuer-metadata.js';
import type { CredentialFormat, CredentialTypeName } from '@skills-passport/core';
import type { IssuerConfig } from '../config.js';
import type { CredentialState, CredentialWithOffer } from '../ports.js';
import { offerLink } from './offers.js';

export type { CredentialState } from '../ports.js';

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
    /**
     * What became of it: `waiting` (nothing delivered), `delivered` (the wallet said nothing),
     * or the wallet's report: `accepted`, `failed`, `deleted` (OpenID4VCI §11).
     */
    delivery: 'waiting' | 'delivered' | 'accepted' | 'failed' | 'deleted';
    /** The envelopes handed over under this offer. */
    formats: CredentialFormat[];
  } | null;
}

const DELIVERY_OF_EVENT = {
  credential_accepted: 'accepted',
  credential_failure: 'failed',
  credential_deleted: 'deleted',
} as const;

/** What staff see of a stored credential and its offer, at `now`. */
export function toView(record: CredentialWithOffer, config: IssuerConfig, now: Date): CredentialView {
  const title = (JSON.parse(record.document) as { name?: string }).name ?? record.type;
  const { offer } = record;
  return {
    id: record.id,
    type: record.type,
    title,
    status: record.status,
    learner: { name: record.learnerName, contact: record.learnerContact },
    holderDid: record.holderDid,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    issuedAt: record.issuedAt,
    revokedAt: record.revokedAt,
    revocationReason: record.revocationReason,
    suspendedAt: record.suspendedAt,
    batchId: record.batchId,
    offer:
      offer === null
        ? null
        : {
            ...offerLink(config.publicUrl, offer.id),
            expiresAt: new Date(offer.expiresAt).toISOString(),
            state:
              offer.redeemedAt !== null ? 'redeemed' : offer.expiresAt <= now.getTime() ? 'expired' : 'open',
            txCodeRequired: offer.txCodeRequired,
            delivery:
              offer.outcome.event !== null
                ? DELIVERY_OF_EVENT[offer.outcome.event]
                : offer.outcome.delivered.length > 0
                  ? 'delivered'
                  : 'waiting',
            formats: offer.outcome.delivered.flatMap((id) => parseConfigurationId(id)?.format ?? []),
          },
  };
}
