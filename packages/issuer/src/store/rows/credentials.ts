import type { CredentialTypeName } from '@skills-passport/core';
import { isSet, type Flag, type RowValues } from '@skills-passport/service-kit';
import type {
  CredentialRecord,
  CredentialState,
  CredentialWithOffer,
  NotificationEvent,
} from '../../ports.js';
import { mailOf } from './offers.js';

export type CredentialRow = {
  id: string;
  org_slug: string;
  type: string;
  learner_name: string;
  learner_contact: string | null;
  document: string;
  status: string;
  list_no: number;
  status_index: number;
  holder_did: string | null;
  created_by: string;
  created_at: string;
  issued_at: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  suspended_at: string | null;
  batch_id: string | null;
};

/** A credential with its newest offer's columns (see `withOfferSelect`). */
export type CredentialOfferRow<F extends Flag = Flag> = CredentialRow & {
  offer_id: string | null;
  offer_expires_at: number | null;
  offer_redeemed_at: number | null;
  offer_tx_code: F | null;
  offer_delivered: string | null;
  offer_event: string | null;
  offer_claim_hash: string | null;
  offer_opened_at: number | null;
  mail_state: string | null;
  mail_at: number | null;
  mail_reason: string | null;
};

/** How each dialect joins strings and breaks ties between offers created in the same millisecond. */
export type WithOfferDialect = {
  /** Space-separated list of `d.configuration_id` over the subquery's rows. */
  joinConfigurations: string;
  /** The insertion-order column of `offers`. */
  offerOrder: string;
};

/**
 * The newest offer of each credential, with the configurations delivered under it and the
 * wallet's word on them (accepted beats deleted beats failure).
 */
export const withOfferSelect = ({ joinConfigurations, offerOrder }: WithOfferDialect): string =>
  `SELECT c.*, o.id AS offer_id, o.expires_at AS offer_expires_at,
  o.redeemed_at AS offer_redeemed_at, o.tx_code_required AS offer_tx_code,
  o.claim_hash AS offer_claim_hash, o.opened_at AS offer_opened_at, o.mail_state, o.mail_at, o.mail_reason,
  (SELECT ${joinConfigurations} FROM deliveries d WHERE d.offer_id = o.id) AS offer_delivered,
  (SELECT d.event FROM deliveries d WHERE d.offer_id = o.id AND d.event IS NOT NULL
    ORDER BY CASE d.event WHEN 'credential_accepted' THEN 0 WHEN 'credential_deleted' THEN 1 ELSE 2 END
    LIMIT 1) AS offer_event
  FROM credentials c LEFT JOIN offers o ON o.id =
    (SELECT id FROM offers WHERE credential_id = c.id ORDER BY created_at DESC, ${offerOrder} DESC LIMIT 1)`;

export const toCredential = (row: CredentialRow): CredentialRecord => ({
  id: row.id,
  orgSlug: row.org_slug,
  type: row.type as CredentialTypeName,
  learnerName: row.learner_name,
  learnerContact: row.learner_contact,
  document: row.document,
  status: row.status as CredentialState,
  listNo: row.list_no,
  statusIndex: row.status_index,
  holderDid: row.holder_did,
  createdBy: row.created_by,
  createdAt: row.created_at,
  issuedAt: row.issued_at,
  revokedAt: row.revoked_at,
  revocationReason: row.revocation_reason,
  suspendedAt: row.suspended_at,
  batchId: row.batch_id,
});

export const toCredentialWithOffer = (row: CredentialOfferRow): CredentialWithOffer => ({
  ...toCredential(row),
  offer:
    row.offer_id === null || row.offer_expires_at === null
      ? null
      : {
          id: row.offer_id,
          expiresAt: row.offer_expires_at,
          redeemedAt: row.offer_redeemed_at,
          txCodeRequired: row.offer_tx_code !== null && isSet(row.offer_tx_code),
          claimHash: row.offer_claim_hash,
          openedAt: row.offer_opened_at,
          mail: mailOf(row),
          outcome: {
            delivered: row.offer_delivered === null ? [] : row.offer_delivered.split(' ').sort(),
            event: row.offer_event as NotificationEvent | null,
          },
        },
});

/** The parameters of a credentials insert, in its column order. */
export const credentialParameters = (c: CredentialRecord): RowValues => [
  c.id,
  c.orgSlug,
  c.type,
  c.learnerName,
  c.learnerContact,
  c.document,
  c.status,
  c.listNo,
  c.statusIndex,
  c.holderDid,
  c.createdBy,
  c.createdAt,
  c.issuedAt,
  c.revokedAt,
  c.revocationReason,
  c.suspendedAt,
  c.batchId,
];
