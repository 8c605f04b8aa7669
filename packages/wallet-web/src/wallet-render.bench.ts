// wallet_render (issue 7): the passport view rendering 1,000 credentials in real Chromium.
// Not part of the normal test run (the name does not end in .test.ts); run it alone with
//   pnpm --filter @skills-passport/wallet-web bench:render
// It writes bench/wallet-render.json, which `pnpm bench` reads.
//
// Set-up (not timed): the wallet is built and served as the tests do; a stand-in did:web
// organisation on loopback (the fixture issuer) signs 1,000 credentials for one holder, spread
// over the three credential types and a few dozen ESCO skills of the demo seed, with some
// revoked and some expired; a backup file written here in Node is restored into a fresh profile.
//
// Timed, per round (2 warm-up rounds, then 5 measured): a full navigation to #/passport, from the
// navigation's start (performance.timeOrigin of the new document, so 0 on the page's clock) to the
// first frame in which all 1,000 credential cards show their live status and the skills profile
// lists every skill with final states. That includes loading the app (HTML, JS, CSS), opening
// IndexedDB and reading the 1,000 credentials, building the passport DOM, and every live check the
// passport makes when it is shown: for each credential the issuer's did:web document (fetched from
// the stand-in issuer), its signature, its schema, its revocation and suspension Bitstring Status
// Lists (fetched from the stand-in issuer, signed by it and checked), its validity window, and the
// last-known status written back to IndexedDB; then the skills profile re-counted with those
// statuses. Measured inside the page with performance.now(), checked once per animation frame.
// A round is complete only once the passport says its checks are recorded (the cards list's
// data-checks="recorded"): the next round navigates away at once, and a write still under way
// would be lost, so every round would measure a first visit and none the visits after it.
import { launchChromium, newProfile, repoRoot, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { demoTaxonomy, type CredentialDocument, type CredentialTypeName } from '@skills-passport/core';
import { skillsProfile } from './passport/skills-profile.js';
import {
  backupFile,
  example,
  holderKey,
  startFixtureIssuer,
  storedCredential,
  type FixtureIssuer,
} from './test-support/fixture-issuer.js';
import { buildWallet, removeDir, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(900_000);

const CREDENTIALS = 1000;
const WARMUP = 2;
const ROUNDS = 5;
const SKILL_POOL = 36;
const PASSPHRASE = 'correct horse battery staple';
const PROFICIENCY = 'https://w3id.org/skills-passport/scales/proficiency-4/v1';
const TEMPLATES = [
  ['evc-credential', 'zorghulp-ok.json'],
  ['module-credential', 'magazijn-microcredential-ok.json'],
  ['workplace-learning-credential', 'magazijnmedewerker-ok.json'],
] as const;

interface RoundMarks {
  /** body[data-ready=passport]: the view's first render (1,000 cards, statuses still checking). */
  ready: number;
  /** All 1,000 cards in the DOM. */
  cards: number;
  /** All live statuses shown and the skills profile re-counted with them. */
  complete: number;
}

let browser: Browser;
let wallet: WalletServer;
let walletDir: string;
let issuer: FixtureIssuer;
const holder = holderKey();
let backup: string;
let expectedSkills = 0;
let revokedCount = 0;
let expiredCount = 0;

/** ESCO skills (skill/competence) of the demo seed, a few dozen of them. */
const skillPool = (
  JSON.parse(
    readFileSync(join(repoRoot, 'packages/core/src/taxonomy/seed/esco-demo-skills.json'), 'utf8'),
  ) as { uri: string; kind: string; labels: { nl?: string; en?: string } }[]
)
  .filter((s) => s.kind === 'skill/competence')
  .slice(0, SKILL_POOL);

/** A copy of a template with its skills replaced by pool skills and its levels varied. */
function variant(type: number, n: number): Record<string, unknown> {
  const [dir, file] = TEMPLATES[type]!;
  const doc = example(dir, file);
  const mapped = new Map<string, (typeof skillPool)[number]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.targetUrl === 'string' && o.targetUrl.startsWith('http://data.europa.eu/esco/skill/')) {
      let skill = mapped.get(o.targetUrl);
      if (skill === undefined) {
        skill = skillPool[(n * 7 + mapped.size * 13) % skillPool.length]!;
        mapped.set(o.targetUrl, skill);
      }
      o.targetUrl = skill.uri;
      o.targetName = skill.labels.nl ?? skill.labels.en ?? skill.uri;
    }
    if (o.resultDescription === PROFICIENCY && typeof o.achievedLevel === 'string') {
      o.achievedLevel = `${PROFICIENCY}#${((n + Object.keys(o).length) % 4) + 1}`;
    }
    Object.values(o).forEach(walk);
  };
  walk(doc);
  doc.id = `urn:uuid:${randomUUID()}`;
  doc.name = `${doc.name as string} (${n + 1})`;
  return doc;
}

