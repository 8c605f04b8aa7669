import { randomUUID } from 'node:crypto';
import { SkillsPassportError } from '@skills-passport/core';
import type { CatalogueModuleRecord, CatalogueModuleStatus, Organisation } from '../ports.js';
import { recordAudit } from './audit.js';
import {
  buildCatalogueModule,
  parseModuleInput,
  type CatalogueModule,
  type ModuleInput,
  type SkillLookup,
} from './catalogue-module.js';
import type { Actor, IssuerDeps } from './deps.js';

// Training providers' module catalogues: published for anyone (wallets suggest modules from them),
// kept by the provider's staff. Only training providers have a catalogue.

/** A module id: lower-case letters, digits and hyphens (a UUID, or a chosen name in the demo). */
const MODULE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A page of a list: the `page`-th (from 1) run of `perPage` entries. */
export interface Paging {
  page: number;
  perPage: number;
}

/** The page size when a query names none, and the largest it may name. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

/** The provider as a catalogue names it. */
export interface CatalogueProvider {
  id: string;
  name: string;
  url?: string;
}

/** A module as its provider's staff see it: the published form and its state. */
export interface StaffModuleView {
  moduleId: string;
  status: CatalogueModuleStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
  module: CatalogueModule;
}

/** The public URL of a provider's catalogue. */
export function catalogueUrl(publicUrl: URL, slug: string): string {
  return new URL(`/api/catalogues/${encodeURIComponent(slug)}`, publicUrl).href;
}

/** The public URL of one module: the id of its Achievement, and of every credential's achievement for it. */
export function moduleUrl(publicUrl: URL, slug: string, moduleId: string): string {
  return `${catalogueUrl(publicUrl, slug)}/modules/${moduleId}`;
}

/**
 * Page and page size from a query (`page`, `perPage`; text as a URL gives them).
 * Code: `ERR_VALIDATION` (page a whole number from 1, perPage from 1 to 200).
 */
export function parsePaging(query: { page?: unknown; perPage?: unknown }): Paging {
  const read = (value: unknown, fallback: number, max: number): number | undefined => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !/^[1-9]\d{0,8}$/.test(value)) return undefined;
    const n = Number(value);
    return n <= max ? n : undefined;
  };
  const page = read(query.page, 1, 1_000_000);
  const perPage = read(query.perPage, DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const issues = [
    ...(page === undefined
      ? [{ pointer: '/page', rule: 'range', message: 'page is a whole number from 1.' }]
      : []),
    ...(perPage === undefined
      ? [
          {
            pointer: '/perPage',
            rule: 'range',
            message: `perPage is a whole number from 1 to ${MAX_PER_PAGE}.`,
          },
        ]
      : []),
  ];
  if (page === undefined || perPage === undefined)
    throw new SkillsPassportError('ERR_VALIDATION', 'The paging is not valid.', { issues });
  return { page, perPage };
}

function providerOf(org: Organisation): CatalogueProvider {
  return { id: org.did, name: org.name, ...(org.url === null ? {} : { url: org.url }) };
}

function moduleOf(deps: IssuerDeps, record: CatalogueModuleRecord): CatalogueModule {
  return buildCatalogueModule(
    moduleUrl(deps.config.publicUrl, record.orgSlug, record.id),
    JSON.parse(record.content) as ModuleInput,
  );
}

function staffView(deps: IssuerDeps, record: CatalogueModuleRecord): StaffModuleView {
  return {
    moduleId: record.id,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
    module: moduleOf(deps, record),
  };
}

/** The training provider behind a public catalogue URL. Code: `ERR_NOT_FOUND` (unknown, or not a training provider). */
async function publicProvider(deps: IssuerDeps, slug: string): Promise<Organisation> {
  const org = await deps.store.organisations.find(slug);
  if (org?.kind !== 'training-provider') throw new SkillsPassportError('ERR_NOT_FOUND', 'No such catalogue.');
  return org;
}

/** Staff of a training provider only. Code: `ERR_FORBIDDEN`. */
function assertCatalogueKeeper(org: Organisation): void {
  if (org.kind !== 'training-provider')
    throw new SkillsPassportError('ERR_FORBIDDEN', 'Only training providers keep a module catalogue.');
}

