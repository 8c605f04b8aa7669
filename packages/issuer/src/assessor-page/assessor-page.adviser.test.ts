import { loadFullEsco } from '@skills-passport/core/full-esco';
import { expectAccessible, launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemoCatalogue } from '../demo/seed-catalogue.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import {
  answerIntake,
  jwtVpToken,
  openIntakeRequest,
  presentCredentials,
  selfDeclaredBadge,
} from '../test-support/intake-wallet.js';
import { evcRequest } from '../test-support/requests.js';
import { newHolder, redeemOffer, type TestHolder } from '../test-support/wallet.js';

// Issue 16, item 6: the adviser of a learn-work desk asks for the passport, a learner's wallet
// answers (a real presentation, signed in this test by the holder of an EVC certificate the same
// issuer handed over, with a self-declared skill beside it), the adviser sees what was shared and
// the gap for the healthcare assistant, composes a plan from the demo care catalogue and issues it:
// the offer is made, and the plan the learner redeems carries the modules chosen. Against the whole
// ESCO v1.2, at 360 px, in Dutch, scanned by axe-core.

const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const MODULE_BASE = '/api/catalogues/zorgopleidingen/modules/';

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Answers an advice request as a wallet does: the EVC certificate and a self-declared skill. */
async function answerAsWallet(link: string, holder: TestHolder, evcJwt: string): Promise<void> {
  const { clientId, payload } = await openIntakeRequest(link);
  expect(payload.client_metadata.client_name).toBe('Leerwerkloket Regio Utrecht');
  const selfDeclared = await selfDeclaredBadge(holder, {
    uri: 'http://data.europa.eu/esco/skill/a17286c5-238d-4f0b-bc24-29e9121345de',
    label: 'actief luisteren',
    evidence: 'Vrijwilliger bij de telefonische hulpdienst sinds 2023.',
  });
  const vp = await presentCredentials(holder, [evcJwt, selfDeclared], {
    nonce: payload.nonce,
    audience: clientId,
  });
  expect(await answerIntake(payload, jwtVpToken(vp))).toEqual({ status: 200, body: {} });
}

