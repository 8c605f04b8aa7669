import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoOccupations } from '@skills-passport/core';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVerifier, type Harness } from './test-support/harness.js';

// The skill and occupation search over real HTTP: the verifier on a loopback port, as the employer
// page calls it. The demo ESCO for the rules, the whole ESCO for the searches of issue 15.
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const HOME_CARE_AIDE = 'http://data.europa.eu/esco/occupation/1391bdf9-bd61-4fb5-91ca-c29036ab2b60';

interface Running {
  h: Harness;
  server: Server;
  base: string;
}

async function run(h: Harness): Promise<Running> {
  const server = createServer(h.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { h, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(running: Running | undefined): Promise<void> {
  if (running === undefined) return;
  await new Promise<void>((resolve) => running.server.close(() => resolve()));
  await running.h.close();
}

async function get(running: Running, path: string, query: Record<string, string> = {}) {
  const res = await fetch(`${running.base}${path}?${new URLSearchParams(query).toString()}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

describe('with the demo ESCO', () => {
  let demo: Running;
  beforeAll(async () => {
    demo = await run(await startVerifier());
  });
  afterAll(() => stop(demo));

  it('finds an occupation in Dutch and English, with its number of skills', async () => {
    const nl = await get(demo, '/api/occupations', { q: 'zorghulp', lang: 'nl' });
    expect(nl.status).toBe(200);
    expect(nl.body.outcome).toBe('found');
    expect(nl.body.occupations[0]).toMatchObject({
      uri: HEALTHCARE_ASSISTANT,
      label: { nl: 'zorghulp', en: 'healthcare assistant' },
      matchedLabel: 'zorghulp',
      matchedLang: 'nl',
      essentialCount: 32,
      optionalCount: 0,
    });
    const en = await get(demo, '/api/occupations', { q: 'healthcare', lang: 'en' });
    expect(en.body.occupations.map((o: any) => o.uri)).toEqual([HEALTHCARE_ASSISTANT]);
  });

  it('tells "no match" apart from "nothing asked"', async () => {
    for (const path of ['/api/occupations', '/api/skills']) {
      const none = await get(demo, path, { q: 'xqzvbnwk' });
      expect([none.status, none.body.outcome]).toEqual([200, 'no-match']);
      const empty = await get(demo, path, { q: '  ' });
      expect([empty.status, empty.body.outcome]).toEqual([200, 'empty-query']);
    }
  });

  it('keeps /api/skills as it was, with the outcome added', async () => {
    const res = await get(demo, '/api/skills', { q: 'verpleegkundigen', lang: 'nl', limit: '5' });
    expect(res.body.outcome).toBe('found');
    expect(res.body.skills[0]).toMatchObject({
      uri: 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896',
      label: { en: 'support nurses' },
      matchedLabel: expect.any(String),
      kind: expect.any(String),
    });
  });

  it("gives an occupation's essential skills in Dutch and English, as the demo seed lists them", async () => {
    const res = await get(demo, '/api/occupations/skills', { uri: HEALTHCARE_ASSISTANT });
    expect(res.status).toBe(200);
    expect(res.body.occupation).toMatchObject({ uri: HEALTHCARE_ASSISTANT, label: { nl: 'zorghulp' } });
    const seed = demoOccupations().find((o) => o.uri === HEALTHCARE_ASSISTANT)!;
    expect(res.body.essential.map((s: any) => s.uri)).toEqual(seed.essentialSkills);
    expect(res.body.essential.every((s: any) => s.label.nl && s.label.en)).toBe(true);
    expect(res.body.optional).toEqual([]);
  });

  it.each([
    [
      'an unknown occupation',
      '/api/occupations/skills',
      { uri: `${HEALTHCARE_ASSISTANT}x` },
      404,
      'ERR_NOT_FOUND',
    ],
    ['no occupation URI', '/api/occupations/skills', {}, 422, 'ERR_VALIDATION'],
    ['a URI of 501 characters', '/api/occupations/skills', { uri: 'u'.repeat(501) }, 422, 'ERR_VALIDATION'],
    ['a query of 201 characters', '/api/occupations', { q: 'a'.repeat(201) }, 422, 'ERR_VALIDATION'],
    ['lang=de', '/api/occupations', { q: 'zorg', lang: 'de' }, 422, 'ERR_VALIDATION'],
    ['limit=0', '/api/occupations', { q: 'zorg', limit: '0' }, 422, 'ERR_VALIDATION'],
    ['limit=51', '/api/skills', { q: 'zorg', limit: '51' }, 422, 'ERR_VALIDATION'],
    ['limit=abc', '/api/skills', { q: 'zorg', limit: 'abc' }, 422, 'ERR_VALIDATION'],
  ])('refuses %s as a problem with a code', async (_name, path, query, status, code) => {
    const res = await get(demo, path, query);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
    if (status === 422) expect(res.body.errors[0].pointer).toMatch(/^\/(q|lang|limit|uri)$/);
  });

  it('refuses a repeated parameter rather than guessing which one was meant', async () => {
    const res = await fetch(`${demo.base}/api/occupations?q=zorg&q=hulp`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).code).toBe('ERR_VALIDATION');
  });
});

describe('with the whole ESCO', () => {
  let full: Running;
  beforeAll(async () => {
    full = await run(await startVerifier({ esco: await loadFullEsco() }));
  }, 30_000);
  afterAll(() => stop(full));

  it('finds "zorghulp" and "helpende zorg", and gives their essential and optional skills', async () => {
    const found = await get(full, '/api/occupations', { q: 'zorghulp', lang: 'nl' });
    expect(found.body.occupations[0]).toMatchObject({
      uri: HEALTHCARE_ASSISTANT,
      label: { nl: 'zorghulp', en: 'healthcare assistant' },
      essentialCount: 32,
      optionalCount: 14,
    });
    const helpende = await get(full, '/api/occupations', { q: 'helpende zorg', lang: 'nl' });
    expect(helpende.body.occupations.find((o: any) => o.uri === HOME_CARE_AIDE)).toMatchObject({
      matchedLabel: 'helpende zorg en welzijn',
    });
    const skills = await get(full, '/api/occupations/skills', { uri: HEALTHCARE_ASSISTANT });
    expect([skills.body.essential.length, skills.body.optional.length]).toEqual([32, 14]);
    expect(
      [...skills.body.essential, ...skills.body.optional].every((s: any) => s.label.nl && s.label.en),
    ).toBe(true);
  });

  it('finds "hygiëne" and "hygiene" alike in the skills, whole words first', async () => {
    const withDiaeresis = await get(full, '/api/skills', { q: 'hygiëne', lang: 'nl', limit: '50' });
    const without = await get(full, '/api/skills', { q: 'hygiene', lang: 'nl', limit: '50' });
    expect(withDiaeresis.body.outcome).toBe('found');
    expect(withDiaeresis.body.skills.map((s: any) => s.uri)).toEqual(
      without.body.skills.map((s: any) => s.uri),
    );
    expect(withDiaeresis.body.skills[0].matchedLabel).toBe('hygiëne waarborgen');
    const none = await get(full, '/api/skills', { q: 'xqzvbnwk' });
    expect(none.body).toEqual({ outcome: 'no-match', skills: [] });
  });
});
