// Words that say what happened (issue 15, item 3): each protocol failure a learner meets is told
// as what it is, in English and in Dutch, in real Chromium against the built wallet. An offer the
// real issuer does not know is not "the issuer cannot be reached"; a withdrawn offer is not
// "expired"; a request the verifier no longer takes is not "the verifier cannot be reached"; an
// empty PIN is refused at its field before anything is sent, not reported as "not a credential".
// Counts are worded by the language's plural rules ("1 vaardigheid", "3 vaardigheden").
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { WalletErrorCode } from './errors.js';
import { errorMessage } from './i18n.js';
import { startFixtureIssuer, type FixtureIssuer } from './test-support/fixture-issuer.js';
import { startFixtureVerifier, type FixtureVerifier } from './test-support/fixture-verifier.js';
import {
  createEmployer,
  createSkillsRequest,
  issue,
  issueRequest,
  provisionOrg,
  startIssuerService,
  startVerifierService,
  type IssuerService,
  type Org,
  type VerifierService,
} from './test-support/issuer-service.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let evcOrg: Org;
let employerKey: string;
let fixtureOrg: FixtureIssuer;
let fixtureVerifier: FixtureVerifier;

beforeAll(async () => {
  const [dir, b, service, verifierService, org, fv] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startIssuerService(),
    startVerifierService(),
    startFixtureIssuer('opleidingen-logistiek', 'Opleidingscentrum Logistiek'),
    startFixtureVerifier(),
  ]);
  browser = b;
  issuer = service;
  verifier = verifierService;
  fixtureOrg = org;
  fixtureVerifier = fv;
  wallet = await serveWallet(dir);
  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
  await verifier?.stop();
  await fixtureOrg?.close();
  await fixtureVerifier?.close();
});

type Lang = 'en' | 'nl';
const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL' };

async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

async function openLink(page: Page, kind: 'offer' | 'request', link: string): Promise<void> {
  await open(page, kind === 'offer' ? '#/receive' : '#/share');
  await page
    .getByLabel(kind === 'offer' ? /^(Offer link|Aanbodlink)/ : /^(Request link|Verzoeklink)/)
    .fill(link);
  await page
    .getByRole('button', {
      name: kind === 'offer' ? /^(Open offer|Aanbod openen)$/ : /^(Open request|Verzoek openen)$/,
    })
    .click();
}

/** A problem+json answer of the kind our services give. */
const problem = (code: string, title: string): string => JSON.stringify({ type: 'about:blank', title, code });

interface Case {
  name: string;
  kind: 'offer' | 'request';
  link: () => Promise<string> | string;
  code: WalletErrorCode;
  /** What the wallet used to say, and must not. */
  not: WalletErrorCode;
}

const cases: Case[] = [
  {
    name: 'an offer the issuer service does not know (404)',
    kind: 'offer',
    link: () =>
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${issuer.url}/offers/00000000-0000-4000-8000-000000000000`)}`,
    code: 'ERR_OFFER_UNKNOWN',
    not: 'ERR_ISSUER_UNREACHABLE',
  },
  {
    name: 'an offer the issuer withdrew (410, ERR_OFFER_WITHDRAWN)',
    kind: 'offer',
    link: () =>
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(
        fixtureOrg.publish(
          `/offers/withdrawn-${Math.random().toString(36).slice(2)}`,
          problem('ERR_OFFER_WITHDRAWN', 'The offer has been withdrawn'),
          'application/problem+json',
          410,
        ),
      )}`,
    code: 'ERR_OFFER_WITHDRAWN',
    not: 'ERR_OFFER_EXPIRED',
  },
  {
    name: 'an offer that is gone, no reason given (410)',
    kind: 'offer',
    link: () =>
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(
        fixtureOrg.publish(
          `/offers/gone-${Math.random().toString(36).slice(2)}`,
          '{}',
          'application/json',
          410,
        ),
      )}`,
    code: 'ERR_OFFER_UNKNOWN',
    not: 'ERR_ISSUER_UNREACHABLE',
  },
  {
    name: 'a request the verifier service does not know (404)',
    kind: 'request',
    link: async () => {
      const real = new URL(
        (await createSkillsRequest(verifier, employerKey, 'Zorg', [{ uri: SUPPORT_NURSES }])).link,
      );
      const requestUri = new URL(real.searchParams.get('request_uri')!);
      requestUri.pathname = requestUri.pathname.replace(/[^/]+$/, 'no-such-request');
      real.searchParams.set('request_uri', requestUri.href);
      return `openid4vp://?${real.searchParams.toString()}`;
    },
    code: 'ERR_REQUEST_UNKNOWN',
    not: 'ERR_VERIFIER_UNREACHABLE',
  },
  {
    name: 'a request that expired (410, ERR_REQUEST_EXPIRED, as the verifier service answers)',
    kind: 'request',
    link: () =>
      fixtureVerifier.publish(problem('ERR_REQUEST_EXPIRED', 'The request has expired'), { status: 410 }),
    code: 'ERR_REQUEST_EXPIRED',
    not: 'ERR_VERIFIER_UNREACHABLE',
  },
  {
    name: 'a request that was answered (410, ERR_REQUEST_ALREADY_ANSWERED)',
    kind: 'request',
    link: () =>
      fixtureVerifier.publish(problem('ERR_REQUEST_ALREADY_ANSWERED', 'The request has been answered'), {
        status: 410,
      }),
    code: 'ERR_REQUEST_ALREADY_ANSWERED',
    not: 'ERR_VERIFIER_UNREACHABLE',
  },
  {
    name: 'a request no longer open, in an OAuth-style error (410, invalid_request_uri)',
    kind: 'request',
    link: () =>
      fixtureVerifier.publish(
        JSON.stringify({ error: 'invalid_request_uri', error_description: 'This request is closed.' }),
        { status: 410 },
      ),
    code: 'ERR_REQUEST_CLOSED',
    not: 'ERR_VERIFIER_UNREACHABLE',
  },
  {
    name: 'a request object whose own expiry has passed',
    kind: 'request',
    link: () => {
      const now = Math.floor(Date.now() / 1000);
      return fixtureVerifier.publish(
        fixtureVerifier.sign(fixtureVerifier.requestPayload({ iat: now - 900, exp: now - 600 })),
      );
    },
    code: 'ERR_REQUEST_EXPIRED',
    not: 'ERR_REQUEST_INVALID',
  },
];

