// What the wallet takes from training providers' catalogues (contract A), and what it says
// otherwise: a loopback server answering as the issuer's catalogue routes do (or do not), read
// with the wallet's own readCatalogues in Node (the same fetch the browser has). The code asserted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWalletError } from '../errors.js';
import {
  fixtureModule,
  startCatalogueServer,
  type CatalogueServer,
  type FixtureProvider,
} from '../test-support/catalogue-server.js';
import type { TrustListEntry } from '../trust/trust-list.js';
import { readCatalogue, readCatalogues } from './catalogues.js';

const ESCO = 'http://data.europa.eu/esco/skill/';
const skill = (n: number) => ({ uri: `${ESCO}s-${n}`, label: `skill ${n}` });
const modules =
  (count: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  (url: string) =>
    Array.from({ length: count }, (_, i) => ({
      ...fixtureModule(url, `m${i}`, { skills: [skill(i), skill(i + 1)], hours: 10 + i, price: 100 }),
      ...extra(i),
    }));

const providers: FixtureProvider[] = [
  { slug: 'roc', did: 'did:web:roc.test', name: 'ROC as it calls itself', modules: modules(250) },
  { slug: 'small', did: 'did:web:small.test', name: 'Small', modules: modules(3) },
  {
    slug: 'down',
    did: 'did:web:down.test',
    name: 'Down',
    modules: modules(1),
    broken: [503, 'text/plain', 'x'],
  },
  {
    slug: 'html',
    did: 'did:web:html.test',
    name: 'HTML',
    modules: modules(1),
    broken: [200, 'text/html', '<!doctype html><p>hello'],
  },
  {
    slug: 'mixed',
    did: 'did:web:mixed.test',
    name: 'Mixed',
    // Five modules, three of them not what a module should be, and one twice.
    modules: (url) => {
      const ok = modules(2)(url);
      return [
        ...ok,
        ok[0]!,
        { ...ok[1]!, id: `${url}/modules/extra`, surprise: true },
        { ...ok[1]!, id: `${url}/modules/free`, studyLoad: { hours: 0 } },
        {
          ...ok[1]!,
          id: `${url}/modules/eur`,
          offering: { ...(ok[1]!.offering as object), price: { amount: 5, currency: 'euro' } },
        },
      ];
    },
  },
  {
    slug: 'levels',
    did: 'did:web:levels.test',
    name: 'Levels',
    // NLQF's entry level, and no level at all, are a module's right; EQF 9 does not exist.
    modules: (url) => {
      const [a, b, c] = modules(3)(url);
      return [
        { ...a!, qualificationLevel: { nlqf: 'entry' } },
        { ...b!, qualificationLevel: {} },
        { ...c!, qualificationLevel: { eqf: 9 } },
      ];
    },
  },
];

let catalogues: CatalogueServer;
let rogue: Server;
let rogueUrl: string;

beforeAll(async () => {
  catalogues = await startCatalogueServer(providers);
  // A catalogue whose `next` leads to another origin, one whose pages never end, one too large.
  rogue = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? 1);
    const body = (next: string | undefined, modules: unknown[] = []) =>
      JSON.stringify({
        provider: { id: 'did:web:rogue.test', name: 'Rogue' },
        page,
        perPage: 100,
        total: 1,
        ...(next === undefined ? {} : { next }),
        modules,
      });
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === '/elsewhere') res.end(body('http://localhost:9/api/catalogues/x?page=2'));
    else if (url.pathname === '/endless') res.end(body(`${rogueUrl}/endless?page=${page + 1}&perPage=100`));
    else if (url.pathname === '/loop') res.end(body(`${rogueUrl}/loop?page=1&perPage=100`));
    else res.end(body(undefined, ['x'.repeat(3 * 1024 * 1024)]));
  });
  await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
  rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await catalogues.close();
  rogue.closeAllConnections();
  await new Promise((resolve) => rogue.close(resolve));
});

const entry = (slug: string, did: string, name = `Recognised ${slug}`): TrustListEntry => ({
  did,
  name,
  kind: 'training-provider',
  accreditedTypes: ['ModuleCredential'],
  catalogue: catalogues.catalogueUrl(slug),
});

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    return isWalletError(error) ? error.code : `uncoded: ${String(error)}`;
  }
}

