import { randomUUID } from 'node:crypto';
import { isSkillsPassportError, SkillsPassportError, type ValidationIssue } from '@skills-passport/core';

import { recordAudit } from './audit.js';
import { readCohortCsv, type CsvRow } from './cohort-csv.js';
import { rowRequest } from './cohort-row.js';
import type { Actor, IssuerDeps } from './deps.js';
import type { CohortRecord } from '../ports.js';
import { idempotent } from './idempotency.js';
import type { CredentialView } from './credential-view.js';
import { insertCredential } from './issue-credential.js';
import { sendOfferMailLater } from './offer-mail.js';
import { checkIssueRequest } from './issue-request.js';
import { getOrganisation, type Organisation } from './organisations.js';

export { MAX_COHORT_ROWS } from './cohort-csv.js';

/**
 * Rows committed per transaction: large enough to amortise fsync, small enough that a chunk (which
 * runs on the event loop without a break) holds up other requests for a few tens of milliseconds.
 */
const CHUNK_ROWS = 100;

/** A cohort upload: common content for everyone plus one CSV row per learner. */
export interface CohortRequest {
  type: string;
  /** The content every credential of the cohort shares (as `credential` in a single issuance). */
  credential: Record<string, unknown>;
  /**
   * One learner per row, `,` or `;` separated (told by the header line), with or without a UTF-8
   * byte order mark. Columns `name` (required), `email`, `phone`, `contact`; any column whose
   * header is a JSON pointer (`/credentialSubject/assessmentDate`) sets that field for the row, as
   * text, or as JSON when the header ends in `:json` (`/credentialSubject/hoursPerWeek:json`).
   */
  csv: string;
  offer?: { txCode?: boolean };
}

export interface BatchView {
  id: string;
  type: string;
  state: 'processing' | 'done';
  total: number;
  processed: number;
  valid: number;
  invalid: number;
  createdAt: string;
  /** One entry per refused row: its line in the CSV (header = line 1) and why. */
  report: { line: number; issues: ValidationIssue[] }[];
}

function toView(cohort: CohortRecord): BatchView {
  return {
    id: cohort.id,
    type: cohort.type,
    state: cohort.state,
    total: cohort.total,
    processed: cohort.progress.processed,
    valid: cohort.progress.valid,
    invalid: cohort.progress.invalid,
    createdAt: cohort.createdAt,
    report: JSON.parse(cohort.progress.report) as BatchView['report'],
  };
}

