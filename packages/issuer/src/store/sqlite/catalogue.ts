import { mapped, type Queries, type SqlValue } from '@skills-passport/service-kit';
import type {
  CatalogueModuleRecord,
  CatalogueModuleStatus,
  CatalogueStore,
  PublishedCatalogue,
} from '../../ports.js';
import { type ModuleRow, toModule } from '../rows/catalogue.js';

export class SqliteCatalogue implements CatalogueStore {
  constructor(private readonly q: Queries) {}

  async insert(r: CatalogueModuleRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO catalogue_modules (org_slug, id, status, content, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [r.orgSlug, r.id, r.status, r.content, r.createdAt, r.updatedAt, r.version],
    );
  }

  async find(orgSlug: string, id: string): Promise<CatalogueModuleRecord | undefined> {
    const row = await this.q.get<ModuleRow>('SELECT * FROM catalogue_modules WHERE org_slug = ? AND id = ?', [
      orgSlug,
      id,
    ]);
    return mapped(row, toModule);
  }

  async update(
    orgSlug: string,
    id: string,
    change: { content?: string; status?: CatalogueModuleStatus; at: string; ifVersion?: number },
  ): Promise<CatalogueModuleRecord | undefined> {
    // One statement, so two staff members saving at once each bump the version once.
    const row = await this.q.get<ModuleRow>(
      `UPDATE catalogue_modules
          SET content = COALESCE(?, content), status = COALESCE(?, status), updated_at = ?,
              version = version + 1
        WHERE org_slug = ? AND id = ? AND (? IS NULL OR version = ?)
       RETURNING *`,
      [
        change.content ?? null,
        change.status ?? null,
        change.at,
        orgSlug,
        id,
        change.ifVersion ?? null,
        change.ifVersion ?? null,
      ],
    );
    return mapped(row, toModule);
  }

  async list(
    orgSlug: string,
    options: { status?: CatalogueModuleStatus; offset: number; limit: number },
  ): Promise<{ total: number; items: CatalogueModuleRecord[] }> {
    const where = options.status === undefined ? 'org_slug = ?' : 'org_slug = ? AND status = ?';
    const params: SqlValue[] = options.status === undefined ? [orgSlug] : [orgSlug, options.status];
    const count = await this.q.get<{ total: number }>(
      `SELECT COUNT(*) AS total FROM catalogue_modules WHERE ${where}`,
      params,
    );
    const rows = await this.q.all<ModuleRow>(
      `SELECT * FROM catalogue_modules WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`,
      [...params, options.limit, options.offset],
    );
    return { total: count?.total ?? 0, items: rows.map(toModule) };
  }

  async published(): Promise<PublishedCatalogue[]> {
    const rows = await this.q.all<{ org_slug: string; modules: number }>(
      `SELECT org_slug, COUNT(*) AS modules FROM catalogue_modules
        WHERE status = 'published' GROUP BY org_slug ORDER BY org_slug`,
    );
    return rows.map((r) => ({ orgSlug: r.org_slug, modules: r.modules }));
  }
}
