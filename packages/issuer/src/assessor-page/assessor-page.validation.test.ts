import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';

const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');
const DAY = 24 * 3600 * 1000;

/** A date `days` ago in the browser's calendar, as a date input value. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function openSignedIn(browser: Browser, url: string, apiKey: string, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  /** Every issuance the page sends. */
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/credentials') sent.push(r.url());
  });
  await page.goto(`${url}/assessor/`);
  await page.locator('#api-key').fill(apiKey);
  await page.locator('#signin-form button[type="submit"]').click();
  // Signed in once /api/me has prefilled the assessor.
  await page.waitForFunction(
    () => (document.getElementById('attester-name') as HTMLInputElement).value !== '',
  );
  return { context, page, errors, sent };
}

/** The error note next to a field, and how many notes it has. */
async function notesAt(page: Page, id: string): Promise<string[]> {
  return page
    .locator(`#${id}`)
    .locator('xpath=ancestor::*[contains(@class,"field")][1]')
    .locator('.field-error')
    .allTextContents();
}

describe('assessor page: the form is checked in the page, in plain words (real issuer, real Chromium)', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    // The issuer's clock runs three days behind the browser's, so a date the page rightly takes
    // (yesterday) is "in the future" for the issuer: a real 422 for the page to map onto its field.
    [issuer, browser] = await Promise.all([
      startIssuer({ now: () => new Date(Date.now() - 3 * DAY) }),
      launchChromium(),
    ]);
    evc = await provisionOrg(issuer, 'evc-check', 'evc-provider', 'EVC Centrum Controle');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('names every missing field once, refuses 31 February, 1899 and tomorrow, and sends nothing (Dutch)', async () => {
    const { context, page, errors, sent } = await openSignedIn(browser, issuer.url, evc.apiKey, 'nl-NL');
    await page.locator('#attester-role').fill('');

    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.getByText('Het credential is nog niet uitgegeven. Controleer:').waitFor();
    const summary = await page.locator('#issue-errors li').allTextContents();
    expect(new Set(summary).size).toBe(summary.length);
    expect(summary).toEqual([
      'Leerling — Naam: Vul dit in.',
      'E-mailadres: Vul dit in.',
      'Titel: Vul dit in.',
      'Beschrijving: Vul dit in.',
      'Hoe is het behaald (criteria): Vul dit in.',
      'Code (bijv. crebo): Vul dit in.',
      'Standaard waartegen is beoordeeld — Naam: Vul dit in.',
      'Datum van het assessment: Vul dit in.',
      'Beoordelingsmethoden: Kies minstens één beoordelingsmethode.',
      'Rol: Vul dit in.',
      'Vaardigheden: Kies minstens één vaardigheid.',
    ]);
    // One note per field, and the summary took focus.
    expect(await notesAt(page, 'title')).toEqual(['Vul dit in.']);
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('issue-errors');
    expect(await page.locator('.field-error').count()).toBe(summary.length);

    // 31 February: the date input holds no date; the page says why.
    await page.locator('#learner-email').fill('fatima-at-example.nl');
    await page.locator('#assessment-date').focus();
    await page.keyboard.type('02312026');
    expect(
      await page.locator('#assessment-date').evaluate((n: any) => [n.value, n.validity.badInput]),
    ).toEqual(['', true]);
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.locator('#issue-errors li', { hasText: 'Datum van het assessment' }).waitFor();
    expect(await notesAt(page, 'assessment-date')).toEqual([
      'Deze datum is onvolledig of bestaat niet (zoals 31 februari). Vul dag, maand en jaar in van een dag die bestaat.',
    ]);
    expect(await notesAt(page, 'learner-email')).toEqual(['Vul een e-mailadres in zoals naam@voorbeeld.nl.']);

    await page.locator('#assessment-date').fill('1899-01-01');
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.locator('#issue-errors', { hasText: '1950' }).waitFor();
    expect(await notesAt(page, 'assessment-date')).toEqual([
      'Deze datum ligt vóór 1 januari 1950; dat kan niet kloppen. Controleer het jaartal.',
    ]);
    await page.screenshot({ path: join(screenshots, 'assessor-form-checks.png'), fullPage: true });

    await page.locator('#assessment-date').fill(daysAgo(-1));
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.locator('#issue-errors', { hasText: 'toekomst' }).waitFor();
    expect(await notesAt(page, 'assessment-date')).toEqual([
      'Deze datum ligt in de toekomst. Vul een datum in tot en met vandaag.',
    ]);
    expect(sent).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('puts the issuer’s objections at their fields in plain words, each once, then issues', async () => {
    const { context, page, errors, sent } = await openSignedIn(browser, issuer.url, evc.apiKey, 'nl-NL');
    await page.locator('#learner-name').fill('Fatima el Amrani');
    await page.locator('#learner-email').fill('fatima@example.nl');
    // A tab in the title: the page lets it through, the issuer's schema refuses it twice (the
    // credential's name and the achievement's), both at the title field.
    await page.locator('#title').fill('Ervaringscertificaat\tHelpende');
    await page.locator('#description').fill('Erkenning van verworven competenties.');
    await page.locator('#criteria').fill('Portfolio en criteriumgericht interview.');
    await page.locator('#std-identifier').fill('25498');
    await page.locator('#std-name').fill('Helpende zorg en welzijn');
    await page.locator('#assessment-date').fill(daysAgo(5));
    await page.getByLabel('Portfolio').check();
    const search = page.getByRole('combobox', { name: 'Zoek een vaardigheid (Nederlands of Engels)' });
    await search.fill('verpleegkundigen onder');
    await page.getByRole('option', { name: /verpleegkundigen ondersteunen/ }).click();
    await page.locator('.skill .name', { hasText: 'verpleegkundigen ondersteunen' }).waitFor();

    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.getByText('Het credential is nog niet uitgegeven. Controleer:').waitFor();
    expect(sent).toHaveLength(1);
    expect(await page.locator('#issue-errors li').allTextContents()).toEqual([
      'Titel: Dit klopt nog niet; controleer wat u hier invulde.',
    ]);
    expect(await notesAt(page, 'title')).toEqual(['Dit klopt nog niet; controleer wat u hier invulde.']);
    expect(await page.locator('#issue-form').textContent()).not.toMatch(/Expected|pattern|schema/i);

    // Yesterday is fine for the page and in the future for the issuer (its clock is behind):
    // the issuer's date_future lands at the date field, in Dutch.
    await page.locator('#title').fill('Ervaringscertificaat Helpende');
    await page.locator('#assessment-date').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.locator('#issue-errors', { hasText: 'toekomst' }).waitFor();
    expect(sent).toHaveLength(2);
    expect(await page.locator('#issue-errors li').allTextContents()).toEqual([
      'Datum van het assessment: Deze datum ligt in de toekomst. Vul een datum in tot en met vandaag.',
    ]);

    await page.locator('#assessment-date').fill(daysAgo(5));
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.getByRole('heading', { name: 'Credential uitgegeven aan Fatima el Amrani.' }).waitFor();
    const stored = await call(issuer.url, 'GET', '/api/credentials?learner=Fatima', { token: evc.apiKey });
    expect(stored.body.items).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('says the same in English, and again in Dutch when the page switches', async () => {
    const { context, page, sent } = await openSignedIn(browser, issuer.url, evc.apiKey, 'en-GB');
    await page.locator('#assessment-date').fill('1899-01-01');
    await page.getByRole('button', { name: 'Issue credential' }).click();
    await page.getByText('The credential was not issued yet. Please check:').waitFor();
    expect(await notesAt(page, 'assessment-date')).toEqual([
      'This date is before 1 January 1950, which cannot be right. Check the year.',
    ]);
    expect(await notesAt(page, 'title')).toEqual(['Please fill this in.']);
    expect(sent).toEqual([]);

    // Switching the page to Dutch says the same problems in Dutch, once, and leaves the focus be.
    await page.locator('#lang').focus();
    await page.locator('#lang').selectOption('nl');
    await page.getByText('Het credential is nog niet uitgegeven. Controleer:').waitFor();
    expect(await notesAt(page, 'assessment-date')).toEqual([
      'Deze datum ligt vóór 1 januari 1950; dat kan niet kloppen. Controleer het jaartal.',
    ]);
    expect(await notesAt(page, 'title')).toEqual(['Vul dit in.']);
    expect(await page.locator('#issue-errors li', { hasText: 'Titel: Vul dit in.' }).count()).toBe(1);
    expect(await page.evaluate('document.activeElement.id')).toBe('lang');
    await context.close();
  }, 60_000);
});
