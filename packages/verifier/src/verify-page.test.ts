import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  startListeningVerifier,
  trustForEvc,
  type Harness,
  type ListeningVerifier,
} from './test-support/harness.js';
import { SKILL } from './test-support/response-endpoint.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// The public verification page (/verify/), a publication's page (/p/:id) and the employer's printed
// report, in real Chromium against the real verifier on a loopback port; credentials signed by the
// stand-in issuer with real keys, its did:web and status lists on loopback.
let verifier: ListeningVerifier;
let base: string;
let h: Harness;
let browser: Browser;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
let nextIndex = 900;

beforeAll(async () => {
  verifier = await startListeningVerifier();
  ({ h, base } = verifier);
  await issuer.start();
  await trustForEvc(base, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await issuer.stop();
  await verifier.close();
});

const jwtEvc = (index = nextIndex++) =>
  issuer.issue('evc-zorg', 'EVCCredential', {
    holder: holder.did,
    index,
    mutate: (doc) => {
      doc.credentialSubject.identifier = [
        { type: 'IdentityObject', hashed: false, identityHash: 'Fatima el Amrani', identityType: 'name' },
      ];
    },
  });
const ldpEvc = () =>
  issuer.issueLdp(
    'evc-zorg',
    issuer.document('evc-zorg', 'EVCCredential', { holder: holder.did, index: nextIndex++ }),
  );

/** What the API says the credential's skills are called, to compare with the page. */
async function skillsOf(credential: unknown): Promise<{ label: { nl: string; en: string }; level?: any }[]> {
  const res = await fetch(`${base}/api/verify/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential }),
  });
  return ((await res.json()) as any).summary.skills;
}

/** How wide the document scrolls, and every visible control too small to touch. */
function measureLayout(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const small = [...doc.querySelectorAll('button, input, select, textarea, a[href], summary')]
      .filter((node: any) => node.getClientRects().length > 0 && !node.classList.contains('skip-link'))
      .map((node: any) => ({ node, box: node.getBoundingClientRect() }))
      .filter(({ box }: any) => box.width < 24 || box.height < 24)
      .map(
        ({ node, box }: any) =>
          `${node.tagName} ${node.id || node.textContent} ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
    return {
      scrollWidth: doc.documentElement.scrollWidth,
      viewport: doc.documentElement.clientWidth,
      small,
    };
  });
}

async function openPage(
  locale: string,
  path = '/verify/',
  width = 1024,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ locale, viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !message.text().includes('status of 410') &&
      !message.text().includes('status of 404')
    )
      errors.push(message.text());
  });
  await page.goto(`${base}${path}`);
  return { page, errors };
}

