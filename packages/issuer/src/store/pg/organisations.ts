import { mapped, type PgQueries } from '@skills-passport/service-kit';
import type { Organisation, OrganisationStore, PublishedKey } from '../../ports.js';
import {
  type KeyRow,
  type OrgRow,
  keyParameters,
  toOrganisation,
  toPublishedKey,
} from '../rows/organisations.js';

export class PgOrganisations implements OrganisationStore {
  constructor(private readonly q: PgQueries) {}

  async find(slug: string): Promise<Organisation | undefined> {
    const row = await this.q.get<OrgRow>('SELECT * FROM organisations WHERE slug = $1', [slug]);
    return mapped(row, toOrganisation);
  }

  async list(): Promise<Organisation[]> {
    return (await this.q.all<OrgRow>('SELECT * FROM organisations ORDER BY created_at, slug')).map(
      toOrganisation,
    );
  }

  async insert(org: Organisation, firstKey: PublishedKey): Promise<void> {
    await this.q.run(
      'INSERT INTO organisations (slug, name, kind, did, url, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [org.slug, org.name, org.kind, org.did, org.url, org.createdAt],
    );
    await this.addKey(org.slug, firstKey);
  }

  async keys(slug: string): Promise<PublishedKey[]> {
    const rows = await this.q.all<KeyRow>(
      'SELECT fragment, key_type, kid, public_key_hex, created_at FROM org_keys WHERE org_slug = $1 ORDER BY created_at, seq',
      [slug],
    );
    return rows.map(toPublishedKey);
  }

  async addKey(slug: string, key: PublishedKey): Promise<void> {
    await this.q.run(INSERT_KEY, keyParameters(slug, key));
  }

  async addKeyIfAbsent(slug: string, key: PublishedKey): Promise<boolean> {
    // Of two instances adding the same fragment at once, the second waits on the first's row and
    // then does nothing.
    const changes = await this.q.run(
      `${INSERT_KEY} ON CONFLICT (org_slug, fragment) DO NOTHING`,
      keyParameters(slug, key),
    );
    return changes === 1;
  }
}

const INSERT_KEY =
  'INSERT INTO org_keys (org_slug, fragment, key_type, kid, public_key_hex, created_at) VALUES ($1, $2, $3, $4, $5, $6)';