/** Code: `ERR_NOT_FOUND` (also for another organisation's cohort). */
export async function getBatch(deps: IssuerDeps, orgSlug: string, id: string): Promise<BatchView> {
  const cohort = await deps.store.cohorts.find(orgSlug, id);
  if (cohort === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such cohort upload.');
  return toView(cohort);
}

/** How long a cohort's lease lasts unless told otherwise (`ISSUER_COHORT_LEASE_MS`). */
export const DEFAULT_COHORT_LEASE_MS = 30_000;

/**
 * This instance's part in processing cohorts: who it is to the others (`owner`, a lease holder),
 * which cohorts it is processing now, and its periodic sweep for cohorts whose lease ran out.
 */
interface CohortWorker {
  readonly owner: string;
  /** The cohorts being processed here, each with its run. */
  readonly running: Map<string, Promise<void>>;
  sweep: NodeJS.Timeout | undefined;
  stopped: boolean;
}

const workers = new WeakMap<IssuerDeps, CohortWorker>();

function workerOf(deps: IssuerDeps): CohortWorker {
  let worker = workers.get(deps);
  if (worker === undefined) {
    worker = { owner: randomUUID(), running: new Map(), sweep: undefined, stopped: false };
    workers.set(deps, worker);
  }
  return worker;
}

const leaseMsOf = (deps: IssuerDeps) => deps.config.cohortLeaseMs ?? DEFAULT_COHORT_LEASE_MS;
const leaseEnd = (deps: IssuerDeps) => deps.now().getTime() + leaseMsOf(deps);

/**
 * Processes a batch from where it stopped, one chunk per transaction: each chunk's credentials,
 * offers, counters and report lines commit together, so a crash loses or repeats no row. Only the
 * instance holding the cohort's lease processes it: this one claims it first (or finds it held by
 * another and leaves it), renews the lease with each chunk and gives it up when done. Should it
 * lose the lease (it stalled past its end and another instance took over), it stops; the chunk
 * cursor, read under lock in each chunk, keeps the two from repeating a row either way.
 */
export function processBatch(deps: IssuerDeps, batchId: string): Promise<void> {
  const worker = workerOf(deps);
  const already = worker.running.get(batchId);
  if (already !== undefined) return already;
  if (worker.stopped) return Promise.resolve();
  const run = (async () => {
    const now = deps.now().getTime();
    if ((await deps.store.cohorts.claim(worker.owner, now, leaseEnd(deps), batchId)) === undefined) return;
    const outcome = await processClaimed(deps, worker, batchId);
    if (outcome !== 'lost') await deps.store.cohorts.releaseLease(batchId, worker.owner);
  })().finally(() => worker.running.delete(batchId));
  worker.running.set(batchId, run);
  return run;
}

/**
 * Processes a cohort whose lease this instance holds, chunk by chunk: `done` when finished (or
 * gone), `stopped` when the instance is shutting down, `lost` when another instance holds the lease now.
 */
async function processClaimed(
  deps: IssuerDeps,
  worker: CohortWorker,
  batchId: string,
): Promise<'done' | 'stopped' | 'lost'> {
  const batch = await deps.store.cohorts.load(batchId);
  if (batch === undefined || batch.state === 'done') return 'done';
  const org: Organisation = await getOrganisation(deps, batch.orgSlug);
  const rows = JSON.parse(batch.rows) as CsvRow[];
  const template = JSON.parse(batch.template) as {
    type: string;
    credential: Record<string, unknown>;
    txCode: boolean;
  };
  const actor: Actor = { kind: 'staff', id: batch.createdBy, orgSlug: batch.orgSlug };
  // The offers to mail, sent once the whole batch is stored so the mails do not slow its chunks
  // down; a chunk that is refused mails nothing, and a crash leaves the mails of committed chunks
  // pending for the next start to send.
  const created: CredentialView[] = [];
  let outcome: 'done' | 'stopped' | 'lost' | 'more' = 'more';
  while (outcome === 'more') {
    if (worker.stopped) {
      outcome = 'stopped';
      break;
    }
    let chunk: CredentialView[] = [];
    outcome = await deps.store.transaction(async (tx) => {
      chunk = [];
      // Read inside the transaction: the stored cursor decides, not what was read before.
      const current = await tx.cohorts.lockProgress(batchId);
      if (current === undefined || current.processed >= rows.length) return 'done';
      // Renewed with the chunk, under the same lock: a chunk commits only while its lease holds.
      if (!(await tx.cohorts.renewLease(batchId, worker.owner, leaseEnd(deps)))) return 'lost';
      const report = JSON.parse(current.report) as BatchView['report'];
      let { processed, valid, invalid } = current;
      const end = Math.min(processed + CHUNK_ROWS, rows.length);
      for (; processed < end; processed += 1) {
        const line = processed + 2;
        const request = rowRequest(
          { type: template.type, template: template.credential, txCode: template.txCode },
          rows[processed]!,
        );
        if (Array.isArray(request)) {
          invalid += 1;
          report.push({ line, issues: request });
          continue;
        }
        try {
          chunk.push(await insertCredential(deps, tx, org, request, actor, batchId));
          valid += 1;
        } catch (error) {
          // A storage fault is not the row's fault: the chunk fails and is retried as a whole.
          if (!isSkillsPassportError(error) || error.code === 'ERR_STORAGE_UNAVAILABLE') throw error;
          invalid += 1;
          report.push({
            line,
            issues:
              error.issues.length > 0
                ? [...error.issues]
                : [{ pointer: '', rule: error.code, message: error.message }],
          });
        }
      }
      const finished = processed >= rows.length;
      // Renewed again as the chunk ends, so a chunk that ran long leaves a lease to reach the next.
      await tx.cohorts.renewLease(batchId, worker.owner, leaseEnd(deps));
      await tx.cohorts.saveProgress(
        batchId,
        { processed, valid, invalid, report: JSON.stringify(report) },
        finished,
      );
      if (finished) await recordAudit(tx, actor, 'cohort.done', batchId, deps.now(), { valid, invalid });
      return finished ? 'done' : 'more';
    });
    created.push(...chunk);
  }
  sendOfferMailLater(deps, ...created);
  if (outcome === 'lost') deps.logger.warn({ batchId }, 'cohort taken over by another instance');
  return outcome;
}

/**
 * Accepts a cohort upload: checks the common content and the CSV's shape, stores the batch, and
 * processes it in the background. Rows that fail are reported with their line and reasons; they
 * never stop the others. With an Idempotency-Key, a retry returns the same batch.
 * Codes: `ERR_CSV_INVALID`, `ERR_VALIDATION`, `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_NOT_ALLOWED`, `ERR_IDEMPOTENCY_KEY_REUSED`.
 */
/**
 * The cohort's common content, checked once as one learner's request would be (a placeholder
 * name stands in for the rows' learners): what upload and preview both check first.
 */
export function checkCohortContent(org: Organisation, request: CohortRequest, now: Date): void {
  checkIssueRequest(
    org,
    {
      type: request.type,
      learner: { name: 'cohort' },
      credential: request.credential,
      ...(request.offer ? { offer: request.offer } : {}),
    },
    now,
  );
}

export async function startCohort(
  deps: IssuerDeps,
  org: Organisation,
  request: CohortRequest,
  actor: Actor,
  idempotencyKey?: string,
): Promise<{ batch: BatchView; replayed: boolean }> {
  checkCohortContent(org, request, deps.now());
  const { rows } = readCohortCsv(request.csv);
  const outcome = await idempotent(deps, org.slug, idempotencyKey, request, async (tx) => {
    const id = randomUUID();
    const template = {
      type: request.type,
      credential: request.credential,
      txCode: request.offer?.txCode === true,
    };
    await tx.cohorts.insert({
      id,
      orgSlug: org.slug,
      type: request.type,
      createdBy: actor.id,
      createdAt: deps.now().toISOString(),
      template: JSON.stringify(template),
      rows: JSON.stringify(rows),
      total: rows.length,
    });
    // Leased to this instance from the start: it processes the cohort it accepted.
    await tx.cohorts.claim(workerOf(deps).owner, deps.now().getTime(), leaseEnd(deps), id);
    await recordAudit(tx, actor, 'cohort.create', id, deps.now(), { rows: rows.length });
    return { outcome: 'cohort_accepted', result: { id } };
  });
  const { id } = outcome.result;
  if (!outcome.replayed) runInBackground(deps, id);
  return { batch: await getBatch(deps, org.slug, id), replayed: outcome.replayed };
}

/** How long a cohort waits before trying again when storage refused a chunk (disk full, busy). */
export const COHORT_STORAGE_RETRY_MS = 2_000;

/**
 * Processes a batch without holding up the caller. When storage refuses a chunk the batch pauses
 * and tries again a little later, so it finishes once space is back without a restart; other
 * failures are logged, and the cohort, its lease left to run out, is taken up again by a sweep.
 */
export function runInBackground(deps: IssuerDeps, batchId: string): void {
  setImmediate(() => {
    // Already running here (the sweep and a retry may both ask): that run retries on its own.
    if (workerOf(deps).running.has(batchId)) return;
    processBatch(deps, batchId).catch((error: unknown) => {
      if (isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) {
        deps.logger.warn({ batchId }, 'cohort paused: storage unavailable, trying again shortly');
        setTimeout(() => runInBackground(deps, batchId), COHORT_STORAGE_RETRY_MS).unref();
        return;
      }
      deps.logger.error({ err: error, batchId }, 'cohort processing stopped');
    });
  });
}

/** Most cohorts one sweep takes on, so one instance does not take every cohort at once. */
const SWEEP_CLAIMS = 10;

/**
 * Claims unfinished cohorts that no instance holds (their lease ran out: the instance died or
 * stopped) and processes them in the background; returns how many it took on.
 */
export async function sweepCohorts(deps: IssuerDeps): Promise<number> {
  const worker = workerOf(deps);
  let taken = 0;
  while (!worker.stopped && taken < SWEEP_CLAIMS) {
    const id = await deps.store.cohorts.claim(worker.owner, deps.now().getTime(), leaseEnd(deps));
    if (id === undefined) break;
    taken += 1;
    deps.logger.info({ batchId: id }, 'continuing a cohort no instance holds');
    runInBackground(deps, id);
  }
  return taken;
}

/**
 * On start-up: continue the batches left unfinished (a previous process's, or another instance's
 * whose lease ran out), and from then on sweep for such batches every third of a lease, so a
 * survivor finishes what a dead instance began. Returns how many it took on now.
 */
export async function resumeBatches(deps: IssuerDeps): Promise<number> {
  const worker = workerOf(deps);
  if (worker.sweep === undefined) {
    worker.sweep = setInterval(
      () => {
        sweepCohorts(deps).catch((error: unknown) => {
          // Storage down: the next sweep tries again.
          if (isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) return;
          deps.logger.error({ err: error }, 'cohort sweep failed');
        });
      },
      Math.max(1, Math.floor(leaseMsOf(deps) / 3)),
    );
    worker.sweep.unref();
  }
  return sweepCohorts(deps);
}

/**
 * On shutdown: stops the sweep and the cohorts being processed after their current chunk, and
 * gives up their leases so another instance takes them over at once.
 */
export async function stopCohorts(deps: IssuerDeps): Promise<void> {
  const worker = workerOf(deps);
  worker.stopped = true;
  if (worker.sweep !== undefined) clearInterval(worker.sweep);
  worker.sweep = undefined;
  await Promise.allSettled([...worker.running.values()]);
}
