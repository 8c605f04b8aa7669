// SD-JWT VC (`dc+sd-jwt`) in real Chromium, without the issuer and verifier services: the fixture
// organisation offers a credential in all three envelopes (its SD-JWT VC signed ES256, its status
// in a Token Status List token), the wallet verifies and keeps them as one credential; the fixture
// verifier asks for some skills by DCQL `claims`, and what arrives is checked with core's
// verifyCredential: only the claims asked for (and left ticked) were disclosed.
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { skillResultPath, vctFor, type ErrorCode } from '@skills-passport/core';
import { errorMessage } from './i18n.js';
import {
  example,
  startFixtureIssuer,
  type FixtureIssuer,
  type ProvenHolder,
} from './test-support/fixture-issuer.js';
import {
  sdJwtDcqlQuery,
  startFixtureVerifier,
  verifySdJwtAnswer,
  type FixtureVerifier,
} from './test-support/fixture-verifier.js';
import { keepOffered } from './test-support/keep-offered.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

let browser: Browser;
let wallet: WalletServer;
let org: FixtureIssuer;
let verifier: FixtureVerifier;
let statusIndex = 10;

beforeAll(async () => {
  const [dir, b, o, v] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startFixtureIssuer('evc-zorg', 'EVC Centrum Zorg'),
    startFixtureVerifier(),
  ]);
  browser = b;
  org = o;
  verifier = v;
  wallet = await serveWallet(dir);
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await org?.close();
  await verifier?.close();
});

/** ESCO-like URIs for the three skills the EVC example adds to its own three. */
const EXTRA_SKILLS = [3, 4, 5].map(
  (i) => `http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000${i}`,
);

/** The EVC example with six skill results: its own three and three more. */
function evcWithSixSkills(): Record<string, any> {
  const doc = evc() as Record<string, any>;
  const results = doc.credentialSubject.result as Record<string, any>[];
  for (const [i, uri] of EXTRA_SKILLS.entries()) {
    const copy = structuredClone(results[i % results.length]!);
    copy.alignment[0].targetUrl = uri;
    copy.alignment[0].targetName = `Extra vaardigheid ${i + 1}`;
    results.push(copy);
    doc.credentialSubject.achievement.alignment.push(structuredClone(copy.alignment[0]));
  }
  return doc;
}

/** The skill URIs of a document's results, in order. */
const skillsOf = (doc: Record<string, any>): string[] =>
  (doc.credentialSubject.result as Record<string, any>[]).map((r) => r.alignment[0].targetUrl as string);

/** The EVC example as a new credential (its own id). */
function evc(): Record<string, unknown> {
  return { ...example('evc-credential', 'zorghulp-ok.json'), id: `urn:uuid:${crypto.randomUUID()}` };
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

async function accept(page: Page, link: string): Promise<void> {
  await open(page, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(link);
  await page.getByRole('button', { name: 'Open offer' }).click();
  await page.locator('[role=alert], form.offer').first().waitFor();
  const refused = page.locator('[role=alert]');
  if ((await refused.count()) > 0)
    throw new Error(`the wallet refused the offer: ${await refused.textContent()}`);
  await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await keepOffered(page);
  await page.locator('[role=alert], .message.success').first().waitFor({ timeout: 20_000 });
}

/** The wallet's stored credentials, as IndexedDB holds them. */
async function stored(page: Page): Promise<Record<string, any>[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('skills-passport-wallet');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('credentials').objectStore('credentials').getAll();
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
  })`);
}

describe('receiving an SD-JWT VC', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newProfile(browser);
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('takes the dc+sd-jwt envelope beside the others, verified, as one credential, and tells the issuer', async () => {
    const watch = await watchPage(page);
    const link = org.offer(evc(), statusIndex++);
    await accept(page, link);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
    const [credential] = await stored(page);
    expect(credential?.sdJwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+~([\w-]+~)+$/);
    expect(credential?.jwt).toBeDefined();
    expect(credential?.ldp).toBeDefined();
    for (let tries = 0; org.notifications.length < 3 && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(org.notifications.map((n) => `${n.format} ${n.event}`).sort()).toEqual([
      'dc+sd-jwt credential_accepted',
      'jwt_vc_json credential_accepted',
      'ldp_vc credential_accepted',
    ]);
    expect(watch.problems).toEqual([]);
  });

  it('takes a credential offered only as dc+sd-jwt, and shows it with its skills', async () => {
    const link = org.offer(evc(), statusIndex++, {
      formats: ['dc+sd-jwt'],
    });
    const before = (await stored(page)).length;
    await accept(page, link);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
    const all = await stored(page);
    expect(all).toHaveLength(before + 1);
    const only = all.find((c) => c.jwt === undefined)!;
    expect(only.sdJwt).toBeDefined();
    await open(page, `#/credential/${encodeURIComponent(only.id as string)}`);
    await expect(page.locator('main').textContent()).resolves.toContain('support nurses');
  });
});

