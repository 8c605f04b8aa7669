// Two issuer processes (dist/server.js) on one PostgreSQL database, with the same KMS secret, admin
// token and public URL, driven over real HTTP with a real holder key: 1,000 issuances spread over
// both get 1,000 distinct status indexes; one pre-authorized code sent to both token endpoints at
// the same moment gives one token; one nonce in two credential requests, one on each, gives one
// credential; PostgreSQL restarted, or down for a while, under issuance gives clean 503s (never a
// 500, never a hang), retries with the same Idempotency-Key create each credential once, and both
// serve again without a restart.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import { call, newHolder, provisionOrg, requestCredential } from '@skills-passport/issuer/testing';
import {
  asAnswer,
  credentialsPerLearner,
  exchangeCode,
  haltUnderLoad,
  inParallel,
  issueBody,
  issueOn,
  loadCall,
  metadataOn,
  readOffer,
  restartUnderLoad,
  startIssuers,
  startLoad,
  statusSlots,
  waitFor,
  type Deployment,
  type Instance,
  type LoadAnswer,
} from '../support/multi-instance.js';

// Real processes and a real PostgreSQL server sharing two cores with the rest of the run.
jest.setTimeout(300_000);

const ISSUANCES = 1000;
const ROUNDS = 15;
const REQUEST_TIMEOUT_MS = 20_000;

