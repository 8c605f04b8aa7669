// career_chromium (issue 16 "Performance"): the career check in the built wallet in real Chromium.
// Not part of the normal test run (the name does not end in .test.ts); run it alone with
//   pnpm --filter @skills-passport/wallet-web bench:career
// It writes bench/career-chromium.json, which `pnpm bench` reads.
//
// Set-up (not timed): the wallet is built and served as the tests do, its wallet-config.json naming
// a trust list; a stand-in did:web organisation on loopback (the fixture issuer) signs 200
// credentials for one holder, their ESCO skills drawn (by a fixed seed) from the essential skills
// of all ESCO occupations, restored from a backup into a fresh profile; five recognised training
// providers publish 1,000 modules in all (contract A's JSON, the loopback stand-in of the
// catalogue routes), each teaching 1–5 ESCO skills, half of them the healthcare assistant's.
//
// Timed, per round (2 warm-up rounds, then 7 measured), by the wallet's own User Timing entries
// (performance.measure, on the page's clock):
// - gap: `career-holder` (the passport's skills indexed) + `career-gap` (the healthcare
//   assistant's gap computed and shown), after the learner opens the occupation;
// - ranking: `career-ranking` (the skills indexed and all ESCO occupations ranked);
// - suggestions: `career-suggestions` (1,000 modules indexed by skill, ranked for the gap, the
//   best shown), after "Show modules that close the gap" (the catalogues are read before it starts
//   and kept for the visit, so no network is timed).
// Baseline, in the same page and the same round: 200 WebCrypto Ed25519 verifications (one per
// credential of the passport: what checking it costs at the physical limit in this browser).
import { launchChromium, newProfile, repoRoot, watchPage } from '@skills-passport/service-kit/testing';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  fixtureModule,
  startCatalogueServer,
  type CatalogueServer,
  type FixtureProvider,
} from './test-support/catalogue-server.js';
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

const CREDENTIALS = 200;
const MODULES = 1000;
const PROVIDERS = 5;
const WARMUP = 2;
const ROUNDS = 7;
const PASSPHRASE = 'correct horse battery staple';
const PROFICIENCY = 'https://w3id.org/skills-passport/scales/proficiency-4/v1';
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const TEMPLATES = [
  ['evc-credential', 'zorghulp-ok.json'],
  ['module-credential', 'magazijn-microcredential-ok.json'],
  ['workplace-learning-credential', 'magazijnmedewerker-ok.json'],
] as const;

/** The same sequence every run (from the generator's high bits: its low bits repeat with a short period). */
function seeded(seed = 0x5eed): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}

let browser: Browser;
let wallet: WalletServer;
let walletDir: string;
let issuer: FixtureIssuer;
let catalogues: CatalogueServer;
const holder = holderKey();
let backup: string;
let occupations = 0;
let heldSkills = 0;

/** A copy of a template with each of its ESCO skills replaced by one from `pick` and its levels varied. */
function variant(
  type: number,
  n: number,
  pick: () => { uri: string; label: string },
): Record<string, unknown> {
  const [dir, file] = TEMPLATES[type]!;
  const doc = example(dir, file);
  const mapped = new Map<string, { uri: string; label: string }>();
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
        skill = pick();
        mapped.set(o.targetUrl, skill);
      }
      o.targetUrl = skill.uri;
      o.targetName = skill.label;
    }
    if (o.resultDescription === PROFICIENCY && typeof o.achievedLevel === 'string')
      o.achievedLevel = `${PROFICIENCY}#${((n + Object.keys(o).length) % 4) + 1}`;
    Object.values(o).forEach(walk);
  };
  walk(doc);
  doc.id = `urn:uuid:${randomUUID()}`;
  doc.name = `${doc.name as string} (${n + 1})`;
  heldSkills += mapped.size;
  return doc;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round2 = (n: number): number => Math.round(n * 100) / 100;

