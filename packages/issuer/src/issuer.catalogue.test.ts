import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Esco } from '@skills-passport/core';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import moduleExample from '@skills-passport/schemas/examples/module-credential/magazijn-microcredential-ok.json' with { type: 'json' };
import { DEMO_CATALOGUE, DEMO_CATALOGUE_ORG } from './demo/seed-catalogue.js';
import { requestFromExample, seedDemo } from './demo/seed-demo.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';

// Training providers' module catalogues over real HTTP: a real issuer on loopback over SQLite, the
// whole ESCO for skill checks, and the demo catalogue seeded as a real start seeds it.

const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const SKILL = 'http://data.europa.eu/esco/skill/';
const BASIC_SUPPORT = `${SKILL}24f980ba-b44f-4739-b563-205104c3190d`;

let issuer: RunningIssuer;
let esco: Esco;
let provider: { slug: string; did: string; apiKey: string };
let employer: { apiKey: string };

/** A valid module input; `patch` replaces top-level fields. */
function moduleInput(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Basiszorg',
    description: 'Je leert cliënten helpen bij wassen en aankleden.',
    criteria: { narrative: 'Praktijkopdracht, beoordeeld door een praktijkbeoordelaar.' },
    inLanguage: 'nl',
    learningOutcomes: [
      {
        description: 'De deelnemer helpt cliënten bij persoonlijke verzorging.',
        alignment: [{ targetUrl: BASIC_SUPPORT, targetName: 'basisondersteuning aan patiënten bieden' }],
      },
    ],
    qualificationLevel: { eqf: 2, nlqf: '2' },
    studyLoad: { hours: 40 },
    offering: {
      mode: 'classroom',
      region: 'Utrecht',
      startDates: ['2027-09-06', '2027-02-01'],
      price: { amount: 395.5, currency: 'EUR' },
      endsInMicroCredential: true,
    },
    ...patch,
  };
}

beforeAll(async () => {
  esco = await loadFullEsco();
  issuer = await startIssuer({ esco, config: { rateLimitPerMinute: 1000 } });
  provider = await provisionOrg(issuer, 'roc-test', 'training-provider', 'ROC Test');
  employer = await provisionOrg(issuer, 'werkgever-test', 'employer');
  await seedDemo(issuer.runtime.deps);
}, 120_000);
afterAll(async () => issuer.destroy());

describe('the demo catalogue', () => {
  it('closes at least two essential skills of the healthcare assistant that the demo EVC certificate does not prove', async () => {
    const essential = esco.occupations.skillsOf(HEALTHCARE_ASSISTANT)!.essential;
    const proven = new Set(
      evcExample.credentialSubject.achievement.alignment.map((a: { targetUrl: string }) => a.targetUrl),
    );
    const missing = new Map(essential.filter((s) => !proven.has(s.uri)).map((s) => [s.uri, s]));
    expect(missing.size).toBeGreaterThan(0);

    const page = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}?perPage=200`);
    expect(page.status).toBe(200);
    expect(page.body.provider).toMatchObject({ name: 'ROC Zorgopleidingen Midden' });
    const modules = page.body.modules as any[];
    expect(modules.length).toBeGreaterThanOrEqual(6);

    const closedBy = (m: any): string[] =>
      m.learningOutcomes
        .flatMap((o: any) => o.alignment.map((a: any) => a.targetUrl as string))
        .filter((u: string) => missing.has(u));
    expect(modules.filter((m) => closedBy(m).length > 0).length).toBeGreaterThanOrEqual(3);
    expect(new Set(modules.flatMap(closedBy)).size).toBeGreaterThanOrEqual(2);

    for (const m of modules) {
      expect(m.studyLoad.hours).toBeGreaterThanOrEqual(8);
      expect(m.studyLoad.hours).toBeLessThanOrEqual(120);
      expect(m.offering.startDates.every((d: string) => d.startsWith('2027-'))).toBe(true);
      expect(m.qualificationLevel.eqf ?? Number(m.qualificationLevel.nlqf)).toBeGreaterThan(0);
      // The demo file's comment names, in Dutch or English, every missing skill the module closes.
      const comment = DEMO_CATALOGUE.find((entry) => m.id.endsWith(`/modules/${entry.id}`))!.$comment;
      for (const uri of closedBy(m)) {
        const labels = missing.get(uri)!.labels;
        expect([labels.nl, labels.en].some((label) => label !== undefined && comment.includes(label))).toBe(
          true,
        );
      }
    }
  });

  it('is seeded once: a second seeding adds nothing', async () => {
    await seedDemo(issuer.runtime.deps);
    const page = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}`);
    expect(page.body.total).toBe(DEMO_CATALOGUE.length);
  });
});

