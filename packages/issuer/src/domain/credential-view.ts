import { parseConfigurationId } from './issuer-metadata.js';
import type { CredentialFormat, CredentialTypeName } from '@skills-passport/core';
import type { IssuerConfig } from '../config.js';
import type { CredentialState, CredentialWithOffer } from '../ports.js';
import { claimUrl, offerLink } from './offers.js';

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
    /** The learner's claim page (`<issuer>/claim/<id>`); null for offers made before claim pages. */
    claimUrl: string | null;
    /** When the learner first opened the claim page. */
    openedAt: string | null;
    /** The offer e-mail; null when the learner has no e-mail address. */
    mail: { state: 'pending' | 'sent' | 'failed'; at: string; reason: string | null } | null;
    /**
     * How far the offer got to the learner, in one word for the assessor: `claimed` (the wallet
     * collected the credential), `opened` (the claim page was visited), `sent` (the mail server or
     * the outbox took the mail), `failed` (it could not be sent: send it again), `sending`, or
     * `not_sent` (no e-mail address: hand the offer over yourself).
     */
    handover: OfferHandover;
  } | null;
}

export type OfferHandover = 'claimed' | 'opened' | 'sent' | 'failed' | 'sending' | 'not_sent';

function handoverOf(offer: NonNullable<CredentialWithOffer['offer']>): OfferHandover {
  if (offer.redeemedAt !== null || offer.outcome.delivered.length > 0) return 'claimed';
  if (offer.openedAt !== null) return 'opened';
  if (offer.mail === null) return 'not_sent';
  return offer.mail.state === 'pending' ? 'sending' : offer.mail.state;
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
            claimUrl: offer.claimHash === null ? null : claimUrl(config, offer.id),
            openedAt: offer.openedAt === null ? null : new Date(offer.openedAt).toISOString(),
            mail: offer.mail === null ? null : { ...offer.mail, at: new Date(offer.mail.at).toISOString() },
            handover: handoverOf(offer),
          },
  };
}