beforeAll(async () => {
  const [dir, b, org, esco] = await Promise.all([
    buildWallet(),
    launchChromium(),
    startFixtureIssuer('skills-bench-nl', 'Stichting Skills Bench'),
    loadFullEsco(),
  ]);
  walletDir = dir;
  browser = b;
  issuer = org;
  occupations = esco.occupations.size;
  const label = (uri: string) => {
    const labels = esco.skills.get(uri)?.labels;
    return labels?.nl ?? labels?.en ?? uri;
  };
  const used = [...new Set(esco.occupations.concepts().flatMap((o) => o.essentialSkills))].sort();
  const healthcare = esco.occupations.skillsOf(HEALTHCARE_ASSISTANT)!.essential.map((s) => s.uri);
  const next = seeded();
  const fromPool = () => {
    const uri = used[next(used.length)]!;
    return { uri, label: label(uri) };
  };

  const stored: Record<string, unknown>[] = [];
  for (let n = 0; n < CREDENTIALS; n += 1)
    stored.push(
      storedCredential(await issuer.issue(variant(n % TEMPLATES.length, n, fromPool), holder.did, n + 1)),
    );
  backup = await backupFile(holder, stored, PASSPHRASE);

  // 1,000 modules over five providers; half their skills the healthcare assistant's.
  const moduleSkill = () => {
    const uri = next(2) === 0 ? healthcare[next(healthcare.length)]! : used[next(used.length)]!;
    return { uri, label: label(uri) };
  };
  const modes = ['online', 'classroom', 'blended', 'workplace'] as const;
  const providers: FixtureProvider[] = Array.from({ length: PROVIDERS }, (_, p) => {
    const specs = Array.from({ length: MODULES / PROVIDERS }, (_, i) => ({
      id: `m${i}`,
      skills: Array.from({ length: 1 + next(5) }, moduleSkill),
      hours: 8 + next(113),
      startDates: [`2027-0${1 + next(9)}-1${next(10)}`],
      eqf: 2 + next(4),
      mode: modes[next(4)]!,
      region: 'Utrecht',
      price: 100 * next(10),
      micro: next(2) === 0,
    }));
    return {
      slug: `provider-${p}`,
      did: `did:web:provider-${p}.example`,
      name: `Opleider ${p + 1}`,
      modules: (url: string) => specs.map(({ id, ...o }) => fixtureModule(url, id, o)),
    };
  });
  catalogues = await startCatalogueServer(providers, { host: 'localhost' });
  wallet = await serveWallet(dir, 0, { config: { trustList: catalogues.trustListUrl } });
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await catalogues?.close();
  await issuer?.close();
  if (walletDir !== undefined) removeDir(walletDir);
});

/** 200 WebCrypto Ed25519 verifications of a 1 KiB message in the page: milliseconds. */
function baseline(page: Page): Promise<number> {
  return page.evaluate(async (count) => {
    const keys = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const data = new Uint8Array(1024).fill(7);
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, data);
    const start = performance.now();
    for (let i = 0; i < count; i += 1)
      if (!(await crypto.subtle.verify({ name: 'Ed25519' }, keys.publicKey, signature, data)))
        throw new Error('verify failed');
    return performance.now() - start;
  }, CREDENTIALS);
}

/** Waits until the page has one more User Timing entry called `name` than `before`; its duration. */
async function nextEntry(page: Page, name: string, before: number): Promise<number> {
  await page.waitForFunction(
    ([entry, count]) => performance.getEntriesByName(entry).length > count,
    [name, before] as const,
    { timeout: 60_000 },
  );
  return page.evaluate((entry) => performance.getEntriesByName(entry).at(-1)!.duration, name);
}

const count = (page: Page, name: string) =>
  page.evaluate((entry) => performance.getEntriesByName(entry).length, name);

interface Round {
  holder: number;
  gap: number;
  ranking: number;
  suggestions: number;
  baseline: number;
}

