// SD-JWT VC (`dc+sd-jwt`) in real Chromium, without the issuer and verifier services: the fixture
// organisation offers a credential in all three envelopes (its SD-JWT VC signed ES256, its status
// in a Token Status List token), the wallet verifies and keeps them as one credential; the fixture
// verifier asks for some skills by DCQL `claims`, and what arrives is checked with core's
// verifyCredential: only the claims asked for (and left ticked) were disclosed.
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { example, startFixtureIssuer, type FixtureIssuer } from './test-support/fixture-issuer.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

let browser: Browser;
let wallet: WalletServer;
let org: FixtureIssuer;
let statusIndex = 10;

beforeAll(async () => {
  const [dir, b, o] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startFixtureIssuer('evc-zorg', 'EVC Centrum Zorg'),
  ]);
  browser = b;
  org = o;
  wallet = await serveWallet(dir);
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await org?.close();
});

/** The EVC example as a new credential (its own id). */
function evc(): Record<string, unknown> {
  return { ...example('evc-credential', 'zorghulp-ok.json'), id: `urn:uuid:${crypto.randomUUID()}` };
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

async function accept(page: Page, link: string): Promise<void> {
  await open(page, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(link);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.locator('[role=alert], form.offer').first().waitFor();
  const refused = page.locator('[role=alert]');
  if ((await refused.count()) > 0)
    throw new Error(`the wallet refused the offer: ${await refused.textContent()}`);
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await page.locator('[role=alert], .message.success').first().waitFor({ timeout: 20_000 });
}

/** The wallet's stored credentials, as IndexedDB holds them. */
async function stored(page: Page): Promise<Record<string, any>[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('skills-passport-wallet');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('credentials').objectStore('credentials').getAll();
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
  })`);
}

describe('receiving an SD-JWT VC', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newProfile(browser);
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('takes the dc+sd-jwt envelope beside the others, verified, as one credential, and tells the issuer', async () => {
    const watch = await watchPage(page);
    const link = org.offer(evc(), statusIndex++);
    await accept(page, link);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
    const [credential] = await stored(page);
    expect(credential?.sdJwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+~([\w-]+~)+$/);
    expect(credential?.jwt).toBeDefined();
    expect(credential?.ldp).toBeDefined();
    for (let tries = 0; org.notifications.length < 3 && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(org.notifications.map((n) => `${n.format} ${n.event}`).sort()).toEqual([
      'dc+sd-jwt credential_accepted',
      'jwt_vc_json credential_accepted',
      'ldp_vc credential_accepted',
    ]);
    expect(watch.problems).toEqual([]);
  });

  it('takes a credential offered only as dc+sd-jwt, and shows it with its skills', async () => {
    const link = org.offer(evc(), statusIndex++, {
      formats: ['dc+sd-jwt'],
    });
    const before = (await stored(page)).length;
    await accept(page, link);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
    const all = await stored(page);
    expect(all).toHaveLength(before + 1);
    const only = all.find((c) => c.jwt === undefined)!;
    expect(only.sdJwt).toBeDefined();
    await open(page, `#/credential/${encodeURIComponent(only.id as string)}`);
    await expect(page.locator('main').textContent()).resolves.toContain('support nurses');
  });
});
