// The learner journey across the real services, in real Chromium (issue 6): the issuer and the
// verifier run in this process on real loopback ports over SQLite files in temp dirs; the wallet is
// built by vite and served with its security headers. One browser and one set of services carry
// the three journeys, in order:
//   1. an assessor issues an EVC certificate and a module credential on the assessor page, the
//      learner accepts both in the wallet, an employer asks for a vacancy's skills on the employer
//      page, the learner shares, the employer sees each skill proven with its source and coverage;
//   2. the assessor revokes the EVC certificate, the wallet shows it revoked and will not let the
//      learner share it;
//   3. a cohort of 50 learners becomes 50 offers, and one learner of it completes the journey;
//   5. an EVC certificate of six skills, as SD-JWT VC: the learner shares the two an employer asks
//      for, and the report shows those two and says what was withheld;
//   6. the screens the others pass by: the services' root pages and the public verification page,
//      the wallet's detail, log, settings, restore dialog, publish and print pages, a PIN offer, the
//      wallet in Dutch, the assessor form with its errors in English and Dutch;
//   4. afterwards, every line the issuer and the verifier logged (at info level, as in production)
//      and every console message of the pages is scanned for what must never be logged.
// At every screen on the way axe-core finds no WCAG 2.1 A/AA or best-practice violation; the main
// screen of each role is also checked at 360 px: nothing scrolls sideways, every target is 24×24 px
// (test/support/accessibility.ts). Phone-width screenshots go to docs/screenshots/phone-*.png.
// Every step waits for text a person sees; no fixed waits, no timings.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ADMIN_TOKEN,
  evcRequest,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from '@skills-passport/issuer/testing';
import { launchChromium, newProfile, screenshot, watchPage } from '@skills-passport/service-kit/testing';
import {
  ADMIN_TOKEN as VERIFIER_ADMIN,
  startVerifier,
  type Harness,
} from '@skills-passport/verifier/testing';
import { buildWallet, serveWallet, type WalletServer } from '@skills-passport/wallet-web/testing';
import { checkAtPhoneWidth, expectAccessible, expectPhoneFit, PHONE } from './support/accessibility.js';
import { digitalBazaarVerify, verifierCoreChecks } from './support/independent-verifiers.js';

jest.setTimeout(120_000);

const EVC_ORG = 'EVC Centrum Zorg Nederland';
const TRAINING_ORG = 'ROC Logistiek Academie';
const LEARNER = 'Fatima el Amrani';
const EVC_TITLE = 'Ervaringscertificaat Helpende Zorg en Welzijn';
const MODULE_TITLE = 'Microcredential Magazijnmaterialen gebruiken';
const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const WAREHOUSE_MATERIALS = 'http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd';
const MONITOR_SIGNS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';
const SAFETY = 'http://data.europa.eu/esco/skill/ce0d6a42-59c1-433e-ab62-adfc969c46bb';
const SIX_SKILLS_TITLE = 'Ervaringscertificaat Helpende Zorg (zes vaardigheden)';
/** Three skills beside the example certificate's three, one of them asked for in journey 5. */
const EXTRA_SKILLS = [
  [SAFETY, 'ensure safety of healthcare users'],
  ['http://data.europa.eu/esco/skill/65a1c226-5d93-4fec-8a15-cb1b2ec4379f', 'work under supervision in care'],
  [
    'http://data.europa.eu/esco/skill/2475cd27-8d6c-4318-a364-21395b23acba',
    'empathise with the healthcare user',
  ],
] as const;
const COHORT_SIZE = 50;
const COHORT_LEARNER = 'Cursist 37';

let issuer: RunningIssuer;
let verifier: Harness;
let verifierServer: Server;
let verifierUrl: string;
let wallet: WalletServer;
let browser: Browser;
let evcOrg: Awaited<ReturnType<typeof provisionOrg>>;
let trainingOrg: Awaited<ReturnType<typeof provisionOrg>>;
const contexts: BrowserContext[] = [];
/** What the journeys handled that no log may contain: learners, keys, tokens, offer codes. */
const secrets = new Set<string>([LEARNER, 'fatima@example.nl', ADMIN_TOKEN, VERIFIER_ADMIN]);
/** Every console message of every page, for the log scan. */
const consoleLines: string[] = [];

/** The offer id and the link itself: whoever holds either can collect the credential. */
function rememberOffer(link: string): void {
  const offerUri = new URL(link).searchParams.get('credential_offer_uri')!;
  secrets.add(link);
  secrets.add(offerUri.slice(offerUri.lastIndexOf('/') + 1));
}

/** Yesterday as a date input's value: surely before the moment of issuance. */
function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A desktop-sized tab that records console errors and uncaught exceptions. */
async function desktopPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { page, errors };
}

async function newContext(options: { phone: boolean }): Promise<BrowserContext> {
  const context = options.phone
    ? await newProfile(browser, 'en-GB')
    : await browser.newContext({
        locale: 'en-GB',
        viewport: { width: 1100, height: 900 },
        acceptDownloads: true,
      });
  context.on('console', (message) => consoleLines.push(message.text()));
  contexts.push(context);
  return context;
}

// ---------- the assessor page (selectors as in packages/issuer/src/assessor-page/assessor-page.test.ts)

