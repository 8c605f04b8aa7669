// Real Chromium (Debian's), driven by playwright-core; never a downloaded browser.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './paths.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh browser profile (its own IndexedDB) at phone width, in the given language. `serviceWorkers:
 * 'block'` spares a test that makes many short-lived profiles the wallet's app-shell cache.
 */
export function newProfile(
  browser: Browser,
  locale = 'en-GB',
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale,
    viewport: { width: 412, height: 915 },
    acceptDownloads: true,
    ...options,
  });
}

/** Collects CSP violations and page errors, so a test can assert there were none. */
export async function watchPage(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('Refused to ' + e.violatedDirective + ': ' + e.blockedURI));",
  });
  return { problems };
}

/** Writes a screenshot for the README into docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}
