import { launchChromium, testDataDir } from '@skills-passport/service-kit/testing';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import {
  ADMIN_TOKEN,
  startListeningVerifier,
  trustForEvc,
  type Harness,
  type ListeningVerifier,
} from './test-support/harness.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';
import { SKILL } from './test-support/response-endpoint.js';

// The employer page in real Chromium against the real verifier on a loopback port. The
// presentation is posted by a test holder, as a wallet on a phone would after scanning the QR code.
let verifier: ListeningVerifier;
let base: string;
let h: Harness;
let browser: Browser;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();

beforeAll(async () => {
  verifier = await startListeningVerifier();
  ({ h, base } = verifier);
  await issuer.start();
  await trustForEvc(base, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await issuer.stop();
  await verifier.close();
});

/** What a page measures: how wide the document scrolls, and every visible control too small to touch. */
function measureLayout(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const small = [...doc.querySelectorAll('button, input, select, a[href], summary')]
      .filter((node: any) => node.getClientRects().length > 0 && !node.classList.contains('skip-link'))
      .map((node: any) => ({ node, box: node.getBoundingClientRect() }))
      .filter(({ box }: any) => box.width < 24 || box.height < 24)
      .map(
        ({ node, box }: any) =>
          `${node.tagName} ${node.id || node.getAttribute('aria-label') || node.textContent} ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
    return {
      scrollWidth: doc.documentElement.scrollWidth,
      viewport: doc.documentElement.clientWidth,
      small,
    };
  });
}

describe('the employer page', () => {
  it('creates a request, shows the QR code, and shows the report once a presentation is posted', async () => {
    // A time zone far east of the issuer's (+14:00): the assessment (13:30 at +02:00) is already the
    // next morning there, and the report must still show the day the issuer wrote.
    const page = await browser.newPage({ locale: 'nl-NL', timezoneId: 'Pacific/Kiritimati' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    // From the service root, as a person who opens the verifier's address.
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Werkgeverspagina' }).click();
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();

    await page.getByTestId('request-title').fill('Zorghulp in de thuiszorg');
    const results = page.getByTestId('skill-results');
    await page.getByTestId('skill-search').fill('verpleegkundigen');
    await results.locator('li', { hasText: 'verpleegkundigen ondersteunen' }).getByRole('button').click();
    await page.getByTestId('skill-search').fill('vitale functies');
    await results
      .locator('li', { hasText: 'vitale functies van patiënten monitoren' })
      .getByRole('button')
      .click();
    await page.getByTestId('chosen-skills').locator('li').nth(1).waitFor();
    // Open for two weeks instead of the default week.
    const lifetime = page.getByLabel('Hoe lang kan de kandidaat antwoorden?');
    await expect(lifetime.inputValue()).resolves.toBe(String(7 * 86_400));
    await lifetime.selectOption({ label: '14 dagen' });
    await page.getByTestId('create-request').click();

    const qr = page.getByTestId('qr');
    await qr.waitFor({ state: 'visible' });
    // The QR code really loaded (the test has no DOM types, so the check reads the element's properties).
    await qr.evaluate(async (img) => {
      const image = img as unknown as { complete: boolean; decode(): Promise<void> };
      if (!image.complete) await image.decode();
    });
    expect(
      await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    const link = await page.getByTestId('request-link').textContent();
    expect(link).toMatch(/^openid4vp:\/\//);
    await expect(page.getByTestId('current-status').textContent()).resolves.toContain('Wacht op antwoord');
    // The verifier's clock says 15 January 2027, 10:00 UTC; two weeks on is 30 January, 00:00 at +14:00.
    await expect(page.locator('#expires').textContent()).resolves.toMatch(
      /^De kandidaat kan antwoorden tot 30 januari 2027 (om )?00:00\.$/,
    );

    // The wallet: fetch the request by reference, present a credential bound to its nonce.
    const params = new URL(link!).searchParams;
    const requestObject = await (await fetch(params.get('request_uri')!)).text();
    const claims = JSON.parse(Buffer.from(requestObject.split('.')[1]!, 'base64url').toString());
    // An empty answer first: refused, and the page says one came in while the request stays open.
    const empty = await fetch(claims.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ vp_token: '{}', state: claims.state }),
    });
    expect(empty.status).toBe(400);
    const incomplete = page.getByTestId('current-incomplete');
    await incomplete.waitFor({ state: 'visible' });
    await expect(incomplete.textContent()).resolves.toContain('onvolledig antwoord');
    await expect(page.getByTestId('current-status').textContent()).resolves.toContain('Wacht op antwoord');
    await expect(qr.isVisible()).resolves.toBe(true);

    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: claims.nonce,
      audience: claims.client_id,
      iat: Math.floor(h.clock.t / 1000),
    });
    const posted = await fetch(claims.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }),
        state: claims.state,
      }),
    });
    expect(posted.status).toBe(200);

    // The page picks the answer up without a reload.
    const report = page.getByTestId('report');
    await report.waitFor({ state: 'visible' });
    await expect(page.getByTestId('skill-line').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid=skill-line][data-status=proven]').count()).resolves.toBe(2);
    await expect(page.getByTestId('coverage').textContent()).resolves.toContain('2 / 2');
    await expect(qr.isVisible()).resolves.toBe(false);
    await expect(incomplete.isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('proof').first().textContent()).resolves.toContain('EVC Centrum Zorg');
    await expect(page.getByTestId('proof').first().textContent()).resolves.toContain('2 oktober 2026');
    await expect(page.getByTestId('past-requests').locator('li').count()).resolves.toBeGreaterThan(0);
    // What the employer sees, for people reading the test output (and the README).
    await page.screenshot({ path: join(tmpdir(), 'skills-passport-employer-report.png'), fullPage: true });

    // English too.
    await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('current-status').textContent()).resolves.toBe('Answer received');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows an Open Badge of another issuer for what it is, counting toward the skill it aligns to', async () => {
    const uni = issuer.addOrg('universiteit', 'Universiteit Utrecht');
    await fetch(`${base}/api/admin/trusted-issuers/${encodeURIComponent(uni.did)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: uni.name, kind: 'other', accreditedTypes: [] }),
    });
    const created = (await (
      await fetch(`${base}/api/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Teamleider', skills: [{ uri: SKILL }] }),
      })
    ).json()) as { id: string };
    const jwt = await (await fetch(`${base}/oid4vp/requests/${created.id}`)).text();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      string
    >;
    // One of 1EdTech's examples, re-issued by the university to the holder, aligned to the ESCO skill asked for.
    const badge = JSON.parse(readFileSync(join(testDataDir('vectors'), 'ob3-example-basic.json'), 'utf8'));
    badge.id = `urn:uuid:${crypto.randomUUID()}`;
    badge.issuer = { ...badge.issuer, id: uni.did, name: uni.name };
    badge.validFrom = new Date(h.clock.t - 86_400_000).toISOString();
    badge.credentialSubject.id = holder.did;
    badge.credentialSubject.achievement.alignment = [
      { type: ['Alignment'], targetName: 'Teamwork', targetUrl: SKILL, targetFramework: 'ESCO' },
    ];
    const vp = await holder.presentLdp([await issuer.issueLdp('universiteit', badge)], {
      nonce: claims.nonce!,
      audience: claims.client_id!,
      created: new Date(h.clock.t - 30_000),
      contextOrigin: issuer.origin,
    });
    const posted = await fetch(claims.response_uri!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ vp_token: JSON.stringify({ skills_ldp_vc: [vp] }), state: claims.state! }),
    });
    expect(posted.status).toBe(200);

    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${base}/employer/`);
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    await page.getByTestId('past-requests').getByText('Teamleider').waitFor();
    await page
      .getByTestId('past-requests')
      .locator('li', { hasText: 'Teamleider' })
      .getByRole('button')
      .click();
    const proof = page.getByTestId('proof').first();
    await proof.waitFor({ state: 'visible' });
    await expect(proof.textContent()).resolves.toContain('Open Badge “Teamwork”');
    await expect(proof.textContent()).resolves.toContain('Universiteit Utrecht');
    await expect(page.locator('[data-testid=skill-line][data-status=proven]').count()).resolves.toBe(1);
    await page.close();
  }, 60_000);
  it('names the candidate, warns when the proofs name different people, and names levels in the page language', async () => {
    const created = (await (
      await fetch(`${base}/api/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Verzorgende IG', skills: [{ uri: SKILL }] }),
      })
    ).json()) as { id: string };
    const jwt = await (await fetch(`${base}/oid4vp/requests/${created.id}`)).text();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      string
    >;
    const naming = (name: string) =>
      issuer.issue('evc-zorg', 'EVCCredential', {
        holder: holder.did,
        mutate: (doc) => {
          doc.credentialSubject.identifier = [
            { type: 'IdentityObject', hashed: false, identityHash: name, identityType: 'name' },
          ];
        },
      });
    const vp = holder.present([naming('Fatima el Amrani'), naming('Jan de Vries')], {
      nonce: claims.nonce!,
      audience: claims.client_id!,
      iat: Math.floor(h.clock.t / 1000),
    });
    const posted = await fetch(claims.response_uri!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }),
        state: claims.state!,
      }),
    });
    expect(posted.status).toBe(200);

    const page = await browser.newPage({ locale: 'nl-NL' });
    await page.goto(`${base}/employer/`);
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    await page
      .getByTestId('past-requests')
      .locator('li', { hasText: 'Verzorgende IG' })
      .getByRole('button')
      .click();
    await expect(page.getByTestId('learner-name').textContent()).resolves.toBe('Kandidaat: Fatima el Amrani');
    const warning = page.getByRole('alert').filter({ hasText: 'verschillende personen' });
    await warning.waitFor();
    await expect(warning.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Naam: Fatima el Amrani — Ervaringscertificaat (EVC) van EVC Centrum Zorg',
      'Naam: Jan de Vries — Ervaringscertificaat (EVC) van EVC Centrum Zorg',
    ]);
    // The credential names its level in Dutch; the page names it in its own language.
    await expect(page.getByTestId('proof').first().textContent()).resolves.toContain('niveau: Gevorderd');
    await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('proof').first().textContent()).resolves.toContain('level: Proficient');
    await expect(page.getByTestId('identity-warning').textContent()).resolves.toContain(
      'the proofs in this answer name different people',
    );
    await expect(
      page.getByTestId('identity-warning').getByRole('listitem').first().textContent(),
    ).resolves.toBe('Name: Fatima el Amrani — EVC certificate from EVC Centrum Zorg');
    await page.screenshot({
      path: join(tmpdir(), 'skills-passport-employer-identity-warning.png'),
      fullPage: true,
    });
    await page.close();
  }, 60_000);
  it('at 360 px wide: nothing overflows, targets are 24 px or more, rows name their controls, a skip link, who is signed in, sign-out', async () => {
    const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const layout = () => measureLayout(page);

    await page.goto(`${base}/employer/`);
    // The skip link is the first Tab stop and takes the keyboard past the header.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((node) => node === (globalThis as any).document.activeElement)).resolves.toBe(
      true,
    );
    const skipBox = (await skip.boundingBox())!;
    expect(skipBox.y).toBeGreaterThanOrEqual(0);
    expect(skipBox.height).toBeGreaterThanOrEqual(24);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.id)).resolves.toBe('main');

    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    // The header shows the line once the organisation's name has come back from the verifier.
    await page.getByTestId('signed-in').waitFor({ state: 'visible' });
    await expect(page.getByTestId('signed-in').textContent()).resolves.toMatch(
      /Signed in as\s+Test employer/,
    );

    await page.getByTestId('request-title').fill('Zorghulp');
    for (const [query, uri] of [
      ['support nurses', SKILL],
      ['patients signs', 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064'],
    ] as const) {
      await page.getByTestId('skill-search').fill(query);
      const hit = page.getByTestId('skill-results').locator(`li[data-uri="${uri}"]`);
      const label = (await hit.locator('span').textContent())!;
      await page.getByRole('button', { name: `Add ${label}`, exact: true }).click();
      const row = page.getByTestId('chosen-skills').locator(`li[data-uri="${uri}"]`);
      await row.waitFor();
      // Each control of the row says which skill it is for.
      await row.getByRole('button', { name: `Remove ${label}`, exact: true }).waitFor();
      await row.getByRole('checkbox', { name: `${label}: required`, exact: true }).waitFor();
      await row.getByRole('combobox', { name: `${label}: minimum level`, exact: true }).waitFor();
    }
    // The search results stay on screen too: the form with its rows, at phone width.
    let measured = await layout();
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    expect(measured.small).toEqual([]);
    await page.screenshot({
      path: join(tmpdir(), 'skills-passport-employer-phone-form.png'),
      fullPage: true,
    });

    // In Dutch too (longer words).
    await page.getByTestId('lang-toggle').click();
    const nursesRow = page.getByTestId('chosen-skills').locator(`li[data-uri="${SKILL}"]`);
    const nlLabel = (await nursesRow.locator('.skill-name').textContent())!;
    await nursesRow.getByRole('button', { name: `Verwijderen: ${nlLabel}`, exact: true }).waitFor();
    measured = await layout();
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    expect(measured.small).toEqual([]);
    await page.getByTestId('lang-toggle').click();

    await page.getByTestId('create-request').click();
    await page.getByTestId('qr').waitFor({ state: 'visible' });
    await page.getByTestId('past-requests').locator('li').first().waitFor();
    measured = await layout();
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    expect(measured.small).toEqual([]);
    await page.screenshot({
      path: join(tmpdir(), 'skills-passport-employer-phone-request.png'),
      fullPage: true,
    });

    // Signing out forgets the key and hides what was shown with it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('api-key').waitFor({ state: 'visible' });
    await expect(page.getByTestId('signed-in').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('current').isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => (globalThis as any).sessionStorage.length)).resolves.toBe(0);
    await page.reload();
    await expect(page.getByTestId('api-key').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

// The whole ESCO, as a real start loads it: "zorghulp" has 32 essential and 14 optional skills there.
describe('the employer page with the whole ESCO', () => {
  const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
  let fullVerifier: ListeningVerifier;
  let fullBase: string;
  let full: Harness;

  beforeAll(async () => {
    fullVerifier = await startListeningVerifier({ esco: await loadFullEsco() });
    ({ h: full, base: fullBase } = fullVerifier);
  }, 30_000);

  afterAll(async () => {
    await fullVerifier?.close();
  });

  it('builds a vacancy from an occupation: essential skills required, optional ones to add, then edited, at 360 px', async () => {
    const page = await browser.newPage({ locale: 'nl-NL', viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${fullBase}/employer/`);
    await page.getByTestId('api-key').fill(full.apiKey);
    await page.getByTestId('login').click();

    // Nothing found is said, in the page's language.
    const occupationSearch = page.getByLabel('Begin bij een beroep (ESCO, Nederlands of Engels)');
    await occupationSearch.fill('xqzvbnwk');
    await page
      .getByTestId('occupation-search-status')
      .getByText('Geen beroep gevonden voor “xqzvbnwk”.')
      .waitFor();
    await page.getByTestId('skill-search').fill('xqzvbnwk');
    await page
      .getByTestId('skill-search-status')
      .getByText('Geen vaardigheid gevonden voor “xqzvbnwk”.')
      .waitFor();
    await page.getByTestId('skill-search').fill('');

    await occupationSearch.fill('zorghulp');
    const hit = page.getByTestId('occupation-results').locator(`li[data-uri="${HEALTHCARE_ASSISTANT}"]`);
    await expect(hit.textContent()).resolves.toBe('zorghulp (32 essentieel, 14 optioneel)Kiezen');
    await hit.getByRole('button', { name: 'Kiezen: zorghulp', exact: true }).click();

    // The essential skills, each required; the vacancy's name is the occupation's.
    const rows = page.getByTestId('chosen-skills').locator('li');
    await rows.nth(31).waitFor();
    await expect(rows.count()).resolves.toBe(32);
    await expect(page.getByTestId('request-title').inputValue()).resolves.toBe('zorghulp');
    await expect(page.getByTestId('occupation-picked').textContent()).resolves.toContain(
      'Gebaseerd op het beroep zorghulp: 32 essentiële vaardigheden',
    );
    const checked = await page
      .getByTestId('chosen-skills')
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((box) => (box as unknown as { checked: boolean }).checked));
    expect(checked).toEqual(Array(32).fill(true));

    // The optional skills wait, collapsed; one is added as optional and leaves the list.
    const optional = page.getByTestId('occupation-optional');
    await optional.getByText('Optionele vaardigheden van zorghulp (14)').click();
    const firstOptional = page.getByTestId('occupation-optional-list').locator('li').first();
    const optionalUri = (await firstOptional.getAttribute('data-uri'))!;
    const optionalLabel = (await firstOptional.locator('span').textContent())!;
    await firstOptional
      .getByRole('button', { name: `Toevoegen als optioneel: ${optionalLabel}`, exact: true })
      .click();
    const optionalRow = page.getByTestId('chosen-skills').locator(`li[data-uri="${optionalUri}"]`);
    await expect(
      optionalRow.getByRole('checkbox', { name: `${optionalLabel}: vereist`, exact: true }).isChecked(),
    ).resolves.toBe(false);
    await optional.getByText('Optionele vaardigheden van zorghulp (13)').waitFor();

    // Edited as any request: one essential skill removed.
    const removed = (await rows.first().locator('.skill-name').textContent())!;
    await rows
      .first()
      .getByRole('button', { name: `Verwijderen: ${removed}`, exact: true })
      .click();
    await expect(rows.count()).resolves.toBe(32);

    let measured = await measureLayout(page);
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    expect(measured.small).toEqual([]);

    // In English, the same skills by their English labels.
    await page.getByTestId('lang-toggle').click();
    await optional.getByText('Optional skills of healthcare assistant (13)').waitFor();
    await expect(page.getByTestId('occupation-picked').textContent()).resolves.toContain(
      'Based on the occupation healthcare assistant',
    );
    const englishLabel = (await optionalRow.locator('.skill-name').textContent())!;
    expect(englishLabel).not.toBe(optionalLabel);
    await optionalRow.getByRole('button', { name: `Remove ${englishLabel}`, exact: true }).waitFor();
    measured = await measureLayout(page);
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    expect(measured.small).toEqual([]);
    await page.screenshot({
      path: join(tmpdir(), 'skills-passport-employer-occupation.png'),
      fullPage: true,
    });

    await page.getByTestId('create-request').click();
    await page.getByTestId('qr').waitFor({ state: 'visible' });
    // What the verifier stored: 31 essential skills required, the optional one not.
    const listed = (await (
      await fetch(`${fullBase}/api/requests`, { headers: { authorization: `Bearer ${full.apiKey}` } })
    ).json()) as { requests: { title: string; skills: { uri: string; required: boolean }[] }[] };
    const [made] = listed.requests;
    expect(made!.title).toBe('zorghulp');
    expect(made!.skills.filter((s) => s.required)).toHaveLength(31);
    expect(made!.skills.filter((s) => !s.required).map((s) => s.uri)).toEqual([optionalUri]);
    // The form starts afresh, the occupation too.
    await expect(page.getByTestId('occupation-picked').isVisible()).resolves.toBe(false);
    await expect(optional.isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