/** Opens a request link on the share screen and waits for the request or a refusal. */
async function openRequest(page: Page, link: string): Promise<void> {
  await open(page, '#/share');
  await page.getByLabel('Request link (openid4vp://…)').fill(link);
  await page.getByRole('button', { name: 'Open request' }).click();
  await page.locator('form.request, [role=alert]').first().waitFor();
  const refused = page.locator('[role=alert]');
  if ((await refused.count()) > 0) throw new Error(`the wallet refused: ${await refused.textContent()}`);
}

/** A signed request of the fixture verifier asking `query`; returns its link and nonce. */
function request(query: Record<string, unknown>): { link: string; nonce: string } {
  const payload = verifier.requestPayload({
    dcql_query: query,
    client_metadata: { client_name: 'Thuiszorg De Linde', purpose: 'Vacature helpende zorg' },
  });
  return { link: verifier.publish(verifier.sign(payload)), nonce: payload.nonce as string };
}

/** Shares what is ticked and returns the one SD-JWT presentation the verifier received. */
async function shareAndReceive(page: Page, queryId = 'skills_dc_sd_jwt'): Promise<string> {
  const sent = verifier.responses.length;
  await page.getByRole('button', { name: 'Share the selected credentials' }).click();
  await expect(page.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
  expect(verifier.responses).toHaveLength(sent + 1);
  const answer = new URLSearchParams(verifier.responses.at(-1)!.split(' ')[1]);
  const vpToken = JSON.parse(answer.get('vp_token')!) as Record<string, string[]>;
  expect(Object.keys(vpToken)).toEqual([queryId]);
  expect(vpToken[queryId]).toHaveLength(1);
  return vpToken[queryId]![0]!;
}

const resultPaths = (uris: string[]) => uris.map((uri) => skillResultPath(uri));
/** Claims paths as a set: the order of disclosures says nothing (the issuer's digests are sorted). */
const pathSet = (paths: readonly unknown[] | undefined): Set<string> =>
  new Set((paths ?? []).map((p) => JSON.stringify(p)));

describe('presenting an SD-JWT VC with selective disclosure', () => {
  let context: BrowserContext;
  let page: Page;
  let skills: string[];

  beforeAll(async () => {
    context = await newProfile(browser);
    page = await context.newPage();
    const doc = evcWithSixSkills();
    skills = skillsOf(doc);
    await accept(page, org.offer(doc, statusIndex++));
    const refused = page.locator('[role=alert]');
    if ((await refused.count()) > 0) throw new Error(`not received: ${await refused.textContent()}`);
  });
  afterAll(async () => context?.close());

  it('shares 2 of 6 skills and nothing else: the consent screen says what goes and what stays', async () => {
    const watch = await watchPage(page);
    const asked = request(
      sdJwtDcqlQuery({
        vct: vctFor(org.url, 'EVCCredential'),
        skills: [{ uri: skills[0]! }, { uri: skills[1]! }],
      }),
    );
    await openRequest(page, asked.link);
    const form = page.locator('form.request');
    await expect(form.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Thuiszorg De Linde asks for',
    );
    await expect(form.textContent()).resolves.toContain('Why they ask: Vacature helpende zorg');
    const panel = form.locator('[data-disclosure=selective]');
    await expect(panel.locator('li').allTextContents()).resolves.toEqual([
      'support nurses: Proficient (asked for as required)',
      'monitor basic patients signs: Basic (asked for as required)',
    ]);
    await expect(panel.getByTestId('not-shared').textContent()).resolves.toBe(
      'Not shared: 4 other skills, assessor or mentor, route, assessment date, assessment methods, evidence, your name.',
    );
    const presentation = await shareAndReceive(page);
    const verified = await verifySdJwtAnswer(presentation, {
      nonce: asked.nonce,
      audience: verifier.clientId,
    });
    expect(verified.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(verified.verified).toBe(true);
    expect(pathSet(verified.disclosure?.disclosed)).toEqual(pathSet(resultPaths(skills.slice(0, 2))));
    const subject = verified.credential!.credentialSubject as unknown as Record<string, unknown>;
    expect(subject.identifier).toBeUndefined();
    expect(subject.source).toBeUndefined();
    expect(verified.credential!.evidence).toBeUndefined();
    expect((subject.result as unknown[]).length).toBe(2);
    // The share log says what was disclosed, to whom.
    await open(page, '#/log');
    const row = page.locator('table.log tbody tr').first();
    await expect(row.textContent()).resolves.toContain('Thuiszorg De Linde');
    await expect(row.locator('.disclosed').textContent()).resolves.toBe(
      ' — shared: support nurses: Proficient; monitor basic patients signs: Basic',
    );
    expect(watch.problems).toEqual([]);
  });

  it('discloses the name when the verifier asks for it', async () => {
    const asked = request(
      sdJwtDcqlQuery({ vct: vctFor(org.url, 'EVCCredential'), skills: [{ uri: skills[2]! }], name: true }),
    );
    await openRequest(page, asked.link);
    await expect(page.locator('[data-disclosure=selective] li').allTextContents()).resolves.toEqual([
      'interact with healthcare users: Basic (asked for as required)',
      'Your name: Fatima el Amrani (you may leave this out)',
    ]);
    const presentation = await shareAndReceive(page);
    const verified = await verifySdJwtAnswer(presentation, {
      nonce: asked.nonce,
      audience: verifier.clientId,
    });
    expect(verified.verified).toBe(true);
    expect(pathSet(verified.disclosure?.disclosed)).toEqual(
      pathSet([['credentialSubject', 'identifier'], ...resultPaths([skills[2]!])]),
    );
  });

  it('withholds an optional skill the learner unticks', async () => {
    const asked = request(
      sdJwtDcqlQuery({
        vct: vctFor(org.url, 'EVCCredential'),
        skills: [{ uri: skills[0]! }, { uri: skills[3]!, required: false }],
      }),
    );
    await openRequest(page, asked.link);
    const optional = page.locator(`input[data-claim-path='${JSON.stringify(skillResultPath(skills[3]!))}']`);
    await expect(optional.isDisabled()).resolves.toBe(false);
    await optional.uncheck();
    await expect(page.getByTestId('not-shared').textContent()).resolves.toContain('5 other skills');
    const presentation = await shareAndReceive(page);
    const verified = await verifySdJwtAnswer(presentation, {
      nonce: asked.nonce,
      audience: verifier.clientId,
    });
    expect(verified.verified).toBe(true);
    expect(pathSet(verified.disclosure?.disclosed)).toEqual(pathSet(resultPaths([skills[0]!])));
  });

  it('backs up and restores in a new profile: the SD-JWT VC comes along and can still be presented', async () => {
    await open(page, '#/wallet');
    const did = await page.getByTestId('wallet-did').textContent();
    await page.getByLabel('Passphrase (at least 10 characters)').fill('een lange wachtzin voor de test');
    await page.getByLabel('Repeat the passphrase').fill('een lange wachtzin voor de test');
    await page.getByRole('button', { name: 'Make backup file' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const file = readFileSync((await (await downloading).path())!);
    const before = await stored(page);

    const other = await newProfile(browser);
    const restored = await other.newPage();
    try {
      await open(restored, '#/wallet');
      await restored
        .locator('.restore-form input[type=file]')
        .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: file });
      await restored.getByLabel('Passphrase of the backup').fill('een lange wachtzin voor de test');
      await restored.getByRole('button', { name: 'Restore backup' }).click();
      await restored.getByText(`Your wallet identifier is ${did}`, { exact: false }).waitFor();
      expect((await stored(restored)).map((c) => c.sdJwt)).toEqual(before.map((c) => c.sdJwt));
      const asked = request(
        sdJwtDcqlQuery({ vct: vctFor(org.url, 'EVCCredential'), skills: [{ uri: skills[4]! }] }),
      );
      await openRequest(restored, asked.link);
      const presentation = await shareAndReceive(restored);
      const verified = await verifySdJwtAnswer(presentation, {
        nonce: asked.nonce,
        audience: verifier.clientId,
      });
      expect(verified.verified).toBe(true);
      expect(pathSet(verified.disclosure?.disclosed)).toEqual(pathSet(resultPaths([skills[4]!])));
    } finally {
      await other.close();
    }
  });

  it('[status lists] lets no one tick a revoked SD-JWT VC', async () => {
    const index = statusIndex++;
    await accept(page, org.offer(evcWithSixSkills(), index, { formats: ['dc+sd-jwt'] }));
    const held = (await stored(page)).find((c) => c.jwt === undefined)!;
    org.revoke(index);
    await openRequest(
      page,
      request(sdJwtDcqlQuery({ vct: vctFor(org.url, 'EVCCredential'), skills: [{ uri: skills[0]! }] })).link,
    );
    const box = page.locator(`input[data-credential-id="${held.id as string}"]`);
    await expect(box.isDisabled()).resolves.toBe(true);
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(page.locator('form.request').textContent()).resolves.toContain(
      'Revoked: this credential can no longer be shared.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What the wallet refuses to receive: each row's SD-JWT VC is the fixture's genuine one changed
// (and signed again with the organisation's P-256 key where the change is in the issuer JWT).

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (part: string): Record<string, any> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, any>;

/** The token with its issuer JWT's header and payload changed and signed again (ES256, low-S). */
function resigned(
  token: string,
  change: (header: Record<string, any>, payload: Record<string, any>) => void,
): string {
  const [jwt, ...disclosures] = token.split('~');
  const [h, p] = jwt!.split('.');
  const header = unb64(h!);
  const payload = unb64(p!);
  change(header, payload);
  const input = `${b64(header)}.${b64(payload)}`;
  return [`${input}.${org.es256(input)}`, ...disclosures].join('~');
}

/** The disclosure of a claim named `name` in the token, decoded. */
function disclosureNamed(token: string, name: string): unknown[] {
  for (const part of token.split('~').slice(1)) {
    if (part === '') continue;
    const decoded = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown[];
    if (decoded[1] === name) return decoded;
  }
  throw new Error(`no disclosure of ${name}`);
}

interface Row {
  name: string;
  replace: (genuine: string, holder: ProvenHolder) => string;
  code: ErrorCode;
  reason: ErrorCode | null;
}

const rows: Row[] = [
  {
    name: 'an SD-JWT VC with a wrong typ (vc+sd-jwt)',
    replace: (t) => resigned(t, (h) => (h.typ = 'vc+sd-jwt')),
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_SD_JWT_TYP',
  },
  {
    name: 'an SD-JWT VC of an unknown vct',
    replace: (t) => resigned(t, (_h, p) => (p.vct = `${org.url}/vct/PilotLicence`)),
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_VCT_UNKNOWN',
  },
  {
    name: 'an SD-JWT VC with a disclosure its digests do not reference',
    replace: (t) => `${t}${b64(['c2FsdHNhbHRzYWx0', 'workplace', 'Elders'])}~`,
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_DISCLOSURE_UNREFERENCED',
  },
  {
    name: 'an SD-JWT VC with a digest twice',
    replace: (t) =>
      resigned(t, (_h, p) => p.credentialSubject._sd.push(p.credentialSubject._sd[0] as string)),
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_DISCLOSURE_DUPLICATE',
  },
  {
    name: 'an SD-JWT VC with a disclosed claim also in clear',
    replace: (t) =>
      resigned(t, (_h, p) => (p.credentialSubject.identifier = disclosureNamed(t, 'identifier')[2])),
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_DISCLOSURE_CLAIM_CLASH',
  },
  {
    name: 'an SD-JWT VC with _sd_alg sha-512',
    replace: (t) => resigned(t, (_h, p) => (p._sd_alg = 'sha-512')),
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason: 'ERR_SD_JWT_HASH_ALG',
  },
  {
    name: 'an SD-JWT VC bound to no key (cnf missing)',
    replace: (t) => resigned(t, (_h, p) => delete p.cnf),
    code: 'ERR_HOLDER_MISMATCH',
    reason: 'ERR_CNF_MISSING',
  },
  {
    name: "an SD-JWT VC bound to someone else's key",
    replace: (t) =>
      resigned(
        t,
        (_h, p) =>
          (p.cnf = { jwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.alloc(32, 7).toString('base64url') } }),
      ),
    code: 'ERR_HOLDER_MISMATCH',
    reason: null,
  },
  {
    name: 'an ES256 SD-JWT VC whose header says EdDSA',
    replace: (t) => {
      const [jwt, ...rest] = t.split('~');
      const [h, p, signature] = jwt!.split('.');
      return [`${b64({ ...unb64(h!), alg: 'EdDSA' })}.${p}.${signature}`, ...rest].join('~');
    },
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_JWS_ALG_KEY_MISMATCH',
  },
];

/** Receives an offer in a fresh profile and expects the refusal `code` (`reason`), nothing stored. */
async function refusesOffer(link: string, code: ErrorCode, reason: ErrorCode | null): Promise<void> {
  const context = await newProfile(browser);
  const page = await context.newPage();
  const watch = await watchPage(page);
  try {
    await accept(page, link);
    const alert = page.locator('[role=alert]');
    await expect(alert.getAttribute('data-code')).resolves.toBe(code);
    await expect(alert.getAttribute('data-reason')).resolves.toBe(reason);
    await expect(alert.locator('p').first().textContent()).resolves.toBe(errorMessage(code, 'en'));
    await expect(stored(page)).resolves.toEqual([]);
    expect(watch.problems).toEqual([]);
  } finally {
    await context.close();
  }
}

describe('[SD-JWT VC] the wallet refuses on receipt', () => {
  it.each(rows)('$name: $code ($reason)', (row) =>
    refusesOffer(
      org.offer(evc(), statusIndex++, {
        formats: ['dc+sd-jwt'],
        replace: { 'dc+sd-jwt': (genuine, holder) => row.replace(genuine as string, holder) },
      }),
      row.code,
      row.reason,
    ),
  );
});

describe('[status lists] the wallet', () => {
  it('keeps no SD-JWT VC whose Token Status List cannot be read on receipt, and tells the issuer', async () => {
    const told = org.notifications.length;
    org.statusTokenDown = true;
    try {
      await refusesOffer(org.offer(evc(), statusIndex++), 'ERR_STATUS_LIST_UNREACHABLE', null);
    } finally {
      org.statusTokenDown = false;
    }
    for (let tries = 0; org.notifications.length < told + 3 && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(org.notifications.slice(told).map((n) => n.event)).toEqual([
      'credential_failure',
      'credential_failure',
      'credential_failure',
    ]);
  });
});
