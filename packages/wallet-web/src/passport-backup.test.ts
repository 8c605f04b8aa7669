// The wallet in real Chromium, before any issuer service: holder key, storage, the passport built
// from credentials signed here (by a loopback did:web organisation with real status lists),
// live status, detail view, delete, reload, language, and backup / restore across profiles.
import { launchChromium, newProfile, screenshot, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  backupFile,
  example,
  holderKey,
  startFixtureIssuer,
  storedCredential,
  type FixtureIssuer,
} from './test-support/fixture-issuer.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

const PASSPHRASE = 'correct horse battery staple';
const WORKPLACE_ID = example('workplace-learning-credential', 'magazijnmedewerker-ok.json').id as string;
/** The EVC centre's module credential (status index 12), valid until a test suspends it. */
const MODULE_ID = example('module-credential', 'magazijn-microcredential-ok.json').id as string;
let browser: Browser;
let wallet: WalletServer;
let evcProvider: FixtureIssuer;
let employer: FixtureIssuer;
const holder = holderKey();
let backup: string;
/** The credentials of the backup, as a wallet stores them. */
let credentials: Record<string, unknown>[];

async function openWallet(page: Page, hash = '#/passport'): Promise<void> {
  // A full load each time (about:blank first): a same-document hash change would leave the
  // previous screen's data-ready in place for a moment.
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/${hash}`);
  await page.locator(`body[data-ready="${hash.split('/')[1] ?? 'passport'}"]`).waitFor();
}

async function restore(page: Page, file: string, passphrase: string): Promise<void> {
  await openWallet(page, '#/wallet');
  await page
    .locator('.restore-form input[type=file]')
    .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByLabel(/Passphrase of the backup|Wachtzin van de back-up/).fill(passphrase);
  await page.getByRole('button', { name: /Restore backup|Back-up terugzetten/ }).click();
}

beforeAll(async () => {
  const [dir, b, evc, emp] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startFixtureIssuer('evc-zorg-nl', 'EVC Centrum Zorg Nederland'),
    startFixtureIssuer('van-dijk-logistiek', 'Van Dijk Logistiek B.V.'),
  ]);
  browser = b;
  evcProvider = evc;
  employer = emp;
  wallet = await serveWallet(dir);
  credentials = [
    storedCredential(await evcProvider.issue(example('evc-credential', 'zorghulp-ok.json'), holder.did, 11)),
    storedCredential(
      await evcProvider.issue(
        example('module-credential', 'magazijn-microcredential-ok.json'),
        holder.did,
        12,
      ),
    ),
    storedCredential(
      await employer.issue(
        example('workplace-learning-credential', 'magazijnmedewerker-ok.json'),
        holder.did,
        13,
      ),
    ),
    storedCredential(
      await employer.issue(
        example('workplace-learning-credential', 'ongoing-trajectory-ok.json'),
        holder.did,
        14,
        {
          expires: new Date(Date.now() - 10 * 60 * 1000),
        },
      ),
    ),
    storedCredential(
      await evcProvider.issue(
        example('evc-credential', 'software-developer-education-route-ok.json'),
        holder.did,
        15,
        { foreignKey: true },
      ),
    ),
    storedCredential(
      await evcProvider.issue(example('module-credential', 'short-course-minimal-ok.json'), holder.did, 16),
    ),
  ];
  evcProvider.revoke(16);
  backup = await backupFile(holder, credentials, PASSPHRASE);
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await evcProvider?.close();
  await employer?.close();
});

describe('wallet in Chromium without services', () => {
  it('creates a non-extractable Ed25519 holder key on first start and shows its did:key', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await openWallet(page, '#/wallet');
    const did = await page.getByTestId('wallet-did').textContent();
    expect(did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
    const key = await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('skills-passport-wallet');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('keyring').objectStore('keyring').get('holder');
        get.onsuccess = () => {
          const k = get.result;
          resolve({ did: k.did, alg: k.signingKey.algorithm.name, extractable: k.signingKey.extractable, usages: k.signingKey.usages, wrapExtractable: k.wrapKey.extractable });
        };
      };
    })`);
    expect(key).toEqual({
      did,
      alg: 'Ed25519',
      extractable: false,
      usages: ['sign'],
      wrapExtractable: false,
    });
    await expect(page.getByTestId('storage-state').textContent()).resolves.toMatch(/keeps|may clear/);
    // The same DID after a reload: the key is kept.
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await expect(page.getByTestId('wallet-did').textContent()).resolves.toBe(did);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('is an installable PWA: manifest, icons and a service worker that keeps the app shell', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    await openWallet(page);
    const manifest = (await (await page.request.get(`${wallet.url}/manifest.webmanifest`)).json()) as any;
    expect(manifest).toMatchObject({ name: 'Skills Passport wallet', start_url: '/', display: 'standalone' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await page.request.get(`${wallet.url}${icon.src}`);
      expect(response.headers()['content-type']).toBe(icon.type);
    }
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)');
    expect(scope).toBe(`${wallet.url}/`);
    const headers = (await page.request.get(`${wallet.url}/`)).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe');
    await context.close();
  });

  it('labels every control, has one h1 per screen, and starts keyboard users at the skip link', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    for (const route of ['#/passport', '#/receive', '#/share', '#/log', '#/wallet']) {
      await openWallet(page, route);
      const unlabelled = await page.evaluate(
        `[...document.querySelectorAll('input, select, textarea, button')].filter((e) => e.type !== 'hidden' && (e.labels?.length ?? 0) === 0 && !e.getAttribute('aria-label') && !e.textContent.trim()).length`,
      );
      expect([route, unlabelled]).toEqual([route, 0]);
      await expect(page.locator('h1').count()).resolves.toBe(1);
    }
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to content');
    await context.close();
  });

  it('starts in the browser language and switches between Dutch and English', async () => {
    const context = await newProfile(browser, 'nl-NL');
    const page = await context.newPage();
    await openWallet(page);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mijn skillspaspoort');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My skills passport' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await expect(page.getByRole('link', { name: 'My passport' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('restores a backup, shows the skills passport with levels, sources and live status, and keeps it after a reload', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await restore(page, backup, PASSPHRASE);
    await page.getByText(`Your wallet identifier is ${holder.did}`, { exact: false }).waitFor();
    await openWallet(page, '#/wallet');
    await expect(page.getByTestId('wallet-did').textContent()).resolves.toBe(holder.did);

    await openWallet(page);
    const card = (name: string) => page.locator('.credential-card', { hasText: name });
    const status = (name: string) => card(name).locator('[data-status]:not([data-status=unknown])');
    await expect(status('Ervaringscertificaat Helpende Zorg en Welzijn').textContent()).resolves.toBe(
      'Valid',
    );
    const workplace = page.locator(`.credential-card[data-credential-id="${WORKPLACE_ID}"]`);
    await expect(workplace.locator('[data-status]:not([data-status=unknown])').textContent()).resolves.toBe(
      'Valid',
    );
    await expect(workplace.textContent()).resolves.toContain('Workplace learning statement · informal');
    await expect(status('Ervaringscertificaat Software Developer').textContent()).resolves.toBe(
      'Issuer not recognised',
    );
    const revoked = page.locator('.credential-card[data-type=ModuleCredential] [data-status=revoked]');
    await expect(revoked.textContent()).resolves.toBe('Revoked');
    await expect(page.locator('.credential-card [data-status=expired]').textContent()).resolves.toBe(
      'Expired',
    );

    // The skills profile: each skill once, its best level and every credential that proves it.
    const skill = page.locator('li.skill', {
      has: page.getByRole('heading', { name: 'support nurses', exact: true }),
    });
    await expect(skill.count()).resolves.toBe(1);
    await expect(skill.locator('.skill-level').textContent()).resolves.toBe(
      'Best level: Proficient (3 of 4)',
    );
    await expect(skill.locator('.proof').first().textContent()).resolves.toContain(
      'Ervaringscertificaat Helpende Zorg en Welzijn',
    );
    await expect(skill.locator('.proof').first().textContent()).resolves.toContain('formal');
    await expect(skill.locator('.proof').first().textContent()).resolves.toContain(
      'EVC Centrum Zorg Nederland',
    );
    // Skill groups from the taxonomy.
    await expect(page.locator('.skill-group h3').count()).resolves.toBeGreaterThan(1);

    // Search narrows the profile.
    await page.getByLabel('Search skills and credentials').fill('nurses');
    await expect(page.locator('li.skill').count()).resolves.toBe(1);
    await page.getByLabel('Search skills and credentials').fill('');

    // Detail: every claim in plain words, evidence and assessor.
    await card('Ervaringscertificaat Helpende Zorg en Welzijn').getByRole('link').click();
    await page
      .getByRole('heading', { level: 1, name: 'Ervaringscertificaat Helpende Zorg en Welzijn' })
      .waitFor();
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain(
      'Marleen de Vries, Assessor (EVC Centrum Zorg Nederland)',
    );
    await expect(main.textContent()).resolves.toContain('Portfolio zorgverlening thuiszorg 2019-2026');
    await expect(main.textContent()).resolves.toContain('qualification file (kwalificatiedossier) 25498');
    await expect(main.textContent()).resolves.toContain('labour market (to show employers)');
    await expect(main.textContent()).resolves.toContain('EVC register number');
    await screenshot(page, 'wallet-credential.png');

    // Reload: everything is still there.
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await openWallet(page);
    await expect(page.locator('.credential-card').count()).resolves.toBe(6);
    expect(watch.problems).toEqual([]);

    // Back up from this wallet, then restore in another profile: same DID, credentials still verify.
    await openWallet(page, '#/wallet');
    await page.getByLabel('Passphrase (at least 10 characters)').fill('another long passphrase');
    await page.getByLabel('Repeat the passphrase').fill('another long passphrase');
    await page.getByRole('button', { name: 'Make backup file' }).click();
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const download = await downloadPromise;
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'skills-passport-wallet-backup',
      version: 1,
      kdf: { name: 'PBKDF2', iterations: 600000 },
    });
    expect(exported).not.toContain(holder.did);

    const other = await newProfile(browser);
    const otherPage = await other.newPage();
    await restore(otherPage, exported, 'another long passphrase');
    await otherPage.getByText(`Your wallet identifier is ${holder.did}`, { exact: false }).waitFor();
    await openWallet(otherPage);
    await expect(
      otherPage
        .locator('.credential-card', { hasText: 'Ervaringscertificaat Helpende Zorg en Welzijn' })
        .locator('[data-status]:not([data-status=unknown])')
        .textContent(),
    ).resolves.toBe('Valid');
    await other.close();
    await context.close();
  });

  it('upgrades a wallet written by the version 2 code: every credential kept, shown and checked', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);
    // A page of the wallet's origin that is not the wallet, to write its database as version 2 did
    // (no `passport` store; a status kept in a credential record, as version 1 did, for one).
    const blank = `${wallet.url}/older-wallet`;
    await page.route(blank, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title>' }),
    );
    await page.goto(blank);
    const legacyId = credentials[1]!.id as string;
    const older = credentials.map((c) =>
      c.id === legacyId ? { ...c, lastStatus: { state: 'valid', checkedAt: '2026-01-01T00:00:00.000Z' } } : c,
    );
    await page.evaluate(
      ([records, checked]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('skills-passport-wallet', 2);
          open.onupgradeneeded = () => {
            for (const store of ['keyring', 'credentials', 'shares', 'settings', 'checks'])
              open.result.createObjectStore(store, { keyPath: store === 'settings' ? 'key' : 'id' });
          };
          open.onerror = () => reject(new Error(open.error?.message));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['credentials', 'checks'], 'readwrite');
            for (const record of records) tx.objectStore('credentials').put(record);
            tx.objectStore('checks').put({
              id: checked,
              lastStatus: { state: 'valid', checkedAt: '2026-01-01T00:00:00.000Z' },
            });
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(new Error(tx.error?.message));
          };
        }),
      [older, credentials[0]!.id as string] as const,
    );
    await page.unroute(blank);

    await openWallet(page);
    await expect(page.locator('.credential-card').count()).resolves.toBe(credentials.length);
    await page.locator('.cards[data-checks=recorded]').waitFor();
    const card = (name: string) => page.locator('.credential-card', { hasText: name });
    const status = (name: string) => card(name).locator('[data-status]:not([data-status=unknown])');
    await expect(status('Ervaringscertificaat Helpende Zorg en Welzijn').textContent()).resolves.toBe(
      'Valid',
    );
    await expect(
      page.locator('.credential-card[data-type=ModuleCredential] [data-status=revoked]').textContent(),
    ).resolves.toBe('Revoked');
    await expect(page.locator('.credential-card [data-status=expired]').count()).resolves.toBe(1);
    await expect(status('Ervaringscertificaat Software Developer').textContent()).resolves.toBe(
      'Issuer not recognised',
    );
    const skill = page.locator('li.skill', {
      has: page.getByRole('heading', { name: 'support nurses', exact: true }),
    });
    await expect(skill.locator('.skill-level').textContent()).resolves.toBe(
      'Best level: Proficient (3 of 4)',
    );

    // The stores agree: a passport record for every credential, the older status moved to `checks`.
    const stores = () =>
      page.evaluate(
        ([id]) =>
          new Promise<{
            version: number;
            credentials: string[];
            passport: string[];
            legacy: unknown;
            selfDeclared: number;
          }>((resolve, reject) => {
            const open = indexedDB.open('skills-passport-wallet');
            open.onerror = () => reject(new Error(open.error?.message));
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['credentials', 'passport', 'checks', 'selfDeclared']);
              const out = {
                version: db.version,
                credentials: [] as string[],
                passport: [] as string[],
                legacy: undefined as unknown,
                selfDeclared: -1,
              };
              tx.objectStore('selfDeclared').count().onsuccess = (e) => {
                out.selfDeclared = (e.target as IDBRequest<number>).result;
              };
              tx.objectStore('credentials').getAllKeys().onsuccess = (e) => {
                out.credentials = (e.target as IDBRequest<IDBValidKey[]>).result.map(String).sort();
              };
              tx.objectStore('passport').getAllKeys().onsuccess = (e) => {
                out.passport = (e.target as IDBRequest<IDBValidKey[]>).result.map(String).sort();
              };
              tx.objectStore('checks').get(id).onsuccess = (e) => {
                out.legacy = (e.target as IDBRequest<{ lastStatus?: unknown }>).result?.lastStatus;
              };
              tx.oncomplete = () => {
                db.close();
                resolve(out);
              };
            };
          }),
        [legacyId] as const,
      );
    const upgraded = await stores();
    // Version 4 (self-declared skills) is the newest: its store is there, empty.
    expect(upgraded.version).toBe(4);
    expect(upgraded.selfDeclared).toBe(0);
    expect(upgraded.credentials).toEqual(credentials.map((c) => c.id as string).sort());
    expect(upgraded.passport).toEqual(upgraded.credentials);
    expect(upgraded.legacy).toMatchObject({ state: expect.any(String) });

    // Deleting keeps them in step.
    await page.locator(`.credential-card[data-credential-id="${WORKPLACE_ID}"]`).getByRole('link').click();
    await page.getByRole('button', { name: 'Delete this credential' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'My skills passport' }).waitFor();
    const after = await stores();
    expect(after.passport).toEqual(upgraded.passport.filter((id) => id !== WORKPLACE_ID));
    expect(after.credentials).toEqual(after.passport);

    // The checks of this visit are remembered. The issuer suspends one credential of a list
    // since: the next visit shows it suspended, and the others of that list as they are.
    await page.locator('.cards[data-checks=recorded]').waitFor();
    evcProvider.suspend(12);
    await openWallet(page);
    await page.locator('.cards[data-checks=recorded]').waitFor();
    const badge = (id: string) => page.locator(`.credential-card[data-credential-id="${id}"] [data-status]`);
    await expect(badge(MODULE_ID).getAttribute('data-status')).resolves.toBe('suspended');
    await expect(status('Ervaringscertificaat Helpende Zorg en Welzijn').textContent()).resolves.toBe(
      'Valid',
    );
    await expect(
      page.locator('.credential-card[data-type=ModuleCredential] [data-status=revoked]').count(),
    ).resolves.toBe(1);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('asks in the page before a restore replaces credentials, and says what it restored', async () => {
    // Another wallet's backup, holding one credential.
    const otherHolder = holderKey();
    const single = storedCredential(
      await employer.issue(
        example('workplace-learning-credential', 'magazijnmedewerker-ok.json'),
        otherHolder.did,
        21,
      ),
    );
    const otherBackup = await backupFile(otherHolder, [single], PASSPHRASE);
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);
    const browserDialogs: string[] = [];
    page.on('dialog', (d) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    });

    // An empty wallet has nothing to lose: no question; the outcome says how many and which.
    await restore(page, backup, PASSPHRASE);
    const restored = page.getByTestId('restored');
    await expect(restored.locator('p').first().textContent()).resolves.toBe(
      `Backup restored: 6 credentials. Your wallet identifier is ${holder.did}.`,
    );
    const items = restored.getByTestId('restored-credentials').locator('li');
    await expect(items.count()).resolves.toBe(6);
    await expect(items.allTextContents()).resolves.toContain(
      'Ervaringscertificaat Helpende Zorg en Welzijn — EVC Centrum Zorg Nederland',
    );
    await expect(restored.evaluate((e) => e === document.activeElement)).resolves.toBe(true);

    // A wallet holding credentials asks first, in the page; "Cancel" changes nothing.
    await restore(page, otherBackup, PASSPHRASE);
    const dialog = page.getByRole('dialog', { name: 'Replace what is in this wallet?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('This wallet holds 6 credentials.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Nothing was restored. Your wallet is as it was.').waitFor();
    await expect(page.getByTestId('wallet-did').textContent()).resolves.toBe(holder.did);
    await openWallet(page);
    await expect(page.locator('.credential-card').count()).resolves.toBe(6);

    // Confirmed: replaced, and it says so.
    await restore(page, otherBackup, PASSPHRASE);
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, replace with the backup' }).click();
    await expect(page.getByTestId('restored').locator('p').first().textContent()).resolves.toBe(
      `Backup restored: 1 credential. Your wallet identifier is ${otherHolder.did}.`,
    );
    await expect(page.getByTestId('restored-credentials').locator('li').allTextContents()).resolves.toEqual([
      'Praktijkverklaring Magazijnmedewerker — Van Dijk Logistiek B.V.',
    ]);
    await expect(page.getByTestId('wallet-did').textContent()).resolves.toBe(otherHolder.did);
    await openWallet(page);
    await expect(page.locator('.credential-card').count()).resolves.toBe(1);
    expect(browserDialogs).toEqual([]);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('deletes a credential only after confirmation', async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    await restore(page, backup, PASSPHRASE);
    await page.getByText('Backup restored', { exact: false }).waitFor();
    await openWallet(page);
    await page.locator(`.credential-card[data-credential-id="${WORKPLACE_ID}"]`).getByRole('link').click();
    await page.getByRole('button', { name: 'Delete this credential' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await openWallet(page);
    await expect(page.locator('.credential-card').count()).resolves.toBe(6);
    await page.locator(`.credential-card[data-credential-id="${WORKPLACE_ID}"]`).getByRole('link').click();
    await page.getByRole('button', { name: 'Delete this credential' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'My skills passport' }).waitFor();
    await expect(page.locator('.credential-card').count()).resolves.toBe(5);
    await page.reload();
    await page.locator('body[data-ready]').waitFor();
    await expect(page.locator('.credential-card').count()).resolves.toBe(5);
    await context.close();
  });
});
