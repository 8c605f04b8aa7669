import { freePort, launchChromium, tagged } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { requestFromExample } from '../test-support/requests.js';

// The offer e-mail as the assessor sees it (issue 15, item 1): per credential, sent / opened /
// failed with "Send the e-mail again"; the Outbox view when no mail server is set up; and the
// claim page itself in real Chromium, down to a 360 px phone, with no sideways scrolling.

/** Polls `read` until it returns `expected`; fails after 10 s with the last value. */
async function eventually<T>(read: () => Promise<T> | T, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe('assessor page: the offer e-mail and the outbox; the claim page in Chromium', () => {
  let browser: Browser;
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startIssuer(), launchChromium()]);
    org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await issuer?.destroy();
  });

  async function issue(on: RunningIssuer, apiKey: string, name: string, email: string) {
    const created = await call(on.url, 'POST', '/api/credentials', {
      token: apiKey,
      body: {
        ...requestFromExample('evc-credential/zorghulp-ok.json', { name, email }),
        offer: { txCode: true },
      },
    });
    expect(created.status).toBe(201);
    return created.body as { credential: { id: string; title: string; offer: { claimUrl: string } } };
  }

  async function signIn(on: RunningIssuer, apiKey: string, width = 1100): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${on.url}/assessor/`);
    await page.locator('#api-key').fill(apiKey);
    await page.locator('#signin-form button[type=submit]').click();
    await page.locator('#workspace').waitFor();
    return page;
  }

  const cardOf = (page: Page, name: string): Locator =>
    page.locator('#credential-list .card', { has: page.getByRole('heading', { name, exact: true }) });

  async function showList(page: Page): Promise<void> {
    await page.locator('#tabs button[data-view=list]').click();
    await page.locator('#credential-list .card').first().waitFor();
  }

  it('shows the mail sent, lists it in the outbox, and shows the claim page opened once the learner opened it', async () => {
    const issued = await issue(issuer, org.apiKey, 'Lotte Mail', 'lotte@example.nl');
    await eventually(async () => {
      const view = await call(
        issuer.url,
        'GET',
        `/api/credentials/${encodeURIComponent(issued.credential.id)}`,
        {
          token: org.apiKey,
        },
      );
      return view.body.offer.handover as string;
    }, 'sent');
    const page = await signIn(issuer, org.apiKey);
    await showList(page);
    await expect(cardOf(page, 'Lotte Mail').locator('.mail').textContent()).resolves.toMatch(
      /^E-mail to the learner: sent on .+, not opened yet$/,
    );

    await page.getByRole('button', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox: e-mails to learners' }).waitFor();
    const mail = page.locator('#outbox-list .card', { hasText: issued.credential.title });
    await mail.getByText(/^To lotte@example\.nl, /).waitFor();
    await page.getByText('No mail server is set up.', { exact: false }).waitFor();
    const [claim] = await Promise.all([
      page.context().waitForEvent('page'),
      mail.getByRole('link', { name: 'Open the claim page (as the learner would)' }).click(),
    ]);
    await claim.getByRole('heading', { name: 'Collect your credential' }).waitFor();
    expect(claim.url()).toBe(issued.credential.offer.claimUrl);
    await claim.close();

    await showList(page);
    await expect(cardOf(page, 'Lotte Mail').locator('.mail').textContent()).resolves.toMatch(
      /^E-mail to the learner: the claim page was opened on /,
    );
    // In Dutch as well.
    await page.locator('#lang').selectOption('nl');
    await expect(cardOf(page, 'Lotte Mail').locator('.mail').textContent()).resolves.toMatch(
      /^E-mail aan de leerling: de ophaalpagina is geopend op /,
    );
    await page.context().close();
  });

  it('shows the claim page on a 360 px phone with nothing wider than the screen, in Dutch and English', async () => {
    const issued = await issue(issuer, org.apiKey, 'Pim Telefoon', 'pim@example.nl');
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(issued.credential.offer.claimUrl);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Je bewijs ophalen' }).waitFor();
    await page.getByRole('img', { name: 'QR-code van het aanbod' }).waitFor();
    await page.getByText('pincode van 6 cijfers', { exact: false }).waitFor();
    // The stylesheet loaded under the page's own policy: the QR code fits the column.
    const qrWidth = await page.locator('.qr svg').evaluate((svg) => svg.getBoundingClientRect().width);
    expect(qrWidth).toBeGreaterThan(100);
    expect(qrWidth).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Collect your credential' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the tabs and the outbox on a 360 px phone', async () => {
    const page = await signIn(issuer, org.apiKey, 360);
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    await expect(width()).resolves.toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Outbox' }).click();
    await page.locator('#outbox-list .card').first().waitFor();
    await expect(width()).resolves.toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it(
    tagged(
      'faults',
      'shows a mail the server could not take as failed, and sends it again once the server is back',
    ),
    async () => {
      const port = await freePort();
      const other = await startIssuer({ config: { smtpUrl: new URL(`smtp://127.0.0.1:${port}`) } });
      const received: string[] = [];
      const smtp = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, done) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            received.push(Buffer.concat(chunks).toString('utf8'));
            done();
          });
        },
      });
      try {
        const staff = await provisionOrg(other, 'evc-down', 'evc-provider');
        const issued = await issue(other, staff.apiKey, 'Noor Geenpost', 'noor@example.nl');
        await eventually(async () => {
          const view = await call(
            other.url,
            'GET',
            `/api/credentials/${encodeURIComponent(issued.credential.id)}`,
            {
              token: staff.apiKey,
            },
          );
          return view.body.offer.handover as string;
        }, 'failed');
        const page = await signIn(other, staff.apiKey);
        await showList(page);
        const card = cardOf(page, 'Noor Geenpost');
        await expect(card.locator('.mail p').first().textContent()).resolves.toBe(
          'E-mail to the learner: not sent — the mail server could not be reached.',
        );
        // With a mail server, the outbox says it keeps nothing.
        await page.getByRole('button', { name: 'Outbox' }).click();
        await page.getByText('E-mails go to the mail server; nothing is kept here.').waitFor();

        await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
        await showList(page);
        await cardOf(page, 'Noor Geenpost').getByRole('button', { name: 'Send the e-mail again' }).click();
        await page.waitForFunction(
          () =>
            document.getElementById('announce')?.textContent ===
            'The e-mail to Noor Geenpost is being sent again.',
        );
        await eventually(() => received.length, 1);
        expect(received[0]).toContain('noor@example.nl');
        // The server took it; the issuer records so a moment later.
        await eventually(async () => {
          const view = await call(
            other.url,
            'GET',
            `/api/credentials/${encodeURIComponent(issued.credential.id)}`,
            {
              token: staff.apiKey,
            },
          );
          return view.body.offer.handover as string;
        }, 'sent');
        await showList(page);
        await expect(cardOf(page, 'Noor Geenpost').locator('.mail').textContent()).resolves.toMatch(
          /^E-mail to the learner: sent on /,
        );
        await page.context().close();
      } finally {
        await other.destroy();
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }
    },
  );
});