describe('reading module catalogues', () => {
  it('reads every page of a catalogue, each module with its skills, hours, start dates and the provider the trust list names', async () => {
    const before = catalogues.requests.length;
    const read = await readCatalogue(entry('roc', 'did:web:roc.test', 'ROC Zorgopleidingen Midden'));
    expect(read.modules).toHaveLength(250);
    expect(read).toMatchObject({ skipped: 0, truncated: false });
    expect(catalogues.requests.slice(before).map((r) => r.url)).toEqual([
      '/api/catalogues/roc?page=1&perPage=100',
      '/api/catalogues/roc?page=2&perPage=100',
      '/api/catalogues/roc?page=3&perPage=100',
    ]);
    const first = read.modules[0]!;
    expect(first).toMatchObject({
      id: `${catalogues.catalogueUrl('roc')}/modules/m0`,
      skills: [`${ESCO}s-0`, `${ESCO}s-1`],
      studyHours: 10,
      startDates: ['2027-02-01'],
      provider: { did: 'did:web:roc.test', name: 'ROC Zorgopleidingen Midden' },
    });
    expect(first.achievement.offering).toEqual({
      mode: 'classroom',
      startDates: ['2027-02-01'],
      price: { amount: 100, currency: 'EUR' },
      endsInMicroCredential: true,
    });
  });

  it('leaves out modules that are not what a module should be, and counts them', async () => {
    const read = await readCatalogue(entry('mixed', 'did:web:mixed.test'));
    expect(read.modules.map((m) => m.id.split('/').at(-1))).toEqual(['m0', 'm1']);
    expect(read.skipped).toBe(4);
  });

  it('takes a module at NLQF entry level or without a level, not one at EQF 9', async () => {
    const read = await readCatalogue(entry('levels', 'did:web:levels.test'));
    expect(read.modules.map((m) => m.achievement.qualificationLevel)).toEqual([{ nlqf: 'entry' }, {}]);
    expect(read.skipped).toBe(1);
  });

  it('names each provider that cannot be read, and still gives the others', async () => {
    const read = await readCatalogues([
      entry('small', 'did:web:small.test'),
      entry('down', 'did:web:down.test'),
      entry('html', 'did:web:html.test'),
      // The trust list names one organisation; the catalogue says it is another's.
      entry('small', 'did:web:impostor.test', 'Impostor'),
      entry('gone', 'did:web:gone.test'),
      { ...entry('small', 'did:web:plain.test'), catalogue: 'http://catalogue.example.com/api/catalogues/x' },
      // No catalogue: not asked at all.
      { did: 'did:web:evc.test', name: 'EVC', kind: 'evc-provider', accreditedTypes: ['EVCCredential'] },
    ]);
    expect(read.modules).toHaveLength(3);
    expect(read.providers.map((p) => [p.provider.name, p.read ? `read ${p.modules}` : p.error.code])).toEqual(
      [
        ['Recognised small', 'read 3'],
        ['Recognised down', 'ERR_CATALOGUE_UNREACHABLE'],
        ['Recognised html', 'ERR_CATALOGUE_INVALID'],
        ['Impostor', 'ERR_CATALOGUE_INVALID'],
        ['Recognised gone', 'ERR_CATALOGUE_UNREACHABLE'],
        ['Recognised small', 'ERR_INSECURE_URL'],
      ],
    );
  });

  it('keeps a read catalogue for the visit, and tries a failed one again', async () => {
    const small = entry('small', 'did:web:small.test', 'Small again');
    await readCatalogues([small]);
    const before = catalogues.requests.length;
    const again = await readCatalogues([small]);
    expect(again.modules).toHaveLength(3);
    expect(catalogues.requests.length).toBe(before);
    const down = entry('down', 'did:web:down.test', 'Down again');
    await readCatalogues([down]);
    await readCatalogues([down]);
    expect(
      catalogues.requests.slice(before).filter((r) => r.url.startsWith('/api/catalogues/down')),
    ).toHaveLength(2);
  });

  it('refuses pages from elsewhere, stops after 20 pages, and refuses a page over 2 MB', async () => {
    const rogueEntry = (path: string): TrustListEntry => ({
      did: 'did:web:rogue.test',
      name: 'Rogue',
      kind: 'training-provider',
      accreditedTypes: [],
      catalogue: `${rogueUrl}${path}`,
    });
    await expect(codeOf(readCatalogue(rogueEntry('/elsewhere')))).resolves.toBe('ERR_CATALOGUE_INVALID');
    await expect(codeOf(readCatalogue(rogueEntry('/loop')))).resolves.toBe('ERR_CATALOGUE_INVALID');
    await expect(readCatalogue(rogueEntry('/endless'))).resolves.toMatchObject({
      modules: [],
      truncated: true,
    });
    await expect(codeOf(readCatalogue(rogueEntry('/huge')))).resolves.toBe('ERR_CATALOGUE_UNREACHABLE');
  });
});
