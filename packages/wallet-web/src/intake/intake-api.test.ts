// What the wallet takes as an EVC provider's intake, and what it says otherwise: a real HTTP
// server on loopback answering as an issuer would (or would not), read with the wallet's own
// fetchIntake and requestIntake in Node (the same fetch the browser has). Table-driven; the code
// asserted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWalletError } from '../errors.js';
import { fetchIntake, requestIntake, standardWants, type Intake } from './intake-api.js';

const SKILL = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

const okIntake = (): Intake => ({
  provider: { id: 'did:web:localhost%3A3001:orgs:evc-zorg-nl', name: 'EVC Centrum Zorg Nederland' },
  standards: [
    {
      id: '25498',
      name: 'Helpende zorg en welzijn',
      identifier: '25498',
      occupation: 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082',
      skills: [
        { uri: SKILL, label: { nl: 'verpleegkundigen ondersteunen', en: 'support nurses' }, essential: true },
        { uri: `${SKILL}x`, label: { en: 'x' }, essential: false },
      ],
    },
  ],
});

/** `METHOD path` -> [status, content type, body] */
const answers = new Map<string, [number, string, string]>();
const posts: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') posts.push(`${req.url} ${body} cookie=${req.headers.cookie ?? ''}`);
      const [status, type, text] = answers.get(`${req.method} ${req.url}`) ?? [
        404,
        'application/problem+json',
        JSON.stringify({ status: 404, code: 'ERR_NOT_FOUND' }),
      ];
      res.writeHead(status, { 'content-type': type });
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

describe('an EVC provider intake', () => {
  it('is read, with extra members dropped, and its skills wanted as the gap takes them', async () => {
    answers.set('GET /api/intake/ok', json({ ...okIntake(), extra: true }));
    const intake = await fetchIntake(`${base}/api/intake/ok`);
    expect(intake).toEqual(okIntake());
    expect(standardWants(intake.standards[0]!)).toEqual([
      { uri: SKILL, essential: true },
      { uri: `${SKILL}x`, essential: false },
    ]);
  });

  const standard = okIntake().standards[0]!;
  it.each([
    [
      'an unknown slug (404)',
      'unknown',
      [404, 'application/problem+json', '{"code":"ERR_NOT_FOUND"}'],
      'ERR_INTAKE_UNKNOWN',
    ],
    ['a server error', 'broken', [500, 'text/plain', 'oops'], 'ERR_INTAKE_UNREACHABLE'],
    ['HTML', 'html', [200, 'text/html', '<html></html>'], 'ERR_INTAKE_INVALID'],
    ['no standards', 'empty', json({ ...okIntake(), standards: [] }), 'ERR_INTAKE_INVALID'],
    [
      'a provider without a name',
      'noname',
      json({ ...okIntake(), provider: { id: 'did:x' } }),
      'ERR_INTAKE_INVALID',
    ],
    [
      'a skill that is no web URI',
      'js',
      json({
        ...okIntake(),
        standards: [{ ...standard, skills: [{ uri: 'javascript:x', label: {}, essential: true }] }],
      }),
      'ERR_INTAKE_INVALID',
    ],
    ['too large', 'large', json({ ...okIntake(), pad: 'x'.repeat(600 * 1024) }), 'ERR_INTAKE_UNREACHABLE'],
  ] as const)('is refused for %s', async (_name, slug, answer, code) => {
    answers.set(`GET /api/intake/${slug}`, answer as [number, string, string]);
    await expect(codeOf(fetchIntake(`${base}/api/intake/${slug}`))).resolves.toBe(code);
  });

  it('is refused off https (but on loopback), and at a closed port', async () => {
    await expect(codeOf(fetchIntake('http://example.org/api/intake/ok'))).resolves.toBe('ERR_INSECURE_URL');
    await expect(codeOf(fetchIntake('http://127.0.0.1:9/api/intake/ok'))).resolves.toBe(
      'ERR_INTAKE_UNREACHABLE',
    );
  });
});

describe('asking for an intake request', () => {
  it('POSTs only the chosen standard to <intake>/requests and takes only an openid4vp:// link', async () => {
    answers.set('POST /api/intake/ok/requests', [
      201,
      'application/json',
      JSON.stringify({
        requestLink: 'openid4vp://?client_id=x&request_uri=y',
        requestId: 'r',
        expiresAt: '2026-12-07T10:00:00Z',
      }),
    ]);
    posts.length = 0;
    await expect(requestIntake(`${base}/api/intake/ok`, '25498')).resolves.toBe(
      'openid4vp://?client_id=x&request_uri=y',
    );
    expect(posts).toEqual(['/api/intake/ok/requests {"standard":"25498"} cookie=']);
    answers.set('POST /api/intake/https/requests', json({ requestLink: 'https://evil.example/' }));
    await expect(codeOf(requestIntake(`${base}/api/intake/https`, '25498'))).resolves.toBe(
      'ERR_INTAKE_INVALID',
    );
    await expect(codeOf(requestIntake(`${base}/api/intake/gone`, '25498'))).resolves.toBe(
      'ERR_INTAKE_UNKNOWN',
    );
    answers.set('POST /api/intake/bad/requests', [
      422,
      'application/problem+json',
      '{"code":"ERR_STANDARD_UNKNOWN"}',
    ]);
    await expect(codeOf(requestIntake(`${base}/api/intake/bad`, 'nope'))).resolves.toBe('ERR_INTAKE_UNKNOWN');
    answers.set('POST /api/intake/down/requests', [503, 'text/plain', 'busy']);
    await expect(codeOf(requestIntake(`${base}/api/intake/down`, '25498'))).resolves.toBe(
      'ERR_INTAKE_UNREACHABLE',
    );
  });
});
