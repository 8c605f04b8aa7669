import {
  describeWithScratchMount,
  digestOfDir,
  mountScratch,
  type ScratchMount,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  ADMIN_TOKEN,
  KMS_SECRET,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { workplaceRequest } from './test-support/requests.js';
import { newHolder, redeemOffer, requestCredential } from './test-support/wallet.js';

// Issue 8, faults: the issuer's data directory on a real tmpfs of a few MiB that fills up (ENOSPC)
// and is then remounted read-only (EROFS) — the faults as production meets them. While the disk is
// full every write answers a clean 503 ERR_STORAGE_UNAVAILABLE and reads keep working; once space
// is back the same process issues again, retries with the same Idempotency-Key complete and a
// cohort accepted during the fault finishes with every row exactly once; the
// database passes SQLite's integrity check and holds exactly what was acknowledged. On a read-only
// file system the issuer refuses to start with one clear line and leaves the files untouched.
const describeWithMount = describeWithScratchMount();

const RUNNING_ROWS = 2500;
const LATE_ROWS = 20;
const serverJs = join(import.meta.dirname, '../dist/server.js');

function issueBody(key: string) {
  return { ...workplaceRequest(), learner: { name: `Learner ${key}` } };
}

function sqliteAll<T>(file: string, sql: string): Promise<T[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Promise.resolve(db.prepare(sql).all() as T[]);
  } finally {
    db.close();
  }
}