describeWithPostgres()('[faults] two issuer instances on one PostgreSQL database', () => {
  let cluster: RunningPostgres;
  let databaseUrl: string;
  let issuers: Deployment;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    databaseUrl = await cluster.createDatabase();
    issuers = await startIssuers({ count: 2, databaseUrl, poolSize: 8 });
    [a, b] = issuers.instances as [Instance, Instance];
  }, 240_000);

  afterAll(async () => {
    await issuers?.close();
    await cluster?.stop();
  });

  /** A fresh organisation (created through the public URL), so each case counts only its own rows. */
  const organisation = (slug: string) => provisionOrg({ url: issuers.publicUrl }, slug, 'employer');

  it(`issues ${ISSUANCES.toLocaleString('en')} credentials spread over both instances, each with its own status index`, async () => {
    const org = await organisation('bulk-logistiek');
    // All at once, every other one on each instance: the pools queue them, none is refused.
    const answers = await inParallel(ISSUANCES, ISSUANCES, (i) =>
      issueOn(i % 2 === 0 ? a : b, org.apiKey, `bulk-${i}`),
    );
    expect(answers.filter((r) => r.status !== 201).map((r) => [r.status, r.text.slice(0, 200)])).toEqual([]);
    const ids = answers.map((r) => r.body.credential.id as string);
    expect(new Set(ids).size).toBe(ISSUANCES);

    const slots = await statusSlots(databaseUrl, org.slug);
    expect([...slots.keys()].sort()).toEqual([...ids].sort());
    expect(new Set([...slots.values()].map((s) => `${s.listNo}:${s.index}`)).size).toBe(ISSUANCES);
    // Each is served by either instance.
    for (const id of ids.slice(0, 20))
      for (const v of [a, b])
        expect(
          (await call(v.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, { token: org.apiKey }))
            .status,
        ).toBe(200);
  });

  it('gives one token for one pre-authorized code sent to both token endpoints at the same moment', async () => {
    const org = await organisation('code-race');
    const holder = newHolder();
    for (let round = 0; round < ROUNDS; round += 1) {
      const issued = await issueOn(issuers.instances[round % 2]!, org.apiKey, `code-${round}`);
      expect(issued.status).toBe(201);
      const read = await readOffer(issued.body.credential.offer.uri as string);
      const order = round % 2 === 0 ? [a, b] : [b, a];
      const answers = await Promise.all(order.map((v) => exchangeCode(v, read)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(answers.find((r) => r.status === 400)!.body).toMatchObject({ error: 'invalid_grant' });
      // The one token works on either instance: the credential is handed over once.
      const token = answers.find((r) => r.status === 200)!.body.access_token as string;
      const other = order[answers.findIndex((r) => r.status === 400)]!;
      const credential = await requestCredential(read.offer, metadataOn(other, read.metadata), token, holder);
      expect(credential.status).toBe(200);
    }
  });

  it('hands over one credential for one nonce used in two credential requests, one on each instance, at once', async () => {
    const org = await organisation('nonce-race');
    const holder = newHolder();
    for (let round = 0; round < ROUNDS; round += 1) {
      // Two offers, each with its own access token; one nonce for both proofs.
      const offers = await Promise.all(
        [a, b].map(async (v, i) => {
          const issued = await issueOn(v, org.apiKey, `nonce-${round}-${i}`);
          const read = await readOffer(issued.body.credential.offer.uri as string);
          const token = await exchangeCode(v, read);
          expect(token.status).toBe(200);
          return { v, read, accessToken: token.body.access_token as string };
        }),
      );
      const nonce = await call(offers[0]!.read.metadata.nonce_endpoint as string, 'POST', '');
      expect(nonce.status).toBe(200);
      const answers = await Promise.all(
        offers.map(({ v, read, accessToken }) =>
          requestCredential(read.offer, metadataOn(v, read.metadata), accessToken, holder, {
            nonce: nonce.body.c_nonce as string,
          }),
        ),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      const refused = answers.findIndex((r) => r.status === 400);
      expect(answers[refused]!.body).toMatchObject({ error: 'invalid_nonce' });
      // Nothing of the refused request was used up: with a fresh nonce its offer is handed over.
      const { v, read, accessToken } = offers[refused]!;
      expect(
        (await requestCredential(read.offer, metadataOn(v, read.metadata), accessToken, holder)).status,
      ).toBe(200);
    }
  });

  /** Eight workers issuing in turn on each instance, each with an Idempotency-Key named after the learner. */
  const issuanceLoad = (token: string, prefix: string) =>
    startLoad(
      8,
      (worker, round) => {
        const key = `${prefix}-${worker}-${round}`;
        return loadCall(key, ((worker + round) % 2 === 0 ? a : b).url, 'POST', '/api/credentials', {
          token,
          body: issueBody(key),
          headers: { 'idempotency-key': key },
        });
      },
      REQUEST_TIMEOUT_MS,
    );

  /**
   * After the fault: every request the load sent, retried with its Idempotency-Key, has exactly one
   * credential (the one already acknowledged, or one made now); both instances issue.
   */
  const recovered = async (token: string, slug: string, answers: readonly LoadAnswer[]) => {
    await waitFor(
      'both instances to issue again',
      async () => {
        const tries = await Promise.all([a, b].map((v, i) => issueOn(v, token, `probe-${Date.now()}-${i}`)));
        return tries.every((r) => r.status === 201);
      },
      30_000,
    );
    for (const answer of answers) {
      const retried = await call(b.url, 'POST', '/api/credentials', {
        token,
        body: issueBody(answer.what),
        headers: { 'idempotency-key': answer.what },
      });
      if (answer.status === 201)
        expect(retried).toMatchObject({
          status: 200,
          body: { credential: { id: answer.body.credential.id } },
        });
      else expect([200, 201]).toContain(retried.status);
    }
    const perLearner = await credentialsPerLearner(databaseUrl, slug);
    for (const answer of answers)
      expect([answer.what, perLearner.get(`Learner ${answer.what}`)]).toEqual([answer.what, 1]);
    const slots = await statusSlots(databaseUrl, slug);
    expect(new Set([...slots.values()].map((s) => `${s.listNo}:${s.index}`)).size).toBe(slots.size);
    expect(a.alive() && b.alive()).toBe(true);
  };

  it('[faults] answers 201 or a clean 503 while PostgreSQL restarts under issuance, repeats nothing, and issues again without a restart', async () => {
    const org = await organisation('restart-load');
    const answers = await restartUnderLoad(cluster, issuanceLoad(org.apiKey, 'restart'), [201]);
    await recovered(org.apiKey, org.slug, answers);
  });

  it('[faults] answers every request a clean 503 while PostgreSQL is down, and issues again once it is back', async () => {
    const org = await organisation('halt-load');
    const holder = newHolder();
    const pending = await issueOn(a, org.apiKey, 'halt-offer');
    const read = await readOffer(pending.body.credential.offer.uri as string);
    const revoke = `/api/credentials/${encodeURIComponent(pending.body.credential.id as string)}/revoke`;
    // The register, a revocation, the token endpoint: each on each instance, each refused cleanly.
    const probes = () =>
      [a, b].flatMap((v) => [
        loadCall('register', v.url, 'GET', '/api/credentials?limit=5', { token: org.apiKey }),
        loadCall('revoke', v.url, 'POST', revoke, {
          token: org.apiKey,
          body: { reason: 'storage fault test' },
        }),
        exchangeCode(v, read).then((r) => asAnswer('token', r)),
      ]);
    const answers = await haltUnderLoad(
      cluster,
      issuanceLoad(org.apiKey, 'halt'),
      [201],
      probes,
      REQUEST_TIMEOUT_MS,
    );
    await recovered(org.apiKey, org.slug, answers);
    // The code refused while the database was down was not used up: the holder redeems it now.
    const token = await exchangeCode(b, read);
    expect(token.status).toBe(200);
    expect(
      (
        await requestCredential(
          read.offer,
          metadataOn(a, read.metadata),
          token.body.access_token as string,
          holder,
        )
      ).status,
    ).toBe(200);
  });
});
