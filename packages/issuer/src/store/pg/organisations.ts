import type { PgQueries } from '@skills-passport/service-kit';
import type { Organisation, OrganisationStore, OrgKeyType, OrgKind, PublishedKey } from '../../ports.js';

interface OrgRow extends Record<string, string | null> {
  slug: string;
  name: string;
  kind: string;
  did: string;
  url: string | null;
  created_at: string;
}

const toOrganisation = (row: OrgRow): Organisation => ({
  slug: row.slug,
  name: row.name,
  kind: row.kind as OrgKind,
  did: row.did,
  url: row.url,
  createdAt: row.created_at,
});

export class PgOrganisations implements OrganisationStore {
  constructor(private readonly q: PgQueries) {}

  async find(slug: string): Promise<Organisation | undefined> {
    const row = await this.q.get<OrgRow>('SELECT * FROM organisations WHERE slug = $1', [slug]);
    return row === undefined ? undefined : toOrganisation(row);
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
    const rows = await this.q.all<Record<string, string>>(
      'SELECT fragment, key_type, kid, public_key_hex, created_at FROM org_keys WHERE org_slug = $1 ORDER BY created_at, seq',
      [slug],
    );
    return rows.map((r) => ({
      fragment: r.fragment!,
      type: r.key_type as OrgKeyType,
      kid: r.kid!,
      publicKeyHex: r.public_key_hex!,
      createdAt: r.created_at!,
    }));
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

const keyParameters = (slug: string, key: PublishedKey) => [
  slug,
  key.fragment,
  key.type,
  key.kid,
  key.publicKeyHex,
  key.createdAt,
];
