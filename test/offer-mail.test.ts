// Offers reach the learner (issue 15, item 1), across the real services in real Chromium: the
// issuer runs on a real loopback port with its offer e-mail going through a real SMTP server
// started here (smtp-server, with a login); the wallet is built by vite and served with its
// security headers. The assessor issues an offer with a PIN; the learner reads the e-mail, opens
// its claim link, taps "Open in my web wallet", types the PIN, keeps the credential, and finds it
// in the passport; the assessor sees the offer claimed. The claim page is checked at 360 px (no
// sideways scrolling, targets big enough, no axe violation) and after collection (410). Every
// step waits for text a person sees; no fixed waits.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  call,
  evcRequest,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from '@skills-passport/issuer/testing';
import { freePort, launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { buildWallet, serveWallet, type WalletServer } from '@skills-passport/wallet-web/testing';
import { checkAtPhoneWidth, expectAccessible } from './support/accessibility.js';

jest.setTimeout(120_000);

const ORG = 'EVC Centrum Zorg Nederland';
const LEARNER = 'Fatima el Amrani';
const EMAIL = 'fatima@example.nl';
const TITLE = 'Ervaringscertificaat Helpende Zorg en Welzijn';

let issuer: RunningIssuer;
let wallet: WalletServer;
let browser: Browser;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
const contexts: BrowserContext[] = [];

/** Waits until `check` returns something; fails after 20 s naming what it waited for. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'issuer' && auth.password === 'mail-secret') done(null, { user: 'issuer' });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const [walletDir, chromium] = await Promise.all([buildWallet(), launchChromium()]);
  browser = chromium;
  wallet = await serveWallet(walletDir);
  issuer = await startIssuer({
    config: {
      rateLimitPerMinute: 0,
      smtpUrl: new URL(`smtp://issuer:mail-secret@127.0.0.1:${smtpPort}`),
      mailFrom: `${ORG} <evc@example.org>`,
      walletUrl: new URL(wallet.url),
    },
  });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await wallet?.close();
  await issuer?.destroy();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe('an offer e-mail, from the SMTP server to the learner’s passport', () => {
  it('the learner follows the e-mail’s claim link into the web wallet, types the PIN and keeps the credential; the assessor sees it claimed', async () => {
    const org = await provisionOrg(issuer, 'evc-zorg-nl', 'evc-provider', ORG);
    const request = evcRequest();
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: { ...request, learner: { name: LEARNER, email: EMAIL }, offer: { txCode: true } },
    });
    expect(created.status).toBe(201);
    const pin = created.body.txCode as string;
    const credentialId = created.body.credential.id as string;
    expect(created.body.credential.title).toBe(TITLE);

    // The e-mail, as the mail server received it: the link, no PIN.
    const mail = await until(
      () => mails.find((m) => JSON.stringify(m.to).includes(EMAIL)),
      'the offer e-mail',
    );
    expect(mail.subject).toContain(TITLE);
    expect(`${mail.text}\n${mail.html}`).not.toContain(pin);
    const claimLink = /https?:\/\/\S+\/claim\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    expect(claimLink).toBeDefined();

    // The learner opens it on a phone.
    const context = await newProfile(browser, 'en-GB');
    contexts.push(context);
    const page: Page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const watch = await watchPage(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(claimLink!);
    await page.getByRole('heading', { name: 'Collect your credential' }).waitFor();
    await page.getByText(`${ORG} offers you a digital credential: “${TITLE}”.`).waitFor();
    await page.getByRole('img', { name: 'QR code of the offer' }).waitFor();
    await page.getByText('Your wallet will ask for a 6-digit PIN code.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'With another wallet' }).waitFor();
    await expect(page.locator('#offer-link').inputValue()).resolves.toBe(created.body.credential.offer.uri);
    await expectAccessible(page, 'claim page');
    await checkAtPhoneWidth(page, 'claim page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Je bewijs ophalen' }).waitFor();
    await checkAtPhoneWidth(page, 'claim page in Dutch');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Collect your credential' }).waitFor();

    // The assessor sees the mail sent and the page opened.
    const offerOf = async () =>
      (
        await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(credentialId)}`, {
          token: org.apiKey,
        })
      ).body.offer;
    const opened = await until(async () => {
      const offer = await offerOf();
      return offer.mail.state === 'sent' ? offer : undefined;
    }, 'the mail recorded as sent');
    expect(opened.handover).toBe('opened');

    // Into the web wallet, with the PIN from the assessor.
    await page.getByRole('link', { name: 'Open in my web wallet' }).click();
    await page.locator('body[data-ready]').waitFor();
    expect(page.url().startsWith(wallet.url)).toBe(true);
    await page.getByRole('heading', { name: `${ORG} offers you` }).waitFor();
    await page.getByLabel('PIN code').fill(pin);
    await page.getByRole('button', { name: 'Accept and add to my passport' }).click();
    const review = page.getByRole('dialog', { name: 'Check the credential before you keep it' });
    const alert = page.locator('[role=alert]');
    await review.or(alert).first().waitFor();
    if ((await alert.count()) > 0)
      throw new Error(`the wallet refused the offer: ${await alert.textContent()}`);
    await expect(review.textContent()).resolves.toContain(TITLE);
    await review.getByRole('button', { name: 'Keep it in my passport' }).click();
    await page.getByText(`“${TITLE}” was added to your passport.`).waitFor();

    // In the passport at once, without a reload: a wallet opened from an offer link reads its
    // credentials when the passport is shown, not at its start.
    await page.goto(`${wallet.url}/#/passport`);
    await page.locator('.credential-card', { hasText: TITLE }).getByText('Valid', { exact: true }).waitFor();

    // The assessor sees it claimed (and the wallet's word that it kept it).
    const claimed = await until(async () => {
      const offer = await offerOf();
      return offer.handover === 'claimed' && offer.delivery === 'accepted' ? offer : undefined;
    }, 'the offer to read claimed and accepted');
    expect(claimed).toMatchObject({ state: 'redeemed', mail: { state: 'sent' } });

    // The claim link now says so, and offers nothing more.
    const again = await page.goto(claimLink!);
    expect(again?.status()).toBe(410);
    await page.getByRole('heading', { name: 'This credential has already been collected' }).waitFor();
    expect(await page.locator('#offer-link').count()).toBe(0);
    expect(watch.problems).toEqual([]);

    // Nothing the services logged names the learner, the address or the claim link.
    const logs = issuer.logs.join('\n');
    for (const secret of [LEARNER, EMAIL, new URL(claimLink!).pathname.split('/').pop()!])
      expect(logs).not.toContain(secret);
  });
});
