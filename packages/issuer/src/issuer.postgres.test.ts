// Two issuer instances on one PostgreSQL database (DATABASE_URL), in-process over HTTP behind one
// public URL, as behind a load balancer: what one makes, the other serves — an organisation's DID
// document, an offer redeemed by a wallet, a revocation in the status list. Private keys stay
// encrypted at rest in Veramo's table. A database that goes away answers 503 with a problem code,
// from our tables and from Veramo's alike, and is used again once it is back, without a restart.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { SecretBox } from '@veramo/kms-local';
import { describeOnCluster, startFront, type Front } from '@skills-passport/service-kit/testing';
import {
  ADMIN_TOKEN,
  call,
  KMS_SECRET,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { outboxDir } from './mail/create-mailer.js';
import { evcRequest } from './test-support/requests.js';
import { newHolder, redeemOffer, statusBit } from './test-support/wallet.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

const JWT = 'EVCCredential_jwt_vc_json';

describeOnCluster('issuer instances on one PostgreSQL database (DATABASE_URL)', (postgres) => {
  let front: Front;
  let one: RunningIssuer;
  let two: RunningIssuer;
  /** The instance the front sends the next request to. */
  let serving: RunningIssuer;

  beforeAll(async () => {
    const database = { url: postgres.url, poolSize: 4 };
    front = await startFront(() => serving.url);
    const config = { publicUrl: new URL(front.url) };
    // Both start at once on the empty database, as two instances behind a balancer do: each
    // migrates the issuer's tables and Veramo's, one after the other.
    [one, two] = await Promise.all([startIssuer({ database, config }), startIssuer({ database, config })]);
    serving = one;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.destroy(), two?.destroy()]);
    await front?.close();
  });

  it('serves an organisation made on one instance from the other: the same DID document', async () => {
    const org = await provisionOrg(one, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    const fromOne = await call(one.url, 'GET', '/orgs/evc-zorg/did.json');
    const fromTwo = await call(two.url, 'GET', '/orgs/evc-zorg/did.json');
    expect(fromTwo.status).toBe(200);
    expect(fromTwo.body).toEqual(fromOne.body);
    expect(fromTwo.body.id).toBe(org.did);
    // The API key made on one authenticates on the other.
    expect((await call(two.url, 'GET', '/api/credentials', { token: org.apiKey })).status).toBe(200);
  });

  // Found by the bench: the credential endpoint read the signing key outside its transaction's
  // connection, so as many redemptions at once as the pool had connections each held one and
  // waited for another, and all failed 503.
  it('redeems three times more credentials at once than the pool has connections', async () => {
    const org = await provisionOrg(one, 'drukte', 'evc-provider');
    serving = one;
    const offers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const created = await call(one.url, 'POST', '/api/credentials', {
          token: org.apiKey,
          body: evcRequest(),
        });
        expect(created.status).toBe(201);
        return created.body.credential.offer.uri as string;
      }),
    );
    const redeemed = await Promise.all(
      offers.map((uri, i) =>
        redeemOffer(uri, newHolder(), { configurationId: i % 2 === 0 ? JWT : 'EVCCredential_dc+sd-jwt' }),
      ),
    );
    expect(redeemed.map((r) => r.status)).toEqual(offers.map(() => 200));
  }, 60_000);

  it('redeems on one instance what the other offered, and shows its revocation in the status list either serves', async () => {
    const org = await provisionOrg(two, 'opleidingen', 'evc-provider');
    const created = await call(one.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    expect(created.status).toBe(201);
    serving = two;
    const redeemed = await redeemOffer(created.body.credential.offer.uri, newHolder(), {
      configurationId: JWT,
    });
    expect(redeemed.status).toBe(200);
    const id = created.body.credential.id as string;
    const view = await call(one.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, {
      token: org.apiKey,
    });
    expect(view.body).toMatchObject({ status: 'issued', offer: { state: 'redeemed' } });

    const jwt = redeemed.body.credentials[0].credential as string;
    const status = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).vc.credentialStatus;
    const listPath = new URL(status.statusListCredential as string).pathname;
    const index = Number(status.statusListIndex);
    const bitOn = async (instance: RunningIssuer) =>
      statusBit((await call(instance.url, 'GET', listPath)).text, index);
    expect(await bitOn(one)).toBe(false);
    const revoked = await call(two.url, 'POST', `/api/credentials/${encodeURIComponent(id)}/revoke`, {
      token: org.apiKey,
      body: { reason: 'Issued to the wrong learner' },
    });
    expect(revoked.status).toBe(200);
    expect(await bitOn(one)).toBe(true);
    expect(await bitOn(two)).toBe(true);
  });

  it('keeps private keys encrypted at rest in Veramo\u2019s table', async () => {
    const pg = one.runtime.pg!;
    const rows = await pg.all<{ alias: string; type: string; privateKeyHex: string }>(
      'SELECT alias, type, "privateKeyHex" FROM "private-key"',
    );
    // Two organisations so far, an Ed25519 and a P-256 key each (at least).
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const box = new SecretBox(KMS_SECRET);
    for (const row of rows) {
      const plain = await box.decrypt(row.privateKeyHex);
      expect(plain).toMatch(/^[0-9a-f]{64,}$/);
      expect(row.privateKeyHex).not.toContain(plain);
    }
    // The instance has no SQLite database to inspect: asking for one says so.
    expect(() => one.runtime.db).toThrow(TypeError);
  });

  it('sends each offer e-mail left pending once, when two instances resume the mails together', async () => {
    const org = await provisionOrg(one, 'mailorg', 'evc-provider');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const learner = { name: `Learner ${i}`, email: `learner${i}@example.nl` };
      const created = await call(one.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: { ...evcRequest(), learner },
      });
      expect(created.status).toBe(201);
      ids.push(created.body.credential.id as string);
    }
    const pg = one.runtime.pg!;
    const mailsOf = (state: string) =>
      pg.get<{ n: number }>(
        `SELECT count(*)::int AS n FROM offers WHERE credential_id = ANY($1::text[]) AND mail_state = $2`,
        [`{${ids.join(',')}}`, state],
      );
    // As a process that stopped before sending leaves them: pending, for whoever starts next.
    await until(async () => (await mailsOf('pending'))!.n === 0, 'the first sends');
    await pg.run(`UPDATE offers SET mail_state = 'pending' WHERE credential_id = ANY($1::text[])`, [
      `{${ids.join(',')}}`,
    ]);
    const database = one.runtime.deps.config.database!;
    const config = { publicUrl: new URL(front.url) };
    const resumed = await Promise.all([startIssuer({ database, config }), startIssuer({ database, config })]);
    try {
      await until(async () => (await mailsOf('sent'))!.n === ids.length, 'the resumed sends');
      const sentBy = resumed.map((issuer) => {
        const dir = outboxDir(issuer.runtime.deps.config);
        return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')).length : 0;
      });
      expect(sentBy[0]! + sentBy[1]!).toBe(ids.length);
    } finally {
      await Promise.all(resumed.map((issuer) => issuer.destroy()));
    }
  });

  it('[faults] answers 503 ERR_STORAGE_UNAVAILABLE while PostgreSQL is down, from Veramo\u2019s store too, and serves again once it is back', async () => {
    const org = await provisionOrg(one, 'leerwerkloket', 'learn-work-desk');
    const list = () => call(two.url, 'GET', '/api/credentials', { token: org.apiKey });
    expect((await list()).status).toBe(200);
    await postgres.cluster.halt();
    try {
      const down = await list();
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(down.body).toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
      const creating = await call(one.url, 'POST', '/admin/organisations', {
        token: ADMIN_TOKEN,
        body: { slug: 'nieuw', name: 'Nieuw', kind: 'employer' },
      });
      expect(creating.status).toBe(503);
      // Veramo's own tables, behind the organisation keys port: the same code, not an unknown error.
      await expect(two.runtime.deps.orgKeys.keys(org.did)).rejects.toMatchObject({
        code: 'ERR_STORAGE_UNAVAILABLE',
      });
    } finally {
      await postgres.cluster.resume();
    }
    expect((await list()).status).toBe(200);
    // Both pools, ours and Veramo's, connect again: a new organisation gets its keys and is served.
    const again = await provisionOrg(two, 'na-herstart', 'employer');
    expect((await call(one.url, 'GET', '/orgs/na-herstart/did.json')).body.id).toBe(again.did);
    expect(await two.runtime.deps.orgKeys.keys(org.did)).toHaveLength(2);
  }, 60_000);
});

/** Polls `check` until it holds; fails after 20 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
