import type { CredentialTypeName } from '@skills-passport/core';
import type { PgQueries, PgValue } from '@skills-passport/service-kit';
import type {
  CredentialFilter,
  CredentialRecord,
  CredentialState,
  CredentialStore,
  CredentialWithOffer,
  NotificationEvent,
} from '../../ports.js';
import { mailOf } from './offers.js';
import { numbered } from './placeholders.js';

type CredentialRow = Record<string, PgValue> & {
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

type CredentialOfferRow = CredentialRow & {
  offer_id: string | null;
  offer_expires_at: number | null;
  offer_redeemed_at: number | null;
  offer_tx_code: boolean | null;
  offer_delivered: string | null;
  offer_event: string | null;
  offer_claim_hash: string | null;
  offer_opened_at: number | null;
  mail_state: string | null;
  mail_at: number | null;
  mail_reason: string | null;
};

// The newest offer of each credential, with the configurations delivered under it and the
// wallet's word on them (accepted beats deleted beats failure).
const WITH_OFFER = `SELECT c.*, o.id AS offer_id, o.expires_at AS offer_expires_at,
  o.redeemed_at AS offer_redeemed_at, o.tx_code_required AS offer_tx_code,
  o.claim_hash AS offer_claim_hash, o.opened_at AS offer_opened_at, o.mail_state, o.mail_at, o.mail_reason,
  (SELECT string_agg(d.configuration_id, ' ') FROM deliveries d WHERE d.offer_id = o.id) AS offer_delivered,
  (SELECT d.event FROM deliveries d WHERE d.offer_id = o.id AND d.event IS NOT NULL
    ORDER BY CASE d.event WHEN 'credential_accepted' THEN 0 WHEN 'credential_deleted' THEN 1 ELSE 2 END
    LIMIT 1) AS offer_event
  FROM credentials c LEFT JOIN offers o ON o.id =
    (SELECT id FROM offers WHERE credential_id = c.id ORDER BY created_at DESC, seq DESC LIMIT 1)`;

const toRecord = (row: CredentialRow): CredentialRecord => ({
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

const withOffer = (row: CredentialOfferRow): CredentialWithOffer => ({
  ...toRecord(row),
  offer:
    row.offer_id === null || row.offer_expires_at === null
      ? null
      : {
          id: row.offer_id,
          expiresAt: row.offer_expires_at,
          redeemedAt: row.offer_redeemed_at,
          txCodeRequired: Boolean(row.offer_tx_code),
          claimHash: row.offer_claim_hash,
          openedAt: row.offer_opened_at,
          mail: mailOf(row),
          outcome: {
            delivered: row.offer_delivered === null ? [] : row.offer_delivered.split(' ').sort(),
            event: row.offer_event as NotificationEvent | null,
          },
        },
});

export class PgCredentials implements CredentialStore {
  constructor(private readonly q: PgQueries) {}

  async insert(c: CredentialRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO credentials (id, org_slug, type, learner_name, learner_contact, document, status, list_no,
         status_index, holder_did, created_by, created_at, issued_at, revoked_at, revocation_reason, suspended_at,
         batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
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
      ],
    );
  }

  async find(orgSlug: string, id: string): Promise<CredentialWithOffer | undefined> {
    const row = await this.q.get<CredentialOfferRow>(`${WITH_OFFER} WHERE c.id = $1 AND c.org_slug = $2`, [
      id,
      orgSlug,
    ]);
    return row === undefined ? undefined : withOffer(row);
  }

  async list(filter: CredentialFilter): Promise<CredentialWithOffer[]> {
    const where = ['c.org_slug = ?'];
    const params: PgValue[] = [filter.orgSlug];
    if (filter.learner !== undefined) {
      // ILIKE: case-insensitive, as SQLite's LIKE is.
      where.push("(c.learner_name ILIKE ? ESCAPE '\\' OR c.learner_contact ILIKE ? ESCAPE '\\')");
      const pattern = `%${filter.learner.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      params.push(pattern, pattern);
    }
    for (const [column, value] of [
      ['c.type = ?', filter.type],
      ['c.status = ?', filter.status],
      ['c.batch_id = ?', filter.batchId],
      ['c.created_at >= ?', filter.createdFrom],
      ['c.created_at < ?', filter.createdBefore],
    ] as const) {
      if (value === undefined) continue;
      where.push(column);
      params.push(value);
    }
    if (filter.after !== undefined) {
      where.push('(c.created_at < ? OR (c.created_at = ? AND c.id < ?))');
      params.push(filter.after.createdAt, filter.after.createdAt, filter.after.id);
    }
    const rows = await this.q.all<CredentialOfferRow>(
      numbered(`${WITH_OFFER} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`),
      [...params, filter.limit],
    );
    return rows.map(withOffer);
  }

  // FOR UPDATE: another instance changing the same credential waits until this transaction ends.
  async lock(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.q.get<CredentialRow>('SELECT * FROM credentials WHERE id = $1 FOR UPDATE', [id]);
    return row === undefined ? undefined : toRecord(row);
  }

  async markIssued(
    id: string,
    change: { holderDid: string; issuedAt: string; document: string },
  ): Promise<void> {
    // A credential offered anew keeps its suspension; only a first hand-over changes the status.
    await this.q.run(
      `UPDATE credentials SET status = CASE status WHEN 'offered' THEN 'issued' ELSE status END,
         holder_did = $1, issued_at = $2, document = $3 WHERE id = $4`,
      [change.holderDid, change.issuedAt, change.document, id],
    );
  }

  async markRevoked(id: string, at: string, reason: string): Promise<void> {
    await this.q.run(
      "UPDATE credentials SET status = 'revoked', revoked_at = $1, revocation_reason = $2 WHERE id = $3",
      [at, reason, id],
    );
  }

  async markSuspended(id: string, at: string | null): Promise<void> {
    await this.q.run('UPDATE credentials SET status = $1, suspended_at = $2 WHERE id = $3', [
      at === null ? 'issued' : 'suspended',
      at,
      id,
    ]);
  }
}
