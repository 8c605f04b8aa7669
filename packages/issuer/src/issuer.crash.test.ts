import { freePort } from '@skills-passport/service-kit/testing';
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@skills-passport/service-kit';
import { openIssuer } from './runtime.js';
import { call } from './test-support/issuer-harness.js';
import { workplaceRequest } from './test-support/requests.js';

// Issue 8, faults: the issuer process (built dist/server.js) is killed with SIGKILL three times, at
// random moments, in the middle of concurrent issuance, revocation and a cohort upload. After a restart on the same data nothing it
// acknowledged is lost, no status index is used twice, the cohort finishes with every row exactly
// once, and retries with the same Idempotency-Key create nothing new.
const serverJs = join(import.meta.dirname, '../dist/server.js');

async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      ISSUER_DEMO: 'true',
      ISSUER_PORT: String(port),
      ISSUER_PUBLIC_URL: `http://localhost:${port}`,
      ISSUER_DATA_DIR: dataDir,
      ISSUER_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`http://localhost:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('issuer did not start');
}

describe('[faults] SIGKILL during issuance, revocation and a cohort upload', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-crash-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and repeats nothing', async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    children.push(await startProcess(dataDir, port));
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      organisations: { slug: string; kind: string; apiKey: string }[];
    };
    const employer = demo.organisations.find((o) => o.kind === 'employer')!;
    const token = employer.apiKey;

    const created = new Map<string, string>(); // idempotency key -> credential id, acknowledged
    const revoked = new Set<string>(); // acknowledged revocations
    const revokeSent = new Set<string>(); // sent; those cut off by a kill may or may not have landed
    const keysSent: string[] = [];
    let stop = false;
    const csv = [
      'name,email',
      ...Array.from({ length: 2000 }, (_, i) => `Cohort ${i},c${i}@example.nl`),
    ].join('\n');
    const cohort = await call(url, 'POST', '/api/cohorts', {
      token,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(cohort.status).toBe(202);

    const worker = async (round: number, w: number) => {
      for (let i = 0; !stop; i += 1) {
        const key = `r${round}w${w}-${i}`;
        keysSent.push(key);
        try {
          const r = await call(url, 'POST', '/api/credentials', {
            token,
            body: { ...workplaceRequest(), learner: { name: `L ${key}` } },
            headers: { 'idempotency-key': key },
          });
          if (r.status === 201) {
            created.set(key, r.body.credential.id as string);
            if (i % 3 === 0) {
              revokeSent.add(r.body.credential.id as string);
              const v = await call(
                url,
                'POST',
                `/api/credentials/${encodeURIComponent(r.body.credential.id as string)}/revoke`,
                { token, body: { reason: 'fault test' } },
              );
              if (v.status === 200) revoked.add(r.body.credential.id as string);
            }
          }
        } catch {
          return; // the process is gone
        }
      }
    };
    // Three kills at random moments; the cohort resumes after each restart and may be cut again.
    for (let round = 0; round < 3; round += 1) {
      stop = false;
      const workers = Array.from({ length: 12 }, (_, w) => worker(round, w));
      // The kill comes once this round has some acknowledged work (however loaded the machine), at a
      // random moment after that.
      const enough = created.size + 12;
      for (const deadline = Date.now() + 60_000; created.size < enough && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 900)));
      children.at(-1)!.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      children.push(await startProcess(dataDir, port));
    }
    expect(created.size).toBeGreaterThan(30);

    // Every acknowledged credential and revocation is there.
    for (const id of created.values()) {
      const r = await call(url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, { token });
      expect(r.status).toBe(200);
      if (revoked.has(id)) expect(r.body.status).toBe('revoked');
      else if (!revokeSent.has(id)) expect(r.body.status).toBe('offered');
      else expect(['offered', 'revoked']).toContain(r.body.status);
    }
    // Retrying every key sent creates nothing new for the acknowledged ones.
    for (const key of keysSent) {
      const r = await call(url, 'POST', '/api/credentials', {
        token,
        body: { ...workplaceRequest(), learner: { name: `L ${key}` } },
        headers: { 'idempotency-key': key },
      });
      expect([200, 201]).toContain(r.status);
      if (created.has(key))
        expect(r).toMatchObject({ status: 200, body: { credential: { id: created.get(key) } } });
    }
    // The cohort resumes and finishes with each row exactly once.
    let batch = (await call(url, 'GET', `/api/cohorts/${cohort.body.id}`, { token })).body;
    for (let i = 0; i < 400 && batch.state !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      batch = (await call(url, 'GET', `/api/cohorts/${cohort.body.id}`, { token })).body;
    }
    expect(batch).toMatchObject({ state: 'done', total: 2000, valid: 2000, invalid: 0 });
    children.at(-1)!.kill('SIGTERM');
    await new Promise((resolve) => children.at(-1)!.once('exit', resolve));

    // Straight from the database: unique indexes, one credential per cohort row and per key, and
    // every revocation's bit set in its list.
    const runtime = await openIssuer(
      {
        port,
        host: '127.0.0.1',
        publicUrl: new URL(url),
        dataDir,
        kmsSecret: readFileSync(join(dataDir, 'demo-kms-secret'), 'utf8').trim(),
        adminToken: 'x'.repeat(32),
        demo: false,
        offerTtlSeconds: 3600,
        statusListTtlMs: 60_000,
        logLevel: 'silent',
      },
      createLogger('issuer', 'silent'),
    );
    try {
      const db = runtime.db;
      const rows = await db.all<{ list_no: number; status_index: number }>(
        'SELECT list_no, status_index FROM credentials WHERE org_slug = ?',
        [employer.slug],
      );
      expect(new Set(rows.map((r) => `${r.list_no}:${r.status_index}`)).size).toBe(rows.length);
      const perRow = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM credentials WHERE batch_id = ?', [
        cohort.body.id as string,
      ]);
      expect(perRow!.n).toBe(2000);
      const keys = await db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM idempotency_keys WHERE org_slug = ?',
        [employer.slug],
      );
      const single = await db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM credentials WHERE org_slug = ? AND batch_id IS NULL AND learner_name LIKE 'L r%'",
        [employer.slug],
      );
      expect(single!.n).toBe(keys!.n);
      for (const id of revoked) {
        const row = await db.get<{ list_no: number; status_index: number }>(
          'SELECT list_no, status_index FROM credentials WHERE id = ?',
          [id],
        );
        const list = await db.get<{ bits: Buffer }>(
          "SELECT bits FROM status_lists WHERE org_slug = ? AND list_no = ? AND purpose = 'revocation'",
          [employer.slug, row!.list_no],
        );
        expect((list!.bits[row!.status_index >> 3]! & (0x80 >> (row!.status_index & 7))) !== 0).toBe(true);
      }
    } finally {
      await runtime.close();
    }
  }, 120_000);
});
