// Offers reach the learner (issue 15, item 1): the offer e-mail through a real SMTP server started
// here (smtp-server on a free loopback port, with a login), read back with mailparser; its claim
// link followed to a stored credential; the states the assessor sees; a refusing or absent mail
// server; the outbox when no SMTP server is configured; the configuration's checks.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isSkillsPassportError } from '@skills-passport/core';
import { freePort, tagged } from '@skills-passport/service-kit/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from './config.js';
import { mailFailureReason } from './domain/offer-mail.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { evcRequest, requestFromExample, workplaceRequest } from './test-support/requests.js';
import { newHolder, redeemOffer } from './test-support/wallet.js';

const LEARNER_EMAIL = 'fatima@example.nl';
const CLAIM_LINK = /https?:\/\/[^\s"<>]+\/claim\/[A-Za-z0-9_-]{43}/;

/** A real SMTP server that keeps what it receives; `refuse` makes it refuse every recipient. */
class TestSmtp {
  readonly mails: ParsedMail[] = [];
  refuse = false;
  readonly #server: SMTPServer;
  port = 0;
  readonly logins: string[] = [];

  constructor() {
    this.#server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _session, done) => {
        this.logins.push(`${auth.username}:${auth.password}`);
        if (auth.username === 'issuer' && auth.password === 'p@ss word') done(null, { user: 'issuer' });
        else done(new Error('Invalid username or password'));
      },
      onRcptTo: (_address, _session, done) => {
        if (this.refuse) done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        else done();
      },
      onData: (stream, _session, done) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            done();
          })
          .catch(done);
      },
    });
  }

  async start(): Promise<this> {
    this.port = await freePort();
    await new Promise<void>((resolve) => this.#server.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  url(): URL {
    return new URL(`smtp://issuer:p%40ss%20word@127.0.0.1:${this.port}`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Waits until `check` returns something, polling; fails after 10 s. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A credential as staff see it, once its mail is no longer on its way. */
async function settled(issuer: RunningIssuer, apiKey: string, id: string): Promise<any> {
  return until(async () => {
    const found = await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, {
      token: apiKey,
    });
    return found.body.offer?.mail?.state === 'pending' ? undefined : found.body;
  }, 'the offer mail to settle');
}

describe('the offer e-mail, over a real SMTP server', () => {
  let smtp: TestSmtp;
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    issuer = await startIssuer({
      config: {
        smtpUrl: smtp.url(),
        mailFrom: 'EVC Centrum <evc@example.org>',
        walletUrl: new URL('http://localhost:3000'),
        rateLimitPerMinute: 0,
      },
    });
    org = await provisionOrg(issuer, 'evc-mail', 'evc-provider', 'EVC Centrum Zorg');
  });
  afterAll(async () => {
    await issuer.destroy();
    await smtp.close();
  });

  const mailTo = (to: string, after: number) =>
    until(
      () => smtp.mails.slice(after).find((m) => m.to !== undefined && JSON.stringify(m.to).includes(to)),
      `a mail to ${to}`,
    );

  it('sends the offer e-mail, whose claim link leads to a credential the wallet stores; the assessor sees each step', async () => {
    const before = smtp.mails.length;
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: { ...evcRequest(), offer: { txCode: true } },
    });
    expect(created.status).toBe(201);
    const pin: string = created.body.txCode;
    expect(pin).toMatch(/^\d{6}$/);
    const mail = await mailTo(LEARNER_EMAIL, before);
    expect(smtp.logins).toContain('issuer:p@ss word');

    // What the learner reads: who offers what, the link, that the PIN comes separately; never the PIN.
    const title = created.body.credential.title as string;
    expect(mail.subject).toContain(title);
    expect(mail.from?.value).toEqual([{ name: 'EVC Centrum', address: 'evc@example.org' }]);
    expect(mail.text).toContain('EVC Centrum Zorg');
    expect(mail.text).toContain('pincode');
    expect(mail.text).toContain('PIN code');
    expect(mail.html).toEqual(expect.stringContaining('<a href="http'));
    for (const part of [mail.subject, mail.text, mail.html, mail.textAsHtml])
      expect(String(part)).not.toContain(pin);
    const link = CLAIM_LINK.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(link).toBe(created.body.credential.offer.claimUrl);
    // The claim id is not the offer id, and no part of the mail names the offer itself.
    expect(mail.text).not.toContain(created.body.credential.offer.offerUrl);

    let view = await settled(issuer, org.apiKey, created.body.credential.id);
    expect(view.offer).toMatchObject({
      handover: 'sent',
      mail: { state: 'sent', reason: null },
      openedAt: null,
    });

    // A HEAD request (what link checkers send) is not a visit.
    const head = await fetch(link!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const afterHead = await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(view.id)}`, {
      token: org.apiKey,
    });
    expect(afterHead.body.offer).toMatchObject({ handover: 'sent', openedAt: null });

    // The claim page: QR code, the web wallet's button, the PIN instructions, other wallets.
    const page = await call(issuer.url, 'GET', new URL(link!).pathname, {
      headers: { 'accept-language': 'nl' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('pincode van 6 cijfers');
    expect(page.text).not.toContain(pin);
    const offerUrl = created.body.credential.offer.offerUrl as string;
    expect(page.text).toContain(
      `href="http://localhost:3000/?credential_offer_uri=${encodeURIComponent(offerUrl)}"`,
    );
    const english = await call(issuer.url, 'GET', `${new URL(link!).pathname}?lang=en`, {
      headers: { 'accept-language': 'nl' },
    });
    expect(english.text).toContain('Open in my web wallet');
    expect(english.text).toContain('With another wallet');
    const css = await fetch(new URL('/claim/claim.css', issuer.url));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);

    view = (
      await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(view.id)}`, { token: org.apiKey })
    ).body;
    expect(view.offer.handover).toBe('opened');
    expect(Date.parse(view.offer.openedAt)).not.toBeNaN();

    // The offer link on the page, followed as a wallet does, with the PIN from the assessor.
    const offerUri = /id="offer-link" type="text" readonly value="([^"]+)"/
      .exec(page.text)![1]!
      .replace(/&amp;/g, '&');
    expect(offerUri).toBe(created.body.credential.offer.uri);
    const redeemed = await redeemOffer(offerUri, newHolder(), { txCode: pin });
    expect(redeemed.status).toBe(200);
    expect(typeof redeemed.body.credentials[0].credential).toBe('string');
    view = (
      await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(view.id)}`, { token: org.apiKey })
    ).body;
    expect(view).toMatchObject({ status: 'issued', offer: { handover: 'claimed', state: 'redeemed' } });

    // Afterwards the page says it was collected, and offers nothing.
    const gone = await call(issuer.url, 'GET', new URL(link!).pathname, {
      headers: { 'accept-language': 'en' },
    });
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('This credential has already been collected');
    expect(gone.text).not.toContain('openid-credential-offer');
  });

  it('sends one mail for an idempotent request sent twice', async () => {
    const email = 'twice@example.nl';
    const body = requestFromExample('evc-credential/zorghulp-ok.json', { name: 'Twee Keer', email });
    const headers = { 'idempotency-key': 'offer-mail-once' };
    const first = await call(issuer.url, 'POST', '/api/credentials', { token: org.apiKey, body, headers });
    const again = await call(issuer.url, 'POST', '/api/credentials', { token: org.apiKey, body, headers });
    expect([first.status, again.status]).toEqual([201, 200]);
    await settled(issuer, org.apiKey, first.body.credential.id);
    // Anything else would have gone by now: the settled mail was sent after the replay.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.mails.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);
  });

  it('mails each learner of a cohort who has an e-mail address', async () => {
    const training = await provisionOrg(issuer, 'werk-mail', 'employer');
    const csv = ['name,email', 'Anna,anna@example.nl', 'Bram,', 'Chris,chris@example.nl'].join('\n');
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: training.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    const items = await until(async () => {
      const listed = await call(issuer.url, 'GET', `/api/credentials?batch=${started.body.id}`, {
        token: training.apiKey,
      });
      const all = listed.body.items as any[];
      return all.length === 3 && all.every((c) => c.offer.mail?.state !== 'pending') ? all : undefined;
    }, 'the cohort and its mails');
    const byName = Object.fromEntries(items.map((c) => [c.learner.name, c.offer]));
    expect(byName.Anna).toMatchObject({ handover: 'sent' });
    expect(byName.Chris).toMatchObject({ handover: 'sent' });
    expect(byName.Bram).toMatchObject({ handover: 'not_sent', mail: null });
    for (const to of ['anna@example.nl', 'chris@example.nl'])
      expect(smtp.mails.filter((m) => JSON.stringify(m.to).includes(to))).toHaveLength(1);
  });

  it(
    tagged(
      'faults',
      'a mail server that refuses the recipient fails the mail, not the offer; the assessor sends it again',
    ),
    async () => {
      smtp.refuse = true;
      const email = 'refused@example.nl';
      const created = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: requestFromExample('evc-credential/zorghulp-ok.json', { name: 'Ria Geweigerd', email }),
      });
      expect(created.status).toBe(201);
      const view = await settled(issuer, org.apiKey, created.body.credential.id);
      expect(view.offer).toMatchObject({
        state: 'open',
        handover: 'failed',
        mail: { state: 'failed', reason: 'smtp_refused' },
      });
      // Logs name the reason; never the address.
      expect(
        issuer.logs.some((line) => line.includes('offer mail not sent') && line.includes('smtp_refused')),
      ).toBe(true);
      expect(issuer.logs.join('\n')).not.toContain(email);

      smtp.refuse = false;
      const before = smtp.mails.length;
      const resent = await call(
        issuer.url,
        'POST',
        `/api/credentials/${encodeURIComponent(view.id)}/offer/mail`,
        { token: org.apiKey },
      );
      expect(resent.status).toBe(202);
      expect(resent.body.offer.mail.state).toBe('pending');
      const mail = await mailTo(email, before);
      expect(CLAIM_LINK.exec(mail.text ?? '')?.[0]).toBe(view.offer.claimUrl);
      expect((await settled(issuer, org.apiKey, view.id)).offer.handover).toBe('sent');
    },
  );

  it(
    tagged(
      'request bodies',
      'refuses to mail a learner without an e-mail address, or an offer no longer open',
    ),
    async () => {
      const noMail = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: requestFromExample('evc-credential/zorghulp-ok.json', {
          name: 'Zonder Mail',
          phone: '0612345678',
        } as any),
      });
      expect(noMail.status).toBe(201);
      expect(noMail.body.credential.offer).toMatchObject({ handover: 'not_sent', mail: null });
      const refused = await call(
        issuer.url,
        'POST',
        `/api/credentials/${encodeURIComponent(noMail.body.credential.id)}/offer/mail`,
        { token: org.apiKey },
      );
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('ERR_NO_EMAIL_ADDRESS');

      const revoked = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: evcRequest(),
      });
      const id = encodeURIComponent(revoked.body.credential.id);
      await call(issuer.url, 'POST', `/api/credentials/${id}/revoke`, {
        token: org.apiKey,
        body: { reason: 'error' },
      });
      const closed = await call(issuer.url, 'POST', `/api/credentials/${id}/offer/mail`, {
        token: org.apiKey,
      });
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('ERR_INVALID_STATE');
      const other = await provisionOrg(issuer, 'other-mail', 'evc-provider');
      const foreign = await call(issuer.url, 'POST', `/api/credentials/${id}/offer/mail`, {
        token: other.apiKey,
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('ERR_NOT_FOUND');
    },
  );

  it(
    tagged(
      'replay',
      'answers an unknown claim id 404 and a withdrawn offer’s page 410; the new offer is mailed',
    ),
    async () => {
      for (const path of ['/claim/' + 'A'.repeat(43), '/claim/short', '/claim/%00%3Cscript%3E']) {
        const unknown = await call(issuer.url, 'GET', path, { headers: { 'accept-language': 'en' } });
        expect({ path, status: unknown.status }).toEqual({ path, status: 404 });
        expect(unknown.text).toContain('No offer at this address');
        expect(unknown.text).not.toMatch(/at .*\.ts|Error/);
      }
      const email = 'again@example.nl';
      const created = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: requestFromExample('evc-credential/zorghulp-ok.json', { name: 'Opnieuw', email }),
      });
      const first = await settled(issuer, org.apiKey, created.body.credential.id);
      const before = smtp.mails.length;
      const again = await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(first.id)}/offer`, {
        token: org.apiKey,
        body: {},
      });
      expect(again.status).toBe(201);
      const withdrawn = await call(issuer.url, 'GET', new URL(first.offer.claimUrl).pathname, {
        headers: { 'accept-language': 'en' },
      });
      expect(withdrawn.status).toBe(410);
      expect(withdrawn.text).toContain('This offer was withdrawn');
      const mail = await mailTo(email, before);
      const newLink = CLAIM_LINK.exec(mail.text ?? '')?.[0];
      expect(newLink).toBe(again.body.credential.offer.claimUrl);
      expect(newLink).not.toBe(first.offer.claimUrl);
      expect((await call(issuer.url, 'GET', new URL(newLink!).pathname)).status).toBe(200);
    },
  );
});