describe('assessor page: the adviser of a learn-work desk', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let desk: Awaited<ReturnType<typeof provisionOrg>>;
  let holder: TestHolder;
  let evcJwt: string;

  beforeAll(async () => {
    const esco = await loadFullEsco();
    [issuer, browser] = await Promise.all([startIssuer({ esco }), launchChromium()]);
    desk = await provisionOrg(
      issuer,
      'leerwerkloket-utrecht',
      'learn-work-desk',
      'Leerwerkloket Regio Utrecht',
    );
    const evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    await provisionOrg(issuer, 'zorgopleidingen', 'training-provider', 'ROC Zorgopleidingen Midden');
    await seedDemoCatalogue(issuer.runtime.deps, { kind: 'system', id: 'test' });
    holder = newHolder();
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: evcRequest(),
    });
    expect(created.status).toBe(201);
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
    expect(redeemed.status).toBe(200);
    evcJwt = redeemed.body.credentials[0].credential as string;
    mkdirSync(screenshots, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('asks for the passport, shows what was shared and the gap, and issues the plan composed together (Dutch, 360 px)', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${issuer.url}/assessor/`);
    await page.locator('#api-key').fill(desk.apiKey);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // A desk lands on its own tab; the tabs for issuing skill credentials by hand are not theirs.
    await page.getByRole('heading', { name: 'Adviesgesprek', level: 2 }).waitFor();
    await expect(page.getByRole('button', { name: 'Uitgeven', exact: true }).isVisible()).resolves.toBe(
      false,
    );
    await expect(page.getByRole('button', { name: 'Intakes', exact: true }).isVisible()).resolves.toBe(false);

    // 1. The request: a link and its QR code.
    await page.getByRole('button', { name: 'Vraag om het paspoort' }).click();
    await page.locator('#adviser-request-ready').waitFor();
    const link = await page.locator('#adviser-request-link').inputValue();
    expect(link).toMatch(/^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A/);
    await page.getByAltText('QR-code van de vraag om het paspoort').waitFor();
    await page.waitForFunction(() =>
      (document.querySelector('#adviser-waiting img') as HTMLImageElement | null)?.src.startsWith(
        'data:image/png',
      ),
    );
    await expectAccessible(page, 'adviser: waiting for the answer');

    // The learner's wallet answers; the page finds the answer by itself.
    await answerAsWallet(link, holder, evcJwt);
    await page.getByRole('heading', { name: '2. Wat de lerende deelde' }).waitFor();
    const recognised = page.locator('section[aria-labelledby="adviser-recognised"]');
    await expect(recognised.locator('h4').textContent()).resolves.toBe('Erkend bewijs (1)');
    await expect(recognised.textContent()).resolves.toContain('EVC Centrum Zorg');
    const self = page.locator('section[aria-labelledby="adviser-self"]');
    await expect(self.locator('h4').textContent()).resolves.toBe('Zelf opgegeven (1)');
    await expect(self.textContent()).resolves.toContain('actief luisteren');

    // 2. The gap for the occupation chosen together.
    await page.locator('#adviser-occupation-search').fill('zorghulp');
    await page.getByRole('button', { name: 'Kies zorghulp', exact: true }).click();
    const summary = page.locator('#adviser-gap-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/bewijst [1-9]\d* van de \d+ kernvaardigheden voor zorghulp/);
    // The self-declared skill is shown as the learner's own word, never proven.
    const listening = page.locator('.adviser-gap li', { hasText: 'actief luisteren' });
    await expect(listening.getAttribute('data-status')).resolves.toBe('not_yet');
    await expect(listening.textContent()).resolves.toContain('de lerende zegt dit zelf te kunnen');

    // 3. The plan: modules that add missing skills come first.
    const suggested = page.locator('#adviser-suggested > li');
    await suggested.first().waitFor();
    const firstIds = await suggested.evaluateAll((items) =>
      items.map((li) => li.getAttribute('data-module')),
    );
    expect(firstIds.length).toBeGreaterThanOrEqual(3);
    for (const id of firstIds) expect(id).toContain(MODULE_BASE);
    await page
      .getByRole('button', { name: 'Zet in het plan: Hygiëne, kwaliteit en richtlijnen in de zorg' })
      .click();
    await page.getByRole('button', { name: 'Zet in het plan: Samenwerken in het zorgteam' }).click();
    await expect(page.locator('#adviser-chosen > li').count()).resolves.toBe(2);
    await expect(page.locator('#adviser-learner-name').inputValue()).resolves.toBe('Fatima el Amrani');
    await page.locator('#adviser-step-0').fill('Aanmelden voor de module Hygiëne bij ROC Zorgopleidingen.');
    await page.locator('#adviser-step-0-due').fill('2027-01-15');
    await page.getByRole('button', { name: 'Voeg een stap toe' }).click();
    await page.locator('#adviser-step-1').fill('Een dag meelopen in een verpleeghuis.');
    await page.locator('#adviser-review').fill('2027-04-01');
    await page.locator('#adviser-learner-email').fill('fatima@example.nl');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'adviser: the gap and the plan');
    await page.screenshot({ path: join(screenshots, 'assessor-adviser.png'), fullPage: true });

    // 4. Issued through the usual offer flow.
    await page.getByRole('button', { name: 'Geef het plan uit' }).click();
    await page.getByRole('heading', { name: /^Het plan is uitgegeven./ }).waitFor();
    const offer = await page.locator('#adviser-plan input.link').inputValue();
    expect(offer).toMatch(/^openid-credential-offer:\/\//);
    // With an e-mail address the learner also gets the offer by mail (the outbox, without SMTP).
    await page.locator('#adviser-plan').getByText('De lerende krijgt ook een e-mail met de link.').waitFor();
    // Sent after the offer is stored: wait until the outbox lists it, as the Outbox tab reads it.
    await page.waitForFunction(async () => {
      const key = sessionStorage.getItem('sp-assessor-key') ?? '';
      const reply = await fetch('/api/outbox', { headers: { authorization: `Bearer ${key}` } });
      return ((await reply.json()) as { items: unknown[] }).items.length > 0;
    });
    const outbox = await call(issuer.url, 'GET', '/api/outbox', { token: desk.apiKey });
    expect(outbox.body.items).toEqual([expect.objectContaining({ to: 'fatima@example.nl' })]);

    // "Print the plan" prints the plan alone, on one A4 page.
    await page.evaluate(() => document.body.classList.add('printing-plan'));
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#adviser-print').isVisible()).resolves.toBe(true);
    await expect(page.locator('#adviser-shared').isVisible()).resolves.toBe(false);
    await expect(page.locator('#adviser-print').textContent()).resolves.toContain(
      'Samenwerken in het zorgteam — ROC Zorgopleidingen Midden',
    );
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.classList.remove('printing-plan'));

    // The whole tab speaks English when the page does.
    await page.locator('#lang').selectOption('en');
    await page.getByRole('heading', { name: 'Advice meeting', level: 2 }).waitFor();
    expect(await page.locator('#adviser-gap-summary').textContent()).toMatch(
      /proves [1-9]\d* of the \d+ essential skills for healthcare assistant/,
    );
    await page.getByRole('heading', { name: '4. The development plan' }).waitFor();
    await expectAccessible(page, 'adviser: in English');
    expect(errors).toEqual([]);

    // What the learner's wallet receives is the plan as composed.
    const plan = await redeemOffer(offer, holder, {
      configurationId: 'DevelopmentPlanCredential_jwt_vc_json',
    });
    expect(plan.status).toBe(200);
    const payload = JSON.parse(
      Buffer.from((plan.body.credentials[0].credential as string).split('.')[1]!, 'base64url').toString(),
    );
    const developmentPlan = payload.vc.credentialSubject.developmentPlan;
    expect(payload.vc.type).toContain('DevelopmentPlanCredential');
    expect(payload.vc.name).toBe('Ontwikkelplan zorghulp');
    expect(developmentPlan).toMatchObject({
      targetOccupation: { uri: HEALTHCARE_ASSISTANT, label: 'zorghulp' },
      adviser: { name: 'Marleen de Vries' },
      reviewOn: '2027-04-01',
      nextSteps: [
        { description: 'Aanmelden voor de module Hygiëne bij ROC Zorgopleidingen.', due: '2027-01-15' },
        { description: 'Een dag meelopen in een verpleeghuis.' },
      ],
    });
    expect(developmentPlan.modules.map((m: { id: string }) => new URL(m.id).pathname)).toEqual([
      `${MODULE_BASE}hygiene-en-richtlijnen`,
      `${MODULE_BASE}samenwerken-zorgteam`,
    ]);
    expect(developmentPlan.modules[0]).toMatchObject({
      name: 'Hygiëne, kwaliteit en richtlijnen in de zorg',
      provider: { name: 'ROC Zorgopleidingen Midden' },
      studyLoadHours: 24,
    });
    await context.close();
  }, 120_000);
});
