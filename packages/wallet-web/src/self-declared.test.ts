// Self-declared skills (issue 16 item 5) in real Chromium with the built wallet, the real issuer and
// the real verifier: the learner, holding the demo EVC certificate, adds a skill the certificate
// does not prove (found in ESCO, a level, the evidence described), changes and removes skills; they
// show marked in the passport and the career gap and never count there; shared with an employer
// who takes Open Badges, a ticked self-declared skill travels as an Open Badge the wallet issues to
// itself, and the employer's report does not count it as proven.
import {
  expectAccessible,
  launchChromium,
  newProfile,
  screenshot,
  watchPage,
} from '@skills-passport/service-kit/testing';
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
import { phoneProblems } from './test-support/phone-width.js';
import {
  expectRequestShown,
  openRequestLink,
  openScreen,
  receiveAndKeep,
} from './test-support/wallet-screens.js';
import { buildWallet, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(240_000);

const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const EVIDENCE =
  'Drie jaar mantelzorg voor mijn moeder (2022–2025), thuis in Utrecht. De wijkverpleegkundige kan het bevestigen.';

let browser: Browser;
let wallet: WalletServer;
let issuer: IssuerService;
let verifier: VerifierService;
let evcOrg: Org;
let employerKey: string;
let context: BrowserContext;
let page: Page;
/** The skill the learner declares: an essential skill of the healthcare assistant the certificate does not prove. */
let skill: { uri: string; label: string };

const gapRoute = `#/career/${encodeURIComponent(HEALTHCARE_ASSISTANT)}`;

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
  await trustIssuer(verifier, evcOrg, 'evc-provider', 'EVC Centrum Zorg Nederland', ['EVCCredential']);
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
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

async function openGap(): Promise<void> {
  await openScreen(page, wallet.url, gapRoute);
  await page.getByTestId('career-gap').waitFor({ timeout: 30_000 });
}

/** Searches ESCO on the self-declared screen and picks the hit named `label`; returns its URI. */
async function chooseSkill(query: string, label?: string): Promise<{ uri: string; label: string }> {
  await page.getByLabel('Search a skill (in Dutch or English)').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hits = page.getByTestId('self-declared-hits');
  await hits.waitFor({ timeout: 30_000 });
  const radio =
    label === undefined
      ? hits.getByRole('radio').first()
      : hits.getByRole('radio', { name: label, exact: true });
  await radio.check();
  const id = await radio.getAttribute('id');
  return {
    uri: (await radio.getAttribute('value'))!,
    label: (await page.locator(`label[for="${id}"]`).textContent())!.replace(/ \(.*\)$/, ''),
  };
}

describe('self-declared skills', () => {
  it('are added, changed and removed, show marked in the passport and the career gap, and never count as proven', async () => {
    const watch = await watchPage(page);
    await openGap();
    const summaryBefore = await page.getByTestId('career-summary').textContent();
    const notYet = page
      .getByTestId('gap-essential')
      .locator('li.gap-line[data-status=not_yet] .gap-label')
      .first();
    const notYetLabel = (await notYet.textContent())!;

    await openScreen(page, wallet.url, '#/self-declared');
    await page.getByText('You have not added a skill yourself yet.').waitFor();
    const form = page.getByTestId('self-declared-form');
    // Nothing chosen, nothing described: each said where it is.
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Search and choose a skill first.' }).waitFor();
    await page.getByLabel('Search a skill (in Dutch or English)').fill('qqzx');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No skill matches “qqzx”. Try other words.').waitFor();
    skill = await chooseSkill(notYetLabel, notYetLabel);
    expect(skill.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Describe how you show this skill.' }).waitFor();
    await page.getByLabel('How well can you do it? (you may skip this)').selectOption('2');
    await page.getByLabel('How do you show this skill?').fill(EVIDENCE);
    await expect(page.getByText(`${2000 - EVIDENCE.length} characters left.`).count()).resolves.toBe(1);
    await form.getByRole('button', { name: 'Save' }).click();
    const card = page.locator('li.self-declared').filter({ hasText: skill.label });
    await card.waitFor();
    await expect(card.locator('[data-self-declared]').textContent()).resolves.toBe('Self-declared');
    await expect(card.textContent()).resolves.toContain(`How you show it: ${EVIDENCE}`);

    // Changed: a higher level; the evidence stays.
    await page.getByRole('link', { name: `Change ${skill.label}` }).click();
    await page.locator('body[data-ready="self-declared"] [data-testid=self-declared-form]').waitFor();
    await expect(page.getByLabel('How do you show this skill?').inputValue()).resolves.toBe(EVIDENCE);
    await page.getByLabel('How well can you do it? (you may skip this)').selectOption('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/#/self-declared');
    await card.filter({ hasText: 'Your own level: Proficient (3/4)' }).waitFor();

    // Another skill, then removed after the learner confirms.
    const other = await chooseSkill('cooking');
    await page.getByLabel('How do you show this skill?').fill('Ik kook elke dag voor vijf mensen.');
    await page.getByTestId('self-declared-form').getByRole('button', { name: 'Save' }).click();
    await page.locator('li.self-declared').nth(1).waitFor();
    await page.getByRole('button', { name: `Remove ${other.label}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${other.label}” was removed.` })
      .waitFor();
    await expect(page.locator('li.self-declared').count()).resolves.toBe(1);
    await expectAccessible(page, 'self-declared skills, in English');
    await screenshot(page, 'wallet-self-declared.png');

    // The passport: the skill in the profile, marked, apart from proofs.
    await openScreen(page, wallet.url, '#/passport');
    const profile = page.locator(`[data-skill-uri="${skill.uri}"]`);
    await expect(profile.getByTestId('profile-self-declared').textContent()).resolves.toContain(
      'Self-declared You said you have this skill yourself. It does not count as proven.',
    );
    await expect(profile.locator('.proofs').count()).resolves.toBe(0);

    // The career gap: listed on its line, marked; the line and the count are as before.
    await openGap();
    await expect(page.getByTestId('career-summary').textContent()).resolves.toBe(summaryBefore);
    const line = page.getByTestId('gap-essential').locator('li.gap-line').filter({ hasText: skill.label });
    await expect(line.getAttribute('data-status')).resolves.toBe('not_yet');
    await expect(line.getByTestId('gap-self-declared').textContent()).resolves.toContain(
      'It does not count as proven. Your own level: Proficient (3/4)',
    );

    // Dutch, on a phone.
    await page.setViewportSize({ width: 360, height: 780 });
    await openScreen(page, wallet.url, '#/self-declared');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn zelf opgegeven vaardigheden' }).waitFor();
    await expect(page.locator('li.self-declared [data-self-declared]').textContent()).resolves.toBe(
      'Zelf opgegeven',
    );
    await expect(phoneProblems(page)).resolves.toEqual([]);
    await expectAccessible(page, 'self-declared skills, Dutch, at 360 px');
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(watch.problems).toEqual([]);
  });

  it('shared with an employer who takes Open Badges, goes unticked unless chosen, and never counts as proven in the report', async () => {
    expect(skill).toBeDefined();
    const request = await createSkillsRequest(verifier, employerKey, 'Helpende zorg en welzijn', [
      { uri: SUPPORT_NURSES },
      { uri: skill.uri },
    ]);
    await openRequestLink(page, wallet.url, request.link);
    await expectRequestShown(page);
    const choice = page.getByTestId('self-declared-choice');
    await expect(choice.locator('legend').textContent()).resolves.toBe(
      'Skills you declared yourself (not proven)',
    );
    const box = choice.getByRole('checkbox', { name: new RegExp(skill.label) });
    await expect(box.isChecked()).resolves.toBe(false);
    await box.check();
    await expectAccessible(page, 'share screen with a self-declared skill, in English');
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').textContent()).resolves.toBe(
      'Zorggroep Oost (via Skills Passport) received your credentials.',
    );
    const sent = page.getByTestId('sent-summary');
    await expect(sent.textContent()).resolves.toContain('Ervaringscertificaat Helpende Zorg en Welzijn');
    await expect(sent.locator('li').filter({ hasText: skill.label }).textContent()).resolves.toContain(
      'Self-declared',
    );

    const report = await call(verifier.url, 'GET', `/api/requests/${request.id}`, { token: employerKey });
    expect(report.body.status).toBe('answered');
    expect(report.body.result.accepted).toBe(true);
    const lines = report.body.result.report.match.skills as { uri: string; status: string }[];
    expect(lines.find((l) => l.uri === SUPPORT_NURSES)?.status).toBe('proven');
    const declared = lines.find((l) => l.uri === skill.uri);
    expect(declared).toBeDefined();
    expect(declared?.status).not.toBe('proven');

    // The share log names it, marked.
    await openScreen(page, wallet.url, '#/log');
    const row = page.locator('table.log tbody tr').first();
    await expect(row.locator('li').filter({ hasText: skill.label }).textContent()).resolves.toContain(
      'Self-declared',
    );
  });

  it('travel in a backup: restored in another browser, the skill is there with its level and evidence', async () => {
    expect(skill).toBeDefined();
    await openScreen(page, wallet.url, '#/wallet');
    await page.getByLabel('Passphrase (at least 10 characters)').fill('a long backup passphrase');
    await page.getByLabel('Repeat the passphrase').fill('a long backup passphrase');
    await page.getByRole('button', { name: 'Make backup file' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const exported = readFileSync((await (await downloading).path())!, 'utf8');
    // Encrypted: neither the skill nor its evidence can be read in the file.
    expect(exported).not.toContain(skill.uri);
    expect(exported).not.toContain('mantelzorg');

    const other = await newProfile(browser);
    const otherPage = await other.newPage();
    await openScreen(otherPage, wallet.url, '#/wallet');
    await otherPage
      .locator('.restore-form input[type=file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await otherPage.getByLabel('Passphrase of the backup').fill('a long backup passphrase');
    await otherPage.getByRole('button', { name: 'Restore backup' }).click();
    await otherPage.getByTestId('restored').waitFor({ timeout: 60_000 });
    await openScreen(otherPage, wallet.url, '#/self-declared');
    const card = otherPage.locator('li.self-declared');
    await expect(card.count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toContain(skill.label);
    await expect(card.textContent()).resolves.toContain('Your own level: Proficient (3/4)');
    await expect(card.textContent()).resolves.toContain(EVIDENCE);
    await other.close();
  });
});
