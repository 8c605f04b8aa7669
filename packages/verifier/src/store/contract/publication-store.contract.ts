import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredPublication } from '../../ports.js';
import { freshId, T0, withInstance, type OpenedStores, type OpenStores } from './stores-under-test.js';

/** A publication created at T0 for a year, holding one credential in each envelope. */
function aPublication(overrides: Partial<StoredPublication> = {}): StoredPublication {
  return {
    id: freshId('publication'),
    withdrawTokenHash: freshId('token-hash'),
    credentials: [
      'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOmV2Yy5leGFtcGxlLm5sIn0.c2lnbmF0dXJl',
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Zorg — niveau ✓',
        credentialSubject: { identifier: [{ identityHash: 'Ana de Vries' }] },
        proof: [{ type: 'DataIntegrityProof', proofValue: 'z3FXQ' }],
      },
      'eyJhbGciOiJFUzI1NiJ9.eyJ2Y3QiOiJ4In0.c2ln~WyJzYWx0IiwibmFtZSIsIkFuYSJd~',
    ],
    createdAt: T0,
    expiresAt: T0 + 365 * 86_400_000,
    ...overrides,
  };
}

/** Every guarantee of `PublicationStore`, against the adapter `open` opens. */
export function publicationStoreContract(open: OpenStores): void {
  describe('PublicationStore contract', () => {
    let a: OpenedStores;
    beforeAll(async () => {
      a = await open();
    });
    afterAll(async () => {
      await a.close();
    });

    it('reads a publication back as it was added, credentials in order and equal', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await expect(a.stores.publication(publication.id)).resolves.toEqual({
        state: 'published',
        publication,
      });
    });

    it('has nothing for an unknown id', async () => {
      await expect(a.stores.publication(freshId('publication'))).resolves.toBeUndefined();
    });

    it('refuses a second publication with the same id', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await expect(a.stores.addPublication(aPublication({ id: publication.id }))).rejects.toThrow();
      await expect(a.stores.publication(publication.id)).resolves.toEqual({
        state: 'published',
        publication,
      });
    });

    it('ends a publication: its credentials and token hash are gone, the id, times and reason remain', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await expect(a.stores.endPublication(publication.id, T0 + 1000, 'withdrawn')).resolves.toBe(true);
      const read = await a.stores.publication(publication.id);
      expect(read).toEqual({
        state: 'ended',
        ended: { id: publication.id, createdAt: T0, endedAt: T0 + 1000, reason: 'withdrawn' },
      });
      expect(JSON.stringify(read)).not.toContain('Ana de Vries');
      expect(JSON.stringify(read)).not.toContain(publication.withdrawTokenHash);
    });

    it('keeps the reason an expired publication was cleared for', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await expect(a.stores.endPublication(publication.id, publication.expiresAt, 'expired')).resolves.toBe(
        true,
      );
      await expect(a.stores.publication(publication.id)).resolves.toMatchObject({
        state: 'ended',
        ended: { reason: 'expired', endedAt: publication.expiresAt },
      });
    });

    it('ends a publication once: a second end, or one of an unknown id, is false and changes nothing', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await a.stores.endPublication(publication.id, T0 + 1000, 'withdrawn');
      await expect(a.stores.endPublication(publication.id, T0 + 2000, 'expired')).resolves.toBe(false);
      await expect(a.stores.publication(publication.id)).resolves.toMatchObject({
        ended: { endedAt: T0 + 1000, reason: 'withdrawn' },
      });
      await expect(a.stores.endPublication(freshId('publication'), T0, 'withdrawn')).resolves.toBe(false);
    });

    it('ends every expired publication at once, and only those', async () => {
      // Far in the future, so publications of other cases (created at T0) are not in the way.
      const at = T0 + 100 * 365 * 86_400_000;
      const expired = aPublication({ expiresAt: at - 1 });
      const endsNow = aPublication({ expiresAt: at });
      const live = aPublication({ expiresAt: at + 1 });
      const withdrawn = aPublication({ expiresAt: at - 1 });
      for (const p of [expired, endsNow, live, withdrawn]) await a.stores.addPublication(p);
      await a.stores.endPublication(withdrawn.id, T0 + 5, 'withdrawn');
      await expect(a.stores.endExpiredPublications(at)).resolves.toBeGreaterThanOrEqual(2);
      for (const p of [expired, endsNow])
        await expect(a.stores.publication(p.id)).resolves.toEqual({
          state: 'ended',
          ended: { id: p.id, createdAt: T0, endedAt: p.expiresAt, reason: 'expired' },
        });
      await expect(a.stores.publication(live.id)).resolves.toEqual({ state: 'published', publication: live });
      await expect(a.stores.publication(withdrawn.id)).resolves.toMatchObject({
        ended: { endedAt: T0 + 5, reason: 'withdrawn' },
      });
      await expect(a.stores.endExpiredPublications(at)).resolves.toBe(0);
    });

    it('an ended id cannot be published again', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await a.stores.endPublication(publication.id, T0 + 1000, 'withdrawn');
      await expect(a.stores.addPublication(aPublication({ id: publication.id }))).rejects.toThrow();
    });

    it('of racing ends on several instances exactly one succeeds, and every instance reads the result', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      const others = await Promise.all([open(), open(), open()]);
      try {
        const outcomes = await Promise.all(
          [a, ...others].map((instance, i) =>
            instance.stores.endPublication(publication.id, T0 + i, 'withdrawn'),
          ),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        for (const instance of others)
          await expect(instance.stores.publication(publication.id)).resolves.toMatchObject({
            state: 'ended',
          });
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });

    it('what one instance publishes, another reads', async () => {
      const publication = aPublication();
      await a.stores.addPublication(publication);
      await withInstance(open, async (other) => {
        await expect(other.publication(publication.id)).resolves.toEqual({ state: 'published', publication });
      });
    });
  });
}
