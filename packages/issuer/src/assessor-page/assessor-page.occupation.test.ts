import { loadFullEsco } from '@skills-passport/core/full-esco';
import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { horizontalOverflow, openPage, signIn, yesterday } from '../test-support/assessor-screens.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';

// Issue 15, item 7: the assessor starts from an ESCO occupation and gets its skills as competencies.
// Against the whole ESCO v1.2, as a real start serves it.
const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

describe('assessor page: starting from an occupation', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  let essential: { uri: string; label: { nl: string; en: string } }[];

  beforeAll(async () => {
    const esco = await loadFullEsco();
    [issuer, browser] = await Promise.all([startIssuer({ esco }), launchChromium()]);
    evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    essential = (
      await call(
        issuer.url,
        'GET',
        `/api/occupations/skills?uri=${encodeURIComponent(HEALTHCARE_ASSISTANT)}`,
        {
          token: evc.apiKey,
        },
      )
    ).body.essential;
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('adds the essential skills of "zorghulp", offers its optional ones, and issues them (Dutch)', async () => {
    const { page, errors } = await openPage(browser, 'nl-NL', { width: 1100, height: 900 });
    await signIn(page, issuer.url, evc.apiKey);
    await page.getByText('EVC Centrum Zorg', { exact: true }).waitFor();

    await page.locator('#learner-name').fill('Fatima el Amrani');
    await page.locator('#learner-email').fill('fatima@example.nl');
    await page.locator('#title').fill('Ervaringscertificaat zorghulp');
    await page.locator('#description').fill('Erkenning van verworven competenties van een zorghulp.');
    await page.locator('#criteria').fill('Portfolio en criteriumgericht interview.');
    await page.locator('#std-identifier').fill('25498');
    await page.locator('#std-name').fill('Helpende zorg en welzijn');
    await page.locator('#assessment-date').fill(yesterday());
    await page.getByLabel('Portfolio').check();

    // An occupation that is not there says so.
    const occupation = page.getByRole('searchbox', { name: 'Begin bij een beroep (ESCO)' });
    await occupation.fill('xqzvbnwk');
    await page.getByText('Geen beroep gevonden voor “xqzvbnwk”.').waitFor();

    await occupation.fill('zorghulp');
    await page
      .locator('#occupation-results li', { hasText: '32 essentiële en 14 optionele vaardigheden' })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Kies zorghulp', exact: true }).click();
    await page
      .locator('#occupation-picked', { hasText: '32 essentiële vaardigheden van zorghulp toegevoegd.' })
      .waitFor();
    await expect(page.locator('#skill-list .skill').count()).resolves.toBe(32);
    // In the credential's language (Dutch), each with the level field and its own "Verwijder" button.
    const first = essential[0]!;
    await page.locator('#skill-list .skill .name', { hasText: first.label.nl }).first().waitFor();
    await expect(page.getByRole('button', { name: `Verwijder ${first.label.nl}` }).count()).resolves.toBe(1);
    await expect(page.locator('#skill-0-level').inputValue()).resolves.toBe('2');

    // The optional skills wait, collapsed; one is added, one essential skill removed, a level raised.
    const optional = page.locator('#occupation-optional');
    await expect(optional.evaluate((d: any) => d.open)).resolves.toBe(false);
    await page.getByText('Optionele vaardigheden van zorghulp (14)').click();
    const addButtons = page.locator('#occupation-optional-list button');
    const firstOptional = (await page.locator('#occupation-optional-list li .name').first().textContent())!;
    await page.getByRole('button', { name: `Voeg ${firstOptional} toe` }).click();
    await page.getByText('Optionele vaardigheden van zorghulp (13)').waitFor();
    await expect(addButtons.count()).resolves.toBe(13);
    await expect(page.locator('#skill-list .skill').count()).resolves.toBe(33);
    await page.getByRole('button', { name: `Verwijder ${first.label.nl}` }).click();
    await expect(page.locator('#skill-list .skill').count()).resolves.toBe(32);
    await page.locator('#skill-0-level').selectOption('3');

    // The skill search still works beside it, over the whole ESCO, and says when nothing matches.
    const search = page.getByRole('combobox', { name: 'Zoek een vaardigheid (Nederlands of Engels)' });
    await search.fill('xqzvbnwk');
    await page.getByText('Geen vaardigheid gevonden voor “xqzvbnwk”.').waitFor();
    await search.fill('cliënt');
    await page.locator('#skill-options').getByRole('option').first().waitFor();
    await page.locator('#occupation-search').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'assessor-occupation.png') });
    await search.press('Escape');
    await search.fill('');

    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.getByRole('heading', { name: 'Credential uitgegeven aan Fatima el Amrani.' }).waitFor();

    // What the issuer stored: the occupation's essential skills but the removed one, plus the optional one.
    const stored = await call(issuer.url, 'GET', '/api/credentials?learner=Fatima', { token: evc.apiKey });
    expect(stored.body.items).toHaveLength(1);
    const [row] = await issuer.runtime.db.all<{ document: string }>(
      'SELECT document FROM credentials WHERE id = ?',
      [stored.body.items[0].id],
    );
    const subject = JSON.parse(row!.document).credentialSubject;
    const aligned = subject.achievement.alignment.map((a: any) => a.targetUrl);
    expect(aligned).toHaveLength(32);
    expect(aligned).toEqual(expect.arrayContaining(essential.slice(1).map((skill) => skill.uri)));
    expect(aligned).not.toContain(first.uri);
    expect(subject.achievement.alignment.map((a: any) => a.targetName)).toContain(firstOptional);
    expect(subject.achievement.alignment[0]).toMatchObject({ targetFramework: 'ESCO' });
    expect(errors).toEqual([]);
  }, 120_000);

  it('works at 360 px in English, with no sideways scrolling', async () => {
    const { page, errors } = await openPage(browser, 'en-GB', { width: 360, height: 740 });
    await signIn(page, issuer.url, evc.apiKey);
    await page.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await page
      .getByRole('searchbox', { name: 'Start from an occupation (ESCO)' })
      .fill('healthcare assistant');
    await page.getByRole('button', { name: 'Choose healthcare assistant', exact: true }).click();
    await page
      .locator('#occupation-picked', { hasText: 'Added 32 essential skills of healthcare assistant.' })
      .waitFor();
    await page.getByText('Optional skills of healthcare assistant (14)').click();
    await page.locator('#occupation-optional-list li').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The occupation, its optional skills and the first chosen ones, as a phone shows them.
    await page.locator('#occupation-search').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'phone-assessor-occupation.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
