import { launchChromium } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { requestFromExample } from '../test-support/requests.js';
import { newHolder, redeemOffer, requestCredential, type TestHolder } from '../test-support/wallet.js';

// The assessor page shows what became of each offer — waiting, opened, expired, collected (in which
// forms), accepted, failed, deleted — and offers a credential again. A real issuer on a real port,
// the test wallet speaking OpenID4VCI 1.0 to it, and real Chromium against the built page.

const JWT = 'EVCCredential_jwt_vc_json';
const LDP = 'EVCCredential_ldp_vc';
const HOUR = 3600_000;

describe('assessor page: what became of each offer, and offering again', () => {
  let issuer: RunningIssuer;
  let browser: Browser;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  /** How far the issuer's clock runs ahead of the real one (offers expire after an hour). */
  let skew = 0;

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([
      startIssuer({ now: () => new Date(Date.now() + skew) }),
      launchChromium(),
    ]);
    org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  /** Issues an EVC certificate to `name` through the staff API. */
  async function issue(name: string, txCode = false) {
    const request = requestFromExample('evc-credential/zorghulp-ok.json', {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.nl`,
    });
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: { ...request, offer: { txCode } },
    });
    expect(created.status).toBe(201);
    return created.body as { credential: { id: string; offer: { uri: string } }; txCode?: string };
  }

  /** The wallet's word on one delivery (OpenID4VCI 1.0 §11). */
  async function notify(accessToken: string, notificationId: string, event: string) {
    const response = await fetch(`${issuer.url}/orgs/${org.slug}/notification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ notification_id: notificationId, event }),
    });
    expect(response.status).toBe(204);
  }

  /**
   * Collects `uri` in the first of `configurations`, then the others with the same access token;
   * the wallet's proofs are dated by the issuer's clock.
   */
  async function collect(uri: string, holder: TestHolder, configurations: string[], txCode?: string) {
    const [first, ...others] = configurations;
    const iat = Math.floor((Date.now() + skew) / 1000);
    const one = await redeemOffer(uri, holder, {
      configurationId: first!,
      iat,
      ...(txCode === undefined ? {} : { txCode }),
    });
    expect(one.status).toBe(200);
    const notificationIds = [one.body.notification_id as string];
    for (const configurationId of others) {
      const next = await requestCredential(one.offer, one.metadata, one.accessToken!, holder, {
        configurationId,
        iat,
      });
      expect(next.status).toBe(200);
      notificationIds.push(next.body.notification_id as string);
    }
    return { ...one, accessToken: one.accessToken!, notificationIds };
  }

  const offerUrl = (uri: string) => new URL(uri).searchParams.get('credential_offer_uri')!;

  async function openList(locale: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: issuer.url });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await page.goto(`${issuer.url}/assessor/`);
    await page.locator('#api-key').fill(org.apiKey);
    await page.locator('#signin-form button[type=submit]').click();
    await page.locator('#workspace').waitFor();
    await page.locator('#tabs button[data-view=list]').click();
    await page.locator('#credential-list .card').first().waitFor();
    return { page, errors };
  }

  const cardOf = (page: Page, name: string): Locator =>
    page.locator('.card', { has: page.getByRole('heading', { name, exact: true }) });
  const lines = async (card: Locator) =>
    (await card.locator('.handover p').allTextContents()).map((line) => line.trim());
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
  const announced = (page: Page, text: string) =>
    page.waitForFunction((expected) => document.getElementById('announce')?.textContent === expected, text);

  it('shows each state of the hand-over in plain words, with what to do next, in Dutch and English', async () => {
    // One credential per state, brought there by the test wallet.
    await issue('Anna Waiting', true);
    const opened = await issue('Bram Opened');
    expect(
      (await redeemOffer(opened.credential.offer.uri, newHolder(), { nonce: 'not-the-nonce' })).status,
    ).toBe(400);
    await collect((await issue('Chris Delivered')).credential.offer.uri, newHolder(), [JWT]);
    const accepted = await collect((await issue('Dana Accepted')).credential.offer.uri, newHolder(), [
      JWT,
      LDP,
    ]);
    for (const id of accepted.notificationIds) await notify(accepted.accessToken, id, 'credential_accepted');
    const failed = await collect((await issue('Eva Failed')).credential.offer.uri, newHolder(), [JWT]);
    await notify(failed.accessToken, failed.notificationIds[0]!, 'credential_failure');
    const deleted = await collect((await issue('Fenna Deleted')).credential.offer.uri, newHolder(), [LDP]);
    await notify(deleted.accessToken, deleted.notificationIds[0]!, 'credential_deleted');
    const revoked = await issue('Gert Revoked');
    await collect(revoked.credential.offer.uri, newHolder(), [JWT]);
    const revoke = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(revoked.credential.id)}/revoke`,
      {
        token: org.apiKey,
        body: { reason: 'Uitgegeven aan de verkeerde persoon' },
      },
    );
    expect(revoke.status).toBe(200);

    const { page, errors } = await openList('nl-NL');
    const expectations: [
      name: string,
      lines: (string | RegExp)[],
      again: 'none' | 'primary' | 'secondary',
    ][] = [
      [
        'Anna Waiting',
        [
          /^Aanbod: wacht op de leerling, open tot .+$/,
          'Laat de leerling de QR-code scannen, of stuur de link.',
          'De leerling heeft ook de pincode nodig die u apart gaf.',
        ],
        'none',
      ],
      [
        'Bram Opened',
        [
          'Aanbod: geopend door de leerling, maar niet opgehaald',
          'De wallet stopte voordat het credential binnen was. Bied het opnieuw aan en vraag de leerling het nog eens te proberen.',
        ],
        'primary',
      ],
      [
        'Chris Delivered',
        [
          'Aanbod: opgehaald door de leerling',
          'De wallet kreeg het als VC-JWT (een van de technische vormen van het credential).',
          'De wallet heeft niet gemeld of het is bewaard. U hoeft niets te doen, tenzij de leerling het niet kan vinden: bied het dan opnieuw aan.',
        ],
        'secondary',
      ],
      [
        'Dana Accepted',
        [
          'Aanbod: opgehaald door de leerling en bewaard in de wallet',
          'De wallet kreeg het als VC-JWT en met een Data Integrity-bewijs: twee technische vormen van hetzelfde credential.',
        ],
        'secondary',
      ],
      [
        'Eva Failed',
        [
          'Aanbod: opgehaald door de leerling, maar de wallet kon het niet bewaren',
          'De wallet kreeg het als VC-JWT (een van de technische vormen van het credential).',
          'Vraag de leerling de wallet na te kijken (is die bijgewerkt, is er ruimte?) en bied het daarna opnieuw aan.',
        ],
        'primary',
      ],
      [
        'Fenna Deleted',
        [
          'Aanbod: opgehaald door de leerling, daarna uit de wallet verwijderd',
          'De wallet kreeg het met een Data Integrity-bewijs (een van de technische vormen van het credential).',
          'Was dat per ongeluk? Bied het dan opnieuw aan.',
        ],
        'primary',
      ],
      [
        'Gert Revoked',
        [
          'Aanbod: opgehaald door de leerling',
          'De wallet kreeg het als VC-JWT (een van de technische vormen van het credential).',
        ],
        'none',
      ],
    ];
    for (const [name, expected, again] of expectations) {
      const card = cardOf(page, name);
      await card.locator('.handover').waitFor();
      const shown = await lines(card);
      expect(shown).toHaveLength(expected.length);
      expected.forEach((line, i) =>
        typeof line === 'string' ? expect(shown[i]).toBe(line) : expect(shown[i]).toMatch(line),
      );
      const button = card.getByRole('button', { name: 'Opnieuw aanbieden', exact: true });
      expect(await button.count()).toBe(again === 'none' ? 0 : 1);
      if (again !== 'none')
        expect(await button.getAttribute('class')).toBe(again === 'primary' ? null : 'secondary');
    }
    // A revoked credential can be neither revoked nor offered again.
    expect(await cardOf(page, 'Gert Revoked').getByRole('button').count()).toBe(0);

    // The same in English.
    await page.locator('#lang').selectOption('en');
    await page.getByRole('heading', { name: 'Issued credentials' }).waitFor();
    expect(await lines(cardOf(page, 'Dana Accepted'))).toEqual([
      'Offer: collected by the learner and saved in the wallet',
      'The wallet received it as a VC-JWT and with a Data Integrity proof: two technical forms of the same credential.',
    ]);
    expect(await lines(cardOf(page, 'Eva Failed'))).toEqual([
      'Offer: collected by the learner, but the wallet could not save it',
      'The wallet received it as a VC-JWT (one of the technical forms of the credential).',
      'Ask the learner to check their wallet (is it up to date, is there space?), then offer it again.',
    ]);
    expect(await lines(cardOf(page, 'Anna Waiting'))).toEqual([
      expect.stringMatching(/^Offer: waiting for the learner, open until .+$/),
      'Let the learner scan the QR code, or send them the link.',
      'The learner also needs the PIN you gave them.',
    ]);
    await cardOf(page, 'Fenna Deleted').getByRole('button', { name: 'Offer again', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('offers a failed credential again from the card: confirmation, new QR code, link and PIN, the old link withdrawn; the new link works', async () => {
    const issued = await issue('Hanna Herhaal');
    const failed = await collect(issued.credential.offer.uri, newHolder(), [JWT]);
    await notify(failed.accessToken, failed.notificationIds[0]!, 'credential_failure');

    const { page, errors } = await openList('nl-NL');
    const card = cardOf(page, 'Hanna Herhaal');
    const again = card.getByRole('button', { name: 'Opnieuw aanbieden', exact: true });

    // The confirmation says what happens; cancel puts the focus back on the button.
    await again.click();
    const confirm = card.getByRole('form', { name: 'Dit credential opnieuw aanbieden aan Hanna Herhaal?' });
    await confirm.waitFor();
    expect(await focusedText(page)).toBe('Dit credential opnieuw aanbieden aan Hanna Herhaal?');
    await confirm
      .getByText(
        'De leerling krijgt hetzelfde credential, met dezelfde inhoud: een nieuw assessment is niet nodig. De huidige link en QR-code werken daarna niet meer.',
      )
      .waitFor();
    const pin = confirm.getByLabel(
      'Beveilig het nieuwe aanbod met een pincode (de leerling krijgt die apart van u)',
    );
    expect(await pin.isChecked()).toBe(false);
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await focusedText(page)).toBe('Opnieuw aanbieden');

    // Offer again, with a PIN.
    await again.click();
    await pin.check();
    await card.getByRole('button', { name: 'Ja, opnieuw aanbieden' }).click();
    const fresh = cardOf(page, 'Hanna Herhaal');
    const panel = fresh.getByRole('region', { name: 'Nieuw aanbod voor Hanna Herhaal' });
    await panel.waitFor();
    await announced(page, 'Nieuw aanbod voor Hanna Herhaal gemaakt. De oude link werkt niet meer.');
    expect(await focusedText(page)).toBe('Nieuw aanbod voor Hanna Herhaal');
    const link = await panel.getByLabel('Link voor de wallet').inputValue();
    expect(link).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(link).not.toBe(issued.credential.offer.uri);
    const txCode = (await panel.locator('.pin').textContent()) ?? '';
    expect(txCode).toMatch(/^\d{6}$/);
    await panel.getByText('Geef deze pincode apart door, bijvoorbeeld mondeling of per sms.').waitFor();
    const qr = panel.getByRole('img', { name: 'QR-code van het aanbod voor Hanna Herhaal' });
    await page.waitForFunction(
      "(() => { const img = document.querySelector('.new-offer img'); return img.complete && img.naturalWidth > 0; })()",
    );
    expect(await qr.getAttribute('src')).toMatch(/^blob:/);
    expect((await lines(fresh))[0]).toMatch(/^Aanbod: wacht op de leerling, open tot /);

    // The QR code and link are already shown; the PIN survives a change of language.
    expect(await fresh.getByRole('button', { name: 'Toon QR-code en link' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Kopieer link' }).click();
    await announced(page, 'Link gekopieerd.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await page.locator('#lang').selectOption('en');
    const panelEn = cardOf(page, 'Hanna Herhaal').getByRole('region', {
      name: 'New offer for Hanna Herhaal',
    });
    expect(await panelEn.locator('.pin').textContent()).toBe(txCode);
    await page.locator('#lang').selectOption('nl');
    // The panel fits a phone screen.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1100, height: 900 });
    expect((await fetch(offerUrl(issued.credential.offer.uri))).status).toBe(410);

    // Offered once more before the learner used it (say the PIN got lost): a PIN is asked for
    // again by default, and the link just made stops working at once.
    await fresh.getByRole('button', { name: 'Opnieuw aanbieden', exact: true }).click();
    expect(await fresh.getByLabel(/^Beveilig het nieuwe aanbod met een pincode/).isChecked()).toBe(true);
    await fresh.getByRole('button', { name: 'Ja, opnieuw aanbieden' }).click();
    await page.waitForFunction(
      (old) => document.querySelector<HTMLInputElement>('.new-offer input.link')?.value !== old,
      link,
    );
    const lastLink = await panel.getByLabel('Link voor de wallet').inputValue();
    const lastTxCode = (await panel.locator('.pin').textContent()) ?? '';
    expect(lastTxCode).toMatch(/^\d{6}$/);
    expect((await fetch(offerUrl(link))).status).toBe(410);

    // The last link works with its PIN, for the learner's new key.
    const newKey = newHolder();
    const redeemed = await collect(lastLink, newKey, [LDP], lastTxCode);
    expect(redeemed.body.credentials[0].credential.credentialSubject.id).toBe(newKey.did);
    expect(redeemed.body.credentials[0].credential.id).toBe(issued.credential.id);
    await notify(redeemed.accessToken, redeemed.notificationIds[0]!, 'credential_accepted');

    // Back in the list: collected and saved; the panel is gone with the offer it showed.
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const after = cardOf(page, 'Hanna Herhaal');
    await after.getByText('Aanbod: opgehaald door de leerling en bewaard in de wallet').waitFor();
    expect(await after.getByRole('region').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('offers an expired offer again without a PIN; a revoked credential cannot be offered again', async () => {
    const issued = await issue('Ilse Verlopen');
    const revoked = await issue('Jan Ingetrokken');
    const { page, errors } = await openList('en-GB');
    await cardOf(page, 'Ilse Verlopen')
      .getByText(/^Offer: waiting for the learner/)
      .waitFor();
    expect(await cardOf(page, 'Ilse Verlopen').getByRole('button', { name: 'Offer again' }).count()).toBe(0);

    // Two hours later the hour-long offers have expired.
    skew = 2 * HOUR;
    await page.getByRole('button', { name: 'Search' }).click();
    const card = cardOf(page, 'Ilse Verlopen');
    await card.getByText(/^Offer: expired on .+, not collected$/).waitFor();
    await card.getByText('Offer it again: the learner gets a new link.').waitFor();
    expect(await card.getByRole('button', { name: 'Show QR code and link' }).count()).toBe(0);

    // Meanwhile another assessor revokes Jan's credential: the page says so in plain words.
    const jan = cardOf(page, 'Jan Ingetrokken');
    await jan.getByRole('button', { name: 'Offer again' }).click();
    await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(revoked.credential.id)}/revoke`, {
      token: org.apiKey,
      body: { reason: 'withdrawn' },
    });
    await jan.getByRole('button', { name: 'Yes, offer again' }).click();
    await jan
      .getByRole('alert')
      .getByText('This credential has been revoked and can no longer be offered.')
      .waitFor();
    await page.getByRole('button', { name: 'Search' }).click();
    await cardOf(page, 'Jan Ingetrokken').getByText('Revoked', { exact: true }).waitFor();
    expect(await cardOf(page, 'Jan Ingetrokken').getByRole('button').count()).toBe(0);

    await card.getByRole('button', { name: 'Offer again' }).click();
    await card.getByRole('button', { name: 'Yes, offer again' }).click();
    const panel = cardOf(page, 'Ilse Verlopen').getByRole('region', { name: 'New offer for Ilse Verlopen' });
    await panel.waitFor();
    await announced(page, 'New offer for Ilse Verlopen made. The old link no longer works.');
    expect(await panel.locator('.pin').count()).toBe(0);
    const link = await panel.getByLabel('Link for the wallet').inputValue();
    expect((await fetch(offerUrl(issued.credential.offer.uri))).status).toBe(410);
    await collect(link, newHolder(), [JWT]);

    // "Done" closes the panel and gives the focus to the card.
    await panel.getByRole('button', { name: 'Done' }).click();
    expect(await cardOf(page, 'Ilse Verlopen').getByRole('region').count()).toBe(0);
    expect(await focusedText(page)).toBe('Ilse Verlopen');
    await page.getByRole('button', { name: 'Search' }).click();
    await cardOf(page, 'Ilse Verlopen')
      .getByText('Offer: collected by the learner', { exact: true })
      .waitFor();
    // The refused offer is the one console error: Chromium's note of the 409.
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 409/.test(e))).toHaveLength(1);
  }, 120_000);
});
