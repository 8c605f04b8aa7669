import { launchChromium, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';

/** The href of every link on a page. */
const links = (html: string): string[] => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);

describe('the service root, over real HTTP', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => issuer.destroy());

  /** How the link to the assessor page begins, in each language of the root page. */
  const ASSESSOR_LINK = { nl: 'Assessorpagina', en: 'Assessor page' } as const;

  it.each([
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE, en;q=0.5, nl;q=0.7', 'nl'],
    ['fr-FR', 'en'],
    ['', 'en'],
  ] as const)('answers Accept-Language %j with a page in %s', async (acceptLanguage, lang) => {
    const response = await call(issuer.url, 'GET', '/', { headers: { 'accept-language': acceptLanguage } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(response.headers.get('vary')).toMatch(/Accept-Language/);
    expect(response.text).toContain(`<html lang="${lang}">`);
    expect(response.text).toContain(ASSESSOR_LINK[lang]);
  });

  it('leads to the assessor page and the API description, and each link answers', async () => {
    const page = await call(issuer.url, 'GET', '/', { headers: { 'accept-language': 'nl' } });
    const hrefs = links(page.text);
    expect(hrefs).toEqual(['/assessor/', '/openapi.json', '/?lang=en']);
    const assessor = await fetch(new URL('/assessor/', issuer.url));
    expect(assessor.status).toBe(200);
    expect(await assessor.text()).toMatch(/<html/);
    const api = await call(issuer.url, 'GET', '/openapi.json');
    expect(api.status).toBe(200);
    expect(api.body.openapi).toBe('3.1.0');
    const english = await call(issuer.url, 'GET', '/?lang=en', { headers: { 'accept-language': 'nl' } });
    expect(english.text).toContain('<html lang="en">');
    expect(links(english.text)).toContain('/?lang=nl');
  });

  it('keeps the strict policy: no script, style or framing allowed, and none needed', async () => {
    const response = await call(issuer.url, 'GET', '/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.text).not.toMatch(/<script|<style|style=/);
  });

  it('answers HEAD, and still 404s unknown paths and other methods as problem+json', async () => {
    const head = await fetch(new URL('/', issuer.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (const [method, path] of [
      ['GET', '/nothing/here'],
      ['GET', '/index.html'],
      ['POST', '/'],
      ['DELETE', '/'],
    ] as const) {
      const response = await call(issuer.url, method, path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('ERR_NOT_FOUND');
    }
  });

  it('in Chromium at phone width: Dutch for a Dutch browser, no policy violations, and the link leads on', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const watch = await watchPage(page);
      await page.goto(`${issuer.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Skills Passport — uitgever' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.getByRole('link', { name: /^Assessorpagina/ }).click();
      await page.waitForURL(`${issuer.url}/assessor/`);
      await page.locator('#api-key').waitFor();
      await page.goBack();
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Skills Passport — issuer' }).waitFor();
      expect(watch.problems).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 60_000);
});
