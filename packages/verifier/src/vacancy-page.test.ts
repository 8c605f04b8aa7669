import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, launchChromium } from '@skills-passport/service-kit/testing';
import type { Browser, Page } from 'playwright-core';
import { startListeningVerifier, type Harness, type ListeningVerifier } from './test-support/harness.js';

// Published vacancies in real Chromium: the employer page publishes the vacancy being composed and
// withdraws it; the public page shows it in Dutch and English at 360 px, accessible (axe-core).

let verifier: ListeningVerifier;
let base: string;
let h: Harness;
let browser: Browser;
const WALLET = 'http://localhost:3000';

beforeAll(async () => {
  verifier = await startListeningVerifier({ config: { walletUrl: new URL(WALLET) } });
  ({ h, base } = verifier);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await verifier.close();
});

/** How wide the document scrolls against the viewport. */
const widths = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    return { scrollWidth: doc.documentElement.scrollWidth, viewport: doc.documentElement.clientWidth };
  });

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

describe('published vacancies in the browser', () => {
  let pageUrl: string;

  it('the employer page publishes the vacancy: its link, QR code and copy button, listed with "Withdraw"', async () => {
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 360, height: 740 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/employer/`);
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();

    await page.getByTestId('request-title').fill('Zorghulp in de thuiszorg');
    const results = page.getByTestId('skill-results');
    await page.getByTestId('skill-search').fill('verpleegkundigen');
    await results.locator('li', { hasText: 'verpleegkundigen ondersteunen' }).getByRole('button').click();
    await page.getByTestId('chosen-skills').locator('li').first().waitFor();
    await page.getByTestId('publish-vacancy').click();

    const link = page.getByTestId('vacancy-link');
    await link.waitFor({ state: 'visible' });
    pageUrl = (await link.textContent())!;
    expect(pageUrl).toMatch(new RegExp(`^${base}/vacancies/[A-Za-z0-9_-]{22}$`));
    const qr = page.getByTestId('vacancy-qr');
    await qr.evaluate(async (img) => {
      const image = img as unknown as { complete: boolean; decode(): Promise<void> };
      if (!image.complete) await image.decode();
    });
    expect(
      await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await page.getByTestId('copy-vacancy').click();
    // The copy is asynchronous: wait for the page to say it is done.
    await page.getByTestId('copy-status').filter({ hasText: 'Gekopieerd.' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(pageUrl);

    const row = page.getByTestId('vacancy-list').locator('li', { hasText: 'Zorghulp in de thuiszorg' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('gepubliceerd tot');
    // Publishing made no request.
    await expect(page.getByTestId('past-requests').locator('li').count()).resolves.toBe(0);
    const { scrollWidth, viewport } = await widths(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await expectAccessible(page, 'employer page: a vacancy published, at 360 px');

    // Each request made from the vacancy stays open as long as the form's lifetime says (a week),
    // and the employer sees it among their requests.
    const id = pageUrl.split('/').pop()!;
    const made = (await (await fetch(`${base}/api/vacancies/${id}/requests`, { method: 'POST' })).json()) as {
      expiresAt: string;
    };
    expect(Date.parse(made.expiresAt) - h.clock.t).toBe(7 * 86_400_000);
    await page.reload();
    await page.getByTestId('past-requests').locator('li', { hasText: 'Zorghulp in de thuiszorg' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it.each([
    ['nl-NL', 'Bekijk in je wallet of je past', 'vereist'],
    ['en-GB', 'Check your fit in your wallet', 'required'],
  ])(
    'the public page in %s at 360 px: the vacancy, the link, the wallet button',
    async (locale, fit, required) => {
      const page = await browser.newPage({ locale, viewport: { width: 360, height: 740 } });
      const errors = watchErrors(page);
      await page.goto(pageUrl);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale.slice(0, 2));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Zorghulp in de thuiszorg',
      );
      await expect(page.getByRole('heading', { name: fit }).count()).resolves.toBe(1);
      await expect(page.locator('ul.skills li').first().textContent()).resolves.toContain(required);
      const id = pageUrl.split('/').pop()!;
      await expect(page.locator('#vacancy-link').inputValue()).resolves.toBe(`${base}/api/vacancies/${id}`);
      const button = page.locator('a.button');
      await expect(button.getAttribute('href')).resolves.toBe(
        `${WALLET}/?vacancy=${encodeURIComponent(`${base}/api/vacancies/${id}`)}`,
      );
      const { scrollWidth, viewport } = await widths(page);
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
      await expectAccessible(page, `public vacancy page, ${locale}, at 360 px`);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('withdrawing from the employer page: the row says so, and the public page answers 410', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    const errors = watchErrors(page);
    await page.goto(`${base}/employer/`);
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    const row = page.getByTestId('vacancy-list').locator('li', { hasText: 'Zorghulp in de thuiszorg' });
    await row.getByRole('button', { name: 'Withdraw Zorghulp in de thuiszorg' }).click();
    await row.getByText('withdrawn').waitFor();
    const res = await page.goto(pageUrl);
    expect(res?.status()).toBe(410);
    await expect(page.locator('main').textContent()).resolves.toContain('withdrawn or has expired');
    await expectAccessible(page, 'public vacancy page, withdrawn');
    expect(errors.filter((e) => !e.includes('410'))).toEqual([]);
    await page.close();
  }, 60_000);
});
