// A stand-in for the catalogue and trust-list routes of contract A and B (issuer's
// GET /api/catalogues/:slug, verifier's GET /api/trust-list) on loopback: paged, CORS open, strong
// ETags with 304 on If-None-Match, as the real services answer. For the wallet's reader tests, its
// Chromium tests where a case needs an answer no real service gives (a provider down, a broken
// page), and the career bench's 1,000 modules.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureSkill {
  uri: string;
  label: string;
}

export interface FixtureModuleOptions {
  skills: FixtureSkill[];
  hours: number;
  name?: string;
  startDates?: string[];
  eqf?: number;
  nlqf?: string;
  mode?: 'online' | 'classroom' | 'blended' | 'workplace';
  region?: string;
  price?: number;
  micro?: boolean;
}

/** A catalogue module exactly as contract A describes it (an OB 3.0 Achievement + offering). */
export function fixtureModule(
  catalogueUrl: string,
  id: string,
  o: FixtureModuleOptions,
): Record<string, unknown> {
  const micro = o.micro ?? true;
  return {
    id: `${catalogueUrl}/modules/${id}`,
    type: ['Achievement'],
    achievementType: micro ? 'MicroCredential' : 'Course',
    name: o.name ?? `Module ${id}`,
    description: `Module ${id}: practice and assessment.`,
    criteria: { narrative: 'A practical assignment assessed by an examiner.' },
    inLanguage: 'nl',
    learningOutcomes: o.skills.map((s) => ({
      description: `The learner can ${s.label}.`,
      alignment: [
        {
          type: ['Alignment'],
          targetUrl: s.uri,
          targetName: s.label,
          targetFramework: 'ESCO',
          targetType: 'ext:ESCOSkill',
        },
      ],
    })),
    qualificationLevel: { eqf: o.eqf ?? 3, nlqf: o.nlqf ?? String(o.eqf ?? 3) },
    studyLoad: { hours: o.hours },
    offering: {
      mode: o.mode ?? 'classroom',
      ...(o.region === undefined ? {} : { region: o.region }),
      startDates: o.startDates ?? ['2027-02-01'],
      ...(o.price === undefined ? {} : { price: { amount: o.price, currency: 'EUR' } }),
      endsInMicroCredential: micro,
    },
  };
}

export interface FixtureProvider {
  slug: string;
  did: string;
  name: string;
  kind?: string;
  /** Modules made with the provider's catalogue URL (`<server>/api/catalogues/<slug>`). */
  modules: (catalogueUrl: string) => Record<string, unknown>[];
  /** Instead of its catalogue, answer every page with this (status, content type, body). */
  broken?: [number, string, string];
}

export interface CatalogueServer {
  url: string;
  trustListUrl: string;
  catalogueUrl(slug: string): string;
  /** Every request: method, path with query, the If-None-Match it carried. */
  requests: { method: string; url: string; ifNoneMatch?: string }[];
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export async function startCatalogueServer(
  providers: FixtureProvider[],
  options: { host?: string; extraIssuers?: Record<string, unknown>[] } = {},
): Promise<CatalogueServer> {
  const requests: CatalogueServer['requests'] = [];
  let base = '';
  const catalogueUrl = (slug: string) => `${base}/api/catalogues/${slug}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const inm = req.headers['if-none-match'];
    requests.push({
      method: req.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      ...(inm ? { ifNoneMatch: inm } : {}),
    });
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET' });
      res.end();
      return;
    }
    const send = (status: number, type: string, body: string) => {
      const etag = etagOf(body);
      if (status === 200 && inm === etag) {
        res.writeHead(304, { ...cors, etag, 'cache-control': 'public, max-age=300' });
        res.end();
        return;
      }
      res.writeHead(status, {
        ...cors,
        'content-type': type,
        ...(status === 200 ? { etag, 'cache-control': 'public, max-age=300' } : {}),
      });
      res.end(body);
    };
    if (url.pathname === '/api/trust-list') {
      const issuers = [
        ...providers.map((p) => ({
          did: p.did,
          name: p.name,
          kind: p.kind ?? 'training-provider',
          accreditedTypes: ['ModuleCredential'],
          catalogue: catalogueUrl(p.slug),
        })),
        ...(options.extraIssuers ?? []),
      ];
      send(200, 'application/json', JSON.stringify({ issuers }));
      return;
    }
    const match = /^\/api\/catalogues\/([\w-]+)$/.exec(url.pathname);
    const provider = providers.find((p) => p.slug === match?.[1]);
    if (provider === undefined) {
      send(404, 'application/problem+json', JSON.stringify({ status: 404, code: 'ERR_NOT_FOUND' }));
      return;
    }
    if (provider.broken !== undefined) {
      send(...provider.broken);
      return;
    }
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const perPage = Math.min(200, Math.max(1, Number(url.searchParams.get('perPage') ?? 50)));
    const all = provider.modules(catalogueUrl(provider.slug));
    const modules = all.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < all.length;
    send(
      200,
      'application/json',
      JSON.stringify({
        provider: { id: provider.did, name: provider.name },
        page,
        perPage,
        total: all.length,
        ...(more ? { next: `${catalogueUrl(provider.slug)}?page=${page + 1}&perPage=${perPage}` } : {}),
        modules,
      }),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    trustListUrl: `${base}/api/trust-list`,
    catalogueUrl,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
