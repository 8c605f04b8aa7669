import { mapped, type Queries } from '@skills-passport/service-kit';
import type { Organisation, OrganisationStore, PublishedKey } from '../../ports.js';
import {
  type KeyRow,
  type OrgRow,
  keyParameters,
  toOrganisation,
  toPublishedKey,
} from '../rows/organisations.js';

export class SqliteOrganisations implements OrganisationStore {
  constructor(private readonly q: Queries) {}

  async find(slug: string): Promise<Organisation | undefined> {
    const row = await this.q.get<OrgRow>('SELECT * FROM organisations WHERE slug = ?', [slug]);
    return mapped(row, toOrganisation);
  }

  async list(): Promise<Organisation[]> {
    return (await this.q.all<OrgRow>('SELECT * FROM organisations ORDER BY created_at, slug')).map(
      toOrganisation,
    );
  }

  async insert(org: Organisation, firstKey: PublishedKey): Promise<void> {
    await this.q.run(
      'INSERT INTO organisations (slug, name, kind, did, url, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [org.slug, org.name, org.kind, org.did, org.url, org.createdAt],
    );
    await this.addKey(org.slug, firstKey);
  }

  async keys(slug: string): Promise<PublishedKey[]> {
    const rows = await this.q.all<KeyRow>(
      'SELECT fragment, key_type, kid, public_key_hex, created_at FROM org_keys WHERE org_slug = ? ORDER BY created_at, rowid',
      [slug],
    );
    return rows.map(toPublishedKey);
  }

  async addKey(slug: string, key: PublishedKey): Promise<void> {
    await this.q.run(INSERT_KEY, keyParameters(slug, key));
  }

  async addKeyIfAbsent(slug: string, key: PublishedKey): Promise<boolean> {
    const result = await this.q.run(
      `${INSERT_KEY} ON CONFLICT (org_slug, fragment) DO NOTHING`,
      keyParameters(slug, key),
    );
    return result.changes === 1;
  }
}

const INSERT_KEY =
  'INSERT INTO org_keys (org_slug, fragment, key_type, kid, public_key_hex, created_at) VALUES (?, ?, ?, ?, ?, ?)';
