import type { CredentialTypeName } from '@skills-passport/core';
import { mapped, type Queries } from '@skills-passport/service-kit';
import type { AccessGrant, AccessTokenStore, OfferMailStatus, OfferRecord, OfferStore } from '../../ports.js';
import {
  GRANT_SELECT,
  OFFER_WITH_TYPE,
  type AccessGrantRow,
  type OfferRow,
  type OfferTypeRow,
  toGrant,
  toOffer,
  toTypedOffer,
} from '../rows/offers.js';

type Row = OfferRow<number>;

export class SqliteOffers implements OfferStore {
  constructor(private readonly q: Queries) {}

  async insert(offer: OfferRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO offers (id, credential_id, org_slug, code_hash, tx_code_required, failed_tx_attempts, created_at,
         expires_at, redeemed_at, withdrawn_at, claim_hash, opened_at, mail_state, mail_at, mail_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        offer.claimHash,
        offer.openedAt,
        offer.mail?.state ?? null,
        offer.mail?.at ?? null,
        offer.mail?.reason ?? null,
      ],
    );
  }

  async find(id: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined> {
    const row = await this.q.get<OfferTypeRow<number>>(`${OFFER_WITH_TYPE} WHERE o.id = ?`, [id]);
    return mapped(row, toTypedOffer);
  }

  async lockByCode(orgSlug: string, codeHash: string): Promise<OfferRecord | undefined> {
    const row = await this.q.get<Row>('SELECT * FROM offers WHERE code_hash = ? AND org_slug = ?', [
      codeHash,
      orgSlug,
    ]);
    return mapped(row, toOffer);
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

  async findByClaim(claimHash: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined> {
    const row = await this.q.get<OfferTypeRow<number>>(`${OFFER_WITH_TYPE} WHERE o.claim_hash = ?`, [
      claimHash,
    ]);
    return mapped(row, toTypedOffer);
  }

  async markOpened(id: string, at: number): Promise<void> {
    await this.q.run('UPDATE offers SET opened_at = ? WHERE id = ? AND opened_at IS NULL', [at, id]);
  }

  async setMail(id: string, mail: OfferMailStatus): Promise<void> {
    await this.q.run('UPDATE offers SET mail_state = ?, mail_at = ?, mail_reason = ? WHERE id = ?', [
      mail.state,
      mail.at,
      mail.reason,
      id,
    ]);
  }

  async pendingMails(now: number): Promise<string[]> {
    const rows = await this.q.all<{ id: string }>(
      `SELECT id FROM offers WHERE mail_state = 'pending' AND redeemed_at IS NULL AND expires_at > ?
        ORDER BY created_at`,
      [now],
    );
    return rows.map((r) => r.id);
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
    const row = await this.q.get<AccessGrantRow>(
      `${GRANT_SELECT} WHERE t.token_hash = ? AND o.org_slug = ?`,
      [tokenHash, orgSlug],
    );
    return mapped(row, toGrant);
  }

  async sweep(before: number): Promise<void> {
    await this.q.run('DELETE FROM access_tokens WHERE expires_at < ?', [before]);
  }
}