describeWithMount('[faults] the issuer on a disk that fills up and turns read-only', () => {
  let mount: ScratchMount;
  let issuer: RunningIssuer | undefined;
  let token: string;
  let slug: string;
  const acknowledged = new Map<string, string>(); // idempotency key -> credential id
  const failed: string[] = []; // idempotency keys answered 503
  const revoked = new Set<string>();
  const cohorts = { running: '', late: '' };

  beforeAll(async () => {
    mount = mountScratch(64);
    issuer = await startIssuer({ dataDir: join(mount.dir, 'issuer') });
    const org = await provisionOrg(issuer, 'vd-logistiek', 'employer');
    token = org.apiKey;
    slug = org.slug;
  });

  afterAll(async () => {
    await issuer?.stop().catch(() => undefined);
    mount?.dispose();
  });

  const issue = (key: string) =>
    call(issuer!.url, 'POST', '/api/credentials', {
      token,
      body: issueBody(key),
      headers: { 'idempotency-key': key },
    });

  const uploadCohort = (key: string, rows: number) =>
    call(issuer!.url, 'POST', '/api/cohorts', {
      token,
      body: {
        type: 'WorkplaceLearningCredential',
        credential: workplaceRequest().credential,
        csv: ['name,email', ...Array.from({ length: rows }, (_, i) => `Cohort ${i},c${i}@example.nl`)].join(
          '\n',
        ),
      },
      headers: { 'idempotency-key': key },
    });

  /** Waits for a cohort to finish with every row valid; returns its id. */
  const finished = async (id: string, rows: number) => {
    let batch = (await call(issuer!.url, 'GET', `/api/cohorts/${id}`, { token })).body;
    for (let i = 0; i < 300 && batch.state !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      batch = (await call(issuer!.url, 'GET', `/api/cohorts/${id}`, { token })).body;
    }
    expect(batch).toMatchObject({ state: 'done', total: rows, valid: rows, invalid: 0 });
    return id;
  };

  it('answers writes with a clean 503 while the disk is full, keeps reading, and recovers without a restart', async () => {
    const url = issuer!.url;
    for (let i = 0; i < 5; i += 1) {
      const r = await issue(`before-${i}`);
      expect(r.status).toBe(201);
      acknowledged.set(`before-${i}`, r.body.credential.id as string);
    }
    // One offer the learner redeems while the disk is full; it is never revoked.
    const toRedeem = acknowledged.get('before-4')!;
    const offerLink = (await call(url, 'GET', `/api/credentials/${encodeURIComponent(toRedeem)}`, { token }))
      .body.offer.uri as string;

    // A cohort that is being processed when the disk fills up.
    const running = await uploadCohort('running', RUNNING_ROWS);
    expect(running.status).toBe(202);
    expect(mount.fill(512 * 1024)).toBeGreaterThan(0);
    // SQLite reuses its WAL file after a checkpoint, so writes may go on for a while on a full
    // disk; keep writing, concurrently and with revocations in between, until they fail.
    const statuses = new Map<number, number>();
    for (let round = 0; round < 400 && failed.length < 24; round += 1) {
      const keys = Array.from({ length: 6 }, (_, i) => `full-${round}-${i}`);
      const answers = await Promise.all(keys.map((key) => issue(key)));
      answers.forEach((r, i) => {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 201) acknowledged.set(keys[i]!, r.body.credential.id as string);
        else {
          expect(r.status).toBe(503);
          expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(r.body).toMatchObject({ status: 503, code: 'ERR_STORAGE_UNAVAILABLE' });
          expect(r.text).not.toMatch(/SQLITE|\n\s+at /);
          failed.push(keys[i]!);
        }
      });
      const toRevoke = [...acknowledged.values()]
        .filter((id) => id !== toRedeem && !revoked.has(id))
        .slice(0, 2);
      for (const id of toRevoke) {
        const r = await call(url, 'POST', `/api/credentials/${encodeURIComponent(id)}/revoke`, {
          token,
          body: { reason: 'storage fault test' },
        });
        expect([200, 503]).toContain(r.status);
        if (r.status === 200) revoked.add(id);
        else expect(r.body.code).toBe('ERR_STORAGE_UNAVAILABLE');
      }
    }
    expect(failed.length).toBeGreaterThan(0);
    expect([...statuses.keys()].every((s) => s === 201 || s === 503)).toBe(true);

    // A cohort uploaded now is refused cleanly, or accepted and paused until space is back.
    let late = await uploadCohort('late', LATE_ROWS);
    expect([202, 503]).toContain(late.status);
    const paused = (await call(url, 'GET', `/api/cohorts/${running.body.id}`, { token })).body;
    // The running cohort stopped part-way (its chunk failed as a whole) and waits for space.
    expect(paused).toMatchObject({ state: 'processing', invalid: 0 });
    expect(paused.processed).toBeLessThan(RUNNING_ROWS);

    // Reads still work on a full disk: the register, one credential, the DID document, a status list.
    const list = await call(url, 'GET', '/api/credentials?limit=5', { token });
    expect(list.status).toBe(200);
    const one = await call(
      url,
      'GET',
      `/api/credentials/${encodeURIComponent(acknowledged.get('before-1')!)}`,
      {
        token,
      },
    );
    expect(one.status).toBe(200);
    expect((await call(url, 'GET', `/orgs/${slug}/did.json`)).status).toBe(200);
    // The status list was changed by the revocations: it is re-signed and served, uncached.
    const statusList = await fetch(`${url}/status/${slug}/1`);
    expect(statusList.status).toBe(200);

    // A learner redeeming an offer meets a clean answer too: the credential, or a 503 to retry.
    const holder = newHolder();
    const redeemed = await redeemOffer(offerLink, holder);
    expect([200, 503]).toContain(redeemed.status);

    // Space comes back: the same process writes again, and retries of the refused requests with
    // their Idempotency-Keys each create exactly one credential.
    mount.free();
    const after = await issue('after-0');
    expect(after.status).toBe(201);
    acknowledged.set('after-0', after.body.credential.id as string);
    for (const key of failed) {
      const r = await issue(key);
      expect(r.status).toBe(201);
      acknowledged.set(key, r.body.credential.id as string);
      expect((await issue(key)).body.credential.id).toBe(r.body.credential.id);
    }
    if (redeemed.status === 503) {
      // Refused at the token endpoint: the code was not used up, so the whole flow runs again;
      // refused at the credential endpoint: the access token still holds, the request is repeated.
      const retried =
        redeemed.accessToken === undefined
          ? await redeemOffer(offerLink, holder)
          : await requestCredential(redeemed.offer, redeemed.metadata, redeemed.accessToken, holder);
      expect(retried.status).toBe(200);
    }
    if (late.status === 503) late = await uploadCohort('late', LATE_ROWS);
    expect([200, 202]).toContain(late.status);
    cohorts.running = await finished(running.body.id as string, RUNNING_ROWS);
    cohorts.late = await finished(late.body.id as string, LATE_ROWS);
    for (const [, id] of acknowledged) {
      const r = await call(url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, { token });
      expect(r.status).toBe(200);
      expect(r.body.status === 'revoked').toBe(revoked.has(id));
    }
    // The fault was logged, without learner data or secrets.
    const faultLines = issuer!.logs.filter((line) => line.includes('storage unavailable'));
    expect(faultLines.length).toBeGreaterThan(0);
    expect(faultLines.some((line) => line.includes('cohort paused'))).toBe(true);
    for (const line of faultLines) expect(line).not.toMatch(/Learner |Bearer|"authorization"/);
  }, 120_000);

  it('leaves a database that passes the integrity check and holds exactly what was acknowledged', async () => {
    await issuer!.stop();
    issuer = undefined;
    const file = join(mount.dir, 'issuer', 'issuer.sqlite');
    expect(await sqliteAll<{ integrity_check: string }>(file, 'PRAGMA integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
    const rows = await sqliteAll<{
      id: string;
      list_no: number;
      status_index: number;
      batch_id: string | null;
    }>(file, `SELECT id, list_no, status_index, batch_id FROM credentials WHERE org_slug = '${slug}'`);
    expect(new Set(rows.map((r) => `${r.list_no}:${r.status_index}`)).size).toBe(rows.length);
    const single = rows.filter((r) => r.batch_id === null);
    expect(new Set(single.map((r) => r.id))).toEqual(new Set(acknowledged.values()));
    expect(rows.filter((r) => r.batch_id === cohorts.running)).toHaveLength(RUNNING_ROWS);
    expect(rows.filter((r) => r.batch_id === cohorts.late)).toHaveLength(LATE_ROWS);
    expect(rows).toHaveLength(acknowledged.size + RUNNING_ROWS + LATE_ROWS);
    const keys = await sqliteAll<{ n: number }>(
      file,
      `SELECT COUNT(*) AS n FROM idempotency_keys WHERE org_slug = '${slug}' AND key NOT IN ('running', 'late')`,
    );
    expect(keys[0]!.n).toBe(acknowledged.size);
  });

  it('refuses to start on a read-only file system with one clear line, changing nothing', async () => {
    const dataDir = join(mount.dir, 'issuer');
    const before = digestOfDir(dataDir);
    mount.remountReadOnly();
    try {
      const child = spawn(process.execPath, [serverJs], {
        env: {
          ...process.env,
          ISSUER_DEMO: 'false',
          ISSUER_PORT: '3999',
          ISSUER_PUBLIC_URL: 'http://localhost:3999',
          ISSUER_DATA_DIR: dataDir,
          ISSUER_KMS_SECRET: KMS_SECRET,
          ISSUER_ADMIN_TOKEN: ADMIN_TOKEN,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(dataDir);
      expect(stderr).toMatch(/read-only/);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(digestOfDir(dataDir)).toBe(before);
    } finally {
      mount.remountWritable();
    }
    // Writable again: the same data opens, with everything still there.
    issuer = await startIssuer({ dataDir });
    const list = await call(issuer.url, 'GET', '/api/credentials?limit=1', { token });
    expect(list.status).toBe(200);
  }, 60_000);
});