/** The training providers that publish at least one module, with where to read each catalogue. */
export async function listCatalogues(deps: IssuerDeps): Promise<{
  catalogues: { provider: CatalogueProvider; url: string; modules: number }[];
}> {
  const catalogues = [];
  for (const { orgSlug, modules } of await deps.store.catalogue.published()) {
    const org = await deps.store.organisations.find(orgSlug);
    if (org?.kind !== 'training-provider') continue;
    catalogues.push({
      provider: providerOf(org),
      url: catalogueUrl(deps.config.publicUrl, org.slug),
      modules,
    });
  }
  return { catalogues };
}

/** One page of a provider's published modules, oldest first. Code: `ERR_NOT_FOUND`. */
export async function getCataloguePage(
  deps: IssuerDeps,
  slug: string,
  paging: Paging,
): Promise<{
  provider: CatalogueProvider;
  page: number;
  perPage: number;
  total: number;
  next?: string;
  modules: CatalogueModule[];
}> {
  const org = await publicProvider(deps, slug);
  const { total, items } = await deps.store.catalogue.list(org.slug, {
    status: 'published',
    offset: (paging.page - 1) * paging.perPage,
    limit: paging.perPage,
  });
  const next =
    paging.page * paging.perPage < total
      ? `${catalogueUrl(deps.config.publicUrl, org.slug)}?page=${paging.page + 1}&perPage=${paging.perPage}`
      : undefined;
  return {
    provider: providerOf(org),
    page: paging.page,
    perPage: paging.perPage,
    total,
    ...(next === undefined ? {} : { next }),
    modules: items.map((record) => moduleOf(deps, record)),
  };
}

/** One published module and its version (for the ETag). Code: `ERR_NOT_FOUND` (also when withdrawn). */
export async function getPublishedModule(
  deps: IssuerDeps,
  slug: string,
  moduleId: string,
): Promise<{ module: CatalogueModule; version: number }> {
  const org = await publicProvider(deps, slug);
  const record = MODULE_ID.test(moduleId) ? await deps.store.catalogue.find(org.slug, moduleId) : undefined;
  if (record?.status !== 'published') throw new SkillsPassportError('ERR_NOT_FOUND', 'No such module.');
  return { module: moduleOf(deps, record), version: record.version };
}

/** The organisation's own modules, withdrawn ones included. Code: `ERR_FORBIDDEN`. */
export async function listOwnModules(
  deps: IssuerDeps,
  org: Organisation,
  paging: Paging,
): Promise<{ page: number; perPage: number; total: number; items: StaffModuleView[] }> {
  assertCatalogueKeeper(org);
  const { total, items } = await deps.store.catalogue.list(org.slug, {
    offset: (paging.page - 1) * paging.perPage,
    limit: paging.perPage,
  });
  return { page: paging.page, perPage: paging.perPage, total, items: items.map((r) => staffView(deps, r)) };
}

