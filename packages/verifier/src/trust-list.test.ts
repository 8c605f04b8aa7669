import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { matchesEtag } from './http/trust-list-routes.js';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';

// The public trust list (contract B): what the admin puts, with the catalogue and intake each
// issuer offers, is what wallets read — from any origin, cached by ETag.
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const EVC = 'did:web:evc.example.nl';
const OPLEIDER = 'did:web:opleider.example.nl';

let h: Harness;
beforeAll(async () => {
  h = await startVerifier();
});
afterAll(async () => {
  await h.close();
});

const put = (did: string, body: Record<string, unknown>) =>
  request(h.app)
    .put(`/api/admin/trusted-issuers/${encodeURIComponent(did)}`)
    .set(admin)
    .send(body);

describe('GET /api/trust-list', () => {
  it('lists every trusted issuer with the services it offers, open to any origin, with an ETag', async () => {
    await put(OPLEIDER, {
      name: 'Opleider Logistiek',
      kind: 'training-provider',
      accreditedTypes: ['ModuleCredential'],
      catalogue: 'https://issuer.example.nl/api/catalogues/opleider',
    }).expect(200, {
      did: OPLEIDER,
      name: 'Opleider Logistiek',
      kind: 'training-provider',
      accreditedTypes: ['ModuleCredential'],
      catalogue: 'https://issuer.example.nl/api/catalogues/opleider',
    });
    await put(EVC, {
      name: 'EVC Centrum Zorg',
      kind: 'evc-provider',
      accreditedTypes: ['EVCCredential'],
      intake: 'https://issuer.example.nl/api/intake/evc-zorg',
    }).expect(200);

    const res = await request(h.app)
      .get('/api/trust-list')
      .set('Origin', 'https://wallet.example.org')
      .expect(200)
      .expect('content-type', /application\/json/)
      .expect('access-control-allow-origin', '*')
      .expect('cache-control', 'public, max-age=300');
    expect(res.body).toEqual({
      issuers: [
        {
          did: EVC,
          name: 'EVC Centrum Zorg',
          kind: 'evc-provider',
          accreditedTypes: ['EVCCredential'],
          intake: 'https://issuer.example.nl/api/intake/evc-zorg',
        },
        {
          did: OPLEIDER,
          name: 'Opleider Logistiek',
          kind: 'training-provider',
          accreditedTypes: ['ModuleCredential'],
          catalogue: 'https://issuer.example.nl/api/catalogues/opleider',
        },
      ],
    });
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
  });

  it('answers 304 to the current ETag, and a new ETag once the list changes', async () => {
    const first = await request(h.app).get('/api/trust-list').expect(200);
    const etag = first.headers.etag as string;
    const unchanged = await request(h.app).get('/api/trust-list').set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.etag).toBe(etag);
    // A list of tags, and the weak form of the same tag, match too (RFC 9110 weak comparison).
    await request(h.app).get('/api/trust-list').set('If-None-Match', `"other", W/${etag}`).expect(304);

    await put(EVC, { name: 'EVC Centrum Zorg', kind: 'evc-provider', accreditedTypes: ['EVCCredential'] });
    const changed = await request(h.app).get('/api/trust-list').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    // Put again without its intake: the intake is gone from the list.
    expect(changed.body.issuers.find((i: { did: string }) => i.did === EVC)).not.toHaveProperty('intake');

    await request(h.app)
      .delete(`/api/admin/trusted-issuers/${encodeURIComponent(OPLEIDER)}`)
      .set(admin);
    const removed = await request(h.app).get('/api/trust-list').expect(200);
    expect(removed.body.issuers.map((i: { did: string }) => i.did)).not.toContain(OPLEIDER);
  });

  it('answers a browser preflight for If-None-Match from any origin', async () => {
    const res = await request(h.app)
      .options('/api/trust-list')
      .set('Origin', 'https://wallet.example.org')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toContain('If-None-Match');
  });

  it('[request bodies] answers 429 once a client has read it too often', async () => {
    const limited = await startVerifier({ config: { rateLimitPerMinute: 2 } });
    try {
      await request(limited.app).get('/api/trust-list').expect(200);
      await request(limited.app).get('/api/trust-list').expect(200);
      const refused = await request(limited.app).get('/api/trust-list').expect(429);
      expect(refused.body.code).toBe('ERR_RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('the service addresses of a trusted issuer', () => {
  it.each([
    ['an http address elsewhere than localhost', 'catalogue', 'http://issuer.example.nl/api/catalogues/x'],
    ['not an address', 'intake', 'catalogus'],
    ['another scheme', 'catalogue', 'ftp://issuer.example.nl/api/catalogues/x'],
    ['user info', 'intake', 'https://user:secret@issuer.example.nl/api/intake/x'],
    ['a fragment', 'catalogue', 'https://issuer.example.nl/api/catalogues/x#top'],
    ['a number', 'catalogue', 42],
    ['over 2000 characters', 'intake', `https://issuer.example.nl/${'a'.repeat(2000)}`],
  ])(
    '[request bodies] refuses %s as %s with ERR_VALIDATION, storing nothing',
    async (_what, field, value) => {
      const did = `did:web:${field}-${String(value).length}.example.nl`;
      const res = await put(did, {
        name: 'Opleider',
        kind: 'training-provider',
        accreditedTypes: ['ModuleCredential'],
        [field]: value,
      }).expect(422);
      expect(res.body).toMatchObject({ code: 'ERR_VALIDATION', errors: [{ pointer: `/${field}` }] });
      await expect(h.deps.store.get(did)).resolves.toBeUndefined();
    },
  );

  it('takes http on localhost only when the verifier allows insecure localhost', async () => {
    const body = {
      name: 'Opleider lokaal',
      kind: 'training-provider',
      accreditedTypes: ['ModuleCredential'],
      catalogue: 'http://localhost:3001/api/catalogues/opleidingen-logistiek',
    };
    // The test harness allows insecure localhost, as ./sp start does.
    await put('did:web:localhost%3A3001:orgs:opleider', body).expect(200);
    const strict = await startVerifier({ config: { allowInsecureLocalhost: false } });
    try {
      const res = await request(strict.app)
        .put(`/api/admin/trusted-issuers/${encodeURIComponent('did:web:localhost%3A3001:orgs:opleider')}`)
        .set(admin)
        .send(body)
        .expect(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          pointer: '/catalogue',
          message: 'An https address of at most 2000 characters.',
        }),
      ]);
    } finally {
      await strict.close();
    }
  });

  it('are read from the trusted-issuers file, and a bad one fails the start naming its entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-trust-file-'));
    const file = join(dir, 'trusted.json');
    try {
      const entry = {
        did: 'did:web:evc.example.nl',
        name: 'EVC Nederland',
        kind: 'evc-provider',
        accreditedTypes: ['EVCCredential'],
        intake: 'https://evc.example.nl/api/intake/evc-nederland',
      };
      writeFileSync(file, JSON.stringify([entry]));
      const loaded = await startVerifier({ config: { trustedIssuersFile: file } });
      try {
        const res = await request(loaded.app).get('/api/trust-list').expect(200);
        expect(res.body.issuers).toEqual([entry]);
      } finally {
        await loaded.close();
      }
      writeFileSync(file, JSON.stringify([{ ...entry, intake: 'http://evc.example.nl/api/intake/x' }]));
      await expect(startVerifier({ config: { trustedIssuersFile: file } })).rejects.toMatchObject({
        code: 'ERR_CONFIG_INVALID',
        message: expect.stringContaining('entry 0'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('matchesEtag', () => {
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
  ])('If-None-Match %s matches "abc": %s', (header, expected) => {
    expect(matchesEtag(header, '"abc"')).toBe(expected);
  });
});
