import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { IssuerStorage, Organisation } from '../../ports.js';
import { iso, storedCredential, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

const LENGTH = 131_072;

/**
 * The contract of NonceStore, StatusListStore, CohortStore, AuditLog and IdempotencyStore, for any
 * adapter.
 */
export function listsAndLogsContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  let org: Organisation;
  beforeEach(async () => {
    ({ storage, close } = await open());
    org = await storedOrganisation(storage);
  });
  afterEach(() => close());

  describe('NonceStore', () => {
    it('uses a nonce once, at its organisation, before it expires, even when two uses race', async () => {
      const other = await storedOrganisation(storage);
      await storage.transaction(async (tx) => {
        await tx.nonces.insert('n-1', org.slug, T0 + 1000);
        await tx.nonces.insert('n-2', org.slug, T0 + 1000);
      });
      expect(await storage.nonces.consume('n-1', other.slug, T0)).toBe(false);
      expect(await storage.nonces.consume('n-2', org.slug, T0 + 1000)).toBe(false);
      const outcomes = await Promise.all([
        storage.transaction((tx) => tx.nonces.consume('n-1', org.slug, T0)),
        storage.transaction((tx) => tx.nonces.consume('n-1', org.slug, T0)),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await storage.nonces.consume('unknown', org.slug, T0)).toBe(false);
    });

    it('forgets expired nonces when swept', async () => {
      await storage.transaction((tx) => tx.nonces.insert('old', org.slug, T0));
      await storage.transaction((tx) => tx.nonces.sweep(T0 + 1));
      // A swept nonce is as unknown as one never issued, whatever the clock says.
      expect(await storage.nonces.consume('old', org.slug, T0 - 10)).toBe(false);
    });
  });

  describe('StatusListStore', () => {
    it('opens lists one after another and counts the indexes taken', async () => {
      expect(await storage.statusLists.currentList(org.slug)).toBeUndefined();
      await storage.transaction(async (tx) => {
        await tx.statusLists.openList(org.slug, 1, LENGTH);
        await tx.statusLists.countUse(org.slug, 1);
        await tx.statusLists.countUse(org.slug, 1);
      });
      expect(await storage.statusLists.currentList(org.slug)).toEqual({ listNo: 1, used: 2 });
      await storage.transaction((tx) => tx.statusLists.openList(org.slug, 2, LENGTH));
      expect(await storage.statusLists.currentList(org.slug)).toEqual({ listNo: 2, used: 0 });
      const list = await storage.statusLists.find(org.slug, 2);
      expect(list?.version).toBeGreaterThan(0);
      for (const bits of [list!.revoked, list!.suspended]) {
        expect(bits).toHaveLength(LENGTH / 8);
        expect(bits.every((b) => b === 0)).toBe(true);
      }
    });

    it('knows an index is taken once a credential holds it', async () => {
      await storage.transaction((tx) => tx.statusLists.openList(org.slug, 1, LENGTH));
      const { credential } = await storedCredential(storage, org.slug, { listNo: 1, statusIndex: 4242 });
      expect(await storage.statusLists.isIndexTaken(org.slug, 1, credential.statusIndex)).toBe(true);
      expect(await storage.statusLists.isIndexTaken(org.slug, 1, 4243)).toBe(false);
      expect(await storage.statusLists.isIndexTaken(org.slug, 2, 4242)).toBe(false);
    });

    it('sets and clears bits (most significant bit first), the version growing each time', async () => {
      await storage.transaction((tx) => tx.statusLists.openList(org.slug, 1, LENGTH));
      const v0 = (await storage.statusLists.find(org.slug, 1))!.version;
      await storage.transaction(async (tx) => {
        await tx.statusLists.setBit(org.slug, 1, 'revocation', 0, true);
        await tx.statusLists.setBit(org.slug, 1, 'revocation', 13, true);
      });
      let list = (await storage.statusLists.find(org.slug, 1))!;
      expect([list.revoked[0], list.revoked[1]]).toEqual([0x80, 0x04]);
      expect(list.version).toBeGreaterThan(v0);
      const v1 = list.version;
      await storage.transaction((tx) => tx.statusLists.setBit(org.slug, 1, 'suspension', 0, true));
      list = (await storage.statusLists.find(org.slug, 1))!;
      expect([list.revoked[0], list.suspended[0]]).toEqual([0x80, 0x80]);
      expect(list.version).toBeGreaterThan(v1);
      const v2 = list.version;
      await storage.transaction((tx) => tx.statusLists.setBit(org.slug, 1, 'revocation', 0, false));
      list = (await storage.statusLists.find(org.slug, 1))!;
      expect([list.revoked[0], list.revoked[1], list.suspended[0]]).toEqual([0x00, 0x04, 0x80]);
      expect(list.version).toBeGreaterThan(v2);
    });

    it('keeps a signed copy per format only of the version it was signed from', async () => {
      await storage.transaction((tx) => tx.statusLists.openList(org.slug, 1, LENGTH));
      const v1 = (await storage.statusLists.find(org.slug, 1))!.version;
      await storage.statusLists.savePublished(org.slug, 1, 'jwt', { version: v1, document: 'jwt-v1' });
      expect(await storage.statusLists.published(org.slug, 1, 'jwt')).toEqual({
        version: v1,
        document: 'jwt-v1',
      });
      expect(await storage.statusLists.published(org.slug, 1, 'di')).toBeUndefined();

      await storage.transaction((tx) => tx.statusLists.setBit(org.slug, 1, 'revocation', 7, true));
      // Signed from the old version after the list changed: not kept.
      await storage.statusLists.savePublished(org.slug, 1, 'jwt', { version: v1, document: 'stale' });
      await storage.statusLists.savePublished(org.slug, 1, 'di', { version: v1, document: 'stale' });
      expect(await storage.statusLists.published(org.slug, 1, 'jwt')).toEqual({
        version: v1,
        document: 'jwt-v1',
      });
      expect(await storage.statusLists.published(org.slug, 1, 'di')).toBeUndefined();

      const v2 = (await storage.statusLists.find(org.slug, 1))!.version;
      await storage.statusLists.savePublished(org.slug, 1, 'di', { version: v2, document: 'di-v2' });
      expect(await storage.statusLists.published(org.slug, 1, 'di')).toEqual({
        version: v2,
        document: 'di-v2',
      });

      // A token status list signed again at the same version (its old copy near expiry) replaces it.
      await storage.statusLists.savePublished(org.slug, 1, 'tsl', { version: v2, document: 'tsl-early' });
      await storage.statusLists.savePublished(org.slug, 1, 'tsl', { version: v2, document: 'tsl-later' });
      expect(await storage.statusLists.published(org.slug, 1, 'tsl')).toEqual({
        version: v2,
        document: 'tsl-later',
      });
    });
  });

  describe('CohortStore', () => {
    const cohort = (orgSlug: string, id: string) => ({
      id,
      orgSlug,
      type: 'WorkplaceLearningCredential',
      createdBy: 'staff-1',
      createdAt: iso(T0),
      template: '{"type":"WorkplaceLearningCredential"}',
      rows: '[{"name":"A"},{"name":"B"}]',
      total: 2,
    });

    it('keeps progress until done, and lists what is unfinished', async () => {
      const other = await storedOrganisation(storage);
      await storage.transaction((tx) => tx.cohorts.insert(cohort(org.slug, 'cohort-1')));
      const stored = await storage.cohorts.find(org.slug, 'cohort-1');
      expect(stored).toEqual({
        ...cohort(org.slug, 'cohort-1'),
        state: 'processing',
        progress: { processed: 0, valid: 0, invalid: 0, report: '[]' },
      });
      expect(await storage.cohorts.find(other.slug, 'cohort-1')).toBeUndefined();
      expect(await storage.cohorts.unfinished()).toEqual(['cohort-1']);
      const half = { processed: 1, valid: 1, invalid: 0, report: '[]' };
      await storage.transaction(async (tx) => {
        expect(await tx.cohorts.lockProgress('cohort-1')).toEqual(stored!.progress);
        await tx.cohorts.saveProgress('cohort-1', half, false);
      });
      expect((await storage.cohorts.load('cohort-1'))?.progress).toEqual(half);
      await storage.transaction((tx) =>
        tx.cohorts.saveProgress(
          'cohort-1',
          { processed: 2, valid: 1, invalid: 1, report: '[{"line":3}]' },
          true,
        ),
      );
      expect((await storage.cohorts.load('cohort-1'))?.state).toBe('done');
      expect(await storage.cohorts.unfinished()).toEqual([]);
    });
  });

  describe('AuditLog', () => {
    it('lists entries newest first, per organisation or all, up to a limit', async () => {
      const entry = (action: string, orgSlug: string | null) => ({
        at: iso(T0),
        actor: 'staff:1',
        orgSlug,
        action,
        target: 'target',
        ip: '127.0.0.1',
        details: '{"type":"EVCCredential"}',
      });
      await storage.transaction(async (tx) => {
        await tx.audit.record(entry('first', org.slug));
        await tx.audit.record(entry('second', null));
        await tx.audit.record(entry('third', org.slug));
      });
      expect((await storage.audit.list({ limit: 10 })).map((e) => e.action)).toEqual([
        'third',
        'second',
        'first',
      ]);
      expect((await storage.audit.list({ orgSlug: org.slug, limit: 1 })).map((e) => e.action)).toEqual([
        'third',
      ]);
      expect((await storage.audit.list({ limit: 10 }))[0]).toMatchObject(entry('third', org.slug));
    });
  });

  describe('IdempotencyStore', () => {
    it('remembers what a key created, once per organisation and key', async () => {
      const outcome = { requestHash: 'h', outcome: 'credential_created', result: '{"id":"x"}' };
      await storage.transaction((tx) => tx.idempotency.save(org.slug, 'key-1', outcome, iso(T0)));
      expect(await storage.idempotency.find(org.slug, 'key-1')).toEqual(outcome);
      expect(await storage.idempotency.find('other-org', 'key-1')).toBeUndefined();
      await expect(
        storage.transaction((tx) => tx.idempotency.save(org.slug, 'key-1', outcome, iso(T0))),
      ).rejects.toThrow();
    });
  });
}