/** One of the organisation's own modules. Codes: `ERR_FORBIDDEN`, `ERR_NOT_FOUND`. */
export async function getOwnModule(
  deps: IssuerDeps,
  org: Organisation,
  moduleId: string,
): Promise<StaffModuleView> {
  assertCatalogueKeeper(org);
  const record = MODULE_ID.test(moduleId) ? await deps.store.catalogue.find(org.slug, moduleId) : undefined;
  if (record === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such module.');
  return staffView(deps, record);
}

/**
 * Adds a module to the organisation's catalogue, published at once. `options.id` fixes its id (the
 * demo's readable ones); otherwise it gets a fresh UUID.
 * Codes: `ERR_FORBIDDEN`, `ERR_VALIDATION`, `ERR_CONFLICT` (the id is taken).
 */
export async function addModule(
  deps: IssuerDeps,
  org: Organisation,
  body: unknown,
  actor: Actor,
  options: { skills?: SkillLookup; id?: string } = {},
): Promise<StaffModuleView> {
  assertCatalogueKeeper(org);
  const input = parseModuleInput(body, options.skills);
  const id = options.id ?? randomUUID();
  if (!MODULE_ID.test(id)) throw new TypeError(`Not a module id: ${id}`);
  // Built before storing: what is stored always publishes.
  buildCatalogueModule(moduleUrl(deps.config.publicUrl, org.slug, id), input);
  const at = deps.now().toISOString();
  const record: CatalogueModuleRecord = {
    orgSlug: org.slug,
    id,
    status: 'published',
    content: JSON.stringify(input),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.store.transaction(async (tx) => {
    if ((await tx.catalogue.find(org.slug, id)) !== undefined)
      throw new SkillsPassportError('ERR_CONFLICT', 'The catalogue has a module with this id already.');
    await tx.catalogue.insert(record);
    await recordAudit(tx, actor, 'catalogue_module_added', id, deps.now());
  });
  return staffView(deps, record);
}

/**
 * The version a client read, from its `If-Match` (`"v3"`, as the ETag said); `*` or no header:
 * any version. Another value can match no version. Code: `ERR_PRECONDITION_FAILED`.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"v([1-9]\d{0,9})"\s*$/.exec(header);
  if (match === null)
    throw new SkillsPassportError('ERR_PRECONDITION_FAILED', 'If-Match names no version of this module.');
  return Number(match[1]);
}

async function changeOwn(
  deps: IssuerDeps,
  org: Organisation,
  moduleId: string,
  change: { content?: string; status?: CatalogueModuleStatus; ifVersion?: number },
  action: string,
  actor: Actor,
): Promise<StaffModuleView> {
  const at = deps.now().toISOString();
  const record = MODULE_ID.test(moduleId)
    ? await deps.store.transaction(async (tx) => {
        const changed = await tx.catalogue.update(org.slug, moduleId, { ...change, at });
        if (changed !== undefined) await recordAudit(tx, actor, action, moduleId, deps.now());
        return changed;
      })
    : undefined;
  if (record !== undefined) return staffView(deps, record);
  // Unchanged: no such module, or (with a version) someone changed it since the client read it.
  const current = MODULE_ID.test(moduleId) ? await deps.store.catalogue.find(org.slug, moduleId) : undefined;
  if (current === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such module.');
  throw new SkillsPassportError(
    'ERR_PRECONDITION_FAILED',
    `The module changed since you read it (it is at version ${current.version}); read it again.`,
  );
}

/**
 * Replaces a module's content; its id and status stay. With `ifVersion`, only while the module is
 * at that version. Codes: `ERR_FORBIDDEN`, `ERR_VALIDATION`, `ERR_NOT_FOUND`, `ERR_PRECONDITION_FAILED`.
 */
export async function changeModule(
  deps: IssuerDeps,
  org: Organisation,
  moduleId: string,
  body: unknown,
  actor: Actor,
  options: { skills?: SkillLookup; ifVersion?: number } = {},
): Promise<StaffModuleView> {
  assertCatalogueKeeper(org);
  const input = parseModuleInput(body, options.skills);
  buildCatalogueModule(moduleUrl(deps.config.publicUrl, org.slug, moduleId), input);
  const content = JSON.stringify(input);
  const change = options.ifVersion === undefined ? { content } : { content, ifVersion: options.ifVersion };
  return changeOwn(deps, org, moduleId, change, 'catalogue_module_changed', actor);
}

/**
 * Withdraws a module (`withdrawn`) or publishes it again (`published`), with `ifVersion` only while
 * the module is at that version. A withdrawn module leaves the public catalogue; credentials
 * already naming it keep their achievement.
 * Codes: `ERR_FORBIDDEN`, `ERR_NOT_FOUND`, `ERR_PRECONDITION_FAILED`.
 */
export async function setModuleStatus(
  deps: IssuerDeps,
  org: Organisation,
  moduleId: string,
  status: CatalogueModuleStatus,
  actor: Actor,
  ifVersion?: number,
): Promise<StaffModuleView> {
  assertCatalogueKeeper(org);
  const action = status === 'withdrawn' ? 'catalogue_module_withdrawn' : 'catalogue_module_published';
  const change = ifVersion === undefined ? { status } : { status, ifVersion };
  return changeOwn(deps, org, moduleId, change, action, actor);
}
