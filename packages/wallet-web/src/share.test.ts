// Sharing with OpenID4VP 1.0 in real Chromium with the real issuer and verifier services: the
// learner receives credentials, opens an employer's request, sees who asks what, changes the
// choice, shares, sees the verifier's answer; the employer's report lists the matched skills; the
// share is logged; a revoked credential cannot be chosen; backup and restore. What the wallet
// refuses to share with is the table in wallet-negative.test.ts.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the @digitalbazaar modules
/// <reference path="../../../types/digitalbazaar.d.ts" />
import { launchChromium, newProfile, screenshot, watchPage } from '@skills-passport/service-kit/testing';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
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
  type Org,
  type VerifierService,
} from './test-support/issuer-service.js';
import { skillsDcqlQuery, startFixtureVerifier } from './test-support/fixture-verifier.js';
import {
  expectRequestShown as expectShown,
  openRequestLink,
  openScreen,
  receiveAndKeep,
} from './test-support/wallet-screens.js';
import { loaderFor } from './test-support/data-integrity-loader.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const WAREHOUSE_MATERIALS = 'http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd';
const VERBAL_INSTRUCTIONS = 'http://data.europa.eu/esco/skill/fc511e12-fe90-40a0-bec8-227abb5e4255';

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let evcOrg: Org;
let trainingOrg: Org;
let employerOrg: Org;
let employerKey: string;
let context: BrowserContext;
let page: Page;
const received: Record<string, string> = {};

const open = (hash: string) => openScreen(page, wallet.url, hash);

async function receive(org: Org, type: string, file: string): Promise<string> {
  const created = await issue(issuer, org, issueRequest(type, file));
  await receiveAndKeep(page, wallet.url, created.offer);
  return created.id;
}

const openRequest = (link: string) => openRequestLink(page, wallet.url, link);
const expectRequestShown = () => expectShown(page);

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
  evcOrg = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', 'EVC Centrum Zorg Nederland');
  trainingOrg = await provisionOrg(issuer, 'roc-logistiek', 'training-provider', 'ROC Logistiek Academie');
  employerOrg = await provisionOrg(issuer, 'van-dijk-logistiek', 'employer', 'Van Dijk Logistiek B.V.');
  await trustIssuer(verifier, evcOrg, 'evc-provider', 'EVC Centrum Zorg Nederland', ['EVCCredential']);
  await trustIssuer(verifier, trainingOrg, 'training-provider', 'ROC Logistiek Academie', [
    'ModuleCredential',
  ]);
  await trustIssuer(verifier, employerOrg, 'employer', 'Van Dijk Logistiek B.V.', [
    'WorkplaceLearningCredential',
  ]);
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
  context = await newProfile(browser);
  page = await context.newPage();
  received.evc = await receive(evcOrg, 'evc-credential', 'zorghulp-ok.json');
  received.module = await receive(trainingOrg, 'module-credential', 'magazijn-microcredential-ok.json');
  received.workplace = await receive(
    employerOrg,
    'workplace-learning-credential',
    'magazijnmedewerker-ok.json',
  );
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
  await verifier?.stop();
});