/** Installed before every page load: records, on the page's own clock, when the passport is done. */
function markerScript(credentials: number, skills: number): string {
  return `(() => {
    if (!location.hash.startsWith('#/passport')) return;
    const marks = {};
    const check = () => {
      const main = document.getElementById('main');
      if (main !== null) {
        if (marks.ready === undefined && document.body.dataset.ready === 'passport') marks.ready = performance.now();
        if (marks.cards === undefined && main.querySelectorAll('.credential-card').length === ${credentials}) {
          marks.cards = performance.now();
        }
        if (
          marks.cards !== undefined &&
          marks.ready !== undefined &&
          main.querySelector('.cards[data-checks=recorded]') !== null &&
          main.querySelector('[data-status=unknown]') === null &&
          main.querySelectorAll('.credential-card [data-status]').length === ${credentials} &&
          main.querySelectorAll('li.skill').length === ${skills}
        ) {
          marks.complete = performance.now();
          performance.mark('passport-complete');
          window.__passportMarks = marks;
          return;
        }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;
}

async function openPassport(page: Page): Promise<RoundMarks> {
  await page.goto('about:blank');
  await page.goto(`${wallet.url}/#/passport`);
  return page.evaluate(
    `new Promise((resolve) => {
      const poll = () => (window.__passportMarks ? resolve(window.__passportMarks) : setTimeout(poll, 100));
      poll();
    })`,
  );
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (n: number): number => Math.round(n * 10) / 10;

beforeAll(async () => {
  const [dir, b, org] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startFixtureIssuer('skills-bench-nl', 'Stichting Skills Bench'),
  ]);
  walletDir = dir;
  browser = b;
  issuer = org;
  wallet = await serveWallet(dir);

  const stored: Record<string, unknown>[] = [];
  const profileInput: {
    id: string;
    document: CredentialDocument;
    type: CredentialTypeName;
    state: 'valid';
  }[] = [];
  for (let n = 0; n < CREDENTIALS; n += 1) {
    const index = n + 1;
    const expired = n % 89 === 50;
    const credential = storedCredential(
      await issuer.issue(variant(n % TEMPLATES.length, n), holder.did, index, {
        ...(expired ? { expires: new Date(Date.now() - 10 * 60 * 1000) } : {}),
      }),
    );
    if (n % 97 === 3) {
      issuer.revoke(index);
      revokedCount += 1;
    } else if (expired) expiredCount += 1;
    stored.push(credential);
    profileInput.push({
      id: credential.id as string,
      document: credential.document as CredentialDocument,
      type: credential.type as CredentialTypeName,
      state: 'valid',
    });
  }
  expectedSkills = skillsProfile(profileInput, demoTaxonomy(), 'en').length;
  backup = await backupFile(holder, stored, PASSPHRASE);
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await issuer?.close();
  if (walletDir !== undefined) removeDir(walletDir);
});

describe('wallet_render', () => {
  it(`renders the passport with ${CREDENTIALS} credentials`, async () => {
    const context = await newProfile(browser);
    const page = await context.newPage();
    const watch = await watchPage(page);

    // Restore the backup (not timed).
    await page.goto(`${wallet.url}/#/wallet`);
    await page.locator('body[data-ready="wallet"]').waitFor();
    await page
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await page.getByLabel('Passphrase of the backup').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Restore backup' }).click();
    await page.getByText('Backup restored', { exact: false }).waitFor({ timeout: 120_000 });

    await page.addInitScript({ content: markerScript(CREDENTIALS, expectedSkills) });
    const rounds: RoundMarks[] = [];
    for (let r = 0; r < WARMUP + ROUNDS; r += 1) {
      const marks = await openPassport(page);
      process.stderr.write(
        `wallet_render ${r < WARMUP ? 'warm-up' : 'round'} ${r + 1}: ready ${marks.ready.toFixed(1)} ms, cards ${marks.cards.toFixed(1)} ms, complete ${marks.complete.toFixed(1)} ms\n`,
      );
      if (r >= WARMUP) rounds.push(marks);
    }

    // The measured page showed the right thing: every card, real statuses, the whole profile.
    const main = page.locator('main');
    await expect(main.locator('.credential-card').count()).resolves.toBe(CREDENTIALS);
    await expect(main.locator('.credential-card [data-status=revoked]').count()).resolves.toBe(revokedCount);
    await expect(main.locator('.credential-card [data-status=expired]').count()).resolves.toBe(expiredCount);
    await expect(main.locator('.credential-card [data-status=valid]').count()).resolves.toBe(
      CREDENTIALS - revokedCount - expiredCount,
    );
    await expect(main.locator('li.skill').count()).resolves.toBe(expectedSkills);
    await expect(main.locator('.skill-group').count()).resolves.toBeGreaterThan(5);
    expect(watch.problems).toEqual([]);
    await context.close();

    const complete = rounds.map((m) => round1(m.complete));
    const result = {
      medianMs: round1(median(complete)),
      credentials: CREDENTIALS,
      rounds: complete,
      measuredAt: new Date().toISOString(),
      skills: expectedSkills,
      warmupRounds: WARMUP,
      phases: {
        readyMedianMs: round1(median(rounds.map((m) => m.ready))),
        cardsMedianMs: round1(median(rounds.map((m) => m.cards))),
      },
    };
    mkdirSync(join(repoRoot, 'bench'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench', 'wallet-render.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`wallet_render: median ${result.medianMs} ms over ${ROUNDS} rounds\n`);
    expect(result.medianMs).toBeGreaterThan(0);
  });
});
