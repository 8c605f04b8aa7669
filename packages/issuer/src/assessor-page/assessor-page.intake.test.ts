import { expectAccessible, launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { horizontalOverflow, openPage, signIn } from '../test-support/assessor-screens.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import {
  answerIntake,
  jwtVpToken,
  openIntakeRequest,
  presentCredentials,
  selfDeclaredBadge,
} from '../test-support/intake-wallet.js';
import { evcRequest } from '../test-support/requests.js';
import { newHolder, redeemOffer } from '../test-support/wallet.js';

// Issue 16, item 5: an EVC provider's assessor opens an intake a learner sent (a credential the
// issuer issued over OpenID4VCI and a self-declared skill, presented by the learner's own key) and
// starts the EVC assessment from it, with the learner, the standard, the competencies at their
// levels and the portfolio as evidence filled in.
const screenshots = join(import.meta.dirname, '../../../../docs/screenshots');
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const SELF_DECLARED = 'http://data.europa.eu/esco/skill/097098fc-6d89-44e9-9305-98ac5c0a78ac';
const EVIDENCE =
  'Drie jaar mantelzorg voor mijn moeder (2022–2025); de wijkverpleegkundige kan het bevestigen.';

describe('assessor page: EVC intakes', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  /** The EVC certificate's skills with their levels, as the learner's credential states them. */
  let certificateSkills: { uri: string; rank: number }[];
  /** The self-declared skill's Dutch label, as the taxonomy has it. */
  let selfDeclaredLabel: string;

  /** A learner sends an EVC intake for standard 25498: their EVC certificate and a self-declared skill. */
  async function sendIntake(): Promise<string> {
    const holder = newHolder();
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: evcRequest(),
    });
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
    const intake = await call(issuer.url, 'POST', '/api/intake/evc-zorg/requests', {
      body: { standard: '25498' },
    });
    const { clientId, payload } = await openIntakeRequest(intake.body.requestLink);
    const vp = await presentCredentials(
      holder,
      [
        redeemed.body.credentials[0].credential,
        await selfDeclaredBadge(holder, { uri: SELF_DECLARED, label: 'toezicht houden', evidence: EVIDENCE }),
      ],
      { nonce: payload.nonce, audience: clientId },
    );
    const answered = await answerIntake(payload, jwtVpToken(vp));
    expect(answered.status).toBe(200);
    return intake.body.requestId as string;
  }

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startIssuer(), launchChromium()]);
    evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    const put = await call(issuer.url, 'PUT', '/api/intake-standards/25498', {
      token: evc.apiKey,
      body: { name: 'Helpende zorg en welzijn', identifier: '25498', occupation: HEALTHCARE_ASSISTANT },
    });
    expect(put.status).toBe(200);
    const id = await sendIntake();
    const detail = await call(issuer.url, 'GET', `/api/intakes/${id}`, { token: evc.apiKey });
    certificateSkills = detail.body.credentials[0].skills.map((s: any) => ({
      uri: s.uri,
      rank: s.level.rank,
    }));
    selfDeclaredLabel = detail.body.credentials[1].skills[0].label;
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  it('lists the intake, shows the portfolio grouped, and starts the EVC assessment with everything filled in (Dutch)', async () => {
    const { page, errors } = await openPage(browser, 'nl-NL', { width: 1100, height: 900 });
    await signIn(page, issuer.url, evc.apiKey);
    await page.getByText('EVC Centrum Zorg', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Intakes', exact: true }).click();
    await page.getByRole('heading', { name: 'EVC-intakes' }).waitFor();
    const card = page.locator('#intake-list li', { hasText: 'Fatima el Amrani' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('Helpende zorg en welzijn (25498)');
    await expect(card.textContent()).resolves.toContain('Gedeeld: 2 · Zelf opgegeven: 1');
    await expectAccessible(page, 'assessor page: the intakes (nl)');

    await page.getByRole('button', { name: 'Bekijk de intake van Fatima el Amrani' }).click();
    await page.getByRole('heading', { name: 'Intake van Fatima el Amrani' }).waitFor();
    const recognised = page.locator('.intake-group', { hasText: 'Erkend (1)' });
    await recognised.waitFor();
    await expect(recognised.textContent()).resolves.toContain('EVC Centrum Zorg');
    const self = page.locator('.intake-group', { hasText: 'Zelf opgegeven (1)' });
    await expect(self.textContent()).resolves.toContain(EVIDENCE);
    await expect(self.textContent()).resolves.toContain('het telt niet als bewijs');
    await expect(page.locator('.intake-group', { hasText: 'Van andere uitgevers' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'assessor page: one intake (nl)');
    await page.screenshot({ path: join(screenshots, 'assessor-intake.png'), fullPage: true });

    await page.getByRole('button', { name: 'EVC-assessment starten' }).click();
    await page.getByRole('heading', { name: 'Een credential uitgeven' }).waitFor();
    await expect(page.locator('#learner-name').inputValue()).resolves.toBe('Fatima el Amrani');
    await expect(page.locator('#cred-type').inputValue()).resolves.toBe('EVCCredential');
    await expect(page.locator('#std-identifier').inputValue()).resolves.toBe('25498');
    await expect(page.locator('#std-name').inputValue()).resolves.toBe('Helpende zorg en welzijn');
    await expect(page.locator('#title').inputValue()).resolves.toBe(
      'Ervaringscertificaat Helpende zorg en welzijn',
    );
    const criteria = await page.locator('#criteria').inputValue();
    expect(criteria).toMatch(/^Portfolio uit de EVC-intake van \d{4}-\d{2}-\d{2}:/);
    expect(criteria).toContain('(EVC Centrum Zorg, ');
    expect(criteria).toContain('; erkend)');
    expect(criteria).toContain(`Zelf opgegeven: ${selfDeclaredLabel}. Bewijs: ${EVIDENCE}`);
    // The certificate's competencies at the levels it gives, then the self-declared skill at the starting level.
    await expect(page.locator('#skill-list .skill').count()).resolves.toBe(certificateSkills.length + 1);
    for (const [i, skill] of certificateSkills.entries())
      await expect(page.locator(`#skill-${i}-level`).inputValue()).resolves.toBe(String(skill.rank));
    await expect(page.locator(`#skill-${certificateSkills.length}-level`).inputValue()).resolves.toBe('2');
    // Only the e-mail address and the assessment's own details are left to the assessor.
    await expect(page.locator('#learner-email').inputValue()).resolves.toBe('');
    await expect(page.locator('#attester-name').inputValue()).resolves.toBe('Marleen de Vries');
    await expectAccessible(page, 'assessor page: the issue form filled from an intake (nl)');
    expect(errors).toEqual([]);
  }, 60_000);

  it('reads in English at 360 px without sideways scrolling', async () => {
    const { page, errors } = await openPage(browser, 'en-GB', { width: 360, height: 800 });
    await signIn(page, issuer.url, evc.apiKey);
    await page.getByRole('button', { name: 'Intakes', exact: true }).click();
    await page.getByRole('button', { name: 'View the intake of Fatima el Amrani' }).first().click();
    await page.getByRole('heading', { name: 'Intake of Fatima el Amrani' }).waitFor();
    await page.locator('.intake-group', { hasText: 'Self-declared (1)' }).waitFor();
    await page.getByText('Nobody has assessed this; it does not count as proof.').waitFor();
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(page, 'assessor page: one intake at 360 px (en)');
    await page.screenshot({ path: join(screenshots, 'assessor-intake-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start the EVC assessment' }).click();
    await page.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await expect(page.locator('#title').inputValue()).resolves.toBe(
      'EVC certificate Helpende zorg en welzijn',
    );
    await expect(page.locator('#criteria').inputValue()).resolves.toMatch(
      /^Portfolio from the EVC intake of /,
    );
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('does not show the tab to organisations that receive no EVC intakes', async () => {
    const trainer = await provisionOrg(issuer, 'roc-zorg', 'training-provider', 'ROC Zorg');
    const { page } = await openPage(browser, 'nl-NL', { width: 1100, height: 900 });
    await signIn(page, issuer.url, trainer.apiKey);
    await page.getByText('ROC Zorg', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Intakes', exact: true }).count()).resolves.toBe(0);
  }, 60_000);
});
