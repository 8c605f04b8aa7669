import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { IssuerStorage, Organisation } from '../../ports.js';
import { iso, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

const LEASE = 30_000;

/**
 * The contract of the work instances share, for any adapter: cohort leases (claimed by one instance
 * at a time, renewed, given up, taken over once run out) and `oneAtATime`.
 */
export function sharedWorkContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  let org: Organisation;
  beforeEach(async () => {
    ({ storage, close } = await open());
    org = await storedOrganisation(storage);
  });
  afterEach(() => close());

  const insertCohort = (id: string, createdAt = T0) =>
    storage.transaction((tx) =>
      tx.cohorts.insert({
        id,
        orgSlug: org.slug,
        type: 'WorkplaceLearningCredential',
        createdBy: 'staff-1',
        createdAt: iso(createdAt),
        template: '{"type":"WorkplaceLearningCredential"}',
        rows: '[{"name":"A"},{"name":"B"}]',
        total: 2,
      }),
    );
  const finish = (id: string) =>
    storage.transaction((tx) =>
      tx.cohorts.saveProgress(id, { processed: 2, valid: 2, invalid: 0, report: '[]' }, true),
    );
  const renew = (id: string, owner: string, until: number) =>
    storage.transaction(async (tx) => {
      await tx.cohorts.lockProgress(id);
      return tx.cohorts.renewLease(id, owner, until);
    });

  describe('CohortStore leases', () => {
    it('claims the oldest unfinished cohort no one holds, and nothing once none is left', async () => {
      await insertCohort('newer', T0 + 1000);
      await insertCohort('older', T0);
      await insertCohort('finished', T0 - 1000);
      await finish('finished');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBe('older');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBe('newer');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBeUndefined();
      expect(await storage.cohorts.claim('b', T0, T0 + LEASE, 'finished')).toBeUndefined();
      expect(await storage.cohorts.claim('b', T0, T0 + LEASE, 'no-such-cohort')).toBeUndefined();
    });

    it('passes over a cohort another instance holds; its holder claims it again', async () => {
      await insertCohort('held');
      await insertCohort('free', T0 + 1);
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE, 'held')).toBe('held');
      expect(await storage.cohorts.claim('b', T0 + 1, T0 + LEASE)).toBe('free');
      expect(await storage.cohorts.claim('b', T0 + 2, T0 + LEASE + 2, 'held')).toBeUndefined();
      expect(await storage.cohorts.claim('a', T0 + 2, T0 + LEASE + 2, 'held')).toBe('held');
      expect(await renew('held', 'b', T0 + LEASE)).toBe(false);
      expect(await renew('held', 'a', T0 + 2 * LEASE)).toBe(true);
    });

    it('lets another instance take over a lease that ran out; the first can no longer renew it', async () => {
      await insertCohort('c');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBe('c');
      expect(await renew('c', 'a', T0 + 2 * LEASE)).toBe(true);
      // Renewed: not yet run out at the first lease's end.
      expect(await storage.cohorts.claim('b', T0 + LEASE, T0 + 2 * LEASE)).toBeUndefined();
      expect(await storage.cohorts.claim('b', T0 + 2 * LEASE, T0 + 3 * LEASE)).toBe('c');
      expect(await renew('c', 'a', T0 + 3 * LEASE)).toBe(false);
      // Giving up a lease one no longer holds changes nothing.
      await storage.cohorts.releaseLease('c', 'a');
      expect(await storage.cohorts.claim('a', T0 + 2 * LEASE, T0 + 3 * LEASE, 'c')).toBeUndefined();
      expect(await renew('c', 'b', T0 + 4 * LEASE)).toBe(true);
    });

    it('lets anyone claim a cohort at once when its holder gives it up', async () => {
      await insertCohort('c');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBe('c');
      await storage.cohorts.releaseLease('c', 'a');
      expect(await storage.cohorts.claim('b', T0 + 1, T0 + LEASE)).toBe('c');
    });

    it('renews no lease of a finished cohort', async () => {
      await insertCohort('c');
      expect(await storage.cohorts.claim('a', T0, T0 + LEASE)).toBe('c');
      await finish('c');
      expect(await renew('c', 'a', T0 + 2 * LEASE)).toBe(false);
    });

    it('gives a cohort to one of two claimers at once', async () => {
      for (let round = 0; round < 10; round += 1) {
        await insertCohort(`c${round}`, T0 + round);
        const byId = round % 2 === 0 ? `c${round}` : undefined;
        const claims = await Promise.all(
          ['a', 'b', 'c'].map((owner) => storage.cohorts.claim(owner, T0 + round, T0 + LEASE, byId)),
        );
        expect(claims.filter((id) => id !== undefined)).toEqual([`c${round}`]);
      }
    });
  });

  describe('oneAtATime', () => {
    it('never runs two bodies under one name at once; other names run alongside', async () => {
      const log: string[] = [];
      let releaseFirst!: () => void;
      const held = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstStarted!: () => void;
      const started = new Promise<void>((resolve) => (firstStarted = resolve));
      const first = storage.oneAtATime('list-1', async () => {
        log.push('first in');
        firstStarted();
        await held;
        log.push('first out');
        return 1;
      });
      await started;
      const second = storage.oneAtATime('list-1', () => {
        log.push('second in');
        return Promise.resolve(2);
      });
      await storage.oneAtATime('list-2', () => {
        log.push('other list');
        return Promise.resolve();
      });
      expect(log).toEqual(['first in', 'other list']);
      releaseFirst();
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(log).toEqual(['first in', 'other list', 'first out', 'second in']);
    });

    it('passes a body’s failure on and lets the next one run', async () => {
      await expect(
        storage.oneAtATime('x', () => Promise.reject(new Error('signing failed'))),
      ).rejects.toThrow('signing failed');
      await expect(storage.oneAtATime('x', () => Promise.resolve('ok'))).resolves.toBe('ok');
    });
  });
}
