import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDidResolver } from '../domain/did-resolver.js';
import { addressRefusal, createGuardedFetch } from './guarded-fetch.js';

// A loopback server playing the hostile or broken host in each case.
let server: Server;
let base: string;
const hung: { end(): void }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/ok')
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end('{"ok":true}');
    else if (path === '/same-origin-redirect') res.writeHead(302, { location: '/ok' }).end();
    else if (path === '/other-host-redirect')
      res.writeHead(302, { location: 'https://evil.example/ok' }).end();
    else if (path === '/metadata-redirect')
      res.writeHead(307, { location: 'http://169.254.169.254/latest' }).end();
    else if (path === '/big')
      res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(100_000)}"`);
    else if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 50; i += 1) res.write('x'.repeat(4096));
      res.end();
    } else if (path === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    else if (path === '/slow') hung.push(res);
    else if (path === '/orgs/acme/did.json')
      res
        .writeHead(200, { 'content-type': 'application/did+json' })
        .end(JSON.stringify({ id: 'did:web:evil.example' }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hung) res.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const dev = createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 3000 });
const prod = createGuardedFetch({ allowInsecureLocalhost: false, timeoutMs: 3000 });
const json = { accept: ['application/json'], maxBytes: 10_000 };

describe('guarded fetch', () => {
  it('fetches from localhost in development and follows same-origin redirects', async () => {
    expect(await dev(`${base}/ok`, json)).toMatchObject({
      ok: true,
      status: 200,
      body: '{"ok":true}',
      etag: '"v1"',
    });
    expect(await dev(`${base}/same-origin-redirect`, json)).toMatchObject({ ok: true, status: 200 });
  });

  it.each([
    ['plain http outside development', () => prod(`${base}/ok`, json), 'ERR_FETCH_BLOCKED'],
    ['http to a non-local host', () => dev('http://example.org/did.json', json), 'ERR_FETCH_BLOCKED'],
    [
      'a loopback address outside development',
      () => prod(`https://127.0.0.1:1/ok`, json),
      'ERR_FETCH_BLOCKED',
    ],
    ['a link-local address', () => dev('https://169.254.169.254/latest', json), 'ERR_FETCH_BLOCKED'],
    ['a private address', () => dev('https://10.1.2.3/x', json), 'ERR_FETCH_BLOCKED'],
    ['an IPv6 unique-local address', () => dev('https://[fd00::1]/x', json), 'ERR_FETCH_BLOCKED'],
    [
      'an IPv4-mapped private address',
      () => dev('https://[::ffff:192.168.1.1]/x', json),
      'ERR_FETCH_BLOCKED',
    ],
    ['a URL with credentials', () => dev(`https://user:pw@example.org/x`, json), 'ERR_FETCH_BLOCKED'],
    ['a redirect to another host', () => dev(`${base}/other-host-redirect`, json), 'ERR_FETCH_BLOCKED'],
    ['a redirect to cloud metadata', () => dev(`${base}/metadata-redirect`, json), 'ERR_FETCH_BLOCKED'],
    ['a body over the cap (declared)', () => dev(`${base}/big`, json), 'ERR_FETCH_TOO_LARGE'],
    ['a body over the cap (chunked)', () => dev(`${base}/big-chunked`, json), 'ERR_FETCH_TOO_LARGE'],
    ['a wrong content type', () => dev(`${base}/html`, json), 'ERR_FETCH_FAILED'],
    ['a 404', () => dev(`${base}/missing`, json), 'ERR_FETCH_FAILED'],
    [
      'a host that never answers',
      () => createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 300 })(`${base}/slow`, json),
      'ERR_FETCH_TIMEOUT',
    ],
    ['not a URL', () => dev('::nope', json), 'ERR_FETCH_BLOCKED'],
  ])('[DID resolution] refuses %s', async (_name, run, code) => {
    expect(await run()).toMatchObject({ ok: false, code });
  });

  it.each([
    ['127.0.0.1', 'example.org', true],
    ['10.0.0.8', 'example.org', true],
    ['172.20.1.1', 'example.org', true],
    ['192.168.0.1', 'example.org', true],
    ['169.254.169.254', 'example.org', true],
    ['100.64.0.1', 'example.org', true],
    ['0.0.0.0', 'example.org', true],
    ['::1', 'example.org', true],
    ['fe80::1', 'example.org', true],
    ['::ffff:10.0.0.1', 'example.org', true],
    ['93.184.216.34', 'example.org', false],
    ['2606:2800:220:1:248:1893:25c8:1946', 'example.org', false],
  ])('[DID resolution] address %s for %s refused: %s', (address, host, refused) => {
    expect(addressRefusal(address, host, false) !== undefined).toBe(refused);
  });

  it('allows loopback only for localhost, and only in development', () => {
    expect(addressRefusal('127.0.0.1', 'localhost', true)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', 'rebind.example', true)).toBeDefined();
    expect(addressRefusal('10.0.0.1', 'localhost', true)).toBeDefined();
  });
});

describe('did:web resolution', () => {
  it('[DID resolution] refuses a document whose id is another DID', async () => {
    const port = new URL(base).port;
    const resolve = createDidResolver({ fetch: dev, allowInsecureLocalhost: true });
    expect(await resolve(`did:web:localhost%3A${port}:orgs:acme`)).toMatchObject({
      ok: false,
      code: 'ERR_DID_DOCUMENT_INVALID',
    });
  });

  it.each([
    ['did:web:localhost%3A1:orgs:acme', 'ERR_DID_RESOLUTION_FAILED'],
    ['did:web:10.0.0.1', 'ERR_DID_INVALID'],
    ['did:web:example.org:%2e%2e', 'ERR_DID_INVALID'],
    ['did:ion:abc', 'ERR_DID_METHOD_UNSUPPORTED'],
    ['did:key:z6Mk', 'ERR_DID_INVALID'],
  ])('[DID resolution] refuses %s', async (did, code) => {
    const resolve = createDidResolver({ fetch: dev, allowInsecureLocalhost: true });
    expect(await resolve(did)).toMatchObject({ ok: false, code });
  });
});
