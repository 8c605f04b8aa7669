// A published vacancy (issue 16 item 2), in real Chromium with the built wallet and the real
// verifier: an employer publishes a vacancy there (POST /api/vacancies); the learner with the demo
// EVC certificate opens the wallet from the vacancy's link (`/?vacancy=<its JSON URL>`, as the
// verifier's vacancy page links it), sees the fit computed on the device (the only request that
// leaves is one GET of the vacancy's URL, with no cookie and no body), then chooses to answer: a
// fresh request (POST /api/vacancies/:id/requests) opens on the share screen, the learner consents,
// and the verifier has the answer. A withdrawn, unknown or unreadable vacancy is said in words.
import {
  expectAccessible,
  launchChromium,
  newProfile,
  watchPage,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import {
  call,
  createEmployer,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  startVerifierService,
  trustIssuer,
  type IssuerService,
  type VerifierService,
} from './test-support/issuer-service.js';
import { receiveAndKeep } from './test-support/wallet-screens.js';
import { phoneProblems } from './test-support/phone-width.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

const SKILL = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
const SUPPORT_NURSES = SKILL('62268d9a-42f9-4c65-9ed3-d7ba69249896');
const MONITOR_SIGNS = SKILL('d3b74d50-7fc9-4051-9335-58d129a4a064');
const INTERACT = SKILL('c65aa043-98da-4136-9877-494e72d9e4cf');
const EMPATHISE = SKILL('2475cd27-8d6c-4318-a364-21395b23acba');
const E_HEALTH = SKILL('16636767-c215-4cf0-b126-e144fea20926');

const VACANCY = {
  title: 'Helpende zorg, 24 uur',
  purpose: 'Voor de vacature helpende zorg in Deventer',
  employer: { name: 'Zorggroep Oost' },
  skills: [
    // The certificate proves this at level 3: proven.
    {
      uri: SUPPORT_NURSES,
      label: { nl: 'verpleegkundigen ondersteunen', en: 'support nurses' },
      required: true,
      minLevel: 2,
    },
    // Level 2 proven, 3 asked: partly.
    {
      uri: MONITOR_SIGNS,
      label: { nl: 'vitale functies monitoren', en: 'monitor basic patients signs' },
      required: true,
      minLevel: 3,
    },
    // Shown in part: partly.
    { uri: INTERACT, label: { nl: 'communiceren', en: 'interact with healthcare users' }, required: true },
    { uri: EMPATHISE, label: { nl: 'meeleven', en: 'empathise with the healthcare user' }, required: true },
    { uri: E_HEALTH, label: { nl: 'e-health gebruiken', en: 'use e-health' }, required: false },
  ],
  publishedAt: '2026-12-01T09:00:00Z',
  expiresAt: '2027-01-31T23:59:59Z',
};

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let employerKey: string;
let vacancy: { id: string; url: string };
let context: BrowserContext;
let page: Page;

/** Publishes the vacancy at the real verifier as its employer; returns its id and JSON URL. */
async function publish(): Promise<{ id: string; url: string }> {
  const response = await call(verifier.url, 'POST', '/api/vacancies', {
    token: employerKey,
    body: {
      title: VACANCY.title,
      purpose: VACANCY.purpose,
      skills: VACANCY.skills.map((s) => ({
        uri: s.uri,
        required: s.required,
        ...(s.minLevel === undefined ? {} : { minimumLevel: s.minLevel }),
      })),
    },
  });
  if (response.status !== 201)
    throw new Error(`vacancy: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id as string, url: response.body.url as string };
}

/** The wallet's address as the verifier's vacancy page links it. */
const walletLink = (url: string) => `${wallet.url}/?vacancy=${encodeURIComponent(url)}`;

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
  wallet = await serveWallet(dir);
  const evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
  await trustIssuer(verifier, evcOrg, 'evc-provider', 'EVC Centrum Zorg Nederland', ['EVCCredential']);
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
  vacancy = await publish();
  context = await newProfile(browser);
  page = await context.newPage();
  const evc = await issue(issuer, evcOrg, issueRequest('evc-credential', 'zorghulp-ok.json'));
  await receiveAndKeep(page, wallet.url, evc.offer);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
  await verifier?.stop();
});

/** Every request the browser makes (pages and service worker) while `act` runs. */
async function requestsDuring(act: () => Promise<void>): Promise<Request[]> {
  const seen: Request[] = [];
  const record = (request: Request) => seen.push(request);
  context.on('request', record);
  try {
    await act();
  } finally {
    context.off('request', record);
  }
  return seen;
}

describe('a published vacancy', () => {
  it('opened from its link: the fit, computed on the device; then answered with consent, and the verifier has the answer', async () => {
    const watch = await watchPage(page);
    const requests = await requestsDuring(async () => {
      await page.goto('about:blank');
      await page.goto(walletLink(vacancy.url));
      await page.locator('body[data-ready="career"][data-vacancy="checked"]').waitFor({ timeout: 30_000 });
    });
    // The query is gone from the address bar: a reload does not fetch the vacancy again.
    expect(page.url()).toBe(`${wallet.url}/#/career`);
    const gap = page.getByTestId('vacancy-gap');
    await expect(gap.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(VACANCY.title);
    await expect(gap.locator('.vacancy-employer').textContent()).resolves.toBe('Vacancy at Zorggroep Oost');
    await expect(page.getByTestId('vacancy-unverified').textContent()).resolves.toBe(
      'This is how the employer describes itself and the job. Nobody has checked this description.',
    );
    await expect(page.getByTestId('vacancy-summary').textContent()).resolves.toBe(
      'You prove 1 of 4 required skills. Partly: 2. Not yet: 1.',
    );
    const required = page.getByTestId('vacancy-required').locator('li.gap-line');
    await expect(required.locator('.gap-label').allTextContents()).resolves.toEqual([
      'support nurses',
      'monitor basic patients signs',
      'interact with healthcare users',
      'empathise with the healthcare user',
    ]);
    await expect(required.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-status')))).resolves.toEqual(
      ['proven', 'partly', 'partly', 'not_yet'],
    );
    await expect(required.nth(0).locator('.gap-min-level').textContent()).resolves.toMatch(
      /^Minimum level: \w+ \(2\/4\)\.$/,
    );
    await expect(required.nth(1).textContent()).resolves.toMatch(/Minimum level: \w+ \(3\/4\)/);
    await expect(page.getByTestId('vacancy-optional').locator('li.gap-line').count()).resolves.toBe(1);

    // Nothing about the learner went out: the wallet's own files, and one GET of the vacancy's URL
    // to the verifier, with no cookie and no body.
    const elsewhere = requests.filter(
      (r) => !r.url().startsWith('about:') && !r.url().startsWith(wallet.url),
    );
    expect(elsewhere.map((r) => `${r.method()} ${r.url()}`)).toEqual([`GET ${vacancy.url}`]);
    expect((await elsewhere[0]!.allHeaders()).cookie).toBeUndefined();
    expect(elsewhere[0]!.postData()).toBeNull();
    await expectAccessible(page, 'vacancy check, in English');

    // Switching the language shows the same vacancy in Dutch (read again), then back.
    await page.evaluate(() => delete document.body.dataset.vacancy);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.locator('body[data-ready="career"][data-vacancy="checked"]').waitFor();
    await expect(page.getByTestId('vacancy-summary').textContent()).resolves.toBe(
      'Je bewijst 1 van 4 vereiste vaardigheden. Gedeeltelijk: 2. Nog niet: 1.',
    );
    await page.evaluate(() => delete document.body.dataset.vacancy);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('body[data-ready="career"][data-vacancy="checked"]').waitFor();

    // At 360 px nothing runs off the screen and every control is at least 24 px.
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await expect(phoneProblems(page)).resolves.toEqual([]);
    } finally {
      await page.setViewportSize({ width: 412, height: 915 });
    }

    // The learner chooses to answer: a fresh request (a POST with no body), opened on the usual
    // share screen.
    const made = page.waitForResponse(
      (r) => r.url() === `${vacancy.url}/requests` && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Answer this vacancy' }).click();
    const answer = await made;
    expect(answer.status()).toBe(201);
    expect(answer.request().postData()).toBeNull();
    const { requestId } = (await answer.json()) as { requestId: string };
    await page.locator('body[data-ready="share"] form.request').waitFor();
    // Nothing is shared before the learner consents.
    const before = await call(verifier.url, 'GET', `/api/requests/${requestId}`, { token: employerKey });
    expect(before.body.status).toBe('pending');
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
    const answered = await call(verifier.url, 'GET', `/api/requests/${requestId}`, { token: employerKey });
    expect(answered.body.status).toBe('answered');
    expect(answered.body.result.accepted).toBe(true);
    expect(watch.problems).toEqual([]);
  });

  it('a withdrawn vacancy, an unknown one and a link that is no vacancy are said in words (Dutch, at 360 px)', async () => {
    const dutch = await newProfile(browser, 'nl-NL');
    try {
      const p = await dutch.newPage();
      await p.setViewportSize({ width: 360, height: 800 });
      // The employer withdraws a vacancy; its link opened afterwards says so.
      const gone = await publish();
      const withdrawn = await call(verifier.url, 'DELETE', `/api/vacancies/${gone.id}`, {
        token: employerKey,
      });
      expect(withdrawn.status).toBe(204);
      await p.goto(walletLink(gone.url));
      await p.locator('body[data-ready="career"][data-vacancy="checked"]').waitFor({ timeout: 30_000 });
      const alert = p.locator('.vacancy-check [role=alert]');
      await expect(alert.getAttribute('data-code')).resolves.toBe('ERR_VACANCY_WITHDRAWN');
      await expect(alert.locator('p').first().textContent()).resolves.toBe(
        'De werkgever heeft deze vacature ingetrokken, of ze is gesloten. Je kunt er niet meer op reageren.',
      );
      await expect(p.getByTestId('vacancy-gap').count()).resolves.toBe(0);
      await expect(phoneProblems(p)).resolves.toEqual([]);
      await expectAccessible(p, 'vacancy check: withdrawn, Dutch, at 360 px');

      // Pasted on the career screen: an unknown vacancy, an answer that is not a vacancy, plain
      // http to another host (refused before anything is fetched), a port nobody listens on.
      const field = p.getByLabel('Link van de vacature');
      const check = async (link: string, code: string) => {
        await p.evaluate(() => delete document.body.dataset.vacancy);
        await field.fill(link);
        await p.getByRole('button', { name: 'Checken' }).click();
        await p.locator('body[data-vacancy="checked"]').waitFor();
        await expect(alert.getAttribute('data-code')).resolves.toBe(code);
      };
      await check(`${verifier.url}/api/vacancies/AAAAAAAAAAAAAAAAAAAAAA`, 'ERR_VACANCY_UNKNOWN');
      // The wallet's own server answers any path with its page: not JSON, not a vacancy.
      await check(`${wallet.url}/api/vacancies/${vacancy.id}`, 'ERR_VACANCY_INVALID');
      await expect(alert.locator('p').first().textContent()).resolves.toContain(
        'leidt niet naar een vacature',
      );
      await check('http://example.org/api/vacancies/x', 'ERR_INSECURE_URL');
      await check('http://127.0.0.1:9/api/vacancies/x', 'ERR_VACANCY_UNREACHABLE');
    } finally {
      await dutch.close();
    }
  });
});
