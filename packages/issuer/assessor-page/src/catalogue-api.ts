// The catalogue part of the staff API (training providers): what it answers and the calls.
import type { Lang } from '@skills-passport/core';
import { call, type Reply } from './api.js';

export type ModuleMode = 'online' | 'classroom' | 'blended' | 'workplace';
export const MODULE_MODES: readonly ModuleMode[] = ['online', 'classroom', 'blended', 'workplace'];

/** An ESCO skill of a learning outcome. */
export interface ModuleSkill {
  targetUrl: string;
  targetName: string;
}

/** What the page sends to add or change a module. */
export interface ModuleInput {
  name: string;
  description: string;
  criteria: { narrative: string };
  inLanguage: Lang;
  learningOutcomes: { description: string; alignment: ModuleSkill[] }[];
  qualificationLevel: { eqf?: number; nlqf?: string };
  studyLoad: { hours: number | string; ects?: number | string };
  offering: {
    mode: ModuleMode;
    region?: string;
    startDates: string[];
    price?: { amount: number | string; currency: 'EUR' };
    endsInMicroCredential: boolean;
  };
}

/** A published module: the Open Badges Achievement (id = its public URL) with its offering. */
export interface CatalogueModule extends Omit<ModuleInput, 'studyLoad' | 'offering' | 'learningOutcomes'> {
  id: string;
  type: ['Achievement'];
  achievementType: 'MicroCredential' | 'Course';
  learningOutcomes: { description: string; alignment: (ModuleSkill & Record<string, unknown>)[] }[];
  alignment: (ModuleSkill & Record<string, unknown>)[];
  studyLoad: { hours: number; ects?: number };
  offering: {
    mode: ModuleMode;
    region?: string;
    startDates: string[];
    price?: { amount: number; currency: 'EUR' };
    endsInMicroCredential: boolean;
  };
}

/** A module as staff see it. */
export interface CatalogueItem {
  moduleId: string;
  status: 'published' | 'withdrawn';
  createdAt: string;
  updatedAt: string;
  version: number;
  module: CatalogueModule;
}

const at = (id: string): string => encodeURIComponent(id);

/** GET /api/catalogue: all the organisation's modules, withdrawn ones too, page by page. */
export async function listOwnModules(): Promise<Reply<{ total: number; items: CatalogueItem[] }>> {
  const items: CatalogueItem[] = [];
  for (let page = 1; ; page += 1) {
    const reply = await call<{ total: number; items: CatalogueItem[] }>(
      'GET',
      `/api/catalogue?perPage=200&page=${page}`,
      [200],
    );
    if (!reply.ok) return reply;
    items.push(...reply.value.items);
    if (reply.value.items.length === 0 || items.length >= reply.value.total)
      return { ok: true, value: { total: reply.value.total, items } };
  }
}

/** POST /api/catalogue/modules */
export const addModule = (body: ModuleInput) =>
  call<CatalogueItem>('POST', '/api/catalogue/modules', [201], body);

/** Only while the module is at the version the page read (else 412: someone changed it meanwhile). */
const ifAt = (version: number) => ({ 'if-match': `"v${version}"` });

/** PUT /api/catalogue/modules/:id */
export const changeModule = (item: CatalogueItem, body: ModuleInput) =>
  call<CatalogueItem>(
    'PUT',
    `/api/catalogue/modules/${at(item.moduleId)}`,
    [200],
    body,
    undefined,
    ifAt(item.version),
  );

/** DELETE /api/catalogue/modules/:id (withdraw) or POST .../publish (publish again). */
export const setModuleStatus = (item: CatalogueItem, status: 'withdrawn' | 'published') =>
  status === 'withdrawn'
    ? call<CatalogueItem>(
        'DELETE',
        `/api/catalogue/modules/${at(item.moduleId)}`,
        [200],
        undefined,
        undefined,
        ifAt(item.version),
      )
    : call<CatalogueItem>(
        'POST',
        `/api/catalogue/modules/${at(item.moduleId)}/publish`,
        [200],
        undefined,
        undefined,
        ifAt(item.version),
      );