describe('career_chromium', () => {
  it(`computes the gap, the ranking and module suggestions for a passport of ${CREDENTIALS} credentials`, async () => {
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

    await page.goto(`${wallet.url}/#/career`);
    await page.locator('body[data-ready="career"]').waitFor({ timeout: 60_000 });
    const rounds: Round[] = [];
    for (let r = 0; r < WARMUP + ROUNDS; r += 1) {
      const base = await baseline(page);
      // Away and back: the career screen renders the occupation afresh (ESCO stays loaded).
      const [holders, gaps, rankings, suggestions] = await Promise.all(
        ['career-holder', 'career-gap', 'career-ranking', 'career-suggestions'].map((n) => count(page, n)),
      );
      await page.evaluate(() => {
        location.hash = '#/wallet';
      });
      await page.locator('body[data-ready="wallet"]').waitFor();
      await page.evaluate((uri) => {
        location.hash = `#/career/${encodeURIComponent(uri)}`;
      }, HEALTHCARE_ASSISTANT);
      const gap = await nextEntry(page, 'career-gap', gaps!);
      // The holder and ranking entries of this render: one each, made before the gap's.
      const holder = await nextEntry(page, 'career-holder', holders!);
      const ranking = await nextEntry(page, 'career-ranking', rankings!);
      await page.getByRole('button', { name: 'Show modules that close the gap' }).click();
      const suggested = await nextEntry(page, 'career-suggestions', suggestions!);
      const round = { holder, gap: holder + gap, ranking, suggestions: suggested, baseline: base };
      process.stderr.write(
        `career_chromium ${r < WARMUP ? 'warm-up' : 'round'} ${r + 1}: gap ${round.gap.toFixed(1)} ms, ranking ${ranking.toFixed(1)} ms, suggestions ${suggested.toFixed(1)} ms, baseline ${base.toFixed(1)} ms\n`,
      );
      if (r >= WARMUP) rounds.push(round);
    }

    // The measured page showed the right thing: the occupation's gap, ten fitting occupations, and
    // modules from all five catalogues.
    await expect(
      page.getByTestId('career-gap').getByRole('heading', { level: 2 }).textContent(),
    ).resolves.toBe('healthcare assistant');
    await expect(page.getByTestId('career-fits').locator('ol.fits > li').count()).resolves.toBe(10);
    const summary = (await page.getByTestId('modules-summary').textContent()) ?? '';
    const suggested = Number(/^(\d+) modules/.exec(summary)?.[1] ?? 0);
    expect(suggested).toBeGreaterThan(MODULES / 4);
    await expect(page.getByTestId('modules-provider-failed').count()).resolves.toBe(0);
    expect(watch.problems).toEqual([]);
    await context.close();

    const pick = (key: keyof Round) => rounds.map((r) => round2(r[key]));
    const ratio = (key: keyof Round) => round2(median(rounds.map((r) => r[key] / r.baseline)) * 1000) / 1000;
    const result = {
      measuredAt: new Date().toISOString(),
      credentials: CREDENTIALS,
      heldSkills,
      occupations,
      modules: MODULES,
      modulesSuggested: suggested,
      warmupRounds: WARMUP,
      baseline: {
        label: `${CREDENTIALS} WebCrypto Ed25519 verifies in the same page`,
        medianMs: round2(median(pick('baseline'))),
      },
      gap: {
        medianMs: round2(median(pick('gap'))),
        ratio: ratio('gap'),
        rounds: pick('gap'),
        holderMedianMs: round2(median(pick('holder'))),
      },
      ranking: {
        medianMs: round2(median(pick('ranking'))),
        ratio: ratio('ranking'),
        rounds: pick('ranking'),
      },
      suggestions: {
        medianMs: round2(median(pick('suggestions'))),
        ratio: ratio('suggestions'),
        rounds: pick('suggestions'),
      },
    };
    mkdirSync(join(repoRoot, 'bench'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench', 'career-chromium.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(
      `career_chromium: gap ${result.gap.medianMs} ms, ranking ${result.ranking.medianMs} ms, suggestions ${result.suggestions.medianMs} ms (baseline ${result.baseline.medianMs} ms)\n`,
    );
    expect(result.suggestions.medianMs).toBeGreaterThan(0);
  });
});