describe('sharing with the verifier service', () => {
  it('shows who asks what, lets the learner choose, shares, and the employer sees the matched skills', async () => {
    const watch = await watchPage(page);
    // The passport these three credentials make, for the README.
    await open('#/passport');
    await page.locator('.credential-card [data-status=valid]').nth(2).waitFor();
    await screenshot(page, 'wallet-passport.png');
    const request = await createSkillsRequest(verifier, employerKey, 'Helpende zorg en welzijn', [
      { uri: SUPPORT_NURSES, minimumLevel: 3 },
      { uri: WAREHOUSE_MATERIALS, minimumLevel: 2 },
      { uri: VERBAL_INSTRUCTIONS, required: false },
    ]);
    await openRequest(request.link);
    await expectRequestShown();
    const form = page.locator('form.request');
    await expect(form.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Zorggroep Oost (via Skills Passport) asks for',
    );
    await expect(form.textContent()).resolves.toContain(`Verifier address: ${verifier.url}`);
    // One choice over both envelopes the verifier takes (a query per envelope, one set), in words.
    await expect(form.locator('legend').allTextContents()).resolves.toEqual([
      'Any of: EVC certificate (recognition of prior learning), Module or micro-credential, Workplace learning statement, an Open Badge from any issuer',
    ]);
    // Each credential that answers the request is pre-selected.
    for (const id of Object.values(received)) {
      await expect(form.locator(`input[data-credential-id="${id}"]:checked`).count()).resolves.toBe(1);
    }
    // The learner changes the choice: not the workplace statement this time.
    await form.locator(`fieldset input[data-credential-id="${received.workplace}"]:checked`).uncheck();
    await screenshot(page, 'wallet-share.png');
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').textContent()).resolves.toBe(
      'Zorggroep Oost (via Skills Passport) received your credentials.',
    );
    await expect(page.getByRole('link', { name: 'Continue at the verifier' }).count()).resolves.toBe(1);

    // The employer's report: each asked skill with its verdict and the proof behind it.
    const report = await call(verifier.url, 'GET', `/api/requests/${request.id}`, { token: employerKey });
    expect(report.body.status).toBe('answered');
    expect(report.body.result.accepted).toBe(true);
    const lines = report.body.result.report.match.skills as {
      uri: string;
      status: string;
      proofs: { title: string; issuerName: string }[];
    }[];
    const line = (uri: string) => lines.find((l) => l.uri === uri)!;
    expect(line(SUPPORT_NURSES).status).toBe('proven');
    expect(line(SUPPORT_NURSES).proofs[0]).toMatchObject({
      title: 'Ervaringscertificaat Helpende Zorg en Welzijn',
      issuerName: 'EVC Centrum Zorg Nederland',
    });
    expect(line(WAREHOUSE_MATERIALS).status).toBe('proven');
    expect(line(WAREHOUSE_MATERIALS).proofs.map((p) => p.issuerName)).toEqual(['ROC Logistiek Academie']);
    // The workplace statement was not shared, so that skill is not proven.
    expect(line(VERBAL_INSTRUCTIONS).status).toBe('not_proven');

    // ... and the employer sees it on the verifier's employer page.
    const employerPage = await context.newPage();
    await employerPage.goto(`${verifier.url}/employer/`);
    await employerPage.getByTestId('api-key').fill(employerKey);
    await employerPage.getByTestId('login').click();
    await employerPage.locator(`#past-requests li[data-id="${request.id}"] button`).click();
    const nurses = employerPage.locator(`[data-testid=skill-line][data-uri="${SUPPORT_NURSES}"]`);
    await expect(nurses.getAttribute('data-status')).resolves.toBe('proven');
    await expect(nurses.textContent()).resolves.toContain('support nurses');
    await expect(nurses.locator('[data-testid=proof]').first().textContent()).resolves.toContain(
      'EVC Centrum Zorg Nederland',
    );
    const warehouse = employerPage.locator(`[data-testid=skill-line][data-uri="${WAREHOUSE_MATERIALS}"]`);
    await expect(warehouse.locator('[data-testid=proof]').first().textContent()).resolves.toContain(
      'ROC Logistiek Academie',
    );
    await expect(
      employerPage
        .locator(`[data-testid=skill-line][data-uri="${VERBAL_INSTRUCTIONS}"]`)
        .getAttribute('data-status'),
    ).resolves.toBe('not_proven');
    await employerPage.close();

    // The share log says what went to whom.
    await open('#/log');
    const row = page.locator('table.log tbody tr').first();
    await expect(row.getAttribute('data-outcome')).resolves.toBe('accepted');
    await expect(row.textContent()).resolves.toContain('Zorggroep Oost (via Skills Passport)');
    await expect(row.textContent()).resolves.toContain('Ervaringscertificaat Helpende Zorg en Welzijn');
    await expect(row.textContent()).resolves.not.toContain('Praktijkverklaring');

    // The same link again: the verifier no longer takes answers to it (410), and the wallet says
    // so, not that the verifier cannot be reached.
    await openRequest(request.link);
    const closed = page.locator('[role=alert]');
    await expect(closed.getAttribute('data-code')).resolves.toBe('ERR_REQUEST_ALREADY_ANSWERED');
    await expect(closed.locator('p').first().textContent()).resolves.toBe(
      'This request has already been answered. Nothing was shared; ask the employer for a new request to answer again.',
    );
    expect(watch.problems).toEqual([]);
  });

  it("opens a request from the wallet's own URL (/?client_id=…&request_uri=…)", async () => {
    const request = await createSkillsRequest(verifier, employerKey, 'Magazijnmedewerker', [
      { uri: WAREHOUSE_MATERIALS },
    ]);
    await page.goto(`${wallet.url}/${new URL(request.link).search}`);
    await page.locator('form.request').waitFor();
    await expect(page.locator('form.request h2').textContent()).resolves.toBe(
      'Zorggroep Oost (via Skills Passport) asks for',
    );
  });

  it('presents Data Integrity credentials (an ldp_vp) to a verifier that takes only ldp_vc, which @digitalbazaar/vc verifies', async () => {
    // A verifier of another make that takes Data Integrity credentials only (the fixture verifier,
    // asking as ours does but for ldp_vc alone); the answer is checked by code we did not write.
    const other = await startFixtureVerifier();
    try {
      const payload = other.requestPayload({ dcql_query: skillsDcqlQuery({ formats: ['ldp_vc'] }) });
      await openRequest(other.publish(other.sign(payload)));
      await expectRequestShown();
      for (const id of Object.values(received)) {
        await expect(page.locator(`input[data-credential-id="${id}"]:checked`).count()).resolves.toBe(1);
      }
      await page.getByRole('button', { name: 'Share the selected credentials' }).click();
      await page.getByTestId('share-outcome').waitFor();

      const answer = new URLSearchParams(other.responses.at(-1)!.split(' ')[1]);
      const vpToken = JSON.parse(answer.get('vp_token')!) as Record<string, Record<string, any>[]>;
      expect(Object.keys(vpToken)).toEqual(['skills_ldp_vc']);
      expect(vpToken.skills_ldp_vc).toHaveLength(1);
      const presentation = vpToken.skills_ldp_vc![0]!;
      const credentials = presentation.verifiableCredential as Record<string, any>[];
      expect(credentials.map((c) => c.id).sort()).toEqual(Object.values(received).sort());
      const result = await vc.verify({
        presentation,
        challenge: payload.nonce as string,
        domain: other.clientId,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: loaderFor(issuer.url),
        checkStatus,
      });
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      // Bound to this request: another verifier's domain or another nonce fails.
      const replayed = await vc.verify({
        presentation,
        challenge: 'another-nonce',
        domain: other.clientId,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: loaderFor(issuer.url),
        checkStatus,
      });
      expect(replayed.verified).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('does not let a revoked credential be chosen, and says why', async () => {
    const revokedId = await receive(evcOrg, 'evc-credential', 'software-developer-education-route-ok.json');
    const response = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(revokedId)}/revoke`,
      {
        token: evcOrg.apiKey,
        body: { reason: 'assessment withdrawn' },
      },
    );
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const request = await createSkillsRequest(verifier, employerKey, 'Software developer', [
      { uri: 'http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97' },
    ]);
    await openRequest(request.link);
    await expectRequestShown();
    const form = page.locator('form.request');
    // Listed with its status, but it cannot be ticked: it no longer proves anything.
    const box = form.locator(`input[data-credential-id="${revokedId}"]`);
    await expect(box.isDisabled()).resolves.toBe(true);
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(form.textContent()).resolves.toContain('Revoked: this credential can no longer be shared.');
  });

  it('backs up, loses all storage, restores with the passphrase: same DID, credentials still verify and can be shared', async () => {
    await open('#/wallet');
    const did = await page.getByTestId('wallet-did').textContent();
    await page.getByLabel('Passphrase (at least 10 characters)').fill('een lange wachtzin voor de test');
    await page.getByLabel('Repeat the passphrase').fill('een lange wachtzin voor de test');
    await page.getByRole('button', { name: 'Make backup file' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const file = readFileSync((await (await downloading).path())!, 'utf8');

    // All storage gone (deleted from a page of the same origin that does not hold the database
    // open): the wallet starts afresh with a new key.
    await page.goto(`${wallet.url}/manifest.webmanifest`);
    await page.evaluate(`new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('skills-passport-wallet');
      request.onsuccess = () => resolve(true);
      request.onerror = () => reject(request.error);
    })`);
    await open('#/wallet');
    await expect(page.getByTestId('wallet-did').textContent()).resolves.not.toBe(did);
    await open('#/passport');
    await expect(page.locator('.credential-card').count()).resolves.toBe(0);

    // A wrong passphrase changes nothing.
    await open('#/wallet');
    const fresh = await page.getByTestId('wallet-did').textContent();
    await page
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByLabel('Passphrase of the backup').fill('niet de goede wachtzin');
    await page.getByRole('button', { name: 'Restore backup' }).click();
    await expect(page.locator('[role=alert]').getAttribute('data-code')).resolves.toBe(
      'ERR_BACKUP_PASSPHRASE',
    );
    await open('#/wallet');
    await expect(page.getByTestId('wallet-did').textContent()).resolves.toBe(fresh);

    await page
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByLabel('Passphrase of the backup').fill('een lange wachtzin voor de test');
    await page.getByRole('button', { name: 'Restore backup' }).click();
    await page.getByText(`Your wallet identifier is ${did}`, { exact: false }).waitFor();
    await open('#/passport');
    await expect(
      page
        .locator(`.credential-card[data-credential-id="${received.evc}"] [data-status=valid]`)
        .textContent(),
    ).resolves.toBe('Valid');

    // The restored key still signs presentations the verifier accepts.
    const request = await createSkillsRequest(verifier, employerKey, 'Na herstel', [{ uri: SUPPORT_NURSES }]);
    await openRequest(request.link);
    await expectRequestShown();
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
    const report = await call(verifier.url, 'GET', `/api/requests/${request.id}`, { token: employerKey });
    expect(report.body.result.report.holder ?? report.body.result.report.presentations[0].holder).toBe(did);
  });
});
