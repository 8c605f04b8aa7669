import type { CatalogueModuleRecord, CatalogueModuleStatus } from '../../ports.js';

export type ModuleRow = {
  org_slug: string;
  id: string;
  status: string;
  content: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export const toModule = (row: ModuleRow): CatalogueModuleRecord => ({
  orgSlug: row.org_slug,
  id: row.id,
  status: row.status as CatalogueModuleStatus,
  content: row.content,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** Training providers' module catalogues, in `catalogue_modules`. */
