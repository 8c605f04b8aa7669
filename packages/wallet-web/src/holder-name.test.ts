// A credential made out to another name than the learner's own (issue 15, item 2): the learner
// gives their name once, on the Wallet screen; a credential naming someone else gets a warning in
// the page before it is stored, and is stored only if the learner says it is theirs. Real Chromium,
// the built wallet, the real issuer service.
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import {
  call,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  type IssuerService,
  type Org,
} from './test-support/issuer-service.js';
import { keepOffered } from './test-support/keep-offered.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let evcOrg: Org;

beforeAll(async () => {
  const [dir, b, service] = await Promise.all([buildWallet(), launchChromium(), startIssuerService()]);
  browser = b;
  issuer = service;
  wallet = await serveWallet(dir);
  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
});

async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

/** Opens a fresh offer of the EVC certificate made out to Fatima el Amrani and accepts it. */
async function acceptFatimasCertificate(page: Page): Promise<string> {
  const created = await issue(issuer, evcOrg, issueRequest('evc-credential', 'zorghulp-ok.json'));
  await open(page, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(created.offer);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await keepOffered(page);
  return created.id;
}

async function delivery(id: string): Promise<string> {
  const response = await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, {
    token: evcOrg.apiKey,
  });
  return (response.body.offer as { delivery: string }).delivery;
}

describe('a credential made out to another name', () => {
  it('is stored only after the learner, warned in the page, says it is theirs', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);
    const browserDialogs: string[] = [];
    page.on('dialog', (d) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    });

    // Asked once, on the Wallet screen; kept across reloads.
    await open(page, '#/wallet');
    await page.getByLabel('Your name, as it is written on your credentials').fill('Sanne  Bakker ');
    await page.getByRole('button', { name: 'Save name' }).click();
    // The name is written to IndexedDB first: wait for the page to say so, then read what it says.
    await page.getByTestId('holder-name-status').filter({ hasText: 'Saved' }).waitFor();
    await expect(page.getByTestId('holder-name-status').textContent()).resolves.toBe(
      'Saved: the wallet compares the name on new credentials with “Sanne Bakker”.',
    );
    await page.reload();
    await page.locator('body[data-ready=wallet]').waitFor();
    await expect(
      page.getByLabel('Your name, as it is written on your credentials').inputValue(),
    ).resolves.toBe('Sanne Bakker');

    // Fatima's certificate: a warning before it is stored; "Do not keep it" keeps nothing.
    const first = await acceptFatimasCertificate(page);
    const warning = page.getByRole('dialog', { name: 'This credential names someone else' });
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain(
      'It is made out to “Fatima el Amrani”; this wallet is set up for “Sanne Bakker”.',
    );
    await warning.getByRole('button', { name: 'Do not keep it' }).click();
    await page.getByText('You declined the offer. Nothing was stored.').waitFor();
    await open(page, '#/passport');
    await expect(page.locator('.credential-card').count()).resolves.toBe(0);
    // The issuer is told the learner did not keep it (sent once the screen says so).
    for (let tries = 0; (await delivery(first)) !== 'deleted' && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(delivery(first)).resolves.toBe('deleted');

    // Asked again, the learner says it is theirs: stored.
    await acceptFatimasCertificate(page);
    await page
      .getByRole('dialog', { name: 'This credential names someone else' })
      .getByRole('button', { name: 'It is mine: keep it' })
      .click();
    await page.getByText('was added to your passport', { exact: false }).waitFor();

    // With the learner's own name, no question.
    await open(page, '#/wallet');
    await page.getByLabel('Your name, as it is written on your credentials').fill('Fatima El-Amrani');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByTestId('holder-name-status').getByText('Saved', { exact: false }).waitFor();
    await acceptFatimasCertificate(page);
    await page.getByText('was added to your passport', { exact: false }).waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await open(page, '#/passport');
    await expect(page.locator('.credential-card').count()).resolves.toBe(2);
    expect(browserDialogs).toEqual([]);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
