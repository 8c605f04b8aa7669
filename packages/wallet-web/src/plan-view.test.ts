// The development plan in real Chromium with the built wallet (issue 16 item 6, contract F): a
// learn-work desk on the real issuer issues the learner a plan with two catalogue modules; the
// wallet keeps it through the normal receive flow and shows it with nothing done. Then a training
// provider issues a module credential for the first module, and the plan shows 1 of 2 done — on
// the passport's front, on the plan, on paper (one A4 page), in English and Dutch, at 360 px.
import {
  expectAccessible,
  launchChromium,
  newProfile,
  watchPage,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  type IssuerService,
  type Org,
} from './test-support/issuer-service.js';
import { phoneProblems } from './test-support/phone-width.js';
import { openScreen, receiveAndKeep } from './test-support/wallet-screens.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(240_000);

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let desk: Org;
let school: Org;
let context: BrowserContext;
let page: Page;

/** The first module of the demo plan (schemas/examples/development-plan-credential/zorghulp-plan-ok.json). */
const HYGIENE = 'http://localhost:3001/api/catalogues/zorgopleidingen/modules/hygiene-en-richtlijnen';

beforeAll(async () => {
  const [dir, b, service] = await Promise.all([buildWallet(), launchChromium(), startIssuerService()]);
  browser = b;
  issuer = service;
  wallet = await serveWallet(dir);
  desk = await provisionOrg(
    issuer,
    'leerwerkloket-utrecht',
    'learn-work-desk',
    'Leerwerkloket Regio Utrecht',
  );
  school = await provisionOrg(issuer, 'zorgopleidingen', 'training-provider', 'ROC Zorgopleidingen Midden');
  context = await newProfile(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
});

describe('the development plan', () => {
  it('arrives as a credential and shows its modules, next steps and review date, nothing done yet', async () => {
    const watch = await watchPage(page);
    // Before any plan: the plan screen says how to get one, and the passport names none.
    await openScreen(page, wallet.url, '#/plan');
    await page
      .getByTestId('plan-none')
      .getByText('You have no development plan yet.', { exact: false })
      .waitFor();
    await openScreen(page, wallet.url, '#/passport');
    await expect(page.getByTestId('to-plan').count()).resolves.toBe(0);
    const plan = await issue(
      issuer,
      desk,
      issueRequest('development-plan-credential', 'zorghulp-plan-ok.json'),
    );
    await receiveAndKeep(page, wallet.url, plan.offer);

    await openScreen(page, wallet.url, '#/passport');
    const front = page.getByTestId('to-plan');
    await expect(front.textContent()).resolves.toBe('Your plan: 0 of 2 modules done');
    await front.click();
    await page.waitForURL('**/#/plan');
    await page.locator('body[data-ready="plan"] [data-testid=plan-gap]').waitFor({ timeout: 30_000 });

    await expect(page.getByTestId('plan-goal').textContent()).resolves.toBe('Your goal: work as zorghulp');
    await page
      .getByText('Agreed on 1 December 2026 with Jeroen Visser, Leerwerkloket Regio Utrecht.')
      .waitFor();
    await expect(page.getByTestId('plan-progress').textContent()).resolves.toBe('0 of 2 modules done');
    const modules = page.getByTestId('plan-module');
    await expect(modules.count()).resolves.toBe(2);
    await expect(modules.first().textContent()).resolves.toContain('Not yet');
    await expect(modules.first().textContent()).resolves.toContain(
      'From ROC Zorgopleidingen Midden · 24 hours of study',
    );
    await expect(modules.first().textContent()).resolves.toContain('klinische richtlijnen volgen');
    await expect(page.getByTestId('plan-steps').locator('li').allTextContents()).resolves.toEqual([
      'Aanmelden voor de module Hygiëne, kwaliteit en richtlijnen in de zorg. — before 15 January 2027',
      'Een dag meelopen op een afdeling van een verpleeghuis.',
    ]);
    await expect(page.getByTestId('plan-review').textContent()).resolves.toBe(
      'On 1 April 2027 you and your adviser look at this plan again.',
    );
    // The gap for the plan's job, with the career check's own computation over the whole ESCO.
    await expect(page.getByTestId('plan-gap-progress').textContent()).resolves.toBe(
      'You prove 0 of 32 essential skills.',
    );
    expect(watch.problems).toEqual([]);
    await expectAccessible(page, 'development plan, nothing done, in English');
  });

  it('moves from 0 to 1 of 2 modules done when the module credential arrives', async () => {
    const request = issueRequest('module-credential', 'magazijn-microcredential-ok.json');
    const subject = request.credential.credentialSubject as { achievement: Record<string, unknown> };
    // The training provider issues it for the catalogue module the plan names (same achievement id).
    subject.achievement.id = HYGIENE;
    subject.achievement.name = 'Hygiëne, kwaliteit en richtlijnen in de zorg';
    request.credential.name = 'Hygiëne, kwaliteit en richtlijnen in de zorg';
    const module = await issue(issuer, school, request);
    await receiveAndKeep(page, wallet.url, module.offer);

    await openScreen(page, wallet.url, '#/passport');
    await expect(page.getByTestId('to-plan').textContent()).resolves.toBe('Your plan: 1 of 2 modules done');
    await openScreen(page, wallet.url, '#/plan');
    await expect(page.getByTestId('plan-progress').textContent()).resolves.toBe('1 of 2 modules done');
    const modules = page.getByTestId('plan-module');
    await expect(modules.nth(0).getAttribute('data-done')).resolves.toBe('true');
    await expect(modules.nth(1).getAttribute('data-done')).resolves.toBe('false');
    await expect(modules.nth(0).textContent()).resolves.toContain(
      'Done: Hygiëne, kwaliteit en richtlijnen in de zorg, from ROC Zorgopleidingen Midden',
    );
    await expect(page.locator('progress[aria-label="Modules done"]').getAttribute('value')).resolves.toBe(
      '1',
    );
    // What the learner sees, for people reading the test output (and the README).
    await page.screenshot({ path: join(tmpdir(), 'skills-passport-wallet-plan.png'), fullPage: true });
  });

  it('prints the plan on one A4 page', async () => {
    await openScreen(page, wallet.url, '#/plan');
    await page.locator('[data-testid=plan-gap-progress]').waitFor();
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });

  it('is opened from the plan credential, in Dutch, and fits a 360 px screen', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await openScreen(page, wallet.url, '#/passport');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByTestId('to-plan').getByText('Je plan: 1 van 2 modules klaar').waitFor();
    // The plan credential's own page leads to the plan.
    await page.getByRole('link', { name: 'Ontwikkelplan zorghulp' }).first().click();
    await page.getByTestId('open-plan').click();
    await page.locator('body[data-ready="plan"] [data-testid=plan-gap]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('plan-progress').textContent()).resolves.toBe('1 van 2 modules klaar');
    await expect(page.getByTestId('plan-module').first().textContent()).resolves.toContain('Klaar');
    await expect(page.getByTestId('plan-review').textContent()).resolves.toBe(
      'Op 1 april 2027 kijk je samen met je adviseur opnieuw naar dit plan.',
    );
    await expect(page.getByTestId('plan-gap-progress').textContent()).resolves.toBe(
      'Je bewijst 0 van 32 belangrijke vaardigheden.',
    );
    await expect(phoneProblems(page)).resolves.toEqual([]);
    await expectAccessible(page, 'development plan, one module done, in Dutch, at 360 px');
    // On paper in Dutch too: one A4 page.
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });
});
