import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshId, T0, withInstance, type OpenedStores, type OpenStores } from './stores-under-test.js';

/** Every guarantee of `EmployerStore`, against the adapter `open` opens. */
export function employerStoreContract(open: OpenStores): void {
  describe('EmployerStore contract', () => {
    let a: OpenedStores;
    beforeAll(async () => {
      a = await open();
    });
    afterAll(async () => {
      await a.close();
    });

    /** Adds an employer with fresh id and key hash. */
    async function added(): Promise<{ id: string; name: string; hash: string }> {
      const employer = { id: freshId('employer'), name: 'Zorggroep Oost', hash: freshId('key-hash') };
      await a.stores.addEmployer(employer.id, employer.name, employer.hash, T0);
      return employer;
    }

    it('finds an employer by the hash of its API key', async () => {
      const { id, name, hash } = await added();
      await expect(a.stores.employerByKeyHash(hash)).resolves.toEqual({ id, name });
    });

    it('finds an employer by id, also after its key was revoked', async () => {
      const { id, name } = await added();
      await expect(a.stores.employer(id)).resolves.toEqual({ id, name });
      await a.stores.revokeEmployer(id, T0 + 1000);
      await expect(a.stores.employer(id)).resolves.toEqual({ id, name });
      await expect(a.stores.employer(freshId('employer'))).resolves.toBeUndefined();
    });

    it('finds no employer for a key hash it does not know', async () => {
      await expect(a.stores.employerByKeyHash(freshId('key-hash'))).resolves.toBeUndefined();
    });

    it('a key hash identifies one employer: a second employer with it is refused', async () => {
      const { id, name, hash } = await added();
      await expect(a.stores.addEmployer(freshId('employer'), 'Someone else', hash, T0)).rejects.toBeDefined();
      await expect(a.stores.employerByKeyHash(hash)).resolves.toEqual({ id, name });
    });

    it('revocation ends an API key for good, once', async () => {
      const { id, hash } = await added();
      await expect(a.stores.revokeEmployer(id, T0 + 1000)).resolves.toBe(true);
      await expect(a.stores.employerByKeyHash(hash)).resolves.toBeUndefined();
      await expect(a.stores.revokeEmployer(id, T0 + 2000)).resolves.toBe(false);
      await expect(a.stores.employerByKeyHash(hash)).resolves.toBeUndefined();
    });

    it('revocation leaves other employers alone', async () => {
      const revoked = await added();
      const kept = await added();
      await a.stores.revokeEmployer(revoked.id, T0 + 1000);
      await expect(a.stores.employerByKeyHash(kept.hash)).resolves.toEqual({ id: kept.id, name: kept.name });
    });

    it('reports false for revoking an employer it does not know', async () => {
      await expect(a.stores.revokeEmployer(freshId('employer'), T0)).resolves.toBe(false);
    });

    it('a revocation on one instance holds on every other at once', async () => {
      const { id, name, hash } = await added();
      await withInstance(open, async (b) => {
        await expect(b.employerByKeyHash(hash)).resolves.toEqual({ id, name });
        await a.stores.revokeEmployer(id, T0 + 1000);
        await expect(b.employerByKeyHash(hash)).resolves.toBeUndefined();
        await expect(b.revokeEmployer(id, T0 + 2000)).resolves.toBe(false);
      });
    });
  });
}
