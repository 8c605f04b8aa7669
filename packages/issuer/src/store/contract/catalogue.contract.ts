import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CatalogueModuleRecord, IssuerStorage } from '../../ports.js';
import { iso, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

function moduleRecord(
  orgSlug: string,
  id: string,
  overrides: Partial<CatalogueModuleRecord> = {},
): CatalogueModuleRecord {
  return {
    orgSlug,
    id,
    status: 'published',
    content: JSON.stringify({ name: `Module ${id}` }),
    createdAt: iso(T0),
    updatedAt: iso(T0),
    version: 1,
    ...overrides,
  };
}

/** The contract of CatalogueStore, for any adapter. */
export function catalogueContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  beforeEach(async () => ({ storage, close } = await open()));
  afterEach(() => close());

  describe('CatalogueStore', () => {
    it('stores a module and finds it only within its own organisation', async () => {
      const org = await storedOrganisation(storage);
      const other = await storedOrganisation(storage);
      const m = moduleRecord(org.slug, 'basiszorg');
      await storage.catalogue.insert(m);
      expect(await storage.catalogue.find(org.slug, 'basiszorg')).toEqual(m);
      expect(await storage.catalogue.find(other.slug, 'basiszorg')).toBeUndefined();
      expect(await storage.catalogue.find(org.slug, 'nothing')).toBeUndefined();
    });

    it('refuses a second module with the same id in one organisation, not in another', async () => {
      const org = await storedOrganisation(storage);
      const other = await storedOrganisation(storage);
      await storage.catalogue.insert(moduleRecord(org.slug, 'm-1'));
      await expect(storage.catalogue.insert(moduleRecord(org.slug, 'm-1'))).rejects.toThrow();
      await storage.catalogue.insert(moduleRecord(other.slug, 'm-1'));
      expect((await storage.catalogue.list(org.slug, { offset: 0, limit: 10 })).total).toBe(1);
    });

    it('changes content or status, bumping the version each time, and keeps what was not changed', async () => {
      const org = await storedOrganisation(storage);
      await storage.catalogue.insert(moduleRecord(org.slug, 'm-1'));
      const changed = await storage.catalogue.update(org.slug, 'm-1', {
        content: '{"name":"B"}',
        at: iso(T0 + 1000),
      });
      expect(changed).toMatchObject({
        content: '{"name":"B"}',
        status: 'published',
        version: 2,
        updatedAt: iso(T0 + 1000),
      });
      const withdrawn = await storage.catalogue.update(org.slug, 'm-1', {
        status: 'withdrawn',
        at: iso(T0 + 2000),
      });
      expect(withdrawn).toMatchObject({
        content: '{"name":"B"}',
        status: 'withdrawn',
        version: 3,
        createdAt: iso(T0),
      });
      expect(await storage.catalogue.find(org.slug, 'm-1')).toEqual(withdrawn);
      const other = await storedOrganisation(storage);
      expect(
        await storage.catalogue.update(other.slug, 'm-1', { status: 'published', at: iso(T0) }),
      ).toBeUndefined();
    });

    it('changes a module only at the version the caller read, when it names one', async () => {
      const org = await storedOrganisation(storage);
      await storage.catalogue.insert(moduleRecord(org.slug, 'm-1'));
      expect(
        await storage.catalogue.update(org.slug, 'm-1', { content: '{"n":1}', at: iso(T0), ifVersion: 2 }),
      ).toBeUndefined();
      expect((await storage.catalogue.find(org.slug, 'm-1'))?.version).toBe(1);
      const first = await storage.catalogue.update(org.slug, 'm-1', {
        content: '{"n":1}',
        at: iso(T0),
        ifVersion: 1,
      });
      expect(first?.version).toBe(2);
      // Two saves that both read version 2: one wins, the other changes nothing.
      const outcomes = await Promise.all(
        ['{"n":2}', '{"n":3}'].map((content) =>
          storage.transaction((tx) =>
            tx.catalogue.update(org.slug, 'm-1', { content, at: iso(T0), ifVersion: 2 }),
          ),
        ),
      );
      expect(outcomes.filter((o) => o !== undefined)).toHaveLength(1);
      expect((await storage.catalogue.find(org.slug, 'm-1'))?.version).toBe(3);
    });

    it('counts every change once when staff save at the same time', async () => {
      const org = await storedOrganisation(storage);
      await storage.catalogue.insert(moduleRecord(org.slug, 'm-1'));
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          storage.transaction((tx) =>
            tx.catalogue.update(org.slug, 'm-1', { content: `{"n":${i}}`, at: iso(T0 + i) }),
          ),
        ),
      );
      expect((await storage.catalogue.find(org.slug, 'm-1'))?.version).toBe(6);
    });

    it('pages modules oldest first, by status or all, with the total', async () => {
      const org = await storedOrganisation(storage);
      for (let i = 0; i < 5; i++)
        await storage.catalogue.insert(
          moduleRecord(org.slug, `m-${i}`, {
            createdAt: iso(T0 + (5 - i) * 1000),
            status: i === 2 ? 'withdrawn' : 'published',
          }),
        );
      const all = await storage.catalogue.list(org.slug, { offset: 0, limit: 10 });
      expect(all.total).toBe(5);
      expect(all.items.map((m) => m.id)).toEqual(['m-4', 'm-3', 'm-2', 'm-1', 'm-0']);
      const published = await storage.catalogue.list(org.slug, { status: 'published', offset: 1, limit: 2 });
      expect(published).toMatchObject({ total: 4 });
      expect(published.items.map((m) => m.id)).toEqual(['m-3', 'm-1']);
      expect(
        (await storage.catalogue.list(org.slug, { status: 'withdrawn', offset: 0, limit: 10 })).items.map(
          (m) => m.id,
        ),
      ).toEqual(['m-2']);
      expect(await storage.catalogue.list(org.slug, { offset: 10, limit: 10 })).toEqual({
        total: 5,
        items: [],
      });
    });

    it('orders modules made in the same instant by id', async () => {
      const org = await storedOrganisation(storage);
      for (const id of ['c', 'a', 'b']) await storage.catalogue.insert(moduleRecord(org.slug, id));
      expect(
        (await storage.catalogue.list(org.slug, { offset: 0, limit: 10 })).items.map((m) => m.id),
      ).toEqual(['a', 'b', 'c']);
    });

    it('lists the organisations that publish, with how many modules each publishes', async () => {
      const a = await storedOrganisation(storage);
      const b = await storedOrganisation(storage);
      const none = await storedOrganisation(storage);
      await storage.catalogue.insert(moduleRecord(a.slug, 'm-1'));
      await storage.catalogue.insert(moduleRecord(a.slug, 'm-2'));
      await storage.catalogue.insert(moduleRecord(a.slug, 'm-3', { status: 'withdrawn' }));
      await storage.catalogue.insert(moduleRecord(b.slug, 'm-1'));
      await storage.catalogue.insert(moduleRecord(none.slug, 'm-1', { status: 'withdrawn' }));
      const published = await storage.catalogue.published();
      expect(published).toEqual(
        [
          { orgSlug: a.slug, modules: 2 },
          { orgSlug: b.slug, modules: 1 },
        ].sort((x, y) => x.orgSlug.localeCompare(y.orgSlug)),
      );
    });

    it('writes nothing when the transaction around it fails', async () => {
      const org = await storedOrganisation(storage);
      await expect(
        storage.transaction(async (tx) => {
          await tx.catalogue.insert(moduleRecord(org.slug, 'm-1'));
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await storage.catalogue.find(org.slug, 'm-1')).toBeUndefined();
    });
  });
}
