// Two issuer processes (dist/server.js) on one PostgreSQL database behind one public URL; one is
// killed with SIGKILL in the middle of concurrent issuance, of concurrent revocation, and of a
// cohort upload. The survivor holds everything acknowledged: every credential a 201 answered is
// there and served, nothing is issued twice, status indexes stay unique, every acknowledged
// revocation shows in the status list it serves, and it finishes the dead one's cohort with every
// row exactly once. The killed instance is started again after each case, as an orchestrator would.
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import { call, provisionOrg, statusBit, workplaceRequest } from '@skills-passport/issuer/testing';
import {
  credentialsPerLearner,
  inParallel,
  issueBody,
  issueOn,
  queryDatabase,
  startIssuers,
  statusSlots,
  waitFor,
  type Deployment,
  type Instance,
} from '../support/multi-instance.js';

// Real processes and a real PostgreSQL server sharing two cores with the rest of the run.
jest.setTimeout(300_000);

const WORKERS = 12;
const COHORT_ROWS = 3000;
// A dead instance's claim on a cohort runs out after this long; the survivor then takes it over.
const COHORT_LEASE_MS = 3000;

describeWithPostgres()('[faults] SIGKILL one of two issuer instances on one PostgreSQL database', () => {
  let cluster: RunningPostgres;
  let databaseUrl: string;
  let issuers: Deployment;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    databaseUrl = await cluster.createDatabase();
    issuers = await startIssuers({
      count: 2,
      databaseUrl,
      poolSize: 8,
      env: { ISSUER_COHORT_LEASE_MS: String(COHORT_LEASE_MS) },
    });
  }, 240_000);

  afterAll(async () => {
    await issuers?.close();
    await cluster?.stop();
  });

  /** The instance to kill and the survivor; the victim is started again once the case is done. */
  let victim: Instance;
  let survivor: Instance;
  const pick = () => {
    [victim, survivor] = issuers.instances as [Instance, Instance];
    expect(victim.alive() && survivor.alive()).toBe(true);
  };
  // Started again after each case, whatever became of it, so the next case has two instances.
  afterEach(async () => {
    if (victim !== undefined && !victim.alive()) await issuers.revive(victim);
  }, 120_000);

  /** Where request `n` of a worker goes: each instance in turn while both live, then the survivor. */
  const target = (n: number) => (n % 2 === 0 && victim.alive() ? victim : survivor);

  it('[faults] keeps every acknowledged issuance and repeats none when one instance dies mid-issuance', async () => {
    pick();
    const org = await provisionOrg({ url: issuers.publicUrl }, 'kill-issuance', 'employer');
    const acknowledged = new Map<string, string>(); // idempotency key -> credential id
    const sent: string[] = [];
    const other: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const key = `issue-${w}-${i}`;
        sent.push(key);
        try {
          const r = await issueOn(target(w + i), org.apiKey, key, true);
          if (r.status === 201) acknowledged.set(key, r.body.credential.id as string);
          else other.push(`${key}: ${r.status} ${r.text.slice(0, 200)}`);
        } catch {
          // Cut off by the kill: it may or may not have been stored.
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    try {
      await waitFor('issuances before the kill', () => acknowledged.size >= 60);
      await victim.kill();
      const atKill = acknowledged.size;
      await waitFor('issuances on the survivor', () => acknowledged.size >= atKill + 40);
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    // The survivor answered everything it was sent (the dead one's cut-off requests threw).
    expect(other).toEqual([]);

    // Every acknowledged credential is there, served by the survivor.
    for (const [key, id] of acknowledged) {
      const r = await call(survivor.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, {
        token: org.apiKey,
      });
      expect([key, r.status]).toEqual([key, 200]);
    }
    // Sent again with its Idempotency-Key, every request makes nothing new: the acknowledged ones
    // answer their credential, the cut-off ones their credential if it was stored, else a new one.
    for (const key of sent) {
      const r = await call(survivor.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: issueBody(key),
        headers: { 'idempotency-key': key },
      });
      if (acknowledged.has(key))
        expect(r).toMatchObject({ status: 200, body: { credential: { id: acknowledged.get(key) } } });
      else expect([key, [200, 201].includes(r.status)]).toEqual([key, true]);
    }
    // Straight from the database: one credential per request, each with its own status index.
    const perLearner = await credentialsPerLearner(databaseUrl, org.slug);
    expect(sent.filter((key) => perLearner.get(`Learner ${key}`) !== 1)).toEqual([]);
    expect(perLearner.size).toBe(sent.length);
    const slots = await statusSlots(databaseUrl, org.slug);
    expect(new Set([...slots.values()].map((s) => `${s.listNo}:${s.index}`)).size).toBe(slots.size);
  });

  it('[faults] shows every acknowledged revocation in the status list the survivor serves, when one instance dies mid-revocation', async () => {
    pick();
    const org = await provisionOrg({ url: issuers.publicUrl }, 'kill-revocation', 'employer');
    const issued = await inParallel(240, 24, (i) =>
      issueOn(i % 2 === 0 ? victim : survivor, org.apiKey, `rev-${i}`),
    );
    expect(issued.filter((r) => r.status !== 201)).toEqual([]);
    const ids = issued.map((r) => r.body.credential.id as string);

    const acknowledged = new Set<string>();
    const cutOff = new Set<string>();
    const other: string[] = [];
    let next = 0;
    const revoke = async (id: string, on: Instance) =>
      call(on.url, 'POST', `/api/credentials/${encodeURIComponent(id)}/revoke`, {
        token: org.apiKey,
        body: { reason: 'fault test' },
      });
    const worker = async () => {
      for (let n = next++; n < ids.length; n = next++) {
        const id = ids[n]!;
        try {
          const r = await revoke(id, target(n));
          if (r.status === 200) acknowledged.add(id);
          else other.push(`${id}: ${r.status} ${r.text.slice(0, 200)}`);
        } catch {
          cutOff.add(id);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, () => worker());
    await waitFor('revocations before the kill', () => acknowledged.size >= 40);
    await victim.kill();
    await Promise.all(workers);
    expect(other).toEqual([]);
    expect(acknowledged.size + cutOff.size).toBe(ids.length);

    // The survivor's status list: every acknowledged revocation's bit is set; a credential nobody
    // revoked has none (all were sent, so only the cut-off ones may be either).
    const slots = await statusSlots(databaseUrl, org.slug);
    const lists = new Map<number, string>();
    const readLists = async () => {
      for (const listNo of new Set([...slots.values()].map((s) => s.listNo))) {
        const response = await fetch(`${survivor.url}/status/${org.slug}/${listNo}`);
        expect(response.status).toBe(200);
        lists.set(listNo, await response.text());
      }
    };
    await readLists();
    const bit = (id: string) => {
      const slot = slots.get(id)!;
      return statusBit(lists.get(slot.listNo)!, slot.index);
    };
    expect([...acknowledged].filter((id) => !bit(id))).toEqual([]);
    for (const id of acknowledged) {
      const r = await call(survivor.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, {
        token: org.apiKey,
      });
      expect([id, r.body.status]).toEqual([id, 'revoked']);
    }
    // A revocation cut off is either done or not; sent again to the survivor, it is done once.
    for (const id of cutOff) {
      const wasRevoked = bit(id);
      const r = await revoke(id, survivor);
      if (wasRevoked) expect(r.body).toMatchObject({ code: 'ERR_INVALID_STATE' });
      else expect(r.status).toBe(200);
    }
    await readLists();
    expect(ids.filter((id) => !bit(id))).toEqual([]);
  });

  it('[faults] finishes the cohort a dead instance was processing, with every row exactly once', async () => {
    pick();
    const org = await provisionOrg({ url: issuers.publicUrl }, 'kill-cohort', 'employer');
    const csv = [
      'name,email',
      ...Array.from({ length: COHORT_ROWS }, (_, i) => `Cohort ${i},cohort${i}@example.nl`),
    ].join('\n');
    const upload = await call(victim.url, 'POST', '/api/cohorts', {
      token: org.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(upload.status).toBe(202);
    const id = upload.body.id as string;
    const progress = async () =>
      (await call(survivor.url, 'GET', `/api/cohorts/${id}`, { token: org.apiKey })).body;
    // The victim has begun: some rows are done, the cohort is not.
    await waitFor('the cohort to be under way', async () => (await progress()).processed > 0);
    await victim.kill();
    const atKill = await progress();
    expect(atKill.state).not.toBe('done');

    // The survivor takes the cohort over once the dead one's claim runs out, and finishes it.
    await waitFor(
      'the survivor to finish the cohort',
      async () => (await progress()).state === 'done',
      180_000,
    );
    expect(await progress()).toMatchObject({
      state: 'done',
      total: COHORT_ROWS,
      valid: COHORT_ROWS,
      invalid: 0,
    });
    const rows = await queryDatabase<{ learner_name: string; n: number }>(
      databaseUrl,
      'SELECT learner_name, COUNT(*)::int AS n FROM credentials WHERE batch_id = $1 GROUP BY learner_name',
      [id],
    );
    expect(rows).toHaveLength(COHORT_ROWS);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    const slots = await statusSlots(databaseUrl, org.slug);
    expect(new Set([...slots.values()].map((s) => `${s.listNo}:${s.index}`)).size).toBe(slots.size);
  });
});
