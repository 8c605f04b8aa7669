// The calls of the adviser tab: advice requests (contract E: /api/intakes), the gap for an
// occupation, the public module catalogues (contract A) and issuing the plan (POST /api/credentials).
import type { Gap } from '@skills-passport/core';
import { call, type Reply } from './api.js';
import type { Issued } from './api-types.js';

// Advice requests are intakes: the same views the Intakes tab reads.
import type { IntakeCredentialView, IntakeDetailView, IntakeSummaryView } from './intake-api.js';

export type IntakeSummary = IntakeSummaryView;
export type SharedCredential = IntakeCredentialView;
export type IntakeDetail = IntakeDetailView;

/** `GET /api/intakes/:id/gap`: core's gap, as JSON. */
export interface IntakeGap {
  occupation: { uri: string; label: { nl?: string; en?: string } };
  gap: Gap;
}

/** A catalogue module: an Open Badges Achievement with our `offering` (contract A). */
export interface CatalogueModule {
  id: string;
  name: string;
  description?: string;
  learningOutcomes: { description: string; alignment: { targetUrl: string; targetName: string }[] }[];
  studyLoad?: { hours?: number; ects?: number };
  offering?: { mode?: string; region?: string; startDates?: string[] };
}

export interface Provider {
  id: string;
  name: string;
}

const at = (id: string): string => encodeURIComponent(id);

/** POST /api/intakes {purpose: "advice", purposeText} */
export const askForPassport = (purposeText: string) =>
  call<{ id: string; requestLink: string; expiresAt: string }>('POST', '/api/intakes', [201], {
    purpose: 'advice',
    purposeText,
  });

/** GET /api/intakes */
export const listIntakes = () => call<{ items: IntakeSummary[] }>('GET', '/api/intakes', [200]);

/** GET /api/intakes/:id */
export const getIntake = (id: string) => call<IntakeDetail>('GET', `/api/intakes/${at(id)}`, [200]);

/** GET /api/intakes/:id/gap?occupation= */
export const intakeGap = (id: string, occupation: string) =>
  call<IntakeGap>(
    'GET',
    `/api/intakes/${at(id)}/gap?${new URLSearchParams({ occupation }).toString()}`,
    [200],
  );

/** POST /api/credentials with a development plan. */
export const issuePlan = (body: {
  type: 'DevelopmentPlanCredential';
  learner: { name: string; email?: string };
  credential: Record<string, unknown>;
  offer: { txCode: boolean };
}): Promise<Reply<Issued>> => call<Issued>('POST', '/api/credentials', [201, 200], body);

/** Reads a public JSON document of this issuer (the catalogues need no key). */
async function publicJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

const MAX_PAGES = 10;

/**
 * Every published module of every catalogue on this issuer, with its provider, following each
 * catalogue's pages (at most ten pages of 200 per provider: more than any adviser reads through).
 */
export async function allModules(): Promise<{ provider: Provider; module: CatalogueModule }[]> {
  const index = await publicJson<{ catalogues: { provider: Provider; url: string }[] }>('/api/catalogues');
  const lists = await Promise.all(
    index.catalogues.map(async ({ provider, url }) => {
      const found: { provider: Provider; module: CatalogueModule }[] = [];
      // Read from this page's own origin (the page's CSP allows no other), whatever host the
      // issuer names itself by.
      const here = (absolute: string): string => {
        const target = new URL(absolute, location.href);
        return `${target.pathname}${target.search}`;
      };
      const first = new URL(url, location.href);
      first.searchParams.set('perPage', '200');
      let next: string | undefined = here(first.href);
      for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
        const body: { modules: CatalogueModule[]; next?: string } = await publicJson(next);
        for (const module of body.modules) found.push({ provider, module });
        next = body.next === undefined ? undefined : here(body.next);
      }
      return found;
    }),
  );
  return lists.flat();
}
