import type { Page } from 'playwright-core';

/** The review's "keep" button, in either language. */
export const KEEP_BUTTON = /^(Keep it in my passport|Bewaren in mijn paspoort)$/;

/**
 * After "Accept": the wallet fetched and checked the credential and shows it for review before
 * storing anything. Keeps it; returns without a click when the wallet said something went wrong
 * (an alert) instead. Stale alerts are the caller's to clear.
 */
export async function keepOffered(page: Page, timeout = 20_000): Promise<void> {
  const keep = page.getByRole('button', { name: KEEP_BUTTON });
  await keep.or(page.locator('[role=alert]')).first().waitFor({ timeout });
  if ((await keep.count()) > 0) await keep.click();
}