describe('protocol failures are told as what happened', () => {
  it.each(cases.flatMap((c) => (['en', 'nl'] as const).map((lang) => ({ ...c, lang }))))(
    '$name ($lang): $code',
    async ({ kind, link, code, not, lang }) => {
      expect(errorMessage(code, lang)).not.toBe(errorMessage(not, lang));
      const context = await newProfile(browser, LOCALE[lang], { serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await openLink(page, kind, await link());
        const alert = page.locator('[role=alert]');
        await expect(alert.getAttribute('data-code')).resolves.toBe(code);
        await expect(alert.locator('p').first().textContent()).resolves.toBe(errorMessage(code, lang));
        expect(watch.problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('the PIN is checked at its field before anything is sent', () => {
  it.each(['en', 'nl'] as const)(
    'refuses an empty and a short PIN, then takes the right one (%s)',
    async (lang) => {
      const created = await issue(
        issuer,
        evcOrg,
        issueRequest('evc-credential', 'zorghulp-ok.json', { pin: true }),
      );
      const context = await newProfile(browser, LOCALE[lang], { serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        const posts: string[] = [];
        context.on('request', (request) => {
          if (request.method() === 'POST') posts.push(request.url());
        });
        await openLink(page, 'offer', created.offer);
        const pin = page.getByLabel(/^(PIN code|Pincode)$/);
        const accept = page.getByRole('button', {
          name: /^(Accept and add to my passport|Accepteren en aan mijn paspoort toevoegen)$/,
        });
        await accept.click();
        const fieldError = page.locator('form.offer .field-error');
        await expect(fieldError.getAttribute('data-code')).resolves.toBe('ERR_PIN_REQUIRED');
        await expect(fieldError.textContent()).resolves.toBe(errorMessage('ERR_PIN_REQUIRED', lang));
        await expect(fieldError.getAttribute('role')).resolves.toBe('alert');
        // Said at the field: the input is marked invalid, described by the message, and has focus.
        await expect(pin.getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(pin.getAttribute('aria-describedby')).resolves.toContain(
          (await fieldError.getAttribute('id'))!,
        );
        await expect(pin.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
        await expect(page.locator('[data-code=ERR_CREDENTIAL_JWT_INVALID]').count()).resolves.toBe(0);

        await pin.fill('123');
        await accept.click();
        await expect(fieldError.textContent()).resolves.toBe(
          lang === 'en'
            ? 'The PIN code has 6 digits. Check that you typed all of them.'
            : 'De pincode heeft 6 cijfers. Controleer of je ze allemaal hebt ingevuld.',
        );
        expect(posts).toEqual([]);

        // Nothing was sent, so the offer is still there to take with the right PIN.
        await pin.fill(created.txCode!);
        await expect(fieldError.count()).resolves.toBe(0);
        await accept.click();
        await page
          .getByRole('button', { name: /^(Keep it in my passport|Bewaren in mijn paspoort)$/ })
          .click();
        await page.locator('.message.success').waitFor();
        expect(posts.some((url) => url.endsWith('/token'))).toBe(true);

        // Counts in the language's plural forms: one credential, three skills; one skill when searched.
        await open(page, '#/passport');
        const summary = page.locator('p.summary');
        await expect(summary.textContent()).resolves.toBe(
          lang === 'en' ? '3 skills from 1 credential' : '3 vaardigheden uit 1 bewijs',
        );
        await page
          .getByLabel(/^(Search skills and credentials|Zoek in vaardigheden en bewijzen)$/)
          .fill(lang === 'en' ? 'nurses' : 'verpleegkundigen');
        await expect(summary.textContent()).resolves.toBe(
          lang === 'en' ? '1 skill from 1 credential' : '1 vaardigheid uit 1 bewijs',
        );
        expect(watch.problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