describe('public catalogues', () => {
  it('lists the training providers that publish, with the URL of each catalogue', async () => {
    const res = await call(issuer.url, 'GET', '/api/catalogues');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const demo = res.body.catalogues.find(
      (c: any) => c.url === `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}`,
    );
    expect(demo).toEqual({
      provider: {
        id: expect.stringMatching(/^did:web:localhost%3A\d+:orgs:zorgopleidingen$/),
        name: 'ROC Zorgopleidingen Midden',
        url: 'https://zorgopleidingen.example.nl',
      },
      url: `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}`,
      modules: DEMO_CATALOGUE.length,
    });
    // The other demo training provider publishes nothing yet: not listed.
    expect(res.body.catalogues.map((c: any) => c.provider.name)).not.toContain('Opleidingscentrum Logistiek');
  });

  it('answers a CORS preflight from any origin', async () => {
    const res = await fetch(`${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://wallet.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('pages modules with a link to the next page', async () => {
    const first = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}?page=1&perPage=3`);
    expect(first.body).toMatchObject({ page: 1, perPage: 3, total: DEMO_CATALOGUE.length });
    expect(first.body.modules).toHaveLength(3);
    expect(first.body.next).toBe(`${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}?page=2&perPage=3`);
    const seen = [...first.body.modules];
    let next: string | undefined = first.body.next;
    while (next !== undefined) {
      const page = await call(issuer.url, 'GET', next);
      seen.push(...page.body.modules);
      next = page.body.next;
    }
    expect(seen.map((m) => m.id)).toEqual(
      DEMO_CATALOGUE.map((entry) => `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/${entry.id}`),
    );
    const beyond = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}?page=9`);
    expect(beyond.body).toMatchObject({ page: 9, modules: [] });
    expect(beyond.body.next).toBeUndefined();
  });

  it.each([
    ['page=0', '/page'],
    ['page=abc', '/page'],
    ['perPage=0', '/perPage'],
    ['perPage=201', '/perPage'],
    ['perPage=1.5', '/perPage'],
  ])('refuses paging %s with ERR_VALIDATION', async (query, pointer) => {
    const res = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors.map((e: any) => e.pointer)).toEqual([pointer]);
  });

  it('gives one module as the Achievement a ModuleCredential carries', async () => {
    const id = DEMO_CATALOGUE[0]!.id;
    const res = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toMatchObject({
      id: `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/${id}`,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      inLanguage: 'nl',
      qualificationLevel: { eqf: 2, nlqf: '2' },
      studyLoad: { hours: 80, ects: 3 },
      offering: { mode: 'blended', endsInMicroCredential: true, price: { amount: 650, currency: 'EUR' } },
    });
    expect(res.body.learningOutcomes[0].alignment[0]).toEqual({
      type: ['Alignment'],
      targetUrl: BASIC_SUPPORT,
      targetName: 'basisondersteuning aan patiënten bieden',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    });
  });

  it.each([
    ['an unknown provider', '/api/catalogues/nobody'],
    ['an employer', '/api/catalogues/werkgever-test'],
    ['an EVC provider', '/api/catalogues/evc-zorg-nl'],
    ['an unknown module', `/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/nothing-here`],
    ['a module id of the wrong form', `/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/NOT_AN_ID`],
  ])('answers 404 ERR_NOT_FOUND for %s', async (_what, path) => {
    const res = await call(issuer.url, 'GET', path);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ERR_NOT_FOUND');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('ETags', () => {
  it('answers 304 for the copy a client holds, and a new ETag once a module changes', async () => {
    const created = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(),
    });
    expect(created.status).toBe(201);
    const moduleId = created.body.moduleId as string;
    const paths = [
      '/api/catalogues',
      `/api/catalogues/${provider.slug}`,
      `/api/catalogues/${provider.slug}/modules/${moduleId}`,
    ];
    const tags = new Map<string, string>();
    for (const path of paths) {
      const first = await call(issuer.url, 'GET', path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[^"]+"$/);
      tags.set(path, etag);
      const again = await call(issuer.url, 'GET', path, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const listed = await call(issuer.url, 'GET', path, {
        headers: { 'if-none-match': `"other", ${etag}` },
      });
      expect(listed.status).toBe(304);
    }

    const changed = await call(issuer.url, 'PUT', `/api/catalogue/modules/${moduleId}`, {
      token: provider.apiKey,
      body: moduleInput({ name: 'Basiszorg (vernieuwd)' }),
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    for (const path of paths.slice(1)) {
      const after = await call(issuer.url, 'GET', path, { headers: { 'if-none-match': tags.get(path)! } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(tags.get(path));
    }
  });
});

describe('staff keep the catalogue', () => {
  it('adds a module, normalised, with a stable public id, and lists it for staff', async () => {
    const res = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput({ name: '  Tillen en verplaatsen  ' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'published', version: 1 });
    expect(res.body.moduleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('location')).toBe(res.body.module.id);
    expect(res.body.module).toMatchObject({
      id: `${issuer.url}/api/catalogues/${provider.slug}/modules/${res.body.moduleId}`,
      name: 'Tillen en verplaatsen',
      offering: { startDates: ['2027-02-01', '2027-09-06'] },
      alignment: [expect.objectContaining({ targetUrl: BASIC_SUPPORT })],
    });
    const own = await call(issuer.url, 'GET', '/api/catalogue?perPage=200', { token: provider.apiKey });
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: any) => i.moduleId)).toContain(res.body.moduleId);
    const one = await call(issuer.url, 'GET', `/api/catalogue/modules/${res.body.moduleId}`, {
      token: provider.apiKey,
    });
    expect(one.body).toEqual(res.body);
  });

  it('withdraws a module: gone from the public catalogue, kept for staff, and published again on request', async () => {
    const created = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(),
    });
    const moduleId = created.body.moduleId as string;
    const publicPath = `/api/catalogues/${provider.slug}/modules/${moduleId}`;
    const countBefore = (await call(issuer.url, 'GET', `/api/catalogues/${provider.slug}`)).body
      .total as number;

    const withdrawn = await call(issuer.url, 'DELETE', `/api/catalogue/modules/${moduleId}`, {
      token: provider.apiKey,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await call(issuer.url, 'GET', publicPath)).status).toBe(404);
    const page = await call(issuer.url, 'GET', `/api/catalogues/${provider.slug}?perPage=200`);
    expect(page.body.total).toBe(countBefore - 1);
    expect(page.body.modules.map((m: any) => m.id)).not.toContain(created.body.module.id);
    const own = await call(issuer.url, 'GET', `/api/catalogue/modules/${moduleId}`, {
      token: provider.apiKey,
    });
    expect(own.body.status).toBe('withdrawn');

    const again = await call(issuer.url, 'POST', `/api/catalogue/modules/${moduleId}/publish`, {
      token: provider.apiKey,
    });
    expect(again.body).toMatchObject({ status: 'published', version: 3 });
    expect((await call(issuer.url, 'GET', publicPath)).status).toBe(200);
  });

  it('changes a module only at the version the client read, when it says so with If-Match', async () => {
    const created = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(),
    });
    expect(created.headers.get('etag')).toBe('"v1"');
    const path = `/api/catalogue/modules/${created.body.moduleId}`;
    const first = await call(issuer.url, 'PUT', path, {
      token: provider.apiKey,
      body: moduleInput({ name: 'Eerste wijziging' }),
      headers: { 'if-match': '"v1"' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"v2"');
    // A colleague who read version 1 saves later: refused, nothing changed.
    for (const [method, target, body] of [
      ['PUT', path, moduleInput({ name: 'Tweede wijziging' })],
      ['DELETE', path, undefined],
      ['POST', `${path}/publish`, undefined],
    ] as const) {
      const stale = await call(issuer.url, method, target, {
        token: provider.apiKey,
        headers: { 'if-match': '"v1"' },
        ...(body === undefined ? {} : { body }),
      });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('ERR_PRECONDITION_FAILED');
    }
    const garbled = await call(issuer.url, 'DELETE', path, {
      token: provider.apiKey,
      headers: { 'if-match': 'v2' },
    });
    expect(garbled.status).toBe(412);
    const now = await call(issuer.url, 'GET', path, { token: provider.apiKey });
    expect(now.body).toMatchObject({ version: 2, status: 'published', module: { name: 'Eerste wijziging' } });
    const withdrawn = await call(issuer.url, 'DELETE', path, {
      token: provider.apiKey,
      headers: { 'if-match': '"v2"' },
    });
    expect(withdrawn.body).toMatchObject({ version: 3, status: 'withdrawn' });
    const unknown = await call(issuer.url, 'DELETE', '/api/catalogue/modules/no-such-module', {
      token: provider.apiKey,
      headers: { 'if-match': '"v1"' },
    });
    expect(unknown.status).toBe(404);
  });

  it('keeps each organisation to its own modules', async () => {
    const other = await provisionOrg(issuer, 'roc-ander', 'training-provider');
    const created = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(),
    });
    for (const [method, path] of [
      ['GET', `/api/catalogue/modules/${created.body.moduleId}`],
      ['PUT', `/api/catalogue/modules/${created.body.moduleId}`],
      ['DELETE', `/api/catalogue/modules/${created.body.moduleId}`],
    ] as const) {
      const res = await call(issuer.url, method, path, {
        token: other.apiKey,
        ...(method === 'PUT' ? { body: moduleInput() } : {}),
      });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ERR_NOT_FOUND');
    }
    expect((await call(issuer.url, 'GET', '/api/catalogue', { token: other.apiKey })).body.total).toBe(0);
  });

  it('refuses staff of other kinds of organisation with 403 ERR_FORBIDDEN, and no key with 401', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/catalogue', undefined],
      ['POST', '/api/catalogue/modules', moduleInput()],
      ['PUT', '/api/catalogue/modules/some-module', moduleInput()],
      ['DELETE', '/api/catalogue/modules/some-module', undefined],
    ] as const) {
      const res = await call(issuer.url, method, path, {
        token: employer.apiKey,
        ...(body === undefined ? {} : { body }),
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ERR_FORBIDDEN');
    }
    const anonymous = await call(issuer.url, 'POST', '/api/catalogue/modules', { body: moduleInput() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('ERR_UNAUTHENTICATED');
  });

  const outcome = (alignment: unknown[]) => [{ description: 'Kan het.', alignment }];
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing name', { name: undefined }, '/name', 'required'],
    ['a name on two lines', { name: 'Basis\nzorg' }, '/name', 'text'],
    ['an id', { id: 'https://elsewhere.example/m' }, '/id', 'server_field'],
    ['an unknown field', { colour: 'blue' }, '/colour', 'unknown_field'],
    ['another language', { inLanguage: 'de' }, '/inLanguage', 'enum'],
    ['no learning outcomes', { learningOutcomes: [] }, '/learningOutcomes', 'items'],
    [
      'an outcome without skills',
      { learningOutcomes: outcome([]) },
      '/learningOutcomes/0/alignment',
      'items',
    ],
    [
      'a skill that is not an ESCO URI',
      { learningOutcomes: outcome([{ targetUrl: 'https://example.org/skill/1', targetName: 'x' }]) },
      '/learningOutcomes/0/alignment/0/targetUrl',
      'esco_skill',
    ],
    [
      'an ESCO skill that does not exist',
      {
        learningOutcomes: outcome([
          { targetUrl: `${SKILL}00000000-0000-4000-8000-000000000000`, targetName: 'x' },
        ]),
      },
      '/learningOutcomes/0/alignment/0/targetUrl',
      'unknown_skill',
    ],
    [
      'another framework',
      {
        learningOutcomes: outcome([
          { targetUrl: BASIC_SUPPORT, targetName: 'x', targetFramework: 'CompetentNL' },
        ]),
      },
      '/learningOutcomes/0/alignment/0/targetFramework',
      'const',
    ],
    [
      'one skill twice in an outcome',
      {
        learningOutcomes: outcome([
          { targetUrl: BASIC_SUPPORT, targetName: 'x' },
          { targetUrl: BASIC_SUPPORT, targetName: 'x' },
        ]),
      },
      '/learningOutcomes/0/alignment/1',
      'unique',
    ],
    ['EQF 9', { qualificationLevel: { eqf: 9 } }, '/qualificationLevel/eqf', 'range'],
    ['EQF 2.5', { qualificationLevel: { eqf: 2.5 } }, '/qualificationLevel/eqf', 'range'],
    ['NLQF 4+', { qualificationLevel: { nlqf: '4+' } }, '/qualificationLevel/nlqf', 'enum'],
    ['no level', { qualificationLevel: {} }, '/qualificationLevel', 'required'],
    [
      'EQF and NLQF apart',
      { qualificationLevel: { eqf: 3, nlqf: '2' } },
      '/qualificationLevel',
      'level_mismatch',
    ],
    ['zero hours', { studyLoad: { hours: 0 } }, '/studyLoad/hours', 'range'],
    ['negative ECTS', { studyLoad: { hours: 8, ects: -1 } }, '/studyLoad/ects', 'range'],
    ['hours as text', { studyLoad: { hours: '40' } }, '/studyLoad/hours', 'range'],
  ])('refuses %s with ERR_VALIDATION', async (_what, patch, pointer, rule) => {
    const body = moduleInput(patch);
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete body[key];
    const res = await call(issuer.url, 'POST', '/api/catalogue/modules', { token: provider.apiKey, body });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, rule }));
  });

  const offering = (patch: Record<string, unknown>) => ({
    offering: { mode: 'online', startDates: ['2027-02-01'], endsInMicroCredential: false, ...patch },
  });
  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown mode', offering({ mode: 'evening' }), '/offering/mode', 'enum'],
    [
      'a date that does not exist',
      offering({ startDates: ['2027-02-30'] }),
      '/offering/startDates/0',
      'date',
    ],
    [
      'a date with a time',
      offering({ startDates: ['2027-02-01T09:00:00Z'] }),
      '/offering/startDates/0',
      'date',
    ],
    [
      'a start date twice',
      offering({ startDates: ['2027-02-01', '2027-02-01'] }),
      '/offering/startDates/1',
      'unique',
    ],
    [
      'a negative price',
      offering({ price: { amount: -1, currency: 'EUR' } }),
      '/offering/price/amount',
      'range',
    ],
    [
      'a price in dollars',
      offering({ price: { amount: 10, currency: 'USD' } }),
      '/offering/price/currency',
      'const',
    ],
    [
      'a price in tenths of cents',
      offering({ price: { amount: 10.005, currency: 'EUR' } }),
      '/offering/price/amount',
      'cents',
    ],
    [
      'no word on a micro-credential',
      offering({ endsInMicroCredential: 'yes' }),
      '/offering/endsInMicroCredential',
      'type',
    ],
  ])('refuses an offering with %s', async (_what, patch, pointer, rule) => {
    const res = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(patch),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, rule }));
  });

  it('refuses a body that is not a JSON object, and changes nothing on a refused change', async () => {
    const notObject = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: [1],
    });
    expect(notObject.status).toBe(400);
    expect(notObject.body.code).toBe('ERR_NOT_AN_OBJECT');
    const text = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);

    const created = await call(issuer.url, 'POST', '/api/catalogue/modules', {
      token: provider.apiKey,
      body: moduleInput(),
    });
    const refused = await call(issuer.url, 'PUT', `/api/catalogue/modules/${created.body.moduleId}`, {
      token: provider.apiKey,
      body: moduleInput({ studyLoad: { hours: -4 } }),
    });
    expect(refused.status).toBe(422);
    const after = await call(issuer.url, 'GET', `/api/catalogue/modules/${created.body.moduleId}`, {
      token: provider.apiKey,
    });
    expect(after.body).toEqual(created.body);
  });
});

describe('issuing a ModuleCredential for a catalogue module', () => {
  it('carries the module as its achievement, id and all', async () => {
    const page = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}`);
    const { offering: _offering, ...achievement } = page.body.modules[0];
    const seed = JSON.parse(
      JSON.stringify(requestFromExample(moduleExample as unknown as Record<string, unknown>)),
    ) as { credential: { credentialSubject: Record<string, any> } } & Record<string, unknown>;
    const subject = seed.credential.credentialSubject;
    const overall = subject.achievement.resultDescription.find((d: any) => d.resultType === 'Status');
    subject.achievement = { ...achievement, resultDescription: [overall] };
    subject.result = [{ type: ['Result'], resultDescription: overall.id, value: 'geslaagd' }];
    const demo = (await seedDemo(issuer.runtime.deps)).organisations.find(
      (o) => o.slug === DEMO_CATALOGUE_ORG,
    )!;
    const res = await call(issuer.url, 'POST', '/api/credentials', { token: demo.apiKey, body: seed });
    expect(res.status).toBe(201);
    const stored = await issuer.runtime.deps.store.credentials.find(
      DEMO_CATALOGUE_ORG,
      res.body.credential.id,
    );
    const document = JSON.parse(stored!.document);
    expect(document.credentialSubject.achievement).toEqual({ ...achievement, resultDescription: [overall] });
    expect(document.credentialSubject.achievement.id).toBe(
      `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/${DEMO_CATALOGUE[0]!.id}`,
    );
  });
});

describe('rate limit', () => {
  it('limits the public catalogue per client like the other public routes', async () => {
    const limited = await startIssuer({ config: { rateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited.url, 'GET', '/api/catalogues')).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      const refused = await call(limited.url, 'GET', '/api/catalogues/anyone');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('ERR_RATE_LIMITED');
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await limited.destroy();
    }
  });
});
