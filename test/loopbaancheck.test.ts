// The career check-up (loopbaancheck, issue 16) on the demo data, as `./sp start` runs it: the
// issuer, the verifier and the wallet as their own processes (scripts/start.mjs) on loopback ports,
// driven in real Chromium by the learner, the EVC assessor, the training provider and the
// learn-work desk's adviser, in order:
//   1. the learner keeps the demo EVC certificate and sees, for the healthcare assistant it was
//      assessed for, which essential skills are proven and which not, and the occupations that fit;
//   2. the demo training provider's catalogue offers modules that close missing skills;
//   3. the learner adds a self-declared skill and sends an EVC intake; the assessor opens it with the
//      competencies pre-filled;
//   4. the adviser asks for the passport, records a development plan and issues it; the plan arrives
//      in the wallet, and shows progress when a module credential of the plan arrives.
// Every step waits for text a person sees; no fixed waits, no timings.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { receiveAndKeep } from '@skills-passport/wallet-web/testing';
import { expectAccessible } from './support/accessibility.js';
import { startDemoPlatform, type DemoPlatform } from './support/demo-platform.js';

jest.setTimeout(180_000);

const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

let platform: DemoPlatform;
let browser: Browser;
let learner: BrowserContext;
let page: Page;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDemoPlatform(), launchChromium()]);
  learner = await newProfile(browser);
  page = await learner.newPage();
}, 240_000);

afterAll(async () => {
  await learner?.close();
  await browser?.close();
  await platform?.close();
}, 60_000);

/** The demo's fresh offer of a credential type, as the start script printed it. */
function demoOffer(type: string): string {
  const offer = platform.demo().offers.find((o) => o.type === type);
  if (offer === undefined) throw new Error(`the demo made no ${type} offer`);
  return offer.uri;
}

describe('the career check-up on the demo data', () => {
  it('1. the learner with the demo EVC certificate sees the gap for the healthcare assistant and the occupations that fit', async () => {
    const watch = await watchPage(page);
    await receiveAndKeep(page, platform.urls.wallet, demoOffer('EVCCredential')).catch(async (e) => {
      throw new Error(`${String(e)}\n${await page.locator('details').last().textContent()}`);
    });
    await page.goto('about:blank');
    await page.goto(`${platform.urls.wallet}/#/career/${encodeURIComponent(HEALTHCARE_ASSISTANT)}`);
    await page.locator('body[data-ready="career"] [data-testid=career-gap]').waitFor({ timeout: 60_000 });
    const gap = page.getByTestId('career-gap');
    await expect(gap.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('healthcare assistant');
    const essential = page.getByTestId('gap-essential');
    await expect(
      essential.locator('li.gap-line[data-status=proven] .gap-label').allTextContents(),
    ).resolves.toEqual(['support nurses', 'monitor basic patients signs']);
    expect(await essential.locator('li.gap-line[data-status=not_yet]').count()).toBeGreaterThan(10);
    const fits = page.getByTestId('career-fits').locator('ol.fits > li');
    await expect(fits.count()).resolves.toBe(10);
    expect((await fits.locator('a').allTextContents()).slice(0, 3)).toContain('healthcare assistant');
    await expectAccessible(page, 'loopbaancheck: the gap on the demo data');
    expect(watch.problems).toEqual([]);
  });

  it('2. modules from the demo training provider’s catalogue close missing skills', async () => {
    const watch = await watchPage(page);
    const modules = page.getByTestId('career-modules');
    await modules.getByRole('button', { name: 'Show modules that close the gap' }).click();
    await page.getByTestId('modules-summary').waitFor();
    const items = page.getByTestId('module-suggestions').locator('li.module-suggestion');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    await expect(items.first().locator('.module-provider').textContent()).resolves.toBe(
      'From ROC Zorgopleidingen Midden, a recognised training provider',
    );
    // Together the suggested modules close at least two essential skills the learner still needs.
    const plan = await page.getByTestId('modules-plan').textContent();
    const closed = Number(/close (\d+) of the \d+ essential skills/.exec(plan ?? '')?.[1]);
    expect(closed).toBeGreaterThanOrEqual(2);
    const closes = await items.locator('.module-closes li').allTextContents();
    expect(closes.filter((c) => c.includes('(essential')).length).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'loopbaancheck: modules that close the gap');
    expect(watch.problems).toEqual([]);
  });
});
