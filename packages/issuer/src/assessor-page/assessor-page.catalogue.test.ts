import { loadFullEsco } from '@skills-passport/core/full-esco';
import { expectAccessible, launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_CATALOGUE_ORG } from '../demo/seed-catalogue.js';
import { seedDemo } from '../demo/seed-demo.js';
import { horizontalOverflow, openPage, signIn, yesterday } from '../test-support/assessor-screens.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';

// Issue 16, item 4: a training provider keeps its module catalogue on the assessor page, and issues
// a ModuleCredential for a catalogue module. Real issuer over SQLite with the whole ESCO, the demo
// catalogue seeded, real Chromium.
const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');
const ACTIVE_LISTENING = 'http://data.europa.eu/esco/skill/a17286c5-238d-4f0b-bc24-29e9121345de';

describe('assessor page: the module catalogue', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    const esco = await loadFullEsco();
    [issuer, browser] = await Promise.all([startIssuer({ esco }), launchChromium()]);
    const seed = await seedDemo(issuer.runtime.deps);
    apiKey = seed.organisations.find((o) => o.slug === DEMO_CATALOGUE_ORG)!.apiKey;
    mkdirSync(screenshots, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('adds, edits and withdraws a module (Dutch)', async () => {
    const { page, errors } = await openPage(browser, 'nl-NL', { width: 1100, height: 900 });
    await signIn(page, issuer.url, apiKey);
    await page.getByText('ROC Zorgopleidingen Midden', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Catalogus', exact: true }).click();
    await page.getByRole('heading', { name: 'Modulecatalogus' }).waitFor();
    await page.getByRole('heading', { name: 'Basiszorg en persoonlijke verzorging' }).waitFor();
    await expect(page.locator('#catalogue-list > li').count()).resolves.toBe(7);
    await page
      .locator('#catalogue-list > li', { hasText: 'Handelen bij noodsituaties in de zorg' })
      .getByText('NLQF 2 · EQF 2 · 8 uur · Klassikaal · Utrecht · € 175,00')
      .waitFor();
    await expectAccessible(page, 'assessor page: catalogue list (nl)');

    // Saving without skills, level or hours says what is missing, at the fields.
    await page.getByRole('button', { name: 'Module toevoegen' }).click();
    await page.getByRole('heading', { name: 'Nieuwe module' }).waitFor();
    await page.locator('#cat-name').fill('Gesprekken met cliënten');
    await page.locator('#cat-description').fill('Je oefent gesprekken met cliënten en hun familie.');
    await page.locator('#cat-criteria').fill('Twee gesprekken, beoordeeld door de docent.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const summary = page.locator('#catalogue-errors');
    await summary.getByText('De module is nog niet opgeslagen. Controleer:').waitFor();
    await summary.getByText('Kies ten minste één vaardigheid.').waitFor();
    await summary.getByText('EQF-niveau: Kies een EQF-niveau of een NLQF-niveau.').waitFor();
    await summary.getByText('Vul de studielast in uren in: een getal groter dan 0.').waitFor();
    await expectAccessible(page, 'assessor page: catalogue editor with problems (nl)');

    // A skill from the page's ESCO search brings its own learning outcome.
    const search = page.getByRole('combobox', { name: 'Zoek een vaardigheid (Nederlands of Engels)' });
    await search.fill('actief luisteren');
    await page
      .locator('#cat-skill-options')
      .getByRole('option', { name: 'actief luisteren' })
      .first()
      .click();
    await page.getByRole('button', { name: 'Verwijder actief luisteren' }).waitFor();
    await page
      .getByLabel('Wat kan de deelnemer daarna?')
      .fill('De deelnemer luistert actief naar de cliënt.');
    await page.locator('#cat-eqf').selectOption('2');
    await page.locator('#cat-nlqf').selectOption('2');
    await page.locator('#cat-hours').fill('16');
    await page.locator('#cat-mode').selectOption('online');
    await page.locator('#cat-start-date').fill('2027-03-01');
    await page.getByRole('button', { name: 'Startdatum toevoegen' }).click();
    await page.getByRole('button', { name: 'Verwijder startdatum 1 mrt 2027' }).waitFor();
    await page.locator('#cat-price').fill('120');
    await page.getByLabel('De module eindigt met een microcredential').check();
    await page.screenshot({ path: join(screenshots, 'assessor-catalogue-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#catalogue-message', { hasText: 'Gesprekken met cliënten is opgeslagen.' }).waitFor();
    await expect(page.locator('#catalogue-list > li').count()).resolves.toBe(8);

    // Published at once: in the public catalogue, as the page built it.
    const published = await call(issuer.url, 'GET', `/api/catalogues/${DEMO_CATALOGUE_ORG}?perPage=200`);
    const added = published.body.modules.find((m: any) => m.name === 'Gesprekken met cliënten');
    expect(added).toMatchObject({
      achievementType: 'MicroCredential',
      qualificationLevel: { eqf: 2, nlqf: '2' },
      studyLoad: { hours: 16 },
      offering: {
        mode: 'online',
        startDates: ['2027-03-01'],
        price: { amount: 120, currency: 'EUR' },
        endsInMicroCredential: true,
      },
    });
    expect(added.learningOutcomes).toEqual([
      {
        description: 'De deelnemer luistert actief naar de cliënt.',
        alignment: [expect.objectContaining({ targetUrl: ACTIVE_LISTENING, targetName: 'actief luisteren' })],
      },
    ]);

    // Edited: the same module, with the new study load.
    await page.getByRole('button', { name: 'Wijzigen: Gesprekken met cliënten' }).click();
    await page.getByRole('heading', { name: 'Module wijzigen: Gesprekken met cliënten' }).waitFor();
    await expect(page.locator('#cat-hours').inputValue()).resolves.toBe('16');
    await page.locator('#cat-hours').fill('20');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#catalogue-message', { hasText: 'Gesprekken met cliënten is opgeslagen.' }).waitFor();
    await page
      .locator('#catalogue-list > li', { hasText: 'Gesprekken met cliënten' })
      .getByText('20 uur', { exact: false })
      .waitFor();
    const publicModule = await call(issuer.url, 'GET', new URL(added.id).pathname);
    expect(publicModule.body.studyLoad).toEqual({ hours: 20 });

    // Someone else saves the module while the editor is open: the page says so, overwrites nothing.
    const moduleId = added.id.split('/').pop();
    await page.getByRole('button', { name: 'Wijzigen: Gesprekken met cliënten' }).click();
    await page.locator('#cat-hours').fill('24');
    const current = await call(issuer.url, 'GET', `/api/catalogue/modules/${moduleId}`, { token: apiKey });
    const { id: _id, type: _type, achievementType: _at, alignment: _al, ...theirs } = current.body.module;
    const colleague = await call(issuer.url, 'PUT', `/api/catalogue/modules/${moduleId}`, {
      token: apiKey,
      body: { ...theirs, studyLoad: { hours: 30 } },
    });
    expect(colleague.status).toBe(200);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page
      .locator('#catalogue-errors')
      .getByText('Iemand anders heeft deze module net gewijzigd.', { exact: false })
      .waitFor();
    expect((await call(issuer.url, 'GET', new URL(added.id).pathname)).body.studyLoad).toEqual({ hours: 30 });
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByRole('button', { name: 'Catalogus', exact: true }).click();
    await page
      .locator('#catalogue-list > li', { hasText: 'Gesprekken met cliënten' })
      .getByText('30 uur', { exact: false })
      .waitFor();

    // Withdrawn: gone from the public catalogue, still listed for staff, and back on request.
    await page.getByRole('button', { name: 'Intrekken: Gesprekken met cliënten' }).click();
    await page
      .locator('#catalogue-message', { hasText: 'Gesprekken met cliënten is ingetrokken.' })
      .waitFor();
    const card = page.locator('#catalogue-list > li', { hasText: 'Gesprekken met cliënten' });
    await card.getByText('Ingetrokken', { exact: true }).waitFor();
    expect((await call(issuer.url, 'GET', new URL(added.id).pathname)).status).toBe(404);
    await page.getByRole('button', { name: 'Opnieuw publiceren: Gesprekken met cliënten' }).click();
    await card.getByText('Gepubliceerd', { exact: true }).waitFor();
    expect((await call(issuer.url, 'GET', new URL(added.id).pathname)).status).toBe(200);
    // The one refused save, which Chromium logs; nothing else went wrong.
    expect(errors).toEqual([expect.stringContaining('412 (Precondition Failed)')]);
  }, 120_000);

  it('issues a ModuleCredential from a catalogue module, with the module as its achievement (English)', async () => {
    const { page, errors } = await openPage(browser, 'en-GB', { width: 1100, height: 900 });
    await signIn(page, issuer.url, apiKey);
    await page.getByText('ROC Zorgopleidingen Midden', { exact: true }).waitFor();

    // In the issue form itself: start from a module, and let go of it again.
    const picker = page.getByLabel('Start from a catalogue module');
    await picker.selectOption({ label: 'Hygiëne, kwaliteit en richtlijnen in de zorg' });
    await expect(page.locator('#title').inputValue()).resolves.toBe(
      'Hygiëne, kwaliteit en richtlijnen in de zorg',
    );
    await page
      .locator('#issue-from-module')
      .getByText('Filled in from the catalogue module', { exact: false })
      .waitFor();
    await page.getByRole('button', { name: 'Stop using the module' }).click();
    await expect(page.locator('#issue-from-module').isHidden()).resolves.toBe(true);
    await expect(picker.inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
    await page.getByRole('heading', { name: 'Module catalogue' }).waitFor();
    await page.getByRole('button', { name: 'Issue for this module: Samenwerken in het zorgteam' }).click();

    // The issue form, filled in from the module.
    await page
      .getByText('Filled in from the catalogue module “Samenwerken in het zorgteam”.', { exact: false })
      .waitFor();
    await expect(page.locator('#title').inputValue()).resolves.toBe('Samenwerken in het zorgteam');
    await expect(page.locator('#cred-lang').inputValue()).resolves.toBe('nl');
    await expect(page.locator('#hours').inputValue()).resolves.toBe('40');
    await expect(page.locator('#skill-list .skill').count()).resolves.toBe(3);
    await expect(page.locator('#outcome-list > li').count()).resolves.toBe(2);
    await expect(picker.inputValue()).resolves.toBe(
      `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/samenwerken-zorgteam`,
    );
    await expectAccessible(page, 'assessor page: issue form started from a catalogue module (en)');

    await page.locator('#learner-name').fill('Sanne Bakker');
    await page.locator('#learner-email').fill('sanne@example.nl');
    await page.locator('#end-date').fill(yesterday());
    await page.getByRole('button', { name: 'Issue credential' }).click();
    await page.getByRole('heading', { name: 'Credential issued to Sanne Bakker.' }).waitFor();

    const listed = await call(issuer.url, 'GET', '/api/credentials?learner=Sanne', { token: apiKey });
    const stored = await issuer.runtime.deps.store.credentials.find(
      DEMO_CATALOGUE_ORG,
      listed.body.items[0].id,
    );
    const achievement = JSON.parse(stored!.document).credentialSubject.achievement;
    expect(achievement.id).toBe(
      `${issuer.url}/api/catalogues/${DEMO_CATALOGUE_ORG}/modules/samenwerken-zorgteam`,
    );
    expect(achievement.learningOutcomes.map((o: any) => o.alignment.length)).toEqual([2, 1]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('fits a 360 px screen and is accessible there, with the editor open (English)', async () => {
    const { page, errors } = await openPage(browser, 'en-GB', { width: 360, height: 780 });
    await signIn(page, issuer.url, apiKey);
    await page.getByText('ROC Zorgopleidingen Midden', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
    await page.getByRole('heading', { name: 'Digital care: e-health and client records' }).waitFor();
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Edit: Digital care: e-health and client records' }).click();
    await page
      .getByRole('heading', { name: 'Edit module: Digital care: e-health and client records' })
      .waitFor();
    await expect(
      page.getByRole('button', { name: 'Remove use e-health and mobile health technologies' }).count(),
    ).resolves.toBe(1);
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(page, 'assessor page: catalogue editor at 360 px (en)');
    await page.screenshot({ path: join(screenshots, 'assessor-catalogue-360.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the Catalogue tab to training providers only', async () => {
    const employer = await provisionOrg(issuer, 'werkgever-catalogus', 'employer', 'Werkgever BV');
    const { page } = await openPage(browser, 'nl-NL', { width: 1100, height: 900 });
    await signIn(page, issuer.url, employer.apiKey);
    await page.getByText('Werkgever BV', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Catalogus', exact: true }).count()).resolves.toBe(0);
  }, 120_000);
});