describe(tagged('faults', 'no mail server listening'), () => {
  it('records the mail failed (smtp_unreachable), keeps the offer, answers no 500', async () => {
    const port = await freePort();
    const issuer = await startIssuer({ config: { smtpUrl: new URL(`smtp://127.0.0.1:${port}`) } });
    try {
      const org = await provisionOrg(issuer, 'evc-nomail', 'evc-provider');
      const created = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: evcRequest(),
      });
      expect(created.status).toBe(201);
      const view = await settled(issuer, org.apiKey, created.body.credential.id);
      expect(view.offer).toMatchObject({
        state: 'open',
        handover: 'failed',
        mail: { state: 'failed', reason: 'smtp_unreachable' },
      });
      // The claim page works regardless: the assessor can pass the link on another way.
      expect((await call(issuer.url, 'GET', new URL(view.offer.claimUrl).pathname)).status).toBe(200);
      expect(issuer.logs.join('\n')).not.toContain(LEARNER_EMAIL);
    } finally {
      await issuer.destroy();
    }
  });
});

describe('the outbox (no SMTP server configured)', () => {
  it('writes each offer e-mail as a parseable .eml file under the data directory and lists it for its organisation only', async () => {
    const issuer = await startIssuer();
    try {
      const org = await provisionOrg(issuer, 'evc-outbox', 'evc-provider', 'EVC Outbox');
      const other = await provisionOrg(issuer, 'evc-elsewhere', 'evc-provider');
      const created = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: { ...evcRequest(), offer: { txCode: true } },
      });
      const view = await settled(issuer, org.apiKey, created.body.credential.id);
      expect(view.offer).toMatchObject({ handover: 'sent', mail: { state: 'sent' } });
      const dir = join(issuer.dataDir, 'outbox');
      const files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const mail = await simpleParser(readFileSync(join(dir, files[0]!)));
      expect(mail.to).toMatchObject({ text: LEARNER_EMAIL });
      expect(mail.from?.value).toEqual([
        { name: 'Skills Passport', address: 'no-reply@localhost.localdomain' },
      ]);
      expect(mail.subject).toContain(view.title);
      expect(mail.text).toContain(view.offer.claimUrl);
      expect(mail.html).toEqual(expect.stringContaining(view.offer.claimUrl));
      expect(mail.text).not.toContain(created.body.txCode);

      const listed = await call(issuer.url, 'GET', '/api/outbox', { token: org.apiKey });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({
        enabled: true,
        items: [{ to: LEARNER_EMAIL, subject: mail.subject, claimUrl: view.offer.claimUrl, file: files[0] }],
      });
      const elsewhere = await call(issuer.url, 'GET', '/api/outbox', { token: other.apiKey });
      expect(elsewhere.body).toEqual({ enabled: true, items: [] });
      expect((await call(issuer.url, 'GET', '/api/outbox')).status).toBe(401);
    } finally {
      await issuer.destroy();
    }
  });
});

