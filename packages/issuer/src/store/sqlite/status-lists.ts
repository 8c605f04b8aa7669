import type { Queries } from '@skills-passport/service-kit';
import type {
  PublishedStatusList,
  StatusListFormat,
  StatusListStore,
  StatusPurpose,
  StoredStatusList,
} from '../../ports.js';
import { type ListBitsRow, PURPOSES, toStoredList } from '../rows/status-lists.js';

/** Bit `index`: bit 0 is the most significant bit of the first byte (Bitstring Status List 1.0). */
function writeBit(bits: Uint8Array, index: number, value: boolean): void {
  const mask = 0x80 >> (index & 7);
  const byte = index >> 3;
  bits[byte] = value ? (bits[byte] ?? 0) | mask : (bits[byte] ?? 0) & ~mask;
}

export class SqliteStatusLists implements StatusListStore {
  constructor(private readonly q: Queries) {}

  async currentList(orgSlug: string): Promise<{ listNo: number; used: number } | undefined> {
    const row = await this.q.get<{ list_no: number; used: number }>(
      'SELECT list_no, used FROM status_list_usage WHERE org_slug = ? ORDER BY list_no DESC LIMIT 1',
      [orgSlug],
    );
    return row === undefined ? undefined : { listNo: row.list_no, used: row.used };
  }

  async openList(orgSlug: string, listNo: number, length: number): Promise<void> {
    const empty = Buffer.alloc(length / 8);
    for (const purpose of PURPOSES) {
      await this.q.run(
        'INSERT OR IGNORE INTO status_lists (org_slug, list_no, purpose, bits, version) VALUES (?, ?, ?, ?, 1)',
        [orgSlug, listNo, purpose, empty],
      );
    }
    await this.q.run('INSERT INTO status_list_usage (org_slug, list_no, used) VALUES (?, ?, 0)', [
      orgSlug,
      listNo,
    ]);
  }

  async isIndexTaken(orgSlug: string, listNo: number, index: number): Promise<boolean> {
    const row = await this.q.get(
      'SELECT 1 FROM credentials WHERE org_slug = ? AND list_no = ? AND status_index = ?',
      [orgSlug, listNo, index],
    );
    return row !== undefined;
  }

  async countUse(orgSlug: string, listNo: number): Promise<void> {
    await this.q.run('UPDATE status_list_usage SET used = used + 1 WHERE org_slug = ? AND list_no = ?', [
      orgSlug,
      listNo,
    ]);
  }

  async setBit(
    orgSlug: string,
    listNo: number,
    purpose: StatusPurpose,
    index: number,
    value: boolean,
  ): Promise<void> {
    const row = await this.q.get<{ bits: Buffer }>(
      'SELECT bits FROM status_lists WHERE org_slug = ? AND list_no = ? AND purpose = ?',
      [orgSlug, listNo, purpose],
    );
    if (row === undefined) throw new Error(`status list ${orgSlug}/${purpose}-${listNo} is missing`);
    const bits = new Uint8Array(row.bits);
    writeBit(bits, index, value);
    await this.q.run(
      'UPDATE status_lists SET bits = ?, version = version + 1 WHERE org_slug = ? AND list_no = ? AND purpose = ?',
      [Buffer.from(bits), orgSlug, listNo, purpose],
    );
  }

  async find(orgSlug: string, listNo: number): Promise<StoredStatusList | undefined> {
    const rows = await this.q.all<ListBitsRow>(
      'SELECT purpose, bits, version FROM status_lists WHERE org_slug = ? AND list_no = ?',
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
      'SELECT version, document FROM status_list_publications WHERE org_slug = ? AND list_no = ? AND format = ?',
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
       SELECT ?, ?, ?, ?, ? WHERE ? = (SELECT SUM(version) FROM status_lists WHERE org_slug = ? AND list_no = ?)
       ON CONFLICT (org_slug, list_no, format) DO UPDATE SET version = excluded.version, document = excluded.document
       WHERE excluded.version >= status_list_publications.version`,
      [orgSlug, listNo, format, published.version, published.document, published.version, orgSlug, listNo],
    );
  }
}
