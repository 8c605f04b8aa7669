import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { IssuerStorage } from '../../ports.js';
import { iso, key, member, organisation, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

/** The contract of OrganisationStore and StaffStore, for any adapter. */
export function organisationAndStaffContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  beforeEach(async () => ({ storage, close } = await open()));
  afterEach(() => close());

  describe('OrganisationStore', () => {
    it('stores an organisation with its first key and finds it by slug', async () => {
      const org = organisation();
      const first = key();
      await storage.transaction((tx) => tx.organisations.insert(org, first));
      expect(await storage.organisations.find(org.slug)).toEqual(org);
      expect(await storage.organisations.keys(org.slug)).toEqual([first]);
      expect(await storage.organisations.find('nobody')).toBeUndefined();
    });

    it('refuses a second organisation with the same slug', async () => {
      const org = await storedOrganisation(storage);
      await expect(storage.transaction((tx) => tx.organisations.insert(org, key()))).rejects.toThrow();
      expect(await storage.organisations.list()).toEqual([org]);
    });

    it('lists organisations by creation, and keys oldest first', async () => {
      const a = { ...organisation('b-org'), createdAt: iso(T0) };
      const b = { ...organisation('a-org'), createdAt: iso(T0 + 1000) };
      await storage.transaction(async (tx) => {
        await tx.organisations.insert(b, key());
        await tx.organisations.insert(a, key());
      });
      expect((await storage.organisations.list()).map((o) => o.slug)).toEqual(['b-org', 'a-org']);
      const second = key('key-2', iso(T0 + 5000));
      await storage.transaction((tx) => tx.organisations.addKey(a.slug, second));
      expect((await storage.organisations.keys(a.slug)).map((k) => k.fragment)).toEqual(['key-1', 'key-2']);
    });

    it('keeps each key with its type, and publishes a key at a taken fragment only once', async () => {
      const org = await storedOrganisation(storage);
      const p256 = key('key-1-p256', iso(T0 + 1000), 'P-256');
      const rival = key('key-1-p256', iso(T0 + 2000), 'P-256');
      const outcomes = await Promise.all(
        [p256, rival].map((k) => storage.transaction((tx) => tx.organisations.addKeyIfAbsent(org.slug, k))),
      );
      expect(outcomes.sort()).toEqual([false, true]);
      const keys = await storage.organisations.keys(org.slug);
      expect(keys.map((k) => [k.fragment, k.type])).toEqual([
        ['key-1', 'Ed25519'],
        ['key-1-p256', 'P-256'],
      ]);
      expect([p256, rival]).toContainEqual(keys[1]);
    });
  });

  describe('StaffStore', () => {
    it('finds a staff member only within their own organisation', async () => {
      const org = await storedOrganisation(storage);
      const other = await storedOrganisation(storage);
      const m = member(org.slug);
      await storage.transaction((tx) => tx.staff.insertMember(m));
      expect(await storage.staff.member(org.slug, m.id)).toEqual(m);
      expect(await storage.staff.member(other.slug, m.id)).toBeUndefined();
      expect(await storage.staff.members(org.slug)).toEqual([m]);
      expect(await storage.staff.members(other.slug)).toEqual([]);
    });

    it('keeps API keys by the hash of their secret and revokes each once, within its organisation', async () => {
      const org = await storedOrganisation(storage);
      const other = await storedOrganisation(storage);
      const m = member(org.slug);
      const info = { id: 'key-id-0001', staffId: m.id, label: 'laptop', createdAt: iso(T0), revokedAt: null };
      await storage.transaction(async (tx) => {
        await tx.staff.insertMember(m);
        await tx.staff.insertApiKey(info, 'hash-of-secret');
      });
      expect(await storage.staff.apiKeys(m.id)).toEqual([info]);
      expect(await storage.staff.apiKey(info.id)).toEqual({
        secretHash: 'hash-of-secret',
        revokedAt: null,
        staff: m,
      });
      expect(await storage.staff.revokeApiKey(other.slug, info.id, iso(T0))).toBe(false);
      expect(await storage.staff.revokeApiKey(org.slug, info.id, iso(T0 + 1))).toBe(true);
      expect(await storage.staff.revokeApiKey(org.slug, info.id, iso(T0 + 2))).toBe(false);
      expect((await storage.staff.apiKey(info.id))?.revokedAt).toBe(iso(T0 + 1));
      expect(await storage.staff.apiKey('unknown')).toBeUndefined();
    });
  });

  describe('transactions', () => {
    it('commit nothing of a body that fails', async () => {
      const org = organisation();
      await expect(
        storage.transaction(async (tx) => {
          await tx.organisations.insert(org, key());
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await storage.organisations.find(org.slug)).toBeUndefined();
    });
  });
}
