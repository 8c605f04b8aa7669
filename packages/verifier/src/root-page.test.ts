import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVerifier, type Harness } from './test-support/harness.js';

// The service root over real HTTP: a person who opens the verifier's address is led on.
let server: Server;
let base: string;
let h: Harness;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h = await startVerifier({ config: { publicUrl: new URL(base) } });
  server.on('request', h.app);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

/** The href of every link on a page. */
const hrefs = (html: string): string[] => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);

describe('the service root', () => {
  it('answers a page in Dutch and English that links to the employer page, the public verification page and the API description', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<section lang="nl">');
    expect(html).toContain('<section lang="en">');
    expect(html).toContain('Werkgeverspagina');
    expect(html).toContain('Employer page');
    expect(html).toContain('Bewijs controleren');
    expect(html).toContain('Verify a credential');
    expect(html).not.toMatch(/<script|style=/);
    // Every link leads somewhere that answers.
    const links = hrefs(html);
    expect(new Set(links)).toEqual(new Set(['/employer/', '/verify/', '/openapi.json']));
    for (const href of links) expect((await fetch(new URL(href, base))).status).toBe(200);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
  });

  it('puts English first for a browser that prefers it', async () => {
    const html = await (await fetch(`${base}/`, { headers: { 'accept-language': 'en-GB,nl;q=0.5' } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html.indexOf('<section lang="en">')).toBeLessThan(html.indexOf('<section lang="nl">'));
    expect(html).toMatch(/<h1>[^<]*<\/h1>/);
  });

  it('serves its stylesheet from its own origin', async () => {
    const res = await fetch(`${base}/root.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('still answers unknown paths with a problem document', async () => {
    for (const path of ['/nowhere', '/index.html', '/employer-x']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, code: 'ERR_NOT_FOUND' });
    }
  });
});
