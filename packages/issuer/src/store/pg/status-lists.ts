import type { PgQueries } from '@skills-passport/service-kit';
import type {
  PublishedStatusList,
  StatusListFormat,
  StatusListStore,
  StatusPurpose,
  StoredStatusList,
} from '../../ports.js';
import { type ListBitsRow, PURPOSES, toStoredList } from '../rows/status-lists.js';

/**
 * PostgreSQL's number of bit `index`. Bitstring Status List 1.0 counts bit 0 as the most
 * significant bit of the first byte; PostgreSQL's `set_bit` counts from the least significant.
 */
const pgBitNumber = (index: number): number => (index & ~7) + (7 - (index & 7));

export class PgStatusLists implements StatusListStore {
  constructor(private readonly q: PgQueries) {}

  // Inside a transaction, the organisation's allocation is held until it ends (SQLite holds it by
  // serialising writers): a second instance allocating for the same organisation waits on this
  // lock, and its next statement then sees what the first committed (a new list, a taken index).
  async currentList(orgSlug: string): Promise<{ listNo: number; used: number } | undefined> {
    await this.q.run("SELECT pg_advisory_xact_lock(hashtext('skills-passport:status-list:' || $1))", [
      orgSlug,
    ]);
    const row = await this.q.get<{ list_no: number; used: number }>(
      'SELECT list_no, used FROM status_list_usage WHERE org_slug = $1 ORDER BY list_no DESC LIMIT 1',
      [orgSlug],
    );
    return row === undefined ? undefined : { listNo: row.list_no, used: row.used };
  }

  async openList(orgSlug: string, listNo: number, length: number): Promise<void> {
    const empty = Buffer.alloc(length / 8);
    for (const purpose of PURPOSES) {
      await this.q.run(
        'INSERT INTO status_lists (org_slug, list_no, purpose, bits, version) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING',
        [orgSlug, listNo, purpose, empty],
      );
    }
    await this.q.run('INSERT INTO status_list_usage (org_slug, list_no, used) VALUES ($1, $2, 0)', [
      orgSlug,
      listNo,
    ]);
  }

  async isIndexTaken(orgSlug: string, listNo: number, index: number): Promise<boolean> {
    const row = await this.q.get(
      'SELECT 1 FROM credentials WHERE org_slug = $1 AND list_no = $2 AND status_index = $3',
      [orgSlug, listNo, index],
    );
    return row !== undefined;
  }

  async countUse(orgSlug: string, listNo: number): Promise<void> {
    await this.q.run('UPDATE status_list_usage SET used = used + 1 WHERE org_slug = $1 AND list_no = $2', [
      orgSlug,
      listNo,
    ]);
  }

  // One statement: the bit is flipped in the database under the row's lock, so two changes of the
  // same list at once, on any instances, both land (a read-modify-write here would lose one).
  async setBit(
    orgSlug: string,
    listNo: number,
    purpose: StatusPurpose,
    index: number,
    value: boolean,
  ): Promise<void> {
    const changed = await this.q.run(
      `UPDATE status_lists SET bits = set_bit(bits, $1, $2), version = version + 1
        WHERE org_slug = $3 AND list_no = $4 AND purpose = $5`,
      [pgBitNumber(index), value ? 1 : 0, orgSlug, listNo, purpose],
    );
    if (changed === 0) throw new Error(`status list ${orgSlug}/${purpose}-${listNo} is missing`);
  }

  async find(orgSlug: string, listNo: number): Promise<StoredStatusList | undefined> {
    const rows = await this.q.all<ListBitsRow>(
      'SELECT purpose, bits, version FROM status_lists WHERE org_slug = $1 AND list_no = $2',
      [orgSlug, listNo],
    );
    return toStoredList(rows);
  }

  async published(
    orgSlug: string,
    listNo: number,
    format: StatusListFormat,
  ): Promise<PublishedStatusList | undefined> {
    return this.q.get<{ version: number; document: string }>(
      'SELECT version, document FROM status_list_publications WHERE org_slug = $1 AND list_no = $2 AND format = $3',
      [orgSlug, listNo, format],
    );
  }

  async savePublished(
    orgSlug: string,
    listNo: number,
    format: StatusListFormat,
    published: PublishedStatusList,
  ): Promise<void> {
    await this.q.run(
      `INSERT INTO status_list_publications (org_slug, list_no, format, version, document)
       SELECT $1::text, $2::integer, $3::text, $4::bigint, $5::text WHERE $6::bigint = (SELECT SUM(version) FROM status_lists WHERE org_slug = $7 AND list_no = $8)
       ON CONFLICT (org_slug, list_no, format) DO UPDATE SET version = excluded.version, document = excluded.document
       WHERE excluded.version >= status_list_publications.version`,
      [orgSlug, listNo, format, published.version, published.document, published.version, orgSlug, listNo],
    );
  }
}
