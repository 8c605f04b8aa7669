// Showing the passport to others, in real Chromium with the real issuer and verifier services:
// a credential downloaded as its Open Badges 3.0 file (checked by @digitalbazaar/vc and by the
// verifier), a verification link published to the verifier, its QR code, withdrawn (the page then
// answers 410), the printed passport (A4, black and white, with the link's QR code or, without
// one, how to check the files), and a declined request that stays open, answered afterwards.
// Each screen at phone width (360 px): nothing wider than the screen, touch targets of 24 px.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the @digitalbazaar modules
/// <reference path="../../../types/digitalbazaar.d.ts" />
import { launchChromium, newProfile, screenshot, watchPage } from '@skills-passport/service-kit/testing';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import jsqrModule from 'jsqr';
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
import { loaderFor } from './test-support/data-integrity-loader.js';
import {
  expectRequestShown,
  openRequestLink,
  openScreen,
  receiveAndKeep,
} from './test-support/wallet-screens.js';
import { phoneProblems } from './test-support/phone-width.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

// jsQR is CommonJS: depending on the interop, its function is the default export or inside it.
type ReadQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (jsqrModule as unknown as { default?: ReadQr }).default ?? (jsqrModule as unknown as ReadQr);

const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const HOLDER = 'Fatima el Amrani';

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let evcOrg: Org;
let trainingOrg: Org;
let employerKey: string;
let context: BrowserContext;
let page: Page;
const received: Record<string, string> = {};

async function open(hash: string): Promise<void> {
  await page.emulateMedia({ media: 'screen' });
  await openScreen(page, wallet.url, hash);
}

async function receive(org: Org, type: string, file: string): Promise<string> {
  const created = await issue(issuer, org, issueRequest(type, file));
  await receiveAndKeep(page, wallet.url, created.offer);
  return created.id;
}

async function openRequest(link: string): Promise<void> {
  await page.emulateMedia({ media: 'screen' });
  await openRequestLink(page, wallet.url, link);
  await expectRequestShown(page);
}

/**
 * Fails with what does not fit at 360 px. With `hash`, the screen is opened afresh at that width
 * (the passport lays out only the cards on screen: a narrowed window keeps the others' old layout).
 */
async function expectFitsPhone(hash?: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 780 });
  try {
    if (hash !== undefined) await open(hash);
    await expect(phoneProblems(page)).resolves.toEqual([]);
  } finally {
    await page.setViewportSize({ width: 412, height: 915 });
  }
}

/** What a QR image the wallet shows says, read from its pixels (drawn on a canvas in the page) by jsQR. */
async function qrText(selector: string): Promise<string | undefined> {
  await page.locator(`${selector}[data-ready=true]`).first().waitFor();
  const pixels = await page
    .locator(selector)
    .first()
    .evaluate((img) => {
      // Loaded already (data-ready is set once its source is), so drawn at once; the pixels come
      // back as one base64 string (an array of 640,000 numbers is slow to pass).
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 400;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 400, 400);
      g.drawImage(img as HTMLImageElement, 0, 0, 400, 400);
      const data = g.getImageData(0, 0, 400, 400).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000)
        binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(binary);
    });
  return jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), 400, 400)?.data;
}

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
  await trustIssuer(verifier, evcOrg, 'evc-provider', 'EVC Centrum Zorg Nederland', ['EVCCredential']);
  await trustIssuer(verifier, trainingOrg, 'training-provider', 'ROC Logistiek Academie', [
    'ModuleCredential',
  ]);
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
  context = await newProfile(browser);
  page = await context.newPage();
  await open('#/wallet');
  await page.getByLabel('Your name, as it is written on your credentials').fill(HOLDER);
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('Saved: the wallet compares', { exact: false }).waitFor();
  // Revoked at once (first, so the wallet's copy of the status list is old by the time it counts):
  // listed, never published or printed.
  received.revoked = await receive(evcOrg, 'evc-credential', 'software-developer-education-route-ok.json');
  const revoked = await call(
    issuer.url,
    'POST',
    `/api/credentials/${encodeURIComponent(received.revoked)}/revoke`,
    {
      token: evcOrg.apiKey,
      body: { reason: 'assessment withdrawn' },
    },
  );
  received.evc = await receive(evcOrg, 'evc-credential', 'zorghulp-ok.json');
  received.module = await receive(trainingOrg, 'module-credential', 'magazijn-microcredential-ok.json');
  expect(revoked.status).toBe(200);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await wallet?.close();
  await issuer?.stop();
  await verifier?.stop();
});

