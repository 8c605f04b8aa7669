// The EVC intake (issue 16 item 5) in real Chromium with the built wallet, the real issuer (its EVC
// provider's public intake, contract E) and the real verifier (its public trust list, contract B):
// a learner with a module credential from a real training provider adds a self-declared skill,
// finds the EVC provider on the trust list, chooses the standard, sees the gap, prepares the
// portfolio and what the provider will see, sends the intake through the share screen (the
// provider's checked name and purpose), and the provider's staff see both credentials, the
// self-declared one marked and not recognised. Opened from a link, an unknown intake is said so.
import {
  expectAccessible,
  launchChromium,
  newProfile,
  screenshot,
  watchPage,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  call,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  startVerifierService,
  type IssuerService,
  type Org,
  type VerifierService,
} from './test-support/issuer-service.js';
import { phoneProblems } from './test-support/phone-width.js';
import { expectRequestShown, openScreen, receiveAndKeep } from './test-support/wallet-screens.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(240_000);

const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
/** An essential skill of the healthcare assistant, which the learner declares. */
const CHANGING_SITUATIONS = 'http://data.europa.eu/esco/skill/049c8caf-dd12-45fc-9bfa-b64051f32a19';
const CHANGING_LABEL = 'respond to changing situations in health care';
const EVIDENCE =
  'Twee jaar invalkracht in een zorghotel (2023–2025). Mijn teamleider, Anja de Vries, kan het bevestigen.';

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let evcOrg: Org;
let trainingOrg: Org;
let context: BrowserContext;
let page: Page;
let intakeUrl: string;

beforeAll(async () => {
  const [dir, b, i, v] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startIssuerService(),
    startVerifierService(),
  ]);
  browser = b;
  issuer = i;
  verifier = v;
  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
  trainingOrg = await provisionOrg(issuer, 'roc-logistiek', 'training-provider', 'ROC Logistiek Academie');
  const standard = await call(issuer.url, 'PUT', '/api/intake-standards/25498', {
    token: evcOrg.apiKey,
    body: { name: 'Helpende zorg en welzijn', identifier: '25498', occupation: HEALTHCARE_ASSISTANT },
  });
  if (standard.status !== 200)
    throw new Error(`standard: ${standard.status} ${JSON.stringify(standard.body)}`);
  intakeUrl = `${issuer.url}/api/intake/evc-zorg-nl`;
  // The verifier's trust list names the EVC provider with its intake: the wallet finds it there.
  const trusted = await call(
    verifier.url,
    'PUT',
    `/api/admin/trusted-issuers/${encodeURIComponent(evcOrg.did)}`,
    {
      token: verifier.adminToken,
      body: {
        name: 'EVC Centrum Zorg Nederland',
        kind: 'evc-provider',
        accreditedTypes: ['EVCCredential'],
        intake: intakeUrl,
      },
    },
  );
  if (trusted.status !== 200) throw new Error(`trust: ${trusted.status} ${JSON.stringify(trusted.body)}`);
  wallet = await serveWallet(dir, 0, { config: { trustList: `${verifier.url}/api/trust-list` } });
  context = await newProfile(browser);
  page = await context.newPage();
  const module = await issue(
    issuer,
    trainingOrg,
    issueRequest('module-credential', 'magazijn-microcredential-ok.json'),
  );
  await receiveAndKeep(page, wallet.url, module.offer);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
  await verifier?.stop();
});

async function declareSkill(): Promise<void> {
  await openScreen(page, wallet.url, '#/self-declared');
  await page.getByLabel('Search a skill (in Dutch or English)').fill(CHANGING_LABEL);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page
    .getByTestId('self-declared-hits')
    .getByRole('radio', { name: CHANGING_LABEL, exact: true })
    .check();
  await page.getByLabel('How well can you do it? (you may skip this)').selectOption('2');
  await page.getByLabel('How do you show this skill?').fill(EVIDENCE);
  await page.getByTestId('self-declared-form').getByRole('button', { name: 'Save' }).click();
  await page.locator('li.self-declared').filter({ hasText: CHANGING_LABEL }).waitFor();
}

