import { mapped, type Queries, type SqlValue } from '@skills-passport/service-kit';
import type {
  CredentialFilter,
  CredentialRecord,
  CredentialStore,
  CredentialWithOffer,
} from '../../ports.js';
import {
  type CredentialOfferRow,
  type CredentialRow,
  toCredential,
  toCredentialWithOffer,
  withOfferSelect,
  credentialParameters,
} from '../rows/credentials.js';

type OfferRow = CredentialOfferRow<number>;

const WITH_OFFER = withOfferSelect({
  joinConfigurations: "group_concat(d.configuration_id, ' ')",
  offerOrder: 'rowid',
});

export class SqliteCredentials implements CredentialStore {
  constructor(private readonly q: Queries) {}

  async insert(c: CredentialRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO credentials (id, org_slug, type, learner_name, learner_contact, document, status, list_no,
         status_index, holder_did, created_by, created_at, issued_at, revoked_at, revocation_reason, suspended_at,
         batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      credentialParameters(c),
    );
  }

  async find(orgSlug: string, id: string): Promise<CredentialWithOffer | undefined> {
    const row = await this.q.get<OfferRow>(`${WITH_OFFER} WHERE c.id = ? AND c.org_slug = ?`, [id, orgSlug]);
    return mapped(row, toCredentialWithOffer);
  }

  async list(filter: CredentialFilter): Promise<CredentialWithOffer[]> {
    const where = ['c.org_slug = ?'];
    const params: SqlValue[] = [filter.orgSlug];
    if (filter.learner !== undefined) {
      where.push("(c.learner_name LIKE ? ESCAPE '\\' OR c.learner_contact LIKE ? ESCAPE '\\')");
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
    const rows = await this.q.all<OfferRow>(
      `${WITH_OFFER} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      [...params, filter.limit],
    );
    return rows.map(toCredentialWithOffer);
  }

  // SQLite serialises writers: inside a write transaction, what it reads stays as read until the end.
  async lock(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.q.get<CredentialRow>('SELECT * FROM credentials WHERE id = ?', [id]);
    return mapped(row, toCredential);
  }

  async markIssued(
    id: string,
    change: { holderDid: string; issuedAt: string; document: string },
  ): Promise<void> {
    // A credential offered anew keeps its suspension; only a first hand-over changes the status.
    await this.q.run(
      `UPDATE credentials SET status = CASE status WHEN 'offered' THEN 'issued' ELSE status END,
         holder_did = ?, issued_at = ?, document = ? WHERE id = ?`,
      [change.holderDid, change.issuedAt, change.document, id],
    );
  }

  async markRevoked(id: string, at: string, reason: string): Promise<void> {
    await this.q.run(
      "UPDATE credentials SET status = 'revoked', revoked_at = ?, revocation_reason = ? WHERE id = ?",
      [at, reason, id],
    );
  }

  async markSuspended(id: string, at: string | null): Promise<void> {
    await this.q.run('UPDATE credentials SET status = ?, suspended_at = ? WHERE id = ?', [
      at === null ? 'issued' : 'suspended',
      at,
      id,
    ]);
  }
}
