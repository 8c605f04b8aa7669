// What the wallet takes as a published vacancy, and what it says otherwise: a real HTTP server on
// loopback answering as a verifier would (or would not), read with the wallet's own fetchVacancy
// and requestVacancyAnswer in Node (the same fetch the browser has). Table-driven; the code asserted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWalletError } from '../errors.js';
import { fetchVacancy, requestVacancyAnswer, vacancyWants, type Vacancy } from './vacancy.js';

const SKILL = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

/** A fresh, well-formed vacancy as the verifier sends it. */
const okVacancy = (): Vacancy => ({
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'Helpende zorg',
  purpose: 'Voor de vacature helpende zorg',
  employer: { name: 'Zorggroep Oost' },
  skills: [
    {
      uri: SKILL,
      label: { nl: 'verpleegkundigen ondersteunen', en: 'support nurses' },
      required: true,
      minLevel: 2,
    },
    { uri: `${SKILL}x`, label: { nl: 'x', en: 'x' }, required: false },
  ],
  publishedAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2026-12-31T09:00:00.000Z',
});

/** Path -> [status, content type, body] */
const answers = new Map<string, [number, string, string]>();
const posts: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') posts.push(`${req.url} body=${JSON.stringify(body)}`);
      const [status, type, text] = answers.get(`${req.method} ${req.url}`) ?? [
        404,
        'application/problem+json',
        JSON.stringify({ status: 404, code: 'ERR_VACANCY_UNKNOWN' }),
      ];
      res.writeHead(status, { 'content-type': type, ...(status === 302 ? { location: '/elsewhere' } : {}) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const json = (value: unknown): [number, string, string] => [200, 'application/json', JSON.stringify(value)];

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    return isWalletError(error) ? error.code : `uncoded: ${String(error)}`;
  }
}

describe('fetchVacancy', () => {
  it('reads a well-formed vacancy, and its required skills become essential with their levels', async () => {
    answers.set('GET /v/ok', json(okVacancy()));
    const vacancy = await fetchVacancy(`${base}/v/ok`);
    expect(vacancy).toEqual(okVacancy());
    expect(vacancyWants(vacancy)).toEqual([
      { uri: SKILL, essential: true, minimumLevel: 2 },
      { uri: `${SKILL}x`, essential: false },
    ]);
  });

  const withSkill = (change: Record<string, unknown>) => {
    const v = okVacancy() as unknown as Record<string, unknown>;
    v.skills = [{ ...okVacancy().skills[0], ...change }];
    return v;
  };
  it.each<[string, [number, string, string], string]>([
    [
      'an unknown vacancy (404 with its code)',
      [404, 'application/problem+json', JSON.stringify({ code: 'ERR_VACANCY_UNKNOWN' })],
      'ERR_VACANCY_UNKNOWN',
    ],
    [
      'a withdrawn one (410 with its code)',
      [410, 'application/problem+json', JSON.stringify({ code: 'ERR_VACANCY_WITHDRAWN' })],
      'ERR_VACANCY_WITHDRAWN',
    ],
    ['410 without a code', [410, 'text/plain', 'gone'], 'ERR_VACANCY_WITHDRAWN'],
    ['a server error', [500, 'text/plain', 'oops'], 'ERR_VACANCY_UNREACHABLE'],
    ['a redirect (not followed)', [302, 'text/plain', ''], 'ERR_VACANCY_UNREACHABLE'],
    ['HTML', [200, 'text/html', '<!doctype html><p>hi</p>'], 'ERR_VACANCY_INVALID'],
    ['a JSON array', json([okVacancy()]), 'ERR_VACANCY_INVALID'],
    ['a member too many', json({ ...okVacancy(), nonce: 'abc' }), 'ERR_VACANCY_INVALID'],
    ['no skills', json({ ...okVacancy(), skills: [] }), 'ERR_VACANCY_INVALID'],
    ['a level above the scale', json(withSkill({ minLevel: 5 })), 'ERR_VACANCY_INVALID'],
    ['a fractional level', json(withSkill({ minLevel: 1.5 })), 'ERR_VACANCY_INVALID'],
    ['"required" as a string', json(withSkill({ required: 'yes' })), 'ERR_VACANCY_INVALID'],
    ['a skill that is not a web URI', json(withSkill({ uri: 'javascript:alert(1)' })), 'ERR_VACANCY_INVALID'],
    ['no expiry', json({ ...okVacancy(), expiresAt: undefined }), 'ERR_VACANCY_INVALID'],
    [
      '__proto__ smuggled in',
      [200, 'application/json', JSON.stringify(okVacancy()).replace('{', '{"__proto__":{"x":1},')],
      'ERR_VACANCY_INVALID',
    ],
    [
      '300 kB (over the 256 kB cap)',
      json({ ...okVacancy(), purpose: 'x'.repeat(300_000) }),
      'ERR_VACANCY_UNREACHABLE',
    ],
  ])('refuses %s', async (_name, answer, code) => {
    answers.set('GET /v/bad', answer);
    await expect(codeOf(fetchVacancy(`${base}/v/bad`))).resolves.toBe(code);
  });

  it.each(['http://example.org/v/ok', 'ftp://127.0.0.1/v', 'not a url', 'https://user:pw@example.org/v'])(
    'refuses %s before fetching anything',
    async (url) => {
      await expect(codeOf(fetchVacancy(url))).resolves.toBe('ERR_INSECURE_URL');
    },
  );

  it('says a closed port is unreachable', async () => {
    await expect(codeOf(fetchVacancy('http://127.0.0.1:9/v/ok'))).resolves.toBe('ERR_VACANCY_UNREACHABLE');
  });
});

describe('requestVacancyAnswer', () => {
  it('POSTs nothing to <vacancy>/requests and returns the openid4vp:// link', async () => {
    answers.set('POST /v/ok/requests', [
      201,
      'application/json',
      JSON.stringify({
        requestLink: 'openid4vp://?client_id=x&request_uri=y',
        requestId: 'r',
        expiresAt: 'z',
      }),
    ]);
    posts.length = 0;
    await expect(requestVacancyAnswer(`${base}/v/ok`)).resolves.toBe(
      'openid4vp://?client_id=x&request_uri=y',
    );
    expect(posts).toEqual(['/v/ok/requests body=""']);
  });

  it.each<[string, [number, string, string], string]>([
    [
      'a withdrawn vacancy',
      [410, 'application/problem+json', JSON.stringify({ code: 'ERR_VACANCY_WITHDRAWN' })],
      'ERR_VACANCY_WITHDRAWN',
    ],
    [
      'an unknown one',
      [404, 'application/problem+json', JSON.stringify({ code: 'ERR_VACANCY_UNKNOWN' })],
      'ERR_VACANCY_UNKNOWN',
    ],
    [
      'too many requests',
      [429, 'application/problem+json', JSON.stringify({ code: 'ERR_RATE_LIMITED' })],
      'ERR_VACANCY_UNREACHABLE',
    ],
    [
      'a link of another scheme',
      [201, 'application/json', JSON.stringify({ requestLink: 'https://evil.example/' })],
      'ERR_VACANCY_INVALID',
    ],
    ['not JSON', [201, 'text/plain', 'ok'], 'ERR_VACANCY_INVALID'],
  ])('refuses %s', async (_name, answer, code) => {
    answers.set('POST /v/bad/requests', answer);
    await expect(codeOf(requestVacancyAnswer(`${base}/v/bad`))).resolves.toBe(code);
  });
});