describe('the EVC intake', () => {
  it('is prepared with the provider from the trust list, sent through the share screen, and the provider sees the self-declared skill marked', async () => {
    const watch = await watchPage(page);
    await declareSkill();

    // From the career check to the intake.
    await openScreen(page, wallet.url, '#/career');
    await page.getByTestId('to-intake').click();
    await page.locator('body[data-ready="intake"]').waitFor();
    await page.getByRole('button', { name: 'Choose EVC Centrum Zorg Nederland' }).click();
    await expect(page.getByTestId('intake-provider').textContent()).resolves.toBe(
      'EVC provider: EVC Centrum Zorg Nederland',
    );
    // One standard: chosen at once; its gap computed here.
    await expect(
      page.getByRole('radio', { name: 'Helpende zorg en welzijn (25498)' }).isChecked(),
    ).resolves.toBe(true);
    const gap = page.getByTestId('intake-gap');
    await expect(gap.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      '3. What you already prove for Helpende zorg en welzijn',
    );
    await expect(page.getByTestId('intake-summary').textContent()).resolves.toMatch(
      /^You prove 0 of \d+ essential skills\./,
    );
    const line = gap.locator(`li[data-uri="${CHANGING_SITUATIONS}"]`);
    await expect(line.getAttribute('data-status')).resolves.toBe('not_yet');
    await expect(line.getByTestId('gap-self-declared').textContent()).resolves.toContain(
      'It does not count as proven.',
    );

    // The portfolio: nothing of the module names a skill of the standard, so nothing starts ticked.
    await page.getByTestId('intake-preview-empty').waitFor();
    const moduleBox = page.locator('.intake-portfolio input[data-credential-id]');
    await expect(moduleBox.isChecked()).resolves.toBe(false);
    await moduleBox.check();
    await page
      .getByTestId('self-declared-choice')
      .getByRole('checkbox', { name: new RegExp(CHANGING_LABEL) })
      .check();
    const preview = page.getByTestId('intake-preview');
    await expect(preview.locator('li').allTextContents()).resolves.toEqual([
      expect.stringContaining('Module Veilig werken met magazijnmaterieel, from ROC Logistiek Academie'),
      expect.stringContaining(`${CHANGING_LABEL}: declared by you, not proven`),
    ]);
    await expect(preview.textContent()).resolves.toContain(EVIDENCE);
    await expectAccessible(page, 'EVC intake: the portfolio, in English');
    await screenshot(page, 'wallet-intake.png');

    // Sent: the provider's request on the share screen, its name checked, the choice ticked.
    await page.getByTestId('intake-send').click();
    await page.locator('body[data-ready="share"] form.request').waitFor({ timeout: 30_000 });
    await expectRequestShown(page);
    const form = page.locator('form.request');
    await expect(form.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'EVC Centrum Zorg Nederland asks for',
    );
    await expect(form.textContent()).resolves.toContain('EVC intake: Helpende zorg en welzijn');
    await expect(form.locator('input[data-credential-id]').isChecked()).resolves.toBe(true);
    await expect(form.locator('input[data-self-declared-id]').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').textContent()).resolves.toBe(
      'EVC Centrum Zorg Nederland received your credentials.',
    );
    await expect(page.getByTestId('sent-summary').locator('li').allTextContents()).resolves.toEqual([
      'Module Veilig werken met magazijnmaterieel',
      `${CHANGING_LABEL} Self-declared`,
    ]);

    // The provider's staff see the intake: the module, and the self-declared skill marked, not recognised.
    const list = await call(issuer.url, 'GET', '/api/intakes', { token: evcOrg.apiKey });
    expect(list.status).toBe(200);
    const received = (list.body.items as { id: string; status: string }[]).filter(
      (i) => i.status === 'received',
    );
    expect(received).toHaveLength(1);
    const detail = await call(issuer.url, 'GET', `/api/intakes/${received[0]!.id}`, { token: evcOrg.apiKey });
    expect(detail.status).toBe(200);
    const credentials = detail.body.credentials as {
      title: string;
      selfDeclared: boolean;
      recognised: boolean;
      skills: { uri: string; level?: { rank?: number } }[];
      evidence?: string;
    }[];
    expect(credentials).toHaveLength(2);
    const own = credentials.find((c) => c.selfDeclared)!;
    expect(own).toMatchObject({ recognised: false, evidence: EVIDENCE });
    expect(own.skills).toEqual([expect.objectContaining({ uri: CHANGING_SITUATIONS })]);
    const module = credentials.find((c) => !c.selfDeclared)!;
    expect(module.title).toBe('Module Veilig werken met magazijnmaterieel');

    // The wallet's log says what went to whom.
    await openScreen(page, wallet.url, '#/log');
    const row = page.locator('table.log tbody tr').first();
    await expect(row.textContent()).resolves.toContain('EVC Centrum Zorg Nederland');
    await expect(row.locator('li').filter({ hasText: CHANGING_LABEL }).textContent()).resolves.toContain(
      'Self-declared',
    );
    expect(watch.problems).toEqual([]);
  });

  it('opens from an intake link, in Dutch at 360 px, and says so when the provider does not know it', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openScreen(page, wallet.url, '#/passport');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.goto('about:blank');
    await page.goto(`${wallet.url}/?intake=${encodeURIComponent(intakeUrl)}`);
    await page.locator('body[data-ready="intake"]').waitFor();
    await page.waitForURL('**/#/intake');
    await page.getByTestId('intake-gap').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('intake-provider').textContent()).resolves.toBe(
      'EVC-aanbieder: EVC Centrum Zorg Nederland',
    );
    await expect(phoneProblems(page)).resolves.toEqual([]);
    await expectAccessible(page, 'EVC intake, Dutch, at 360 px');

    await page.getByLabel('Intakelink van een EVC-aanbieder').fill(`${issuer.url}/api/intake/bestaat-niet`);
    await page.getByRole('button', { name: 'Openen' }).click();
    await expect(page.locator('[role=alert]').getAttribute('data-code')).resolves.toBe('ERR_INTAKE_UNKNOWN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
