import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { isSkillsPassportError } from '@skills-passport/core';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import { loadConfig } from './config.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { workplaceRequest } from './test-support/requests.js';

// Real issuers on the machine's loopback, signing real credentials, sharing a database; the machine
// has two cores shared with the rest of the run.
jest.setTimeout(180_000);

/** Polls `check` until it holds; fails after many tries (never a timing assertion). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 1200): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never happened');
}

describe('ISSUER_COHORT_LEASE_MS', () => {
  const base = { ISSUER_KMS_SECRET: 'b'.repeat(64), ISSUER_ADMIN_TOKEN: 'x'.repeat(32) };

  it('is 30 seconds unless set, and refuses what is not a whole number of milliseconds from 300 on', () => {
    expect(loadConfig(base).cohortLeaseMs).toBe(30_000);
    expect(loadConfig({ ...base, ISSUER_COHORT_LEASE_MS: '5000' }).cohortLeaseMs).toBe(5000);
    for (const value of ['299', 'soon', '-1']) {
      let error: unknown;
      try {
        loadConfig({ ...base, ISSUER_COHORT_LEASE_MS: value });
      } catch (caught) {
        error = caught;
      }
      expect(isSkillsPassportError(error, 'ERR_CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('ISSUER_COHORT_LEASE_MS');
    }
  });
});

// Two in-process issuers on one PostgreSQL database: what one instance does, the other sees.
describeWithPostgres()('two issuer instances on one PostgreSQL database', () => {
  let cluster: RunningPostgres;
  let one: RunningIssuer;
  let two: RunningIssuer;
  let database: { url: string; poolSize: number };
  const config = { cohortLeaseMs: 3000, rateLimitPerMinute: 6 };

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    database = { url: await cluster.createDatabase(), poolSize: 4 };
    // A short lease, so a survivor takes a dead instance's cohort over within seconds; a small
    // allowance per client and minute to the OpenID4VCI endpoints.
    [one, two] = await Promise.all([startIssuer({ database, config }), startIssuer({ database, config })]);
  }, 120_000);
  afterAll(async () => {
    await two?.destroy();
    // Instance one's pool was cut in a test: closing it again may fail, which is no test's concern.
    await one?.destroy().catch(() => undefined);
    await cluster?.stop();
  });

  it('refuses on one instance an API key revoked on the other', async () => {
    const org = await provisionOrg(one, 'de-vries-zorg', 'employer');
    const listOn = (issuer: RunningIssuer) =>
      call(issuer.url, 'GET', '/api/credentials', { token: org.apiKey }).then((r) => r.status);
    expect(await listOn(two)).toBe(200);
    const revoked = await call(one.url, 'DELETE', `/admin/organisations/${org.slug}/api-keys/${org.keyId}`, {
      token: 'test-admin-token-0123456789abcdef',
    });
    expect(revoked.status).toBe(204);
    // Instance two had the key cached for 30 seconds; the notification ends that.
    await eventually(
      () => listOn(two),
      (status) => status === 401,
      200,
    );
  });

  it('lets both instances together allow a client its allowance once', async () => {
    const org = await provisionOrg(one, 'smit-techniek', 'employer');
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const response = await call((i % 2 === 0 ? one : two).url, 'POST', `/orgs/${org.slug}/nonce`);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s !== 429)).toHaveLength(6);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
  });

  it('finishes on the survivor, each row once, a cohort whose instance stopped mid-way', async () => {
    const org = await provisionOrg(one, 'bakkerij-jansen', 'employer');
    const ROWS = 1500;
    const csv = [
      'name,email',
      ...Array.from({ length: ROWS }, (_, i) => `Learner ${i},l${i}@example.nl`),
    ].join('\n');
    const started = await call(one.url, 'POST', '/api/cohorts', {
      token: org.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    const progressOn = (issuer: RunningIssuer) =>
      call(issuer.url, 'GET', `/api/cohorts/${started.body.id}`, { token: org.apiKey }).then((r) => r.body);

    // Instance one (which leased the cohort as it accepted it) has written a chunk, as the other
    // sees; then its database connections are cut, as when its machine goes away: it renews nothing
    // more.
    const before = await eventually(
      () => progressOn(two),
      (batch) => batch.processed >= 100,
    );
    expect(before.state).toBe('processing');
    await one.runtime.pg!.close();

    // Instance two's sweep takes the cohort over once the lease has run out, and finishes it.
    const after = await eventually(
      () => progressOn(two),
      (batch) => batch.state === 'done',
    );
    expect(after).toMatchObject({ state: 'done', total: ROWS, valid: ROWS, invalid: 0 });
    const rows = await two.runtime.pg!.all<{ learner_name: string; n: number }>(
      'SELECT learner_name, COUNT(*)::int AS n FROM credentials WHERE batch_id = $1 GROUP BY learner_name',
      [started.body.id],
    );
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(two.logs.some((line) => line.includes('continuing a cohort no instance holds'))).toBe(true);
  });

  it('hands a cohort over when its instance stops: the chunk in hand is finished, the rest done by the other', async () => {
    const third = await startIssuer({ database, config });
    const org = await provisionOrg(third, 'visser-bouw', 'employer');
    const ROWS = 1500;
    const csv = [
      'name,email',
      ...Array.from({ length: ROWS }, (_, i) => `Bouwer ${i},b${i}@example.nl`),
    ].join('\n');
    const started = await call(third.url, 'POST', '/api/cohorts', {
      token: org.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    const progressOn = (issuer: RunningIssuer) =>
      call(issuer.url, 'GET', `/api/cohorts/${started.body.id}`, { token: org.apiKey }).then((r) => r.body);
    const before = await eventually(
      () => progressOn(two),
      (batch) => batch.processed >= 100,
    );
    expect(before.state).toBe('processing');
    // Stopping waits for the chunk being written and gives the lease up; nothing fails meanwhile.
    await third.destroy();
    expect(third.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
    const after = await eventually(
      () => progressOn(two),
      (batch) => batch.state === 'done',
    );
    expect(after).toMatchObject({ state: 'done', total: ROWS, valid: ROWS, invalid: 0 });
    const counts = await two.runtime.pg!.get<{ rows: number; learners: number }>(
      'SELECT COUNT(*)::int AS rows, COUNT(DISTINCT learner_name)::int AS learners FROM credentials WHERE batch_id = $1',
      [started.body.id],
    );
    expect(counts).toEqual({ rows: ROWS, learners: ROWS });
  });
});
