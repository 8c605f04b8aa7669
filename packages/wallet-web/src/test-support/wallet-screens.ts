// Driving the built wallet in Chromium the way the learner does: a screen opened, an offer received
// and kept, a request link opened. Shared by the wallet's Chromium suites.
import type { Page } from 'playwright-core';
import { keepOffered } from './keep-offered.js';

/**
 * Opens a screen with a full load (about:blank first: a same-document hash change would leave the
 * previous screen's data-ready in place for a moment) and waits until it says it is ready.
 */
export async function openScreen(page: Page, walletUrl: string, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${walletUrl}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

/** Pastes an offer link, accepts it, keeps the credential and waits until the wallet says it was added. */
export async function receiveAndKeep(page: Page, walletUrl: string, offerLink: string): Promise<void> {
  await openScreen(page, walletUrl, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(offerLink);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await keepOffered(page);
  await page.getByText('was added to your passport', { exact: false }).waitFor();
}

/** Pastes a request link on the share screen and waits for the request or the wallet's refusal. */
export async function openRequestLink(page: Page, walletUrl: string, link: string): Promise<void> {
  await openScreen(page, walletUrl, '#/share');
  await page.getByLabel('Request link (openid4vp://…)').fill(link);
  await page.getByRole('button', { name: 'Open request' }).click();
  await page.locator('form.request, [role=alert]').first().waitFor();
}

/** Fails with what the wallet said when it refused a request the test expected it to open. */
export async function expectRequestShown(page: Page): Promise<void> {
  const alert = page.locator('[role=alert]');
  if ((await alert.count()) > 0) throw new Error(`the wallet refused: ${await alert.textContent()}`);
}
