import type { CredentialTypeName } from '@skills-passport/core';
import { mapped, type PgQueries } from '@skills-passport/service-kit';
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

type Row = OfferRow<boolean>;

export class PgOffers implements OfferStore {
  constructor(private readonly q: PgQueries) {}

  async insert(offer: OfferRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO offers (id, credential_id, org_slug, code_hash, tx_code_required, failed_tx_attempts, created_at,
         expires_at, redeemed_at, withdrawn_at, claim_hash, opened_at, mail_state, mail_at, mail_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        offer.id,
        offer.credentialId,
        offer.orgSlug,
        offer.codeHash,
        offer.txCodeRequired,
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
    const row = await this.q.get<OfferTypeRow<boolean>>(`${OFFER_WITH_TYPE} WHERE o.id = $1`, [id]);
    return mapped(row, toTypedOffer);
  }

  // FOR UPDATE: a second redemption of the same code, on any instance, waits here until the first
  // commits, and then reads the offer as the first left it (redeemed, or a PIN attempt counted).
  async lockByCode(orgSlug: string, codeHash: string): Promise<OfferRecord | undefined> {
    const row = await this.q.get<Row>(
      'SELECT * FROM offers WHERE code_hash = $1 AND org_slug = $2 FOR UPDATE',
      [codeHash, orgSlug],
    );
    return mapped(row, toOffer);
  }

  // One statement that counts and answers, so two wrong PINs at once are both counted.
  async recordFailedPin(id: string, now: number, maxAttempts: number): Promise<number> {
    const row = await this.q.get<{ failed_tx_attempts: number }>(
      `UPDATE offers SET failed_tx_attempts = failed_tx_attempts + 1,
         expires_at = CASE WHEN failed_tx_attempts + 1 >= $1 THEN LEAST(expires_at, $2) ELSE expires_at END
       WHERE id = $3 RETURNING failed_tx_attempts`,
      [maxAttempts, now, id],
    );
    return row?.failed_tx_attempts ?? 0;
  }

  async redeem(id: string, at: number): Promise<boolean> {
    const changes = await this.q.run(
      'UPDATE offers SET redeemed_at = $1 WHERE id = $2 AND redeemed_at IS NULL',
      [at, id],
    );
    return changes === 1;
  }

  async withdraw(credentialId: string, at: number): Promise<void> {
    // Only an offer still open is withdrawn: one that had expired stays expired, so the wallet of
    // someone who opens it late is told what happened first.
    await this.q.run(
      `UPDATE offers SET expires_at = $1, withdrawn_at = $2
         WHERE credential_id = $3 AND redeemed_at IS NULL AND expires_at > $4`,
      [at, at, credentialId, at],
    );
  }

  async findByClaim(claimHash: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined> {
    const row = await this.q.get<OfferTypeRow<boolean>>(`${OFFER_WITH_TYPE} WHERE o.claim_hash = $1`, [
      claimHash,
    ]);
    return mapped(row, toTypedOffer);
  }

  async markOpened(id: string, at: number): Promise<void> {
    await this.q.run('UPDATE offers SET opened_at = $1 WHERE id = $2 AND opened_at IS NULL', [at, id]);
  }

  async setMail(id: string, mail: OfferMailStatus): Promise<void> {
    await this.q.run('UPDATE offers SET mail_state = $1, mail_at = $2, mail_reason = $3 WHERE id = $4', [
      mail.state,
      mail.at,
      mail.reason,
      id,
    ]);
  }

  async pendingMails(now: number): Promise<string[]> {
    const rows = await this.q.all<{ id: string }>(
      `SELECT id FROM offers WHERE mail_state = 'pending' AND redeemed_at IS NULL AND expires_at > $1
        ORDER BY created_at`,
      [now],
    );
    return rows.map((r) => r.id);
  }
}

export class PgAccessTokens implements AccessTokenStore {
  constructor(private readonly q: PgQueries) {}

  async insert(tokenHash: string, offerId: string, expiresAt: number): Promise<void> {
    await this.q.run('INSERT INTO access_tokens (token_hash, offer_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      offerId,
      expiresAt,
    ]);
  }

  async grant(orgSlug: string, tokenHash: string): Promise<AccessGrant | undefined> {
    const row = await this.q.get<AccessGrantRow>(
      `${GRANT_SELECT} WHERE t.token_hash = $1 AND o.org_slug = $2`,
      [tokenHash, orgSlug],
    );
    return mapped(row, toGrant);
  }

  async sweep(before: number): Promise<void> {
    await this.q.run('DELETE FROM access_tokens WHERE expires_at < $1', [before]);
  }
}