describe('showing the passport to others', () => {
  it('a declined request stays open: opened again, answered, and the verifier has the answer', async () => {
    const watch = await watchPage(page);
    const request = await createSkillsRequest(verifier, employerKey, 'Helpende zorg', [
      { uri: SUPPORT_NURSES },
    ]);
    await openRequest(request.link);
    await expectFitsPhone();
    await page.getByRole('button', { name: 'Decline' }).click();
    await expect(page.getByTestId('share-declined').textContent()).resolves.toBe(
      'You declined the request. Nothing was shared. While the request is open, you can open its link again and answer.',
    );
    // The verifier was told (OpenID4VP's access_denied) and keeps the request open.
    const open1 = await call(verifier.url, 'GET', `/api/requests/${request.id}`, { token: employerKey });
    expect(open1.body.status).toBe('pending');
    expect(open1.body.incompleteAnswers).toMatchObject({
      count: 1,
      lastReason: 'wallet_error',
      lastError: 'access_denied',
    });

    await openRequest(request.link);
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
    const answered = await call(verifier.url, 'GET', `/api/requests/${request.id}`, { token: employerKey });
    expect(answered.body.status).toBe('answered');
    expect(answered.body.result.accepted).toBe(true);
    expect(watch.problems).toEqual([]);
  });

  it('downloads a credential as its Open Badges 3.0 file, exactly as issued', async () => {
    const watch = await watchPage(page);
    await open(`#/credential/${encodeURIComponent(received.evc!)}`);
    const link = page.getByTestId('export-credential');
    await expect(link.textContent()).resolves.toBe('Download as Open Badges 3.0 file');
    await expect(link.getAttribute('data-format')).resolves.toBe('ldp_vc');
    await expect(page.locator('.detail-section').filter({ has: link }).textContent()).resolves.toContain(
      'an Open Badges 3.0 credential (W3C Verifiable Credentials 2.0, JSON-LD with a Data Integrity proof)',
    );
    await expectFitsPhone();
    const downloading = page.waitForEvent('download');
    await link.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Ervaringscertificaat Helpende Zorg en Welzijn.json');
    const credential = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, any>;
    expect(credential.id).toBe(received.evc);
    expect(credential['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(credential.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']));
    expect(credential.proof).toBeDefined();
    // Checked by code we did not write, and by the verifier anyone can use.
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: loaderFor(issuer.url),
      checkStatus,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const checked = await call(verifier.url, 'POST', '/api/verify/credential', { body: { credential } });
    expect(checked.status).toBe(200);
    expect(checked.body.verified).toBe(true);
    expect(watch.problems).toEqual([]);
  });

  it('publishes a verification link of the chosen credentials, with its QR code, and withdraws it', async () => {
    const watch = await watchPage(page);
    await expectFitsPhone('#/passport');
    await open('#/passport');
    await expect(page.getByRole('heading', { name: 'Show your passport to others' }).count()).resolves.toBe(
      1,
    );
    await page.getByTestId('to-publish').click();
    await page.locator('body[data-ready=publish]').waitFor();
    await expect(page.getByTestId('publish-warning').textContent()).resolves.toBe(
      'Anyone with the link can see the chosen credentials in full, including the name on them, and can pass the link on. Withdraw it when it is no longer needed.',
    );
    const box = (id: string) => page.locator(`form.publish-form input[data-credential-id="${id}"]`);
    await expect(box(received.evc!).isChecked()).resolves.toBe(true);
    await expect(box(received.module!).isChecked()).resolves.toBe(true);
    // Revoked: listed, cannot be chosen.
    await page
      .locator(`form.publish-form input[data-credential-id="${received.revoked}"]:disabled`)
      .waitFor();
    await expect(box(received.revoked!).isChecked()).resolves.toBe(false);
    await expect(page.locator('form.publish-form').textContent()).resolves.toContain(
      'Revoked, suspended, expired or unrecognised credentials cannot be published.',
    );
    await expect(page.getByTestId('published-none').textContent()).resolves.toBe(
      'You have not published a link.',
    );
    await expectFitsPhone();

    // Only https or loopback; a service that cannot be reached is said to be so.
    const service = page.getByLabel('Publication service (web address)');
    // The build's default: the verifier a local start runs (unless the environment names another).
    const env = process.env;
    const byDefault =
      env.WALLET_PUBLICATION_SERVICE ||
      env.VERIFIER_PUBLIC_URL ||
      `http://localhost:${env.VERIFIER_PORT || 3002}`;
    await expect(service.inputValue()).resolves.toBe(new URL(byDefault).origin);
    await service.fill('http://verify.example.nl');
    await page.getByRole('button', { name: 'Publish link' }).click();
    await expect(page.locator('.outcome [role=alert]').getAttribute('data-code')).resolves.toBe(
      'ERR_INSECURE_URL',
    );
    await service.fill('http://localhost:1');
    await page.getByRole('button', { name: 'Publish link' }).click();
    await page.locator('.outcome [role=alert][data-code=ERR_PUBLICATION_UNREACHABLE]').waitFor();
    await expect(page.locator('.outcome [role=alert] p').first().textContent()).resolves.toBe(
      'The publication service cannot be reached, or gave no usable answer. Nothing was changed; try again later.',
    );

    // The module credential stays private this time.
    await box(received.module!).uncheck();
    await service.fill(verifier.url);
    await page.getByRole('button', { name: 'Publish link' }).click();
    await page.getByTestId('published').waitFor();
    const url = (await page.getByTestId('published-url').textContent())!;
    expect(url).toMatch(new RegExp(`^${verifier.url}/p/[^/]+$`));
    // The QR code, read from its pixels, is the link.
    await expect(qrText('.outcome img.qr')).resolves.toBe(url);
    await expect(page.locator('.outcome img.qr').getAttribute('alt')).resolves.toBe(
      `QR code of the link ${url}`,
    );
    await expect(page.getByRole('button', { name: 'Copy link' }).count()).resolves.toBe(1);
    await expectFitsPhone();
    await screenshot(page, 'wallet-publish.png');

    // Online: the publication holds the chosen credential, and not the other.
    const id = url.split('/p/')[1]!;
    const pageAnswer = await fetch(url);
    expect(pageAnswer.status).toBe(200);
    const shown = await call(verifier.url, 'GET', `/api/publications/${id}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).toContain('Ervaringscertificaat Helpende Zorg en Welzijn');
    expect(JSON.stringify(shown.body)).not.toContain('Magazijn');

    // Listed under "Published links", kept across a reload.
    await open('#/publish');
    const item = page.locator(`ul.published li[data-publication-id="${id}"]`);
    await expect(item.textContent()).resolves.toContain(
      '1 credential: Ervaringscertificaat Helpende Zorg en Welzijn',
    );

    // Printed with its QR code (the next test), then withdrawn there.
    expect(watch.problems).toEqual([]);
  });

  it('prints the passport on A4 in black and white, with the link’s QR code, and without a link says how to check the files', async () => {
    const watch = await watchPage(page);
    await open('#/passport');
    await page.getByTestId('to-print').click();
    await page.locator('body[data-ready=print]').waitFor();
    const sheet = page.locator('article.print-sheet');
    const url = (await sheet.getByTestId('printed-url').textContent())!;
    expect(url).toMatch(new RegExp(`^${verifier.url}/p/`));
    await expect(page.getByTestId('print-link-note').textContent()).resolves.toBe(
      `The page carries the QR code of your verification link ${url}.`,
    );
    // What the link shows is what is printed: the published credential is chosen, the other not.
    const printBox = (id: string) => page.locator(`.no-print input[data-credential-id="${id}"]`);
    await expect(printBox(received.evc!).isChecked()).resolves.toBe(true);
    await expect(printBox(received.module!).isChecked()).resolves.toBe(false);
    await page.locator(`.no-print input[data-credential-id="${received.revoked}"]:disabled`).waitFor();
    await printBox(received.module!).check();
    await expectFitsPhone();

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.no-print').isVisible()).resolves.toBe(false);
    await expect(sheet.isVisible()).resolves.toBe(true);
    await expect(sheet.locator('h2').first().textContent()).resolves.toBe(`Skills passport of ${HOLDER}`);
    const printed = sheet.locator('li.printed-credential');
    await expect(printed.count()).resolves.toBe(2);
    const evc = sheet.locator(`li.printed-credential[data-credential-id="${received.evc}"]`);
    await expect(evc.locator('h3').textContent()).resolves.toBe(
      'Ervaringscertificaat Helpende Zorg en Welzijn',
    );
    await expect(evc.textContent()).resolves.toContain('EVC Centrum Zorg Nederland');
    await expect(evc.locator('.printed-skills li').first().textContent()).resolves.toMatch(
      / — .+ \(\d of \d\)$/,
    );
    await expect(sheet.locator(`[data-credential-id="${received.revoked}"]`).count()).resolves.toBe(0);
    await expect(sheet.locator('[data-verify=link] img.printed-qr').isVisible()).resolves.toBe(true);
    await expect(qrText('article.print-sheet img.printed-qr')).resolves.toBe(url);
    // Black on white.
    const colours = await sheet.evaluate((el) => {
      const all = [el, ...el.querySelectorAll('*')].map((e) => getComputedStyle(e).color);
      return [...new Set(all)];
    });
    expect(colours).toEqual(['rgb(0, 0, 0)']);
    // A4 (595 × 842 pt), one PDF as the browser prints it.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'wallet-print.png');

    // Withdrawn: the page answers 410, the list is empty, and the print says how to check the files.
    await open('#/publish');
    const id = url.split('/p/')[1]!;
    await page
      .locator(`ul.published li[data-publication-id="${id}"]`)
      .getByRole('button', { name: 'Withdraw link' })
      .click();
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await expect(page.getByTestId('withdrawn').textContent()).resolves.toBe(
      'The link was withdrawn. Nobody can open it any more.',
    );
    await page.getByTestId('published-none').waitFor();
    expect((await fetch(url)).status).toBe(410);

    await open('#/print');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('article.print-sheet [data-verify=file]').textContent()).resolves.toBe(
      'This paper proves nothing by itself. To check a credential, ask its holder for the credential file (an Open Badges 3.0 file from the Skills Passport wallet) and check it with an Open Badges 3.0 verifier.',
    );
    await expect(page.locator('article.print-sheet img').count()).resolves.toBe(0);
    await page.emulateMedia({ media: 'screen' });
    expect(watch.problems).toEqual([]);
  });

  it('says in Dutch when a link was already withdrawn elsewhere, and drops it from the list', async () => {
    const watch = await watchPage(page);
    await open('#/publish');
    await page.getByLabel('Publication service (web address)').fill(verifier.url);
    await page.getByRole('button', { name: 'Publish link' }).click();
    await page.getByTestId('published').waitFor();
    const url = (await page.getByTestId('published-url').textContent())!;
    const id = url.split('/p/')[1]!;
    // Withdrawn with its token from outside this screen (as from another copy of the wallet).
    const token = await page.evaluate(`new Promise((resolve, reject) => {
      const opened = indexedDB.open('skills-passport-wallet');
      opened.onsuccess = () => {
        const read = opened.result.transaction('settings').objectStore('settings').get('publications');
        read.onsuccess = () => { resolve(JSON.parse(read.result.value)[0].withdrawToken); opened.result.close(); };
        read.onerror = () => reject(read.error);
      };
    })`);
    const gone = await fetch(`${verifier.url}/api/publications/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${String(token)}` },
    });
    expect(gone.status).toBe(204);

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page
      .locator(`ul.published li[data-publication-id="${id}"]`)
      .getByRole('button', { name: 'Link intrekken' })
      .click();
    await page.getByRole('button', { name: 'Ja, intrekken' }).click();
    const alert = page.locator('.outcome [role=alert]');
    await expect(alert.getAttribute('data-code')).resolves.toBe('ERR_PUBLICATION_WITHDRAWN');
    await expect(alert.locator('p').first().textContent()).resolves.toBe(
      'Deze link is al ingetrokken of verlopen. Niemand kan hem openen.',
    );
    await page.getByTestId('published-none').waitFor();
    // Back to English, and wait until the choice is stored (the next screens load in it).
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const opened = indexedDB.open('skills-passport-wallet');
          opened.onsuccess = () => {
            const read = opened.result.transaction('settings').objectStore('settings').get('lang');
            read.onsuccess = () => {
              resolve((read.result as { value?: string } | undefined)?.value === 'en');
              opened.result.close();
            };
          };
        }),
    );
    expect(watch.problems).toEqual([]);
  });
  it('a backup carries the published links: restored into a new wallet, a link can still be withdrawn', async () => {
    const watch = await watchPage(page);
    await open('#/publish');
    await page.getByLabel('Publication service (web address)').fill(verifier.url);
    await page.getByRole('button', { name: 'Publish link' }).click();
    await page.getByTestId('published').waitFor();
    const url = (await page.getByTestId('published-url').textContent())!;
    const id = url.split('/p/')[1]!;

    await open('#/wallet');
    await page.getByLabel('Passphrase (at least 10 characters)').fill('een lange wachtzin voor de test');
    await page.getByLabel('Repeat the passphrase').fill('een lange wachtzin voor de test');
    await page.getByRole('button', { name: 'Make backup file' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const file = readFileSync((await (await downloading).path())!);

    // All storage gone, then the backup restored: the link and its withdraw token are back.
    await page.goto(`${wallet.url}/manifest.webmanifest`);
    await page.evaluate(`new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('skills-passport-wallet');
      request.onsuccess = () => resolve(true);
      request.onerror = () => reject(request.error);
    })`);
    await open('#/publish');
    await page.getByTestId('published-none').waitFor();
    await open('#/wallet');
    await page
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: file });
    await page.getByLabel('Passphrase of the backup').fill('een lange wachtzin voor de test');
    await page.getByRole('button', { name: 'Restore backup' }).click();
    await page.getByTestId('restored').waitFor();

    await open('#/publish');
    const item = page.locator(`ul.published li[data-publication-id="${id}"]`);
    await item.getByRole('button', { name: 'Withdraw link' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.getByTestId('withdrawn').waitFor();
    expect((await fetch(url)).status).toBe(410);
    expect(watch.problems).toEqual([]);
  });
  it('a credential the verifier does not recognise is refused by the service: nothing is published, and the wallet says why', async () => {
    const watch = await watchPage(page);
    // An employer's workplace statement: valid in the wallet, but its issuer is not one the
    // verifier trusts, so the publication service refuses the whole publication.
    const employerOrg = await provisionOrg(
      issuer,
      'van-dijk-logistiek',
      'employer',
      'Van Dijk Logistiek B.V.',
    );
    const workplace = await receive(
      employerOrg,
      'workplace-learning-credential',
      'magazijnmedewerker-ok.json',
    );
    await open('#/publish');
    await page.getByTestId('published-none').waitFor();
    await expect(
      page.locator(`form.publish-form input[data-credential-id="${workplace}"]`).isChecked(),
    ).resolves.toBe(true);
    await page.getByLabel('Publication service (web address)').fill(verifier.url);
    await page.getByRole('button', { name: 'Publish link' }).click();
    const alert = page.locator('.outcome [role=alert]');
    await expect(alert.getAttribute('data-code')).resolves.toBe('ERR_PUBLICATION_INVALID');
    await expect(alert.locator('p').first().textContent()).resolves.toBe(
      'The publication service did not accept the chosen credentials: one of them does not check out there (revoked, expired, or its issuer not recognised). Nothing was published.',
    );
    await expect(page.getByTestId('published-none').count()).resolves.toBe(1);
    expect(watch.problems).toEqual([]);
  });
});
