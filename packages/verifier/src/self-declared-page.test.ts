import { expectAccessible, launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, startListeningVerifier, type ListeningVerifier } from './test-support/harness.js';
import { selfIssuedBadge } from './test-support/self-issued.js';
import { TestHolder } from './test-support/test-holder.js';

// The employer page in real Chromium: a self-declared skill (the learner's own Open Badge, contract
// D) is shown for what it is — "self-declared — not verified by anyone" — and the skill stays not
// proven, in Dutch and in English, even with the holder's DID (wrongly) on the trust list.
const MONITOR_SIGNS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';

let verifier: ListeningVerifier;
let browser: Browser;
const holder = new TestHolder();

beforeAll(async () => {
  verifier = await startListeningVerifier();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await verifier.close();
});

describe('the employer page', () => {
  it('shows a self-declared skill as self-declared and not proven, in Dutch and English', async () => {
    const { base, h } = verifier;
    await fetch(`${base}/api/admin/trusted-issuers/${encodeURIComponent(holder.did)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'De houder zelf', kind: 'other', accreditedTypes: [] }),
    });
    const created = (await (
      await fetch(`${base}/api/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Helpende zorg',
          skills: [{ uri: MONITOR_SIGNS }],
          acceptedTypes: ['OpenBadgeCredential'],
        }),
      })
    ).json()) as { id: string };
    const jwt = await (await fetch(`${base}/oid4vp/requests/${created.id}`)).text();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      string
    >;
    const vp = holder.present(
      [selfIssuedBadge(holder, { uri: MONITOR_SIGNS, label: 'vitale functies monitoren' }, h.clock.t)],
      { nonce: claims.nonce!, audience: claims.client_id!, iat: Math.floor(h.clock.t / 1000) },
    );
    const posted = await fetch(claims.response_uri!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }),
        state: claims.state!,
      }),
    });
    expect(posted.status).toBe(200);

    const page = await browser.newPage({ locale: 'nl-NL', viewport: { width: 360, height: 800 } });
    await page.goto(`${base}/employer/`);
    await page.getByTestId('api-key').fill(h.apiKey);
    await page.getByTestId('login').click();
    await page
      .getByTestId('past-requests')
      .locator('li', { hasText: 'Helpende zorg' })
      .getByRole('button')
      .click();
    const proof = page.locator('[data-testid=proof][data-self-declared=true]');
    await proof.getByText('zelf opgegeven — door niemand gecontroleerd').waitFor();
    await expect(proof.textContent()).resolves.not.toContain('uitgegeven door');
    const line = page.locator(`[data-testid=skill-line][data-uri="${MONITOR_SIGNS}"]`);
    await expect(line.getAttribute('data-status')).resolves.toBe('not_proven');
    await expect(page.getByTestId('coverage').textContent()).resolves.toContain('0 / 1');
    await expectAccessible(page, 'employer report with a self-declared skill, nl, 360 px');

    await page.getByTestId('lang-toggle').click();
    await proof.getByText('self-declared — not verified by anyone').waitFor();
    await expectAccessible(page, 'employer report with a self-declared skill, en, 360 px');
    await page.close();
  }, 90_000);
});