describe('the public verification page', () => {
  it('comes from the service root; a pasted JWT is verified per check and per skill, in Dutch and English', async () => {
    const jwt = jwtEvc();
    const skills = await skillsOf(jwt);
    const { page, errors } = await openPage('nl-NL', '/');
    await page.getByRole('link', { name: 'Bewijs controleren' }).click();
    await page.waitForURL(`${base}/verify/`);
    await page.getByLabel('Of plak het bewijs (JSON of JWT)').fill(jwt);
    await page.getByRole('button', { name: 'Controleren' }).click();

    const result = page.getByTestId('credential-result');
    await result.waitFor();
    await expect(page.getByTestId('busy').textContent()).resolves.toBe('Gecontroleerd.');
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Echt en geldig');
    const text = (await result.textContent())!;
    expect(text).toContain('EVC Centrum Zorg');
    expect(text).toContain('Fatima el Amrani');
    expect(text).toContain('Ervaringscertificaat (EVC)');
    await expect(result.locator('[data-check=signature]').textContent()).resolves.toBe(
      'In orde: Digitale handtekening',
    );
    await expect(result.locator('[data-status=fail]').count()).resolves.toBe(0);
    const lines = result.getByTestId('skill');
    await expect(lines.count()).resolves.toBe(skills.length);
    for (const skill of skills) {
      await expect(result.getByTestId('skills').textContent()).resolves.toContain(skill.label.nl);
      if (skill.level !== undefined)
        await expect(result.getByTestId('skills').textContent()).resolves.toContain(
          `niveau: ${skill.level.label.nl}`,
        );
    }
    // The heading of the result has the focus, so a screen reader reads on from there.
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.id)).resolves.toBe(
      'credential-0-title',
    );
    await page.screenshot({ path: join(tmpdir(), 'skills-passport-verify-page.png'), fullPage: true });

    await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Genuine and valid');
    await expect(result.locator('[data-check=signature]').textContent()).resolves.toBe(
      'Passed: Digital signature',
    );
    for (const skill of skills)
      await expect(result.getByTestId('skills').textContent()).resolves.toContain(skill.label.en);
    await expect(page.evaluate(() => (globalThis as any).document.documentElement.lang)).resolves.toBe('en');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('verifies a Data Integrity credential chosen with the file input, at 360 px without overflow or small controls', async () => {
    const { page, errors } = await openPage('en-GB', '/verify/', 360);
    const before = await measureLayout(page);
    expect(before.scrollWidth).toBeLessThanOrEqual(before.viewport);
    expect(before.small).toEqual([]);
    const credential = await ldpEvc();
    await page.getByLabel('Choose a file (.json, .jwt or .txt)').setInputFiles({
      name: 'evc.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(credential, null, 2)),
    });
    await page.getByTestId('credential-result').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Genuine and valid');
    await expect(page.getByTestId('skill').count()).resolves.toBeGreaterThan(0);
    const after = await measureLayout(page);
    expect(after.scrollWidth).toBeLessThanOrEqual(after.viewport);
    expect(after.small).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'skills-passport-verify-page-360.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('verifies a .jwt file dropped on the drop zone', async () => {
    const { page, errors } = await openPage('en-GB');
    const jwt = jwtEvc();
    const transfer = await page.evaluateHandle((text) => {
      const g = globalThis as any;
      const data = new g.DataTransfer();
      data.items.add(new g.File([text], 'evc.jwt', { type: 'text/plain' }));
      return data;
    }, jwt);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('credential-result').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Genuine and valid');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('[JOSE attacks] names the failing check of a tampered credential', async () => {
    const { page } = await openPage('en-GB');
    const [header, payload, signature] = jwtEvc().split('.') as [string, string, string];
    const tampered = `${header}.${payload}.${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`;
    await page.getByLabel('Or paste the credential (JSON or JWT)').fill(tampered);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('credential-result').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Not valid');
    const failing = page.locator('[data-check=signature][data-status=fail]');
    await expect(failing.textContent()).resolves.toMatch(/^Failed: Digital signature — /);
    await page.close();
  }, 60_000);

  it('[request bodies] says so, in an alert, when the input is no credential', async () => {
    const { page } = await openPage('nl-NL');
    await page.getByRole('button', { name: 'Controleren' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Plak eerst' });
    await alert.waitFor();
    await page.getByLabel('Of plak het bewijs (JSON of JWT)').fill('{"hello": "world"}');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dit is geen bewijs' }).waitFor();
    await expect(page.getByTestId('credential-result').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);
});

describe("a publication's page", () => {
  it('shows the published credentials verified now; revoked later, it shows revoked; withdrawn, it is gone (410)', async () => {
    const index = nextIndex++;
    const published = (await (
      await fetch(`${base}/api/publications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://wallet.example' },
        body: JSON.stringify({ credentials: [jwtEvc(index), await ldpEvc()] }),
      })
    ).json()) as { id: string; url: string; withdrawToken: string };
    expect(published.url).toBe(`${base}/p/${published.id}`);

    const { page, errors } = await openPage('en-GB', `/p/${published.id}`, 360);
    await page.getByTestId('credential-result').nth(1).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Shared credentials');
    await expect(page.getByTestId('published-on').textContent()).resolves.toMatch(
      /^Published by the learner on 15 January 2027/,
    );
    await expect(page.getByTestId('verdict').allTextContents()).resolves.toEqual([
      'Genuine and valid',
      'Genuine and valid',
    ]);
    await expect(page.locator('#check').isVisible()).resolves.toBe(false);
    const layout = await measureLayout(page);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
    expect(layout.small).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'skills-passport-publication.png'), fullPage: true });

    // Dutch by ?lang=.
    await page.goto(`${base}/p/${published.id}?lang=nl`);
    await page.getByTestId('credential-result').nth(1).waitFor();
    await expect(page.getByTestId('published-on').textContent()).resolves.toMatch(
      /^Gedeeld door de lerende op 15 januari 2027/,
    );

    issuer.setStatus('evc-zorg', 'revocation', index, true);
    await page.goto(`${base}/p/${published.id}?lang=en`);
    await page.getByTestId('credential-result').nth(1).waitFor();
    await expect(page.getByTestId('verdict').allTextContents()).resolves.toEqual([
      'Not valid',
      'Genuine and valid',
    ]);
    await expect(
      page.getByTestId('credential-result').first().locator('[data-check=revocation_status]').textContent(),
    ).resolves.toMatch(/^Failed: Not revoked/);

    const withdrawn = await fetch(`${base}/api/publications/${published.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${published.withdrawToken}` },
    });
    expect(withdrawn.status).toBe(204);
    const response = await page.goto(`${base}/p/${published.id}`);
    expect(response?.status()).toBe(410);
    await page.getByRole('alert').filter({ hasText: 'withdrawn' }).waitFor();
    await expect(page.getByTestId('credential-result').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("the employer's printed report", () => {
  it('prints the report on A4 without the page controls', async () => {
    const created = (await (
      await fetch(`${base}/api/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Helpende zorg', skills: [{ uri: SKILL, minimumLevel: 2 }] }),
      })
    ).json()) as { id: string };
    const jwt = await (await fetch(`${base}/oid4vp/requests/${created.id}`)).text();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      string
    >;
    const vp = holder.present([jwtEvc()], {
      nonce: claims.nonce!,
      audience: claims.client_id!,
      iat: Math.floor(h.clock.t / 1000),
    });
    const posted = await fetch(claims.response_uri!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }),
        state: claims.state!,
      }),
    });
    expect(posted.status).toBe(200);

    const { page, errors } = await openPage('en-GB', '/employer/');
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    await page
      .getByTestId('past-requests')
      .locator('li', { hasText: 'Helpende zorg' })
      .getByRole('button')
      .click();
    const print = page.getByRole('button', { name: 'Print report' });
    await print.waitFor();
    await expect(page.getByTestId('verified-at').textContent()).resolves.toMatch(
      /^Received and verified on 15 January 2027/,
    );
    // The button opens the browser's print dialog.
    await page.evaluate(() => {
      const g = globalThis as any;
      g.printed = 0;
      g.print = () => (g.printed += 1);
    });
    await print.click();
    await expect(page.evaluate(() => (globalThis as any).printed)).resolves.toBe(1);

    await page.emulateMedia({ media: 'print' });
    const visible = async (selector: string) => page.locator(selector).first().isVisible();
    for (const hidden of ['header', '#create', '#history', '[data-testid=print-report]', '#lang-toggle'])
      await expect(visible(hidden)).resolves.toBe(false);
    for (const shown of [
      '#current-title',
      '[data-testid=skill-line]',
      '[data-testid=proof]',
      '[data-testid=verified-at]',
    ])
      await expect(visible(shown)).resolves.toBe(true);
    await expect(page.locator('#current-title').textContent()).resolves.toBe('Helpende zorg');
    await expect(page.getByTestId('learner-name').textContent()).resolves.toBe('Candidate: Fatima el Amrani');
    const proof = (await page.getByTestId('proof').first().textContent())!;
    expect(proof).toContain('EVC Centrum Zorg');
    expect(proof).toContain('level: Proficient');
    expect(proof).toContain('Marleen de Vries');
    // Black on white: no coloured status badge.
    const badge = await page
      .locator('[data-testid=skill-line] .badge')
      .first()
      .evaluate((node) => {
        const style = (globalThis as any).getComputedStyle(node);
        return { color: style.color, background: style.backgroundColor };
      });
    expect(badge).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgba(0, 0, 0, 0)' });

    const pdf = await page.pdf({ format: 'A4', path: join(tmpdir(), 'skills-passport-employer-report.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One page of A4 holds this report.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
