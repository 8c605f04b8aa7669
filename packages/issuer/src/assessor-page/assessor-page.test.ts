import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openPage, signIn, yesterday } from '../test-support/assessor-screens.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { ASSESSOR_PAGE_CSP } from './assessor-page.js';

const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');

describe('assessor page', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startIssuer(), launchChromium()]);
    evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('[logs and headers] the assessor page is served under its own strict CSP, and only its own files are', async () => {
    const redirect = await fetch(`${issuer.url}/assessor`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/assessor/');

    const page = await fetch(`${issuer.url}/assessor/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(ASSESSOR_PAGE_CSP);
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style/);

    // The script Vite built, by the hashed name the page gives it.
    const src = /<script[^>]*\bsrc="([^"]+)"/.exec(html)?.[1] ?? 'missing.js';
    const script = await fetch(new URL(src, `${issuer.url}/assessor/`));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(ASSESSOR_PAGE_CSP);
    for (const path of [
      'assessor-page.ts',
      'assessor-page.test.ts',
      'tsconfig.json',
      '..%2Fapp.ts',
      'nope.js',
    ]) {
      const res = await call(issuer.url, 'GET', `/assessor/${path}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ERR_NOT_FOUND');
    }
  });

  it('lets an assessor issue an EVC certificate, find it, revoke it and upload a cohort (Dutch)', async () => {
    const { page, errors } = await openPage(browser, 'nl-NL');
    await page.goto(`${issuer.url}/assessor/`);
    await expect(page.getByRole('heading', { name: 'Inloggen' }).isVisible()).resolves.toBe(true);

    // A wrong key is refused in plain words.
    await signIn(page, issuer.url, 'spk_nope_nope');
    await page.getByText('Deze API-sleutel is onbekend of ingetrokken.').waitFor();

    await signIn(page, issuer.url, evc.apiKey);
    await page.getByText('EVC Centrum Zorg', { exact: true }).waitFor();
    await page.getByText('Ingelogd als Marleen de Vries (assessor) bij').waitFor();
    await page.getByText('Ervaringscertificaat (EVC)', { exact: true }).first().waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('sp-assessor-key'))).toBe(evc.apiKey);
    expect(await page.evaluate(() => localStorage.getItem('sp-assessor-key'))).toBeNull();
    // The assessor is prefilled from /api/me.
    expect(await page.locator('#attester-name').inputValue()).toBe('Marleen de Vries');

    await page.locator('#learner-name').fill('Fatima el Amrani');
    await page.locator('#learner-email').fill('fatima@example.nl');
    await page.locator('#title').fill('Ervaringscertificaat Helpende Zorg en Welzijn');
    await page
      .locator('#description')
      .fill('Erkenning van verworven competenties van een helpende in zorg en welzijn.');
    await page
      .locator('#criteria')
      .fill('Portfolio en criteriumgericht interview door een onafhankelijke assessor.');
    await page.locator('#std-identifier').fill('25498');
    await page.locator('#std-version').fill('2024');
    await page.locator('#assessment-date').fill(yesterday());
    await page.getByLabel('Portfolio').check();
    await page.getByLabel('Criteriumgericht interview').check();

    // Skills by Dutch label: one with the keyboard, one with the mouse.
    const search = page.getByRole('combobox', { name: 'Zoek een vaardigheid (Nederlands of Engels)' });
    await search.fill('verpleegkundigen onder');
    await page.getByRole('option', { name: /verpleegkundigen ondersteunen/ }).waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.locator('.skill .name', { hasText: 'verpleegkundigen ondersteunen' }).waitFor();
    await search.fill('vitale functies');
    await page.getByRole('option', { name: /vitale functies van patiënten monitoren/ }).click();
    await page.locator('.skill .name', { hasText: 'vitale functies van patiënten monitoren' }).waitFor();
    await page.locator('#skill-0-level').selectOption('3');
    await page.locator('#skill-1-outcome').selectOption('partly-achieved');
    await page.getByLabel(/Beveilig de overdracht met een pincode/).check();

    // Leaving the standard's name out: the page's check shows it next to the field and in a list.
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();
    await page.getByText('Het credential is nog niet uitgegeven. Controleer:').waitFor();
    await page.locator('#issue-errors li', { hasText: 'Naam: Vul dit in.' }).waitFor();
    expect(await page.locator('#std-name').getAttribute('aria-invalid')).toBe('true');
    await expect(
      page.locator('#std-name').locator('xpath=..').locator('.field-error').textContent(),
    ).resolves.toBe('Vul dit in.');

    await page.locator('#std-name').fill('Helpende zorg en welzijn');
    await page.getByRole('button', { name: 'Credential uitgeven' }).click();

    await page.getByRole('heading', { name: 'Credential uitgegeven aan Fatima el Amrani.' }).waitFor();
    const link = await page.locator('#issue-link').inputValue();
    expect(link).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    await page.getByText('Pincode voor de leerling:').waitFor();
    expect(await page.locator('#issue-pin-value').textContent()).toMatch(/^\d{6}$/);
    const qr = page.getByRole('img', { name: 'QR-code van het aanbod voor Fatima el Amrani' });
    // The QR code arrived and decoded as an image (Node's types know no DOM, hence the string).
    await page.waitForFunction(
      "(() => { const img = document.getElementById('issue-qr'); return img.complete && img.naturalWidth > 0; })()",
    );
    expect(await qr.getAttribute('src')).toMatch(/^blob:/);
    await page.screenshot({ path: join(screenshots, 'assessor-offer.png'), fullPage: true });

    // The next learner starts from the same content; only the learner is cleared.
    await page.getByRole('button', { name: 'Nog een credential uitgeven' }).click();
    expect(await page.locator('#learner-name').inputValue()).toBe('');
    expect(await page.locator('#std-name').inputValue()).toBe('Helpende zorg en welzijn');
    await page.locator('#learner-name').fill('Sanne Bakker');
    await page.locator('#learner-email').fill('sanne@example.nl');
    await page.screenshot({ path: join(screenshots, 'assessor-issue.png'), fullPage: true });

    // What the issuer stored is what the form said.
    const stored = await call(issuer.url, 'GET', '/api/credentials?learner=Fatima', { token: evc.apiKey });
    expect(stored.body.items).toHaveLength(1);

    // The list: search, status, QR of the open offer, revoke with a reason.
    await page.getByRole('button', { name: 'Uitgegeven credentials' }).click();
    await page.locator('#filter-learner').fill('Fatima');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const card = page.locator('.card', { hasText: 'Fatima el Amrani' });
    await card.getByText('Aangeboden', { exact: true }).waitFor();
    await card.getByText('Ervaringscertificaat Helpende Zorg en Welzijn').waitFor();
    await card.getByRole('button', { name: 'Toon QR-code en link' }).click();
    await card.getByRole('img', { name: 'QR-code van het aanbod voor Fatima el Amrani' }).waitFor();
    expect(await card.locator('input.link').inputValue()).toBe(link);
    await page.screenshot({ path: join(screenshots, 'assessor-list.png'), fullPage: true });

    await card.getByRole('button', { name: 'Intrekken' }).click();
    await card.getByText('Intrekken is definitief en kan niet ongedaan worden gemaakt.').waitFor();
    await card.getByRole('button', { name: 'Definitief intrekken' }).click();
    await card.getByText('Geef een reden op.').waitFor();
    await card.getByLabel('Reden van intrekking *').fill('Uitgegeven aan de verkeerde persoon');
    await card.getByRole('button', { name: 'Definitief intrekken' }).click();
    const revoked = page.locator('.card', { hasText: 'Fatima el Amrani' });
    await revoked.getByText('Ingetrokken', { exact: true }).waitFor();
    await revoked.getByText(/Ingetrokken op .*: Uitgegeven aan de verkeerde persoon/).waitFor();
    expect(await revoked.getByRole('button', { name: 'Intrekken' }).count()).toBe(0);
    await page.locator('#filter-status').selectOption('revoked');
    await page.getByText('1 credentials getoond.').waitFor();

    // A cohort of three with the form's content; one row has no name.
    await page.getByRole('button', { name: 'Groep uploaden' }).click();
    await page
      .getByText(
        'Gemeenschappelijke inhoud: Ervaringscertificaat (EVC) — Ervaringscertificaat Helpende Zorg en Welzijn',
      )
      .waitFor();
    await page.locator('#cohort-file').setInputFiles({
      name: 'groep.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,email\nJan Jansen,jan@example.nl\n,zonder-naam@example.nl\nPiet Peters,piet@example.nl\n',
      ),
    });
    await page.getByRole('button', { name: 'Uploaden en uitgeven' }).click();
    await page.getByText('Klaar. 2 uitgegeven, 1 geweigerd.').waitFor();
    await page.getByText('Geweigerde regels').waitFor();
    await page
      .locator('#cohort-report li', { hasText: 'Regel 3:' })
      .getByText('Geen naam in de kolom name.')
      .waitFor();
    expect(await page.locator('#cohort-bar').evaluate((bar: any) => bar.value === bar.max)).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download de links (offers.csv)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^offers-.*\.csv$/);
    await page.getByRole('button', { name: 'Toon deze groep in de lijst' }).click();
    await page.locator('.card', { hasText: 'Jan Jansen' }).waitFor();
    await page.locator('.card', { hasText: 'Piet Peters' }).waitFor();
    await page.getByText('2 credentials getoond.').waitFor();

    // English on request; signing out forgets the key.
    await page.locator('#lang').selectOption('en');
    await page.getByRole('heading', { name: 'Issued credentials' }).waitFor();
    await page.getByText('2 credentials shown.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // The only console error is Chromium's note of the wrong key the test tried on purpose; the
    // missing standard name was caught in the page, so the issuer never had to refuse (no 422).
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 422/.test(e))).toHaveLength(0);
  }, 120_000);

  it('follows the browser language, and fits a phone screen', async () => {
    const { page, errors } = await openPage(browser, 'en-GB', { width: 360, height: 740 });
    await signIn(page, issuer.url, evc.apiKey);
    await page.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await page.getByText('May issue:').waitFor();
    const search = page.getByRole('combobox', { name: 'Find a skill (Dutch or English)' });
    await search.fill('monitor vital');
    await page
      .getByRole('option', { name: /monitor patient's basic vital signs|vital/ })
      .first()
      .waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
