import type { CredentialTypeName } from '@skills-passport/core';
import type { Queries, SqlValue } from '@skills-passport/service-kit';
import type { AccessGrant, AccessTokenStore, OfferRecord, OfferStore } from '../../ports.js';

type OfferRow = Record<string, SqlValue> & {
  id: string;
  credential_id: string;
  org_slug: string;
  code_hash: string;
  tx_code_required: number;
  failed_tx_attempts: number;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  withdrawn_at: number | null;
};

const toOffer = (row: OfferRow): OfferRecord => ({
  id: row.id,
  credentialId: row.credential_id,
  orgSlug: row.org_slug,
  codeHash: row.code_hash,
  txCodeRequired: row.tx_code_required === 1,
  failedTxAttempts: row.failed_tx_attempts,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  redeemedAt: row.redeemed_at,
  withdrawnAt: row.withdrawn_at,
});

export class SqliteOffers implements OfferStore {
  constructor(private readonly q: Queries) {}

  async insert(offer: OfferRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO offers (id, credential_id, org_slug, code_hash, tx_code_required, failed_tx_attempts, created_at,
         expires_at, redeemed_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        offer.id,
        offer.credentialId,
        offer.orgSlug,
        offer.codeHash,
        offer.txCodeRequired ? 1 : 0,
        offer.failedTxAttempts,
        offer.createdAt,
        offer.expiresAt,
        offer.redeemedAt,
        offer.withdrawnAt,
      ],
    );
  }

  async find(id: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined> {
    const row = await this.q.get<OfferRow & { type: string }>(
      'SELECT o.*, c.type FROM offers o JOIN credentials c ON c.id = o.credential_id WHERE o.id = ?',
      [id],
    );
    return row === undefined ? undefined : { ...toOffer(row), type: row.type as CredentialTypeName };
  }

  async lockByCode(orgSlug: string, codeHash: string): Promise<OfferRecord | undefined> {
    const row = await this.q.get<OfferRow>('SELECT * FROM offers WHERE code_hash = ? AND org_slug = ?', [
      codeHash,
      orgSlug,
    ]);
    return row === undefined ? undefined : toOffer(row);
  }

  async recordFailedPin(id: string, now: number, maxAttempts: number): Promise<number> {
    await this.q.run(
      `UPDATE offers SET failed_tx_attempts = failed_tx_attempts + 1,
         expires_at = CASE WHEN failed_tx_attempts + 1 >= ? THEN MIN(expires_at, ?) ELSE expires_at END
       WHERE id = ?`,
      [maxAttempts, now, id],
    );
    const row = await this.q.get<{ failed_tx_attempts: number }>(
      'SELECT failed_tx_attempts FROM offers WHERE id = ?',
      [id],
    );
    return row?.failed_tx_attempts ?? 0;
  }

  async redeem(id: string, at: number): Promise<boolean> {
    const { changes } = await this.q.run(
      'UPDATE offers SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL',
      [at, id],
    );
    return changes === 1;
  }

  async withdraw(credentialId: string, at: number): Promise<void> {
    // Only an offer still open is withdrawn: one that had expired stays expired, so the wallet of
    // someone who opens it late is told what happened first.
    await this.q.run(
      `UPDATE offers SET expires_at = ?, withdrawn_at = ?
         WHERE credential_id = ? AND redeemed_at IS NULL AND expires_at > ?`,
      [at, at, credentialId, at],
    );
  }
}

export class SqliteAccessTokens implements AccessTokenStore {
  constructor(private readonly q: Queries) {}

  async insert(tokenHash: string, offerId: string, expiresAt: number): Promise<void> {
    await this.q.run('INSERT INTO access_tokens (token_hash, offer_id, expires_at) VALUES (?, ?, ?)', [
      tokenHash,
      offerId,
      expiresAt,
    ]);
  }

  async grant(orgSlug: string, tokenHash: string): Promise<AccessGrant | undefined> {
    const row = await this.q.get<{
      offer_id: string;
      expires_at: number;
      credential_id: string;
      type: string;
    }>(
      `SELECT t.offer_id, t.expires_at, o.credential_id, c.type FROM access_tokens t
         JOIN offers o ON o.id = t.offer_id JOIN credentials c ON c.id = o.credential_id
        WHERE t.token_hash = ? AND o.org_slug = ?`,
      [tokenHash, orgSlug],
    );
    return row === undefined
      ? undefined
      : {
          offerId: row.offer_id,
          credentialId: row.credential_id,
          type: row.type as CredentialTypeName,
          expiresAt: row.expires_at,
        };
  }

  async sweep(before: number): Promise<void> {
    await this.q.run('DELETE FROM access_tokens WHERE expires_at < ?', [before]);
  }
}
