// A published vacancy (issue 16 item 2), in real Chromium with the built wallet: the learner with
// the demo EVC certificate opens the wallet from the vacancy's link (`/?vacancy=…`), sees the fit
// computed on the device (only the vacancy's URL is fetched, with nothing about the learner), then
// chooses to answer: a fresh request opens on the share screen, the learner consents, and the real
// verifier has the answer. A withdrawn, unknown or unreadable vacancy is said in words.
//
// The verifier's vacancy routes (GET /api/vacancies/:id, POST /api/vacancies/:id/requests) were not
// in the verifier yet when this was written: a small fixture server here follows their contract
// exactly (CORS open, problem+json with ERR_VACANCY_UNKNOWN / ERR_VACANCY_WITHDRAWN) and, asked for
// a request, creates a real skills request at the real verifier for the vacancy's skills.
import {
  expectAccessible,
  launchChromium,
  newProfile,
  watchPage,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  call,
  createEmployer,
  createSkillsRequest,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  startVerifierService,
  trustIssuer,
  type IssuerService,
  type VerifierService,
} from './test-support/issuer-service.js';
import { keepOffered } from './test-support/keep-offered.js';
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
  id: 'v-zorg-1',
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

interface Seen {
  method: string;
  path: string;
  cookie: string | undefined;
  body: string;
}

/** The fixture of the verifier's vacancy routes, per the contract (see the top of this file). */
function vacancyServer(verifier: VerifierService, employerKey: string) {
  const seen: Seen[] = [];
  const requestIds: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({ method: req.method ?? '', path, cookie: req.headers.cookie, body });
      const send = (status: number, json: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
        res.end(JSON.stringify(json));
      };
      const problem = (status: number, code: string, title: string) =>
        send(status, { type: 'about:blank', title, status, code }, 'application/problem+json');
      if (req.method === 'GET' && path === '/api/vacancies/v-zorg-1') return send(200, VACANCY);
      if (req.method === 'GET' && path === '/api/vacancies/withdrawn')
        return problem(410, 'ERR_VACANCY_WITHDRAWN', 'The vacancy was withdrawn or has expired');
      if (req.method === 'GET' && path === '/api/vacancies/not-a-vacancy')
        return send(200, { hello: 'world' });
      if (req.method === 'POST' && path === '/api/vacancies/v-zorg-1/requests') {
        createSkillsRequest(
          verifier,
          employerKey,
          VACANCY.title,
          VACANCY.skills.map((s) => ({
            uri: s.uri,
            required: s.required,
            ...(s.minLevel === undefined ? {} : { minimumLevel: s.minLevel }),
          })),
        ).then(
          (request) => {
            requestIds.push(request.id);
            send(201, { requestLink: request.link, requestId: request.id, expiresAt: VACANCY.expiresAt });
          },
          () => problem(500, 'ERR_INTERNAL', 'Internal error'),
        );
        return undefined;
      }
      return problem(404, 'ERR_VACANCY_UNKNOWN', 'No such vacancy');
    });
  });
  return { server, seen, requestIds };
}

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let employerKey: string;
let fixture: ReturnType<typeof vacancyServer>;
let vacancyBase: string;
let context: BrowserContext;
let page: Page;

const walletLink = (id: string) =>
  `${wallet.url}/?vacancy=${encodeURIComponent(`${vacancyBase}/api/vacancies/${id}`)}`;

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
  fixture = vacancyServer(verifier, employerKey);
  await new Promise<void>((resolve) => fixture.server.listen(0, '127.0.0.1', resolve));
  vacancyBase = `http://127.0.0.1:${(fixture.server.address() as AddressInfo).port}`;
  context = await newProfile(browser);
  page = await context.newPage();
  const evc = await issue(issuer, evcOrg, issueRequest('evc-credential', 'zorghulp-ok.json'));
  await page.goto(`${wallet.url}/#/receive`);
  await page.locator('body[data-ready="receive"]').waitFor();
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(evc.offer);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await keepOffered(page);
  await page.getByText('was added to your passport.').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await new Promise((resolve) => fixture?.server.close(resolve));
  await issuer?.stop();
  await verifier?.stop();
});