async function assessorSignIn(page: Page, apiKey: string, organisation: string, scan = false): Promise<void> {
  await page.goto(`${issuer.url}/assessor/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  if (scan) await checkAtPhoneWidth(page, 'assessor: sign-in');
  if (scan) await expectAccessible(page, 'assessor: sign-in');
  await page.locator('#api-key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as Marleen de Vries (assessor) at').waitFor();
  await page.getByText(organisation, { exact: true }).waitFor();
}

async function chooseSkill(page: Page, query: string, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Find a skill (Dutch or English)' }).fill(query);
  await page.getByRole('option', { name: label }).first().click();
  await page.locator('.skill .name', { hasText: label }).waitFor();
}

/** Submits the issue form and returns the offer link the page shows. */
async function submitIssue(page: Page, learner: string): Promise<string> {
  await page.getByRole('button', { name: 'Issue credential' }).click();
  await page.getByRole('heading', { name: `Credential issued to ${learner}.` }).waitFor();
  await page.getByRole('img', { name: `QR code of the offer for ${learner}` }).waitFor();
  const link = await page.locator('#issue-link').inputValue();
  expect(link).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
  rememberOffer(link);
  return link;
}

// ---------- the wallet (selectors as in packages/wallet-web/src/receive.test.ts and share.test.ts)

async function walletOpen(page: Page, hash: string): Promise<void> {
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator('body[data-ready]').waitFor();
}

/** The Data Integrity envelope (`ldp_vc`) of a credential the wallet holds, read from its IndexedDB. */
async function walletHeldLdp(page: Page, title: string): Promise<Record<string, unknown>> {
  const held = await page.evaluate(
    (name) =>
      new Promise<unknown>((resolve, reject) => {
        const opening = indexedDB.open('skills-passport-wallet');
        opening.onerror = () => reject(new Error(String(opening.error)));
        opening.onsuccess = () => {
          const all = opening.result.transaction('credentials').objectStore('credentials').getAll();
          all.onerror = () => reject(new Error(String(all.error)));
          all.onsuccess = () =>
            resolve(
              (all.result as { document: { name: string }; ldp?: unknown }[]).find(
                (c) => c.document.name === name,
              )?.ldp,
            );
        };
      }),
    title,
  );
  if (typeof held !== 'object' || held === null) throw new Error(`the wallet holds no ldp_vc of ${title}`);
  return held as Record<string, unknown>;
}

/** Receives an offer in the wallet; with `scan`, each screen on the way is checked by axe. */
async function walletReceive(
  page: Page,
  link: string,
  issuerName: string,
  title: string,
  options: { scan?: boolean; pin?: string } = {},
): Promise<void> {
  const scan = (state: string) => (options.scan ? expectAccessible(page, state) : Promise.resolve());
  await walletOpen(page, '#/receive');
  await scan('wallet: receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(link);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.getByRole('heading', { name: `${issuerName} offers you` }).waitFor();
  await scan(options.pin === undefined ? 'wallet: offer preview' : 'wallet: offer preview with PIN field');
  if (options.pin !== undefined) {
    // Accepting without the PIN: the field says what is missing.
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    await page.locator('.field-error[data-code=ERR_PIN_REQUIRED]').waitFor();
    await scan('wallet: offer preview, PIN missing');
    await page.getByLabel('PIN code').fill(options.pin);
  }
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  // The wallet shows the credential it fetched and checked; nothing is stored until it is kept.
  const review = page.getByRole('dialog', { name: 'Check the credential before you keep it' });
  const alert = page.locator('[role=alert]');
  await review.or(alert).first().waitFor();
  if ((await alert.count()) > 0)
    throw new Error(`the wallet refused the offer: ${await alert.textContent()}`);
  await expect(review.textContent()).resolves.toContain(title);
  await scan('wallet: review dialog');
  if (options.scan) await checkAtPhoneWidth(page, 'wallet: review dialog');
  await review.getByRole('button', { name: 'Keep it in my passport' }).click();
  const added = page.getByText(`“${title}” was added to your passport.`);
  await added.or(alert).first().waitFor();
  if ((await alert.count()) > 0)
    throw new Error(`the wallet refused the offer: ${await alert.textContent()}`);
  await added.waitFor();
  await scan('wallet: credential added');
}

async function walletOpenRequest(page: Page, link: string): Promise<void> {
  await walletOpen(page, '#/share');
  await page.getByLabel('Request link (openid4vp://…)').fill(link);
  await page.getByRole('button', { name: 'Open request' }).click();
  await page.locator('form.request, [role=alert]').first().waitFor();
  const alert = page.locator('[role=alert]');
  if ((await alert.count()) > 0)
    throw new Error(`the wallet refused the request: ${await alert.textContent()}`);
  await page.getByRole('heading', { name: /asks for$/ }).waitFor();
}

/** The skill entry of the wallet's skills profile, by its label. */
function walletSkill(page: Page, label: string) {
  return page.locator('li.skill', { has: page.getByRole('heading', { name: label, exact: true }) });
}

function walletCard(page: Page, title: string) {
  return page.locator('.credential-card', { hasText: title });
}

// ---------- the employer page (selectors as in packages/verifier/src/employer-page.test.ts)

async function employerSignIn(page: Page): Promise<void> {
  await page.goto(`${verifierUrl}/employer/`);
  await page.getByTestId('api-key').waitFor();
  await expectAccessible(page, 'employer: sign-in');
  await checkAtPhoneWidth(page, 'employer: sign-in');
  await page.getByTestId('api-key').fill(verifier.apiKey);
  await page.getByTestId('login').click();
  await page.getByRole('heading', { name: 'New request' }).waitFor();
}

/** Creates a request for the skills (found by their English label); returns its openid4vp:// link. */
async function employerCreateRequest(
  page: Page,
  title: string,
  skills: string[],
  scan = false,
): Promise<string> {
  await page.getByTestId('request-title').fill(title);
  for (const label of skills) {
    await page.getByTestId('skill-search').fill(label);
    await page
      .getByTestId('skill-results')
      .locator('li', { hasText: label })
      .first()
      .getByRole('button', { name: 'Add' })
      .click();
    await page.getByTestId('chosen-skills').locator('li', { hasText: label }).waitFor();
  }
  if (scan) await expectAccessible(page, 'employer: vacancy builder, skills chosen');
  await page.getByTestId('create-request').click();
  await page.locator('#current-title', { hasText: title }).waitFor();
  await page.getByTestId('qr').waitFor({ state: 'visible' });
  await page.getByTestId('current-status').getByText('Waiting for the candidate to answer…').waitFor();
  if (scan) await expectAccessible(page, 'employer: request made, with QR code');
  const link = await page.getByTestId('request-link').textContent();
  expect(link).toMatch(/^openid4vp:\/\//);
  return link!;
}

function employerSkillLine(page: Page, uri: string) {
  return page.locator(`[data-testid=skill-line][data-uri="${uri}"]`);
}

beforeAll(async () => {
  const [walletDir, chromium, runningIssuer] = await Promise.all([
    buildWallet(),
    launchChromium(),
    // A status list's max-age of 0 makes every viewer (wallet, verifier) fetch it afresh, so a
    // revocation is seen on the next check without waiting for a cache to expire.
    // Every client here (Chromium's pages, the wallet) shares one loopback address: no rate limit.
    startIssuer({ config: { statusListTtlMs: 500, rateLimitPerMinute: 0, logLevel: 'info' } }),
  ]);
  browser = chromium;
  issuer = runningIssuer;
  wallet = await serveWallet(walletDir);

  verifierServer = createServer();
  await new Promise<void>((resolve) => verifierServer.listen(0, '127.0.0.1', resolve));
  verifierUrl = `http://localhost:${(verifierServer.address() as AddressInfo).port}`;
  const clock = {
    get t() {
      return Date.now();
    },
  };
  // The verifier asks the issuer for a status list on every presentation (no reuse window), so the
  // revocation in journey 2 counts at once.
  verifier = await startVerifier({
    clock,
    config: { publicUrl: new URL(verifierUrl), statusReuseSeconds: 0 },
  });
  verifierServer.on('request', verifier.app);

  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', EVC_ORG);
  trainingOrg = await provisionOrg(issuer, 'roc-logistiek', 'training-provider', TRAINING_ORG);
  for (const key of [evcOrg.apiKey, trainingOrg.apiKey, verifier.apiKey]) secrets.add(key);
  for (const [org, name, kind, types] of [
    [evcOrg, EVC_ORG, 'evc-provider', ['EVCCredential']],
    [trainingOrg, TRAINING_ORG, 'training-provider', ['ModuleCredential']],
  ] as const) {
    const trusted = await fetch(`${verifierUrl}/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${VERIFIER_ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, kind, accreditedTypes: types }),
    });
    expect(trusted.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await wallet?.close();
  verifierServer?.closeAllConnections();
  await new Promise<void>((resolve) => (verifierServer ? verifierServer.close(() => resolve()) : resolve()));
  await verifier?.close();
  await issuer?.destroy();
});

describe('the learner journey across the real services', () => {
  // Shared by the journeys, in order: the assessors' tabs, the learner's wallet, the employer's page.
  let evcAssessor: { page: Page; errors: string[] };
  let trainingAssessor: { page: Page; errors: string[] };
  let learner: Page;
  let learnerWatch: { problems: string[] };
  let employer: { page: Page; errors: string[] };
  /** The EVC certificate's Data Integrity envelope as the wallet holds it. */
  let heldLdp: Record<string, unknown>;

  it('1. an assessor issues an EVC certificate and a module; the learner receives both and shares them; the employer sees each skill proven', async () => {
    const office = await newContext({ phone: false });
    evcAssessor = await desktopPage(office);
    trainingAssessor = await desktopPage(office);

    // The EVC provider's assessor issues an EVC certificate through the form.
    const evc = evcAssessor.page;
    await assessorSignIn(evc, evcOrg.apiKey, EVC_ORG, true);
    await evc.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await evc.getByText('EVC certificate (recognition of prior learning)', { exact: true }).first().waitFor();
    await expectAccessible(evc, 'assessor: issue form (EVC)');
    await evc.locator('#learner-name').fill(LEARNER);
    await evc.locator('#learner-email').fill('fatima@example.nl');
    await evc.locator('#title').fill(EVC_TITLE);
    await evc
      .locator('#description')
      .fill('Erkenning van verworven competenties van een helpende in zorg en welzijn.');
    await evc
      .locator('#criteria')
      .fill('Portfolio en criteriumgericht interview door een onafhankelijke assessor.');
    await evc.locator('#std-identifier').fill('25498');
    await evc.locator('#std-name').fill('Helpende zorg en welzijn');
    await evc.locator('#std-version').fill('2024');
    await evc.locator('#assessment-date').fill(yesterday());
    await evc.getByLabel('Portfolio').check();
    await evc.getByLabel('Criterion-based interview').check();
    await chooseSkill(evc, 'support nurses', 'support nurses');
    await evc.locator('#skill-0-level').selectOption('3');
    await expectAccessible(evc, 'assessor: issue form, filled in, a skill chosen');
    await checkAtPhoneWidth(evc, 'assessor: issue form, filled in', 'phone-assessor-issue-form.png');
    const evcLink = await submitIssue(evc, LEARNER);
    await expectAccessible(evc, 'assessor: credential issued, its offer QR code');
    await screenshot(evc, 'journey-assessor-issued.png');

    // The training provider's assessor (another organisation, its own key) issues a module.
    const training = trainingAssessor.page;
    await assessorSignIn(training, trainingOrg.apiKey, TRAINING_ORG);
    await training.getByText('Module or micro-credential', { exact: true }).first().waitFor();
    await training.locator('#learner-name').fill(LEARNER);
    await training.locator('#learner-email').fill('fatima@example.nl');
    await training.locator('#title').fill(MODULE_TITLE);
    await training
      .locator('#description')
      .fill('Veilig en efficiënt werken met magazijnmaterialen en hulpmiddelen.');
    await training
      .locator('#criteria')
      .fill('Praktijkopdracht in het leerbedrijf, beoordeeld door de docent.');
    await training.locator('#achievement-type').selectOption('MicroCredential');
    await training.locator('#eqf').selectOption('2');
    await training.locator('#hours').fill('40');
    await training.locator('#end-date').fill(yesterday());
    await chooseSkill(training, 'warehouse materials', 'operate warehouse materials');
    await training.getByLabel('Learning outcome 1').fill('Gebruikt magazijnmaterialen veilig en doelmatig.');
    const moduleLink = await submitIssue(training, LEARNER);

    // The learner accepts both offers in the wallet (a phone-sized browser profile of its own).
    learner = await (await newContext({ phone: true })).newPage();
    learnerWatch = await watchPage(learner);
    await walletReceive(learner, evcLink, EVC_ORG, EVC_TITLE, { scan: true });
    await walletReceive(learner, moduleLink, TRAINING_ORG, MODULE_TITLE);
    await walletOpen(learner, '#/passport');
    await walletCard(learner, EVC_TITLE).getByText('Valid', { exact: true }).waitFor();
    await walletCard(learner, MODULE_TITLE).getByText('Valid', { exact: true }).waitFor();
    await expect(learner.locator('.credential-card').count()).resolves.toBe(2);
    const nurses = walletSkill(learner, 'support nurses');
    await nurses.getByText('Best level: Proficient (3 of 4)').waitFor();
    await nurses.getByText(EVC_ORG, { exact: false }).first().waitFor();
    await walletSkill(learner, 'operate warehouse materials')
      .getByText(TRAINING_ORG, { exact: false })
      .first()
      .waitFor();
    await expectAccessible(learner, 'wallet: passport, two credentials');
    await screenshot(learner, 'journey-wallet-passport.png');
    await checkAtPhoneWidth(learner, 'wallet: passport, two credentials', 'phone-wallet-passport.png');

    // The Data Integrity credential the wallet received through OpenID4VCI, as code we did not
    // write reads it: @digitalbazaar/vc and verifier-core, status included.
    heldLdp = await walletHeldLdp(learner, EVC_TITLE);
    const theirs = await digitalBazaarVerify(heldLdp);
    expect(theirs.error).toBeUndefined();
    expect(theirs).toMatchObject({ verified: true, statusResult: { results: [{ status: false }] } });
    const core = await verifierCoreChecks(heldLdp, issuer.url);
    expect(core.errors).toBeUndefined();
    expect(core.checks).toMatchObject({ valid_signature: true, revocation_status: true });

    // The employer asks for the vacancy's skills.
    employer = await desktopPage(await newContext({ phone: false }));
    await employerSignIn(employer.page);
    await expectAccessible(employer.page, 'employer: vacancy builder, empty');
    const requestLink = await employerCreateRequest(
      employer.page,
      'Helpende zorg en logistiek',
      ['support nurses', 'operate warehouse materials'],
      true,
    );

    // The learner opens the request, sees who asks what with both credentials chosen, and shares.
    await walletOpenRequest(learner, requestLink);
    const form = learner.locator('form.request');
    await form.getByText(`Verifier address: ${verifierUrl}`).waitFor();
    await form
      .getByText(/EVC certificate \(recognition of prior learning\)/)
      .first()
      .waitFor();
    await form
      .getByText(/Module or micro-credential/)
      .first()
      .waitFor();
    for (const title of [EVC_TITLE, MODULE_TITLE]) {
      await expect(
        form.locator('.choice', { hasText: title }).locator('input[data-credential-id]').isChecked(),
      ).resolves.toBe(true);
    }
    await expectAccessible(learner, 'wallet: share consent');
    await screenshot(learner, 'journey-wallet-share.png');
    await checkAtPhoneWidth(learner, 'wallet: share consent', 'phone-wallet-share.png');
    await learner.getByRole('button', { name: 'Share the selected credentials' }).click();
    await learner.getByText(/received your credentials\.$/).waitFor();
    await expect(learner.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
    await expectAccessible(learner, 'wallet: share result');
    await checkAtPhoneWidth(learner, 'wallet: share result');

    // The employer's page picks the answer up: each skill proven, with its source, and the coverage.
    const report = employer.page;
    await report.getByText('Answer received', { exact: true }).waitFor();
    await report.getByText('All proofs are genuine, valid and from recognised issuers.').waitFor();
    await report.getByText('Coverage: 2 / 2 required skills proven (100%)').waitFor();
    const nursesLine = employerSkillLine(report, SUPPORT_NURSES);
    await nursesLine.getByText('proven', { exact: true }).waitFor();
    await nursesLine.getByText('support nurses', { exact: true }).waitFor();
    await expect(nursesLine.getByTestId('proof').first().textContent()).resolves.toMatch(
      /^EVC certificate \(formal\) · issued by EVC Centrum Zorg Nederland · .* · level: Proficient/,
    );
    const warehouseLine = employerSkillLine(report, WAREHOUSE_MATERIALS);
    await warehouseLine.getByText('proven', { exact: true }).waitFor();
    await warehouseLine.getByText('operate warehouse materials', { exact: true }).waitFor();
    await expect(warehouseLine.getByTestId('proof').first().textContent()).resolves.toContain(
      `issued by ${TRAINING_ORG}`,
    );
    await expectAccessible(report, 'employer: report, every skill proven');
    await screenshot(report, 'journey-employer-report.png');
    await checkAtPhoneWidth(report, 'employer: report', 'phone-employer-report.png');

    expect(learnerWatch.problems).toEqual([]);
    expect([...evcAssessor.errors, ...trainingAssessor.errors, ...employer.errors]).toEqual([]);
  });

  it('2. the assessor revokes the EVC certificate; the wallet shows it revoked and will not share it', async () => {
    // The assessor finds the certificate in the list and revokes it, with a reason.
    const evc = evcAssessor.page;
    await evc.getByRole('button', { name: 'Issued credentials' }).click();
    await evc.locator('#filter-learner').fill('Fatima');
    await evc.getByRole('button', { name: 'Search' }).click();
    const card = evc.locator('.card', { hasText: LEARNER });
    await card.getByText('Issued', { exact: true }).waitFor();
    await card.getByText('Offer: collected by the learner').waitFor();
    await expectAccessible(evc, 'assessor: credential list, searched');
    await card.getByRole('button', { name: 'Revoke' }).click();
    await card.getByText('Revocation is final and cannot be undone.').waitFor();
    await expectAccessible(evc, 'assessor: revocation confirmation');
    await card.getByLabel('Reason for revocation *').fill('Assessment withdrawn after review');
    await card.getByRole('button', { name: 'Revoke for good' }).click();
    const revoked = evc.locator('.card', { hasText: LEARNER });
    await revoked.getByText('Revoked', { exact: true }).waitFor();
    await revoked.getByText(/Revoked on .*: Assessment withdrawn after review/).waitFor();
    await expectAccessible(evc, 'assessor: credential list, one revoked');

    // The learner opens the wallet again: the certificate is revoked and no longer counts.
    await learner.reload();
    await walletOpen(learner, '#/passport');
    await walletCard(learner, EVC_TITLE).getByText('Revoked', { exact: true }).waitFor();
    await expectAccessible(learner, 'wallet: passport, one credential revoked');
    // The independent verifiers see it too, in the credential the wallet holds: the status
    // bit set (@digitalbazaar/vc reports it beside a proof that still holds), revocation_status
    // failed (verifier-core).
    // (The Data Integrity list is re-signed within the issuer's 500 ms status-list ttl.)
    for (let tries = 0; tries < 20; tries += 1) {
      const seen = (await digitalBazaarVerify(heldLdp)) as {
        statusResult?: { results?: { status?: boolean }[] };
      };
      if (seen.statusResult?.results?.[0]?.status === true) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expect(digitalBazaarVerify(heldLdp)).resolves.toMatchObject({
      statusResult: { results: [{ status: true }] },
    });
    await expect(verifierCoreChecks(heldLdp, issuer.url)).resolves.toMatchObject({
      checks: { valid_signature: true, revocation_status: false },
    });
    await walletCard(learner, MODULE_TITLE).getByText('Valid', { exact: true }).waitFor();
    await expect(walletSkill(learner, 'support nurses').locator('.proof.not-counted').count()).resolves.toBe(
      1,
    );

    // A new request: the revoked certificate is listed, but cannot be chosen, and says why. (The
    // verifier's own refusal of a revoked credential is in issuer-verifier.e2e.test.ts.)
    const requestLink = await employerCreateRequest(employer.page, 'Helpende zorg', ['support nurses']);
    await walletOpenRequest(learner, requestLink);
    const form = learner.locator('form.request');
    const choice = form.locator('.choice', { hasText: EVC_TITLE });
    await choice.getByText('Revoked', { exact: true }).waitFor();
    const box = choice.locator('input[data-credential-id]');
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(box.isDisabled()).resolves.toBe(true);
    await choice.getByText('Revoked: this credential can no longer be shared.').waitFor();
    await expectAccessible(learner, 'wallet: share consent, a revoked credential not shareable');
    await screenshot(learner, 'journey-wallet-revoked-not-shareable.png');
    expect(learnerWatch.problems).toEqual([]);
    expect(evcAssessor.errors).toEqual([]);
    expect(employer.errors).toEqual([]);
  });

  it('3. a cohort of 50 learners becomes 50 offers, and one learner of it completes the journey', async () => {
    // The module's content is still in the training provider's form: it is the cohort's content.
    const training = trainingAssessor.page;
    await training.getByRole('button', { name: 'Upload a cohort' }).click();
    await training.getByRole('heading', { name: 'Upload a cohort' }).waitFor();
    await training.getByText(`Common content: Module or micro-credential — ${MODULE_TITLE}`).waitFor();
    await expectAccessible(training, 'assessor: cohort tab');
    const rows = Array.from({ length: COHORT_SIZE }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return `Cursist ${n},cursist${n}@example.nl`;
    });
    await training.locator('#cohort-file').setInputFiles({
      name: 'cohort.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,email\n${rows.join('\n')}\n`),
    });
    await training.getByRole('button', { name: 'Upload and issue' }).click();
    await training.getByText(`Done. ${COHORT_SIZE} issued, 0 refused.`).waitFor();
    await expect(training.locator('#cohort-report').isHidden()).resolves.toBe(true);
    await expect(
      training.locator('#cohort-bar').evaluate((bar: any) => [bar.value, bar.max]),
    ).resolves.toEqual([COHORT_SIZE, COHORT_SIZE]);
    await expectAccessible(training, 'assessor: cohort issued');
    await screenshot(training, 'journey-assessor-cohort.png');

    // offers.csv: one offer link per learner.
    const [download] = await Promise.all([
      training.waitForEvent('download'),
      training.getByRole('button', { name: 'Download the links (offers.csv)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('credential_id,name,contact,offer_link,expires_at,claim_page');
    expect(csv).toHaveLength(COHORT_SIZE + 1);
    const row = csv.find((line) => line.split(',')[1] === COHORT_LEARNER);
    expect(row).toBeDefined();
    const offerLink = row!.split(',')[3]!;
    expect(offerLink).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    for (const line of csv.slice(1)) {
      const [, name, contact, link] = line.split(',');
      secrets.add(name!).add(contact!);
      rememberOffer(link!);
    }

    // The list shows the cohort: 25 a page, 50 after "Show more"; the learner's card has the same link.
    await training.getByRole('button', { name: 'Show this cohort in the list' }).click();
    await training.getByText('25 credentials shown.').waitFor();
    await training.getByRole('button', { name: 'Show more' }).click();
    await training.getByText(`${COHORT_SIZE} credentials shown.`).waitFor();
    await expect(training.locator('#credential-list > li.card').count()).resolves.toBe(COHORT_SIZE);
    const learnerCard = training.locator('.card', {
      has: training.getByRole('heading', { name: COHORT_LEARNER }),
    });
    await learnerCard.getByText('Offered', { exact: true }).waitFor();
    await learnerCard.getByRole('button', { name: 'Show QR code and link' }).click();
    await learnerCard.getByRole('img', { name: `QR code of the offer for ${COHORT_LEARNER}` }).waitFor();
    await expect(learnerCard.locator('input.link').inputValue()).resolves.toBe(offerLink);
    await expectAccessible(training, 'assessor: credential list of a cohort, an offer QR code shown');

    // That learner, in a wallet of their own, receives the module ...
    const cohortLearner = await (await newContext({ phone: true })).newPage();
    const watch = await watchPage(cohortLearner);
    await walletReceive(cohortLearner, offerLink, TRAINING_ORG, MODULE_TITLE);
    await walletOpen(cohortLearner, '#/passport');
    await walletCard(cohortLearner, MODULE_TITLE).getByText('Valid', { exact: true }).waitFor();
    await expect(cohortLearner.locator('.credential-card').count()).resolves.toBe(1);

    // ... and shares it with a new request from the employer, where the skill shows as proven.
    const requestLink = await employerCreateRequest(employer.page, 'Magazijnmedewerker', [
      'operate warehouse materials',
    ]);
    await walletOpenRequest(cohortLearner, requestLink);
    await expect(
      cohortLearner
        .locator('form.request .choice', { hasText: MODULE_TITLE })
        .locator('input[data-credential-id]')
        .isChecked(),
    ).resolves.toBe(true);
    await cohortLearner.getByRole('button', { name: 'Share the selected credentials' }).click();
    await cohortLearner.getByText(/received your credentials\.$/).waitFor();

    const report = employer.page;
    await report.getByText('All proofs are genuine, valid and from recognised issuers.').waitFor();
    await report.getByText('Coverage: 1 / 1 required skills proven (100%)').waitFor();
    const line = employerSkillLine(report, WAREHOUSE_MATERIALS);
    await line.getByText('proven', { exact: true }).waitFor();
    await expect(line.getByTestId('proof').first().textContent()).resolves.toContain(
      `issued by ${TRAINING_ORG}`,
    );

    // Back in the list, the assessor sees the offer collected.
    await training.locator('#filter-learner').fill(COHORT_LEARNER);
    await training.getByRole('button', { name: 'Search' }).click();
    await training.getByText('1 credentials shown.').waitFor();
    await training
      .locator('.card', { hasText: COHORT_LEARNER })
      .getByText('Offer: collected by the learner')
      .waitFor();

    expect(watch.problems).toEqual([]);
    expect([...trainingAssessor.errors, ...employer.errors]).toEqual([]);
  });

  it('5. an EVC certificate of six skills as SD-JWT VC: the learner shares the 2 an employer asks for; the report shows those 2 and says what was withheld', async () => {
    // The EVC provider issues a certificate with six assessed skills (through its API).
    const request = evcRequest();
    const credential = request.credential as any;
    credential.name = SIX_SKILLS_TITLE;
    const template = credential.credentialSubject.result[0];
    for (const [uri, label] of EXTRA_SKILLS) {
      const result = structuredClone(template);
      result.alignment[0] = { ...result.alignment[0], targetUrl: uri, targetName: label };
      credential.credentialSubject.result.push(result);
      credential.credentialSubject.achievement.alignment.push({ ...result.alignment[0] });
    }
    expect(credential.credentialSubject.result).toHaveLength(6);
    const issued = await fetch(`${issuer.url}/api/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${evcOrg.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(issued.status).toBe(201);
    const link = ((await issued.json()) as any).credential.offer.uri as string;
    rememberOffer(link);

    // A new learner's wallet takes it, the SD-JWT VC among its envelopes.
    const holder = await (await newContext({ phone: true })).newPage();
    const watch = await watchPage(holder);
    await walletReceive(holder, link, EVC_ORG, SIX_SKILLS_TITLE);

    // The employer asks for two of the six skills.
    const requestLink = await employerCreateRequest(employer.page, 'Helpende zorg (selectief)', [
      'monitor basic patients signs',
      'ensure safety of healthcare users',
    ]);
    await walletOpenRequest(holder, requestLink);
    const choice = holder.locator('form.request .choice', { hasText: SIX_SKILLS_TITLE });
    await expect(choice.locator('input[data-credential-id]').isChecked()).resolves.toBe(true);
    // The consent screen names what goes and what stays.
    await expect(choice.locator('input[data-claim-path]').count()).resolves.toBe(2);
    await choice.getByText(/^Not shared: 4 other skills, .*your name\.$/).waitFor();
    await expectAccessible(holder, 'wallet: share consent, selective disclosure');
    await screenshot(holder, 'journey-wallet-selective-share.png');
    await holder.getByRole('button', { name: 'Share the selected credentials' }).click();
    await holder.getByText(/received your credentials\.$/).waitFor();

    // The employer sees the two skills proven, and what the candidate did not share.
    const report = employer.page;
    await report.getByText('Answer received', { exact: true }).waitFor();
    await report.getByText('Coverage: 2 / 2 required skills proven (100%)').waitFor();
    for (const uri of [MONITOR_SIGNS, SAFETY]) {
      const line = employerSkillLine(report, uri);
      await line.getByText('proven', { exact: true }).waitFor();
      await expect(line.getByTestId('proof').first().textContent()).resolves.toMatch(
        /Shared as SD-JWT VC, only what was asked\. Not shared: the learner's name, .*4 other skill results/,
      );
    }
    await expect(report.getByText(LEARNER).count()).resolves.toBe(0);
    await expectAccessible(report, 'employer: report, what was withheld');
    await screenshot(report, 'journey-employer-selective-report.png');
    expect(watch.problems).toEqual([]);
    expect(employer.errors).toEqual([]);
  });

  it('6. the screens the other journeys pass by: service roots and the public verification page, the wallet in English and Dutch (detail, log, settings, restore dialog, publish, print, PIN), the assessor form with its errors; each passes axe', async () => {
    // The services' root pages, in both languages, at phone width.
    for (const [locale, language] of [
      ['en-GB', 'EN'],
      ['nl-NL', 'NL'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: PHONE });
      contexts.push(context);
      const page = await context.newPage();
      for (const [service, url] of [
        ['issuer', issuer.url],
        ['verifier', verifierUrl],
      ] as const) {
        await page.goto(`${url}/`);
        await page.locator('h1').waitFor();
        await expectPhoneFit(page, `${service} root page (${language}), 360 px`);
        await expectAccessible(page, `${service} root page (${language}), 360 px`);
      }
      // The verifier's public verification page: empty, then with the (revoked) EVC certificate.
      const paste = page.getByLabel(
        language === 'EN' ? 'Or paste the credential (JSON or JWT)' : 'Of plak het bewijs (JSON of JWT)',
      );
      await page.goto(`${verifierUrl}/verify/`);
      await paste.waitFor();
      await expectPhoneFit(page, `verification page (${language}), 360 px`);
      await expectAccessible(page, `verification page (${language}), 360 px`);
      await paste.fill(JSON.stringify(heldLdp));
      await page.getByRole('button', { name: language === 'EN' ? 'Verify' : 'Controleren' }).click();
      await page.getByTestId('verdict').waitFor();
      await expectPhoneFit(page, `verification page, a verdict (${language}), 360 px`);
      await expectAccessible(page, `verification page, a verdict (${language}), 360 px`);
    }

    // The learner's wallet: a credential's own page, the log, the wallet's settings.
    await walletOpen(learner, '#/passport');
    await walletCard(learner, MODULE_TITLE).getByRole('link').first().click();
    await learner.locator('body[data-ready=credential]').waitFor();
    await learner.getByRole('heading', { name: MODULE_TITLE }).first().waitFor();
    await expectAccessible(learner, 'wallet: a credential in detail');
    await checkAtPhoneWidth(learner, 'wallet: a credential in detail');
    await walletOpen(learner, '#/log');
    await expectAccessible(learner, 'wallet: log');
    await walletOpen(learner, '#/wallet');
    await learner.getByTestId('storage-state').filter({ hasText: /./ }).waitFor();
    await expectAccessible(learner, 'wallet: settings');
    await checkAtPhoneWidth(learner, 'wallet: settings');
    // A restore into a wallet that holds credentials asks first, in a dialog; cancelled here.
    await learner
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await learner.getByLabel('Passphrase of the backup').fill('a long enough passphrase');
    await learner.getByRole('button', { name: 'Restore backup' }).click();
    const replace = learner.getByRole('dialog', { name: 'Replace what is in this wallet?' });
    await replace.waitFor();
    await expectAccessible(learner, 'wallet: restore dialog');
    await replace.getByRole('button', { name: 'Cancel' }).click();
    await learner.getByText('Nothing was restored. Your wallet is as it was.').waitFor();

    // Showing the passport to others: a verification link published at the verifier (the module:
    // the certificate is revoked), its page as anyone sees it, and the printable passport.
    await walletOpen(learner, '#/passport');
    await learner.getByTestId('to-publish').click();
    await learner.locator('body[data-ready=publish]').waitFor();
    await expectAccessible(learner, 'wallet: publish a verification link');
    await checkAtPhoneWidth(learner, 'wallet: publish a verification link');
    await learner.getByLabel('Publication service (web address)').fill(verifierUrl);
    await learner.getByRole('button', { name: 'Publish link' }).click();
    await learner.getByTestId('published').waitFor();
    await learner.getByTestId('published-url').filter({ hasText: '/p/' }).waitFor();
    await expectAccessible(learner, 'wallet: link published, with its QR code');
    const published = await learner.getByTestId('published-url').textContent();
    expect(published).toMatch(new RegExp(`^${verifierUrl}/p/[^/]+$`));
    await learner.goto(published!);
    await learner.getByTestId('verdict').first().waitFor();
    await expectAccessible(learner, 'verifier: a published link, verified');
    await checkAtPhoneWidth(learner, 'verifier: a published link, verified');
    await walletOpen(learner, '#/passport');
    await learner.getByTestId('to-print').click();
    await learner.locator('body[data-ready=print]').waitFor();
    await expectAccessible(learner, 'wallet: printable passport');
    await checkAtPhoneWidth(learner, 'wallet: printable passport');

    // In Dutch: the passport and the settings; then back to English.
    await walletOpen(learner, '#/passport');
    await learner.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await learner.getByRole('button', { name: 'Switch to English' }).waitFor();
    await learner.locator('body[data-ready=passport]').waitFor();
    await expectAccessible(learner, 'wallet: passport (NL)');
    await checkAtPhoneWidth(learner, 'wallet: passport (NL)');
    await walletOpen(learner, '#/wallet');
    await expectAccessible(learner, 'wallet: settings (NL)');
    await learner.getByRole('button', { name: 'Switch to English' }).click();
    await learner.getByRole('button', { name: 'Schakel naar Nederlands' }).waitFor();

    // An offer protected by a PIN, in a new learner's wallet.
    const request = evcRequest();
    const issued = await fetch(`${issuer.url}/api/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${evcOrg.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, offer: { txCode: true } }),
    });
    expect(issued.status).toBe(201);
    const created = (await issued.json()) as { credential: { offer: { uri: string } }; txCode: string };
    rememberOffer(created.credential.offer.uri);
    const pinHolder = await (await newContext({ phone: true })).newPage();
    const watch = await watchPage(pinHolder);
    await walletReceive(pinHolder, created.credential.offer.uri, EVC_ORG, (request.credential as any).name, {
      scan: true,
      pin: created.txCode,
    });

    // The assessor form, sent empty: every field says what it needs; in English, then in Dutch.
    const office = await desktopPage(await newContext({ phone: false }));
    const form = office.page;
    await assessorSignIn(form, evcOrg.apiKey, EVC_ORG);
    await form.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await form.getByRole('button', { name: 'Issue credential' }).click();
    await form.locator('#issue-errors li').first().waitFor();
    await expectAccessible(form, 'assessor: issue form, errors shown');
    await form.locator('#lang').selectOption('nl');
    await form.getByRole('button', { name: 'Credential uitgeven' }).waitFor();
    await expectAccessible(form, 'assessor: issue form, errors shown (NL)');

    // The employer's report, in Dutch.
    const report = employer.page;
    await report.getByTestId('lang-toggle').click();
    await report.getByTestId('lang-toggle').filter({ hasText: 'English' }).waitFor();
    await report.locator('html[lang=nl]').waitFor({ state: 'attached' });
    await expectAccessible(report, 'employer: report (NL)');
    await report.getByTestId('lang-toggle').click();
    await report.getByTestId('lang-toggle').filter({ hasText: 'Nederlands' }).waitFor();

    expect(watch.problems).toEqual([]);
    expect(learnerWatch.problems).toEqual([]);
    expect([...office.errors, ...employer.errors]).toEqual([]);
  });

  it('[logs and headers] 4. no service logged a learner, a credential, a key, a token or an offer code', () => {
    const lines = [...issuer.logs, ...verifier.logs.flatMap((chunk) => chunk.split('\n')), ...consoleLines];
    // The scan has something to look at: every request was logged, by both services.
    expect(issuer.logs.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThan(50);
    expect(verifier.logs.join('').length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(2 * COHORT_SIZE);
    const leaks: string[] = [];
    for (const line of lines) {
      for (const secret of secrets) if (line.includes(secret)) leaks.push(`${secret} in ${line}`);
      // Signed credentials, presentations, tokens (JWTs); private keys; holders' did:key.
      if (/eyJ[\w-]{8,}\.[\w-]{8,}/.test(line)) leaks.push(`a JWT in ${line}`);
      if (/PRIVATE KEY|"d":"|privateKeyHex|did:key:z/.test(line)) leaks.push(`key material in ${line}`);
    }
    expect(leaks).toEqual([]);
  });
});
