// Receiving with OpenID4VCI 1.0 in real Chromium from the real issuer service: each credential
// type from an offer link (one with a PIN, a wrong PIN refused first), the offer on the wallet's
// own URL, the passport that results, revocation and suspension shown later, and an offer read
// by the camera. What the wallet refuses to receive is the table in wallet-negative.test.ts.
import { CHROMIUM_ARGS, launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeQrVideo } from './test-support/fake-camera.js';
import {
  call,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  type IssuerService,
  type Org,
} from './test-support/issuer-service.js';
import { keepOffered } from './test-support/keep-offered.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let evcOrg: Org;
let trainingOrg: Org;
let employerOrg: Org;

beforeAll(async () => {
  const [dir, b, service] = await Promise.all([buildWallet(), launchChromium(), startIssuerService()]);
  browser = b;
  issuer = service;
  wallet = await serveWallet(dir);
  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
  trainingOrg = await provisionOrg(issuer, 'roc-logistiek', 'training-provider', 'ROC Logistiek Academie');
  employerOrg = await provisionOrg(issuer, 'van-dijk-logistiek', 'employer', 'Van Dijk Logistiek B.V.');
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
});

async function open(page: Page, hash: string): Promise<void> {
  // A full load each time (about:blank first): a same-document hash change would leave the
  // previous screen's data-ready in place for a moment.
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

async function openOfferLink(page: Page, link: string): Promise<void> {
  await open(page, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(link);
  await page.getByRole('button', { name: 'Open offer' }).click();
}

/**
 * The review before storing: the verified EVC certificate's title, issuer, the name on it, each
 * of its three skills with a level on the four-level scale, and its validity.
 */
async function expectReview(page: Page): Promise<void> {
  const review = page.getByRole('dialog', { name: 'Check the credential before you keep it' });
  await review.waitFor();
  const card = review.locator('section.review');
  await expect(card.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
    'Ervaringscertificaat Helpende Zorg en Welzijn',
  );
  const value = (label: string) => card.locator(`dt:text-is("${label}") + dd`).textContent();
  await expect(value('Issued by (verified)')).resolves.toBe('EVC Centrum Zorg Nederland');
  await expect(value('Name on it')).resolves.toBe('Fatima el Amrani');
  await expect(value('Valid')).resolves.toMatch(/^from \S.*\d{4}/);
  await expect(card.locator('dt:text-is("3 skills")').count()).resolves.toBe(1);
  const skills = await card.locator('.review-skills li').allTextContents();
  expect(skills).toHaveLength(3);
  for (const skill of skills) expect(skill).toMatch(/^\S.+: \S.* \([1-4]\/4\)$/);
}

describe('receiving credentials from the issuer service', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newProfile(browser);
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('receives an EVC certificate with a PIN, a module credential and a workplace statement, and builds the passport', async () => {
    const watch = await watchPage(page);
    const evc = await issue(
      issuer,
      evcOrg,
      issueRequest('evc-credential', 'zorghulp-ok.json', { pin: true }),
    );
    expect(evc.txCode).toMatch(/^\d{6}$/);
    await openOfferLink(page, evc.offer);
    const offer = page.locator('form.offer');
    await expect(offer.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'EVC Centrum Zorg Nederland offers you',
    );
    await expect(offer.textContent()).resolves.toContain('EVC certificate (recognition of prior learning)');
    // A wrong PIN is refused by the issuer, and said so.
    await page.getByLabel('PIN code').fill('000000' === evc.txCode ? '111111' : '000000');
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    await expect(page.locator('[role=alert]').getAttribute('data-code')).resolves.toBe('ERR_TOKEN_REFUSED');
    await page.getByLabel('PIN code').fill(evc.txCode!);
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    // Before anything is stored: the verified credential, to keep or not.
    await expectReview(page);
    await page.getByRole('button', { name: 'Keep it in my passport' }).click();
    await page
      .getByText('“Ervaringscertificaat Helpende Zorg en Welzijn” was added to your passport.')
      .waitFor();
    // Both envelopes were taken, and the wallet told the issuer it accepted them (OpenID4VCI §11;
    // sent once the credential is stored, so it may arrive a moment after the screen says so).
    const delivery = async () =>
      (
        await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(evc.id)}`, {
          token: evcOrg.apiKey,
        })
      ).body.offer as { delivery: string; formats: string[] };
    for (let tries = 0; (await delivery()).delivery !== 'accepted' && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const seen = await delivery();
    expect(seen.delivery).toBe('accepted');
    expect([...seen.formats].sort()).toEqual(['dc+sd-jwt', 'jwt_vc_json', 'ldp_vc']);

    const module = await issue(
      issuer,
      trainingOrg,
      issueRequest('module-credential', 'magazijn-microcredential-ok.json'),
    );
    await openOfferLink(page, module.offer);
    await expect(page.locator('form.offer').textContent()).resolves.toContain('Module or micro-credential');
    await expect(page.getByLabel('PIN code').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    await keepOffered(page);
    await page.getByText('was added to your passport', { exact: false }).waitFor();

    // Arriving at the wallet's own URL with the offer's query opens it directly.
    const workplace = await issue(
      issuer,
      employerOrg,
      issueRequest('workplace-learning-credential', 'magazijnmedewerker-ok.json'),
    );
    const query = new URL(workplace.offer).search;
    await page.goto(`${wallet.url}/${query}`);
    await page.locator('form.offer').waitFor();
    await expect(page.locator('form.offer h2').textContent()).resolves.toBe(
      'Van Dijk Logistiek B.V. offers you',
    );
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    await keepOffered(page);
    await page.getByText('“Praktijkverklaring Magazijnmedewerker” was added to your passport.').waitFor();

    // The passport: three credentials, valid, and the skills with their levels and sources.
    await open(page, '#/passport');
    await expect(page.locator('.credential-card').count()).resolves.toBe(3);
    await page.locator('.credential-card [data-status=valid]').nth(2).waitFor();
    const skill = (name: string) =>
      page.locator('li.skill', { has: page.getByRole('heading', { name, exact: true }) });
    await expect(skill('support nurses').locator('.skill-level').textContent()).resolves.toBe(
      'Best level: Proficient (3 of 4)',
    );
    await expect(skill('support nurses').textContent()).resolves.toContain('EVC Centrum Zorg Nederland');
    const warehouse = skill('operate warehouse materials');
    await expect(warehouse.locator('.proof').count()).resolves.toBe(2);
    await expect(warehouse.textContent()).resolves.toContain('ROC Logistiek Academie');
    await expect(warehouse.textContent()).resolves.toContain('Van Dijk Logistiek B.V.');
    await expect(warehouse.textContent()).resolves.toContain('informal');
    await expect(warehouse.textContent()).resolves.toContain('formal');

    // Reload: still there, still valid.
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await page.locator('.credential-card [data-status=valid]').nth(2).waitFor();
    expect(watch.problems).toEqual([]);
  });

  it('shows a revocation and a suspension by the issuer when the passport is shown again', async () => {
    const revoked = await issue(
      issuer,
      evcOrg,
      issueRequest('evc-credential', 'software-developer-education-route-ok.json'),
    );
    const suspended = await issue(
      issuer,
      trainingOrg,
      issueRequest('module-credential', 'short-course-minimal-ok.json'),
    );
    for (const created of [revoked, suspended]) {
      await openOfferLink(page, created.offer);
      await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
      await keepOffered(page);
      await page.getByText('was added to your passport', { exact: false }).waitFor();
    }
    for (const [created, org, action] of [
      [revoked, evcOrg, 'revoke'],
      [suspended, trainingOrg, 'suspend'],
    ] as const) {
      const response = await fetch(
        `${issuer.url}/api/credentials/${encodeURIComponent(created.id)}/${action}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'assessment withdrawn' }),
        },
      );
      expect(response.status).toBe(200);
    }
    // The issuer publishes status lists with a 1 s time-to-live in this test; the learner opens
    // the wallet again a little later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.reload();
    await open(page, '#/passport');
    await expect(
      page
        .locator(`.credential-card[data-credential-id="${revoked.id}"] [data-status=revoked]`)
        .textContent(),
    ).resolves.toBe('Revoked');
    await expect(
      page
        .locator(`.credential-card[data-credential-id="${suspended.id}"] [data-status=suspended]`)
        .textContent(),
    ).resolves.toBe('Suspended');
    // A revoked credential no longer counts for its skills' best level.
    const skill = page.locator('li.skill', {
      has: page.getByRole('heading', { name: 'computer programming', exact: true }),
    });
    await skill.locator('.proof.not-counted').first().waitFor();
  });

  it('checks status again on "Check now", and every minute while the passport is open: a revocation shows without a reload', async () => {
    const watch = await watchPage(page);
    const created = await issue(issuer, evcOrg, issueRequest('evc-credential', 'zorghulp-ok.json'));
    const later = await issue(
      issuer,
      trainingOrg,
      issueRequest('module-credential', 'short-course-minimal-ok.json'),
    );
    for (const offer of [created, later]) {
      await openOfferLink(page, offer.offer);
      await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
      await keepOffered(page);
      await page.getByText('was added to your passport', { exact: false }).waitFor();
    }
    const change = async (id: string, org: Org, action: 'revoke' | 'suspend'): Promise<void> => {
      const response = await call(
        issuer.url,
        'POST',
        `/api/credentials/${encodeURIComponent(id)}/${action}`,
        {
          token: org.apiKey,
          body: { reason: 'assessment withdrawn' },
        },
      );
      expect(response.status).toBe(200);
    };
    const badge = (id: string) =>
      page.locator(`.credential-card[data-credential-id="${id}"] [data-status]:not([data-status=unknown])`);
    // The clock of the page is the test's: a minute passes when the test says so.
    await page.clock.install();
    await open(page, '#/passport');
    const checkedAt = page.getByTestId('status-checked-at');
    await page.getByText(/^Status checked at \d{1,2}:\d{2}\.$/).waitFor();
    await expect(badge(created.id).getAttribute('data-status')).resolves.toBe('valid');
    await expect(page.getByRole('status').filter({ has: checkedAt }).count()).resolves.toBe(1);
    // A reload would lose this.
    await page.evaluate('window.stillTheSamePage = true');

    await change(created.id, evcOrg, 'revoke');
    // The issuer republishes its lists within their 1 s time-to-live in this test.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.clock.runFor(1500);
    const before = await page.locator('.status-freshness').getAttribute('data-checked-at');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page
      .locator(`.credential-card[data-credential-id="${created.id}"] [data-status=revoked]`)
      .waitFor();
    await expect(badge(created.id).textContent()).resolves.toBe('Revoked');
    await expect(badge(later.id).getAttribute('data-status')).resolves.toBe('valid');
    await page.getByText(/^Status checked at \d{1,2}:\d{2}\.$/).waitFor();
    await expect(page.locator('.status-freshness').getAttribute('data-checked-at')).resolves.not.toBe(before);
    // The revoked credential no longer counts for its skills.
    await page
      .locator('li.skill', { has: page.getByRole('heading', { name: 'support nurses', exact: true }) })
      .locator(`.proof.not-counted`)
      .first()
      .waitFor();

    // Nobody presses anything: a minute later the passport has checked again by itself.
    await change(later.id, trainingOrg, 'suspend');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.clock.runFor(61_000);
    await page
      .locator(`.credential-card[data-credential-id="${later.id}"] [data-status=suspended]`)
      .waitFor();
    await expect(page.evaluate('window.stillTheSamePage')).resolves.toBe(true);
    expect(watch.problems).toEqual([]);
  });

  it('stores nothing when the learner does not keep the reviewed credential, and tells the issuer', async () => {
    // A profile of its own: the test before gave the shared page a clock that only the test moves.
    const own = await newProfile(browser);
    const fresh = await own.newPage();
    try {
      const evc = await issue(issuer, evcOrg, issueRequest('evc-credential', 'zorghulp-ok.json'));
      await open(fresh, '#/passport');
      const before = await fresh.locator('.credential-card').count();
      await openOfferLink(fresh, evc.offer);
      await fresh.getByRole('button', { name: 'Accept and add to my passport' }).click();
      await expectReview(fresh);
      await fresh.getByRole('button', { name: 'Do not keep' }).click();
      await fresh.getByText('You declined the offer. Nothing was stored.').waitFor();
      await open(fresh, '#/passport');
      await expect(fresh.locator('.credential-card').count()).resolves.toBe(before);
      const delivery = async (): Promise<string> =>
        (
          await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(evc.id)}`, {
            token: evcOrg.apiKey,
          })
        ).body.offer.delivery as string;
      for (let tries = 0; (await delivery()) !== 'deleted' && tries < 50; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(delivery()).resolves.toBe('deleted');
    } finally {
      await own.close();
    }
  });

  it("reads an offer's QR code with the camera", async () => {
    const created = await issue(
      issuer,
      trainingOrg,
      issueRequest('module-credential', 'short-course-minimal-ok.json'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'wallet-camera-'));
    const video = join(dir, 'offer.y4m');
    writeQrVideo(created.offer, video);
    const cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const cameraContext = await newProfile(cameraBrowser);
      await cameraContext.grantPermissions(['camera'], { origin: wallet.url });
      const cameraPage = await cameraContext.newPage();
      await cameraPage.goto(`${wallet.url}/#/receive`);
      await cameraPage.locator('body[data-ready]').waitFor();
      await cameraPage.getByRole('button', { name: 'Scan QR code' }).click();
      await cameraPage.locator('form.offer').waitFor();
      await expect(cameraPage.locator('form.offer h2').textContent()).resolves.toBe(
        'ROC Logistiek Academie offers you',
      );
      await expect(
        cameraPage.getByLabel('Offer link (openid-credential-offer://…)').inputValue(),
      ).resolves.toBe(created.offer);
    } finally {
      await cameraBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
