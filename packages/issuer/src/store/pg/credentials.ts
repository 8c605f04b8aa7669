import { mapped, type PgQueries, type PgValue } from '@skills-passport/service-kit';
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
import { numbered } from './placeholders.js';

type OfferRow = CredentialOfferRow<boolean>;

const WITH_OFFER = withOfferSelect({
  joinConfigurations: "string_agg(d.configuration_id, ' ')",
  offerOrder: 'seq',
});

export class PgCredentials implements CredentialStore {
  constructor(private readonly q: PgQueries) {}

  async insert(c: CredentialRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO credentials (id, org_slug, type, learner_name, learner_contact, document, status, list_no,
         status_index, holder_did, created_by, created_at, issued_at, revoked_at, revocation_reason, suspended_at,
         batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      credentialParameters(c),
    );
  }

  async find(orgSlug: string, id: string): Promise<CredentialWithOffer | undefined> {
    const row = await this.q.get<OfferRow>(`${WITH_OFFER} WHERE c.id = $1 AND c.org_slug = $2`, [
      id,
      orgSlug,
    ]);
    return mapped(row, toCredentialWithOffer);
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
    const rows = await this.q.all<OfferRow>(
      numbered(`${WITH_OFFER} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`),
      [...params, filter.limit],
    );
    return rows.map(toCredentialWithOffer);
  }

  // FOR UPDATE: another instance changing the same credential waits until this transaction ends.
  async lock(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.q.get<CredentialRow>('SELECT * FROM credentials WHERE id = $1 FOR UPDATE', [id]);
    return mapped(row, toCredential);
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
