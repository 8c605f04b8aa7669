import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';

// The assessor page's skill and occupation search, over real HTTP against the whole ESCO v1.2: the
// same routes as the verifier's (service-kit's taxonomyRoutes), here behind the staff API key.
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

let issuer: RunningIssuer;
let token: string;

beforeAll(async () => {
  issuer = await startIssuer({ esco: await loadFullEsco() });
  token = (await provisionOrg(issuer, 'roc-taxonomy', 'training-provider')).apiKey;
}, 60_000);
afterAll(async () => issuer.destroy());

async function search(path: string, query: Record<string, string>) {
  return call(issuer.url, 'GET', `${path}?${new URLSearchParams(query).toString()}`, { token });
}

describe('skill search against the whole ESCO', () => {
  it.each([
    ['hygiëne', 'hygiëne waarborgen'],
    ['hygiene', 'hygiëne waarborgen'],
    ['cliënt', undefined],
    ['client', undefined],
    ['wassen', undefined],
  ])('finds skills for "%s"', async (q, first) => {
    const res = await search('/api/skills', { q, lang: 'nl', limit: '50' });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('found');
    expect(res.body.skills.length).toBeGreaterThan(0);
    if (first !== undefined) expect(res.body.skills[0].matchedLabel).toBe(first);
    for (const skill of res.body.skills) {
      expect(skill).toMatchObject({
        uri: expect.stringMatching(/^http:\/\/data\.europa\.eu\/esco\/skill\//),
      });
      expect(skill.framework).toBe('ESCO');
    }
  });

  it('folds diacritics both ways: "cliënt" and "client" find the same skills', async () => {
    const withDiaeresis = await search('/api/skills', { q: 'cliënt', lang: 'nl', limit: '50' });
    const without = await search('/api/skills', { q: 'client', lang: 'nl', limit: '50' });
    expect(withDiaeresis.body.skills.map((s: any) => s.uri)).toEqual(
      without.body.skills.map((s: any) => s.uri),
    );
  });

  it('matches whole words and word starts only: "eten" does not find "wetenschappelijk onderzoek verrichten"', async () => {
    const res = await search('/api/skills', { q: 'eten', lang: 'nl', limit: '50' });
    const labels = res.body.skills.flatMap((s: any) => [s.matchedLabel, s.label.nl]);
    expect(labels).not.toContain('wetenschappelijk onderzoek verrichten');
    for (const label of res.body.skills.map((s: any) => s.matchedLabel as string)) {
      expect(label.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toMatch(/(^|[^\p{L}])eten/u);
    }
  });

  it('finds skills by an alternative label', async () => {
    // "workplace hygiene" is an alternative label of what Dutch calls "reiniging van de werkplek".
    const res = await search('/api/skills', { q: 'hygiëne', lang: 'nl', limit: '50' });
    expect(res.body.skills).toContainEqual(
      expect.objectContaining({
        label: expect.objectContaining({ nl: 'reiniging van de werkplek' }),
        matchedLabel: 'workplace hygiene',
      }),
    );
  });

  it('says "no match" when nothing matches, and "empty query" when nothing was asked', async () => {
    expect((await search('/api/skills', { q: 'xqzvbnwk' })).body).toEqual({
      outcome: 'no-match',
      skills: [],
    });
    expect((await search('/api/skills', { q: '' })).body.outcome).toBe('empty-query');
  });
});

describe('occupations against the whole ESCO', () => {
  it('finds "zorghulp" and gives its essential and optional skills in Dutch and English', async () => {
    const found = await search('/api/occupations', { q: 'zorghulp', lang: 'nl' });
    expect(found.body.occupations[0]).toMatchObject({
      uri: HEALTHCARE_ASSISTANT,
      label: { nl: 'zorghulp', en: 'healthcare assistant' },
      essentialCount: 32,
      optionalCount: 14,
    });
    const en = await search('/api/occupations', { q: 'healthcare assistant', lang: 'en' });
    expect(en.body.occupations[0].uri).toBe(HEALTHCARE_ASSISTANT);
    const skills = await search('/api/occupations/skills', { uri: HEALTHCARE_ASSISTANT });
    expect([skills.body.essential.length, skills.body.optional.length]).toEqual([32, 14]);
    expect(skills.body.essential.every((s: any) => s.label.nl && s.label.en && s.framework === 'ESCO')).toBe(
      true,
    );
  });
});

describe('access and bad input', () => {
  it.each([
    '/api/skills?q=zorg',
    '/api/occupations?q=zorg',
    `/api/occupations/skills?uri=${HEALTHCARE_ASSISTANT}`,
  ])('keeps %s to signed-in staff', async (path) => {
    const res = await call(issuer.url, 'GET', path);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ERR_UNAUTHENTICATED');
  });

  it.each([
    ['/api/occupations/skills', { uri: `${HEALTHCARE_ASSISTANT}x` }, 404, 'ERR_NOT_FOUND'],
    ['/api/skills', { q: 'a'.repeat(201) }, 422, 'ERR_VALIDATION'],
    ['/api/occupations', { q: 'zorg', lang: 'de' }, 422, 'ERR_VALIDATION'],
  ])('answers %s %j with a problem', async (path, query, status, code) => {
    const res = await search(path, query);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
