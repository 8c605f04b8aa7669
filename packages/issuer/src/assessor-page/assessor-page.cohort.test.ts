import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';

const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');

/** Yesterday as a date input value: an assessment date that is surely before issuance. */
function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The content of an EVC certificate, typed into the content fields wherever they are shown. */
async function fillEvcContent(page: Page): Promise<void> {
  await page.locator('#title').fill('Ervaringscertificaat Helpende Zorg en Welzijn');
  await page.locator('#description').fill('Erkenning van verworven competenties van een helpende.');
  await page.locator('#criteria').fill('Portfolio en criteriumgericht interview.');
  await page.locator('#std-identifier').fill('25498');
  await page.locator('#std-version').fill('2024');
  await page.locator('#std-name').fill('Helpende zorg en welzijn');
  await page.locator('#assessment-date').fill(yesterday());
  await page.getByLabel('Portfolio').check();
  const search = page.getByRole('combobox', { name: 'Zoek een vaardigheid (Nederlands of Engels)' });
  await search.fill('verpleegkundigen onder');
  await page.getByRole('option', { name: /verpleegkundigen ondersteunen/ }).click();
  await page.locator('.skill .name', { hasText: 'verpleegkundigen ondersteunen' }).waitFor();
}

describe('assessor page: cohorts (real issuer, real Chromium)', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startIssuer(), launchChromium()]);
    evc = await provisionOrg(issuer, 'evc-groep', 'evc-provider', 'EVC Centrum Groep');
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('has its own content form, a template per type, a preview of a Dutch Excel file, then uploads', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));

    await page.goto(`${issuer.url}/assessor/`);
    await page.locator('#api-key').fill(evc.apiKey);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('EVC Centrum Groep', { exact: true }).waitFor();

    // The cohort tab shows the content fields itself, under its own heading; the issue form does not.
    await page.getByRole('button', { name: 'Groep uploaden' }).click();
    await page.getByRole('heading', { name: 'Inhoud voor de hele groep' }).waitFor();
    expect(await page.locator('#cohort-form #title').isVisible()).toBe(true);
    expect(await page.locator('#issue-form #title').count()).toBe(0);
    await page.getByText('Gemeenschappelijke inhoud: Ervaringscertificaat (EVC) — (nog geen titel').waitFor();

    // The template for Dutch Excel: semicolons, a byte order mark, the learner and the assessment date.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Leeg bestand voor Excel (puntkomma’s) downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('cohort-EVCCredential.csv');
    const template = readFileSync((await download.path())!);
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(template.subarray(3).toString('utf8')).toBe('name;email;/credentialSubject/assessmentDate\r\n');

    await fillEvcContent(page);
    await page
      .getByText('Gemeenschappelijke inhoud: Ervaringscertificaat (EVC) — Ervaringscertificaat Helpende')
      .waitFor();

    // The filled-in template, as Dutch Excel saves it: one good row, one without a name, one bad date.
    const csv = Buffer.concat([
      template,
      Buffer.from(
        'Zoë Jansen;zoe@example.nl;\r\n;zonder-naam@example.nl;\r\nJan de Vries;jan@example.nl;1 februari\r\n',
      ),
    ]);
    await page
      .locator('#cohort-file')
      .setInputFiles({ name: 'groep.csv', mimeType: 'text/csv', buffer: csv });
    // Within <main>: the live region (#announce, outside it) may read the same words out.
    const main = page.locator('main');
    await main
      .getByText('De eerste 3 van 3 leerlingen, gescheiden door puntkomma’s. Nog niets is uitgegeven.')
      .waitFor();
    const table = page.getByRole('table');
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Regel',
      'name',
      'email',
      '/credentialSubject/assessmentDate',
      'Resultaat',
    ]);
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    expect(await rows.nth(0).locator('td').first().textContent()).toBe('Zoë Jansen');
    expect(await rows.nth(0).locator('td').last().textContent()).toBe('In orde');
    expect(await rows.nth(1).locator('td').last().textContent()).toMatch(/name/);
    expect(await rows.nth(2).locator('td').last().textContent()).not.toBe('In orde');
    await page.screenshot({ path: join(screenshots, 'assessor-cohort-preview.png'), fullPage: true });
    // A preview issues nothing.
    const none = await call(issuer.url, 'GET', '/api/credentials', { token: evc.apiKey });
    expect(none.body.items).toHaveLength(0);

    await page.getByRole('button', { name: 'Uploaden en uitgeven' }).click();
    await main.getByText('Klaar. 1 uitgegeven, 2 geweigerd.').waitFor();
    const issued = await call(issuer.url, 'GET', '/api/credentials', { token: evc.apiKey });
    expect(issued.body.items.map((c: any) => [c.learner.name, c.title])).toEqual([
      ['Zoë Jansen', 'Ervaringscertificaat Helpende Zorg en Welzijn'],
    ]);

    // Back on the issue tab, the content fields are in the issue form again.
    await page.getByRole('button', { name: 'Uitgeven', exact: true }).click();
    expect(await page.locator('#issue-form #title').isVisible()).toBe(true);
    expect(await page.locator('#cohort-form #title').count()).toBe(0);

    // At phone width the preview table scrolls by itself; the page does not widen.
    await page.getByRole('button', { name: 'Groep uploaden' }).click();
    await page.setViewportSize({ width: 360, height: 800 });
    await page
      .locator('#cohort-file')
      .setInputFiles({ name: 'groep.csv', mimeType: 'text/csv', buffer: csv });
    await main.getByText('De eerste 3 van 3 leerlingen').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
