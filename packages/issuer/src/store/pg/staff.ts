import { mapped, type PgQueries } from '@skills-passport/service-kit';
import type { ApiKeyInfo, StaffMember, StaffStore, StoredApiKey } from '../../ports.js';

import { type StaffRow, toMember } from '../rows/staff.js';

/** The channel on which a revoked API key's id is announced to every instance. */
export const API_KEY_REVOCATIONS = 'skills_passport_api_key_revoked';

export class PgStaff implements StaffStore {
  constructor(private readonly q: PgQueries) {}

  async insertMember(member: StaffMember): Promise<void> {
    await this.q.run('INSERT INTO staff (id, org_slug, name, role, created_at) VALUES ($1, $2, $3, $4, $5)', [
      member.id,
      member.orgSlug,
      member.name,
      member.role,
      member.createdAt,
    ]);
  }

  async member(orgSlug: string, id: string): Promise<StaffMember | undefined> {
    const row = await this.q.get<StaffRow>('SELECT * FROM staff WHERE id = $1 AND org_slug = $2', [
      id,
      orgSlug,
    ]);
    return mapped(row, toMember);
  }

  async members(orgSlug: string): Promise<StaffMember[]> {
    const rows = await this.q.all<StaffRow>('SELECT * FROM staff WHERE org_slug = $1 ORDER BY created_at', [
      orgSlug,
    ]);
    return rows.map(toMember);
  }

  async insertApiKey(key: ApiKeyInfo, secretHash: string): Promise<void> {
    await this.q.run(
      'INSERT INTO api_keys (id, staff_id, secret_hash, label, created_at) VALUES ($1, $2, $3, $4, $5)',
      [key.id, key.staffId, secretHash, key.label, key.createdAt],
    );
  }

  async apiKeys(staffId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.q.all<Record<string, string | null>>(
      'SELECT id, staff_id, label, created_at, revoked_at FROM api_keys WHERE staff_id = $1 ORDER BY created_at',
      [staffId],
    );
    return rows.map((r) => ({
      id: r.id!,
      staffId: r.staff_id!,
      label: r.label ?? null,
      createdAt: r.created_at!,
      revokedAt: r.revoked_at ?? null,
    }));
  }

  async apiKey(id: string): Promise<StoredApiKey | undefined> {
    const row = await this.q.get<StaffRow & { secret_hash: string; revoked_at: string | null }>(
      `SELECT k.secret_hash, k.revoked_at, s.id, s.org_slug, s.name, s.role, s.created_at
         FROM api_keys k JOIN staff s ON s.id = k.staff_id WHERE k.id = $1`,
      [id],
    );
    return row === undefined
      ? undefined
      : { secretHash: row.secret_hash, revokedAt: row.revoked_at, staff: toMember(row) };
  }

  async revokeApiKey(orgSlug: string, keyId: string, at: string): Promise<boolean> {
    // One statement revokes and notifies every instance (see API_KEY_REVOCATIONS); inside the
    // caller's transaction, the notification goes out when, and only if, it commits.
    const changes = await this.q.run(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL
            AND staff_id IN (SELECT id FROM staff WHERE org_slug = $3)
         RETURNING id)
       SELECT pg_notify($4, id) FROM revoked`,
      [at, keyId, orgSlug, API_KEY_REVOCATIONS],
    );
    return changes === 1;
  }
}
