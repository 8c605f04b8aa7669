// The assessor page's Chromium tests share these: a page that records errors, signing in with an
// API key, a date before today, and whether the page scrolls sideways.
import type { Browser, Page } from 'playwright-core';

/** A page that records every console error and uncaught exception. */
export async function openPage(
  browser: Browser,
  locale: string,
  viewport = { width: 1100, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { page, errors };
}

/** Opens the assessor page and signs in with `apiKey` (in either language). */
export async function signIn(page: Page, url: string, apiKey: string): Promise<void> {
  await page.goto(`${url}/assessor/`);
  await page.locator('#api-key').fill(apiKey);
  await page.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
}

/** Yesterday as a date input value: an assessment date that is surely before issuance. */
export function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** How far the page reaches beyond the viewport's width (0 or less: no sideways scrolling). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