describe('configuration of the offer e-mail', () => {
  const base = { ISSUER_KMS_SECRET: 'b'.repeat(64), ISSUER_ADMIN_TOKEN: 'x'.repeat(32) };

  it('reads an SMTP URL, a sender and the web wallet', () => {
    const config = loadConfig({
      ...base,
      ISSUER_SMTP_URL: 'smtps://mailer:s%3Acret@mail.example.org:465',
      ISSUER_MAIL_FROM: 'Skills Passport <passport@example.org>',
      ISSUER_WALLET_URL: 'https://wallet.example.org/app/',
    });
    expect(config.smtpUrl?.href).toBe('smtps://mailer:s%3Acret@mail.example.org:465');
    expect(config.mailFrom).toBe('Skills Passport <passport@example.org>');
    expect(config.walletUrl?.href).toBe('https://wallet.example.org/app/');
    const plain = loadConfig(base);
    expect([plain.smtpUrl, plain.mailFrom, plain.walletUrl]).toEqual([undefined, undefined, undefined]);
  });

  it.each([
    ['http://mail.example.org', 'ISSUER_SMTP_URL must start with smtp:// or smtps://'],
    ['smtp://user:hunter2secret@mail.example.org/inbox', 'ISSUER_SMTP_URL must have no path'],
    ['not a url hunter2secret', 'ISSUER_SMTP_URL is not a URL'],
  ])(
    tagged('request bodies', 'refuses the SMTP URL %j, listing the problem and never the password'),
    (url, problem) => {
      let error: unknown;
      try {
        loadConfig({
          ...base,
          ISSUER_SMTP_URL: url,
          ISSUER_MAIL_FROM: 'not an address',
          ISSUER_WALLET_URL: 'http://wallet.example.org',
        });
      } catch (caught) {
        error = caught;
      }
      expect(isSkillsPassportError(error, 'ERR_CONFIG_INVALID')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(problem);
      expect(message).toContain('ISSUER_MAIL_FROM must be an e-mail address');
      expect(message).toContain('ISSUER_WALLET_URL must use https');
      expect(message).not.toContain('hunter2secret');
    },
  );

  it.each([
    [{ code: 'EAUTH' }, 'smtp_auth'],
    [{ code: 'ECONNECTION' }, 'smtp_unreachable'],
    [{ code: 'ETIMEDOUT' }, 'smtp_unreachable'],
    [{ code: 'EENVELOPE', responseCode: 550 }, 'smtp_refused'],
    [{ responseCode: 452 }, 'smtp_refused'],
    [{ code: 'EOUTBOX' }, 'outbox_write'],
    [new Error('anything else'), 'send_failed'],
    [undefined, 'send_failed'],
  ])('names the failure %j as %s', (error, reason) => {
    expect(mailFailureReason(error)).toBe(reason);
  });
});
