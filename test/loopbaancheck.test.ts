// The career check-up (loopbaancheck, issue 16) on the demo data, as `./sp start` runs it: the
// issuer, the verifier and the wallet as their own processes (scripts/start.mjs) on loopback ports,
// driven in real Chromium by the learner, the EVC assessor, the training provider and the
// learn-work desk's adviser, in order:
//   1. the learner keeps the demo EVC certificate and sees, for the healthcare assistant it was
//      assessed for, which essential skills are proven and which not, and the occupations that fit;
//   2. the demo training provider's catalogue offers modules that close missing skills;
//   3. the learner adds a self-declared skill and sends an EVC intake; the assessor opens it with the
//      competencies pre-filled;
//   4. the adviser asks for the passport, records a development plan and issues it; the plan arrives
//      in the wallet, and shows progress when a module credential of the plan arrives.
// Every step waits for text a person sees; no fixed waits, no timings.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { call, moduleRequest } from '@skills-passport/issuer/testing';
import { openScreen, receiveAndKeep } from '@skills-passport/wallet-web/testing';
import { expectAccessible } from './support/accessibility.js';
import { startDemoPlatform, type DemoPlatform } from './support/demo-platform.js';

jest.setTimeout(180_000);

const LEARNER = 'Fatima el Amrani';
const SELF_DECLARED = 'respond to changing situations in health care';
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

let platform: DemoPlatform;
let browser: Browser;
let learner: BrowserContext;
let page: Page;
const staff: BrowserContext[] = [];

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDemoPlatform(), launchChromium()]);
  learner = await newProfile(browser);
  page = await learner.newPage();
}, 240_000);

afterAll(async () => {
  for (const context of staff) await context.close();
  await learner?.close();
  await browser?.close();
  await platform?.close();
}, 60_000);

/** The API key of a demo organisation's assessor or adviser, as the start script printed it. */
const demoKey = (slug: string): string => platform.orgKey(slug);

/** A new browser profile signed in on the assessor page with a demo organisation's key. */
async function staffPage(slug: string, locale: string): Promise<Page> {
  const context = await newProfile(browser, locale);
  staff.push(context);
  const p = await context.newPage();
  await p.goto(`${platform.urls.issuer}/assessor/`);
  await p.locator('#api-key').fill(demoKey(slug));
  await p.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
  return p;
}

/** The demo's fresh offer of a credential type, as the start script printed it. */
const demoOffer = (type: string): string => platform.offer(type);

