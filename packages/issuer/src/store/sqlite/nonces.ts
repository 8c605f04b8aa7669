import type { Queries } from '@skills-passport/service-kit';
import type { NonceStore } from '../../ports.js';

export class SqliteNonces implements NonceStore {
  constructor(private readonly q: Queries) {}

  async insert(nonce: string, orgSlug: string, expiresAt: number): Promise<void> {
    await this.q.run('INSERT INTO nonces (nonce, org_slug, expires_at) VALUES (?, ?, ?)', [
      nonce,
      orgSlug,
      expiresAt,
    ]);
  }

  async consume(nonce: string, orgSlug: string, now: number): Promise<boolean> {
    const { changes } = await this.q.run(
      'UPDATE nonces SET used_at = ? WHERE nonce = ? AND org_slug = ? AND used_at IS NULL AND expires_at > ?',
      [now, nonce, orgSlug, now],
    );
    return changes === 1;
  }

  async sweep(before: number): Promise<void> {
    await this.q.run('DELETE FROM nonces WHERE expires_at < ?', [before]);
  }
}
