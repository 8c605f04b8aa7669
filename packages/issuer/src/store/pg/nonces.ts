import type { PgQueries } from '@skills-passport/service-kit';
import type { NonceStore } from '../../ports.js';

export class PgNonces implements NonceStore {
  constructor(private readonly q: PgQueries) {}

  async insert(nonce: string, orgSlug: string, expiresAt: number): Promise<void> {
    await this.q.run('INSERT INTO nonces (nonce, org_slug, expires_at) VALUES ($1, $2, $3)', [
      nonce,
      orgSlug,
      expiresAt,
    ]);
  }

  // One conditional UPDATE: PostgreSQL locks the row, and a second use waiting on that lock
  // re-checks `used_at` once the first commits, so of two racing uses exactly one changes it.
  async consume(nonce: string, orgSlug: string, now: number): Promise<boolean> {
    const changes = await this.q.run(
      'UPDATE nonces SET used_at = $1 WHERE nonce = $2 AND org_slug = $3 AND used_at IS NULL AND expires_at > $4',
      [now, nonce, orgSlug, now],
    );
    return changes === 1;
  }

  async sweep(before: number): Promise<void> {
    await this.q.run('DELETE FROM nonces WHERE expires_at < $1', [before]);
  }
}