describe('the career check-up on the demo data', () => {
  it('1. the learner with the demo EVC certificate sees the gap for the healthcare assistant and the occupations that fit', async () => {
    const watch = await watchPage(page);
    await receiveAndKeep(page, platform.urls.wallet, demoOffer('EVCCredential')).catch(async (e) => {
      throw new Error(`${String(e)}\n${await page.locator('details').last().textContent()}`);
    });
    await page.goto('about:blank');
    await page.goto(`${platform.urls.wallet}/#/career/${encodeURIComponent(HEALTHCARE_ASSISTANT)}`);
    await page.locator('body[data-ready="career"] [data-testid=career-gap]').waitFor({ timeout: 60_000 });
    const gap = page.getByTestId('career-gap');
    await expect(gap.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('healthcare assistant');
    const essential = page.getByTestId('gap-essential');
    await expect(
      essential.locator('li.gap-line[data-status=proven] .gap-label').allTextContents(),
    ).resolves.toEqual(['support nurses', 'monitor basic patients signs']);
    expect(await essential.locator('li.gap-line[data-status=not_yet]').count()).toBeGreaterThan(10);
    const fits = page.getByTestId('career-fits').locator('ol.fits > li');
    await expect(fits.count()).resolves.toBe(10);
    expect((await fits.locator('a').allTextContents()).slice(0, 3)).toContain('healthcare assistant');
    await expectAccessible(page, 'loopbaancheck: the gap on the demo data');
    expect(watch.problems).toEqual([]);
  });

  it('2. modules from the demo training provider’s catalogue close missing skills', async () => {
    const watch = await watchPage(page);
    const modules = page.getByTestId('career-modules');
    await modules.getByRole('button', { name: 'Show modules that close the gap' }).click();
    await page.getByTestId('modules-summary').waitFor();
    const items = page.getByTestId('module-suggestions').locator('li.module-suggestion');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    await expect(items.first().locator('.module-provider').textContent()).resolves.toBe(
      'From ROC Zorgopleidingen Midden, a recognised training provider',
    );
    // Together the suggested modules close at least two essential skills the learner still needs.
    const plan = await page.getByTestId('modules-plan').textContent();
    const closed = Number(/close (\d+) of the \d+ essential skills/.exec(plan ?? '')?.[1]);
    expect(closed).toBeGreaterThanOrEqual(2);
    const closes = await items.locator('.module-closes li').allTextContents();
    expect(closes.filter((c) => c.includes('(essential')).length).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'loopbaancheck: modules that close the gap');
    expect(watch.problems).toEqual([]);
  });

  it('3. the learner declares a skill and sends an EVC intake; the assessor opens it with the competencies pre-filled', async () => {
    const watch = await watchPage(page);
    await openScreen(page, platform.urls.wallet, '#/self-declared');
    await page.getByLabel('Search a skill (in Dutch or English)').fill(SELF_DECLARED);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByTestId('self-declared-hits')
      .getByRole('radio', { name: SELF_DECLARED, exact: true })
      .check();
    await page.getByLabel('How well can you do it? (you may skip this)').selectOption('2');
    await page
      .getByLabel('How do you show this skill?')
      .fill('Three years as a volunteer in a care home; the team leader, Anja de Boer, can confirm it.');
    await page.getByTestId('self-declared-form').getByRole('button', { name: 'Save' }).click();
    await page.locator('li.self-declared').filter({ hasText: SELF_DECLARED }).waitFor();

    // From the career check to the demo EVC provider the trust list names, for its one standard.
    await openScreen(page, platform.urls.wallet, '#/career');
    await page.getByTestId('to-intake').click();
    await page.locator('body[data-ready="intake"]').waitFor();
    await page.getByRole('button', { name: 'Choose EVC Centrum Zorg Nederland' }).click();
    await page.getByTestId('intake-gap').waitFor({ timeout: 30_000 });
    const certificate = page.locator('.intake-portfolio input[data-credential-id]').first();
    await certificate.check();
    await page
      .getByTestId('self-declared-choice')
      .getByRole('checkbox', { name: new RegExp(SELF_DECLARED) })
      .check();
    await page.getByTestId('intake-send').click();
    await page.locator('body[data-ready="share"] form.request').waitFor({ timeout: 30_000 });
    await expect(page.locator('form.request').getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'EVC Centrum Zorg Nederland asks for',
    );
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await expect(page.getByTestId('share-outcome').textContent()).resolves.toBe(
      'EVC Centrum Zorg Nederland received your credentials.',
    );
    expect(watch.problems).toEqual([]);

    // The EVC provider's assessor finds the intake and starts the assessment from it.
    const assessor = await staffPage('evc-zorg-nl', 'en-GB');
    await assessor.getByRole('button', { name: 'Intakes', exact: true }).click();
    await assessor.locator('#intake-list').waitFor();
    await assessor
      .getByRole('button', { name: `View the intake of ${LEARNER}` })
      .first()
      .click();
    await assessor.getByRole('heading', { name: `Intake of ${LEARNER}` }).waitFor();
    await assessor.locator('.intake-group', { hasText: 'Self-declared (1)' }).waitFor();
    await expectAccessible(assessor, 'loopbaancheck: the assessor reads the intake');
    await assessor.getByRole('button', { name: 'Start the EVC assessment' }).click();
    await assessor.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await expect(assessor.locator('#learner-name').inputValue()).resolves.toBe(LEARNER);
    await expect(assessor.locator('#std-identifier').inputValue()).resolves.toBe('25498');
    await expect(assessor.locator('#std-name').inputValue()).resolves.toBe('Helpende zorg en welzijn');
    // The certificate's competencies and the self-declared one, to be assessed.
    const skills = await assessor.locator('#skill-list .skill .name').allTextContents();
    expect(skills).toEqual(
      expect.arrayContaining(['support nurses', 'monitor basic patients signs', SELF_DECLARED]),
    );
    expect(await assessor.locator('#criteria').inputValue()).toContain(SELF_DECLARED);
  });

  it('4. the adviser asks for the passport and issues a development plan; it arrives in the wallet and shows progress when a module credential arrives', async () => {
    const adviser = await staffPage('leerwerkloket-utrecht', 'nl-NL');
    await adviser.getByRole('heading', { name: 'Adviesgesprek', level: 2 }).waitFor();
    await adviser.getByRole('button', { name: 'Vraag om het paspoort' }).click();
    await adviser.locator('#adviser-request-ready').waitFor();
    const requestLink = await adviser.locator('#adviser-request-link').inputValue();

    // The learner answers with the certificate, after seeing who asks.
    await openScreen(page, platform.urls.wallet, '#/share');
    await page.getByLabel('Request link (openid4vp://…)').fill(requestLink);
    await page.getByRole('button', { name: 'Open request' }).click();
    await expect(page.locator('form.request').getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Leerwerkloket Regio Utrecht asks for',
    );
    await page.locator('form.request input[data-credential-id]').first().check();
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await page.getByTestId('share-outcome').waitFor();

    // Together they look at the gap for the zorghulp and choose two modules that close part of it.
    await adviser.getByRole('heading', { name: '2. Wat de lerende deelde' }).waitFor({ timeout: 30_000 });
    await adviser.locator('#adviser-occupation-search').fill('zorghulp');
    await adviser.getByRole('button', { name: 'Kies zorghulp', exact: true }).click();
    await adviser.locator('#adviser-gap-summary').waitFor();
    const choose = adviser.locator('#adviser-suggested > li button');
    const first = ((await choose.first().getAttribute('aria-label')) ?? '').replace(/^Zet in het plan: /, '');
    await choose.first().click();
    await choose.first().click();
    await expect(adviser.locator('#adviser-chosen > li').count()).resolves.toBe(2);
    await adviser.locator('#adviser-step-0').fill('Aanmelden voor de eerste module.');
    await adviser.locator('#adviser-review').fill('2027-04-01');
    await expectAccessible(adviser, 'loopbaancheck: the adviser composes the plan');
    await adviser.getByRole('button', { name: 'Geef het plan uit' }).click();
    await adviser.getByRole('heading', { name: /^Het plan is uitgegeven./ }).waitFor();
    const planOffer = await adviser.locator('#adviser-plan input.link').inputValue();

    // The plan arrives in the wallet: nothing done yet.
    await receiveAndKeep(page, platform.urls.wallet, planOffer);
    await openScreen(page, platform.urls.wallet, '#/plan');
    await page.locator('body[data-ready="plan"] [data-testid=plan-gap]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('plan-progress').textContent()).resolves.toBe('0 of 2 modules done');

    // The training provider issues the module credential of the first module in the plan.
    const catalogue = await call(platform.urls.issuer, 'GET', '/api/catalogues/zorgopleidingen?perPage=200');
    const module = (catalogue.body.modules as { id: string; name: string }[]).find((m) => m.name === first);
    expect(module).toBeDefined();
    const request = moduleRequest();
    const achievement = (request.credential.credentialSubject as { achievement: Record<string, unknown> })
      .achievement;
    achievement.id = module!.id;
    achievement.name = module!.name;
    request.credential.name = module!.name;
    const issued = await call(platform.urls.issuer, 'POST', '/api/credentials', {
      token: demoKey('zorgopleidingen'),
      body: request,
    });
    expect(issued.status).toBe(201);
    await receiveAndKeep(page, platform.urls.wallet, issued.body.credential.offer.uri as string);
    await openScreen(page, platform.urls.wallet, '#/plan');
    await expect(page.getByTestId('plan-progress').textContent()).resolves.toBe('1 of 2 modules done');
    await expectAccessible(page, 'loopbaancheck: the plan with one module done');
  });
});