/** Every request the browser makes (pages and service worker) while `act` runs. */
async function requestsDuring(act: () => Promise<void>): Promise<{ method: string; url: string }[]> {
  const seen: { method: string; url: string }[] = [];
  const record = (request: { url(): string; method(): string }) =>
    seen.push({ method: request.method(), url: request.url() });
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
    fixture.seen.length = 0;
    const requests = await requestsDuring(async () => {
      await page.goto('about:blank');
      await page.goto(walletLink('v-zorg-1'));
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

    // Nothing about the learner went out: the wallet's own files, and one GET of the vacancy URL,
    // with no cookie and no body.
    const elsewhere = requests.filter((r) => !r.url.startsWith('about:') && !r.url.startsWith(wallet.url));
    expect(elsewhere).toEqual([{ method: 'GET', url: `${vacancyBase}/api/vacancies/v-zorg-1` }]);
    expect(fixture.seen).toEqual([
      { method: 'GET', path: '/api/vacancies/v-zorg-1', cookie: undefined, body: '' },
    ]);
    expect(fixture.requestIds).toEqual([]);
    await expectAccessible(page, 'vacancy check, in English');

    // At 360 px nothing runs off the screen and every control is at least 24 px.
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await expect(phoneProblems(page)).resolves.toEqual([]);
    } finally {
      await page.setViewportSize({ width: 412, height: 915 });
    }

    // The learner chooses to answer: a fresh request, opened on the usual share screen.
    await page.getByRole('button', { name: 'Answer this vacancy' }).click();
    await page.locator('body[data-ready="share"] form.request').waitFor();
    expect(fixture.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/vacancies/v-zorg-1',
      'POST /api/vacancies/v-zorg-1/requests',
    ]);
    expect(fixture.seen[1]!.body).toBe('');
    const [requestId] = fixture.requestIds;
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
      await p.goto(walletLink('withdrawn'));
      await p.locator('body[data-ready="career"][data-vacancy="checked"]').waitFor({ timeout: 30_000 });
      const alert = p.locator('.vacancy-check [role=alert]');
      await expect(alert.getAttribute('data-code')).resolves.toBe('ERR_VACANCY_WITHDRAWN');
      await expect(alert.locator('p').first().textContent()).resolves.toBe(
        'De werkgever heeft deze vacature ingetrokken, of ze is gesloten. Je kunt er niet meer op reageren.',
      );
      await expect(p.getByTestId('vacancy-gap').count()).resolves.toBe(0);
      await expect(phoneProblems(p)).resolves.toEqual([]);
      await expectAccessible(p, 'vacancy check: withdrawn, Dutch, at 360 px');

      // Pasted on the career screen: an unknown vacancy, then an answer that is not a vacancy,
      // then plain http to another host (refused before anything is fetched).
      const field = p.getByLabel('Link van de vacature');
      const check = async (link: string, code: string) => {
        await p.evaluate(() => delete document.body.dataset.vacancy);
        await field.fill(link);
        await p.getByRole('button', { name: 'Checken' }).click();
        await p.locator('body[data-vacancy="checked"]').waitFor();
        await expect(alert.getAttribute('data-code')).resolves.toBe(code);
      };
      await check(`${vacancyBase}/api/vacancies/nope`, 'ERR_VACANCY_UNKNOWN');
      await check(`${vacancyBase}/api/vacancies/not-a-vacancy`, 'ERR_VACANCY_INVALID');
      await expect(alert.locator('p').first().textContent()).resolves.toContain(
        'leidt niet naar een vacature',
      );
      await check('http://example.org/api/vacancies/v-zorg-1', 'ERR_INSECURE_URL');
      // A port nobody listens on.
      await check('http://127.0.0.1:9/api/vacancies/v-zorg-1', 'ERR_VACANCY_UNREACHABLE');
      expect(fixture.requestIds).toHaveLength(1);
    } finally {
      await dutch.close();
    }
  });
});
