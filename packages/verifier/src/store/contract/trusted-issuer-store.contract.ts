import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TrustedIssuer } from '../../domain/trusted-issuers.js';
import { freshId, T0, withInstance, type OpenedStores, type OpenStores } from './stores-under-test.js';

/** Every guarantee of `TrustedIssuerStore`, against the adapter `open` opens. */
export function trustedIssuerStoreContract(open: OpenStores): void {
  describe('TrustedIssuerStore contract', () => {
    let a: OpenedStores;
    beforeAll(async () => {
      a = await open();
    });
    afterAll(async () => {
      await a.close();
    });

    function anIssuer(overrides: Partial<TrustedIssuer> = {}): TrustedIssuer {
      return {
        did: `did:web:${freshId('issuer')}.example.nl`,
        name: 'EVC Centrum Zorg',
        kind: 'evc-provider',
        accreditedTypes: ['EVCCredential', 'ModuleCredential'],
        ...overrides,
      };
    }

    it('gets a trusted issuer as it was put', async () => {
      const issuer = anIssuer({ accreditedTypes: ['WorkplaceLearningCredential', 'EVCCredential'] });
      await a.stores.putTrustedIssuer(issuer, T0);
      await expect(a.stores.get(issuer.did)).resolves.toEqual(issuer);
    });

    it('keeps the services an issuer offers, and forgets them when the entry is put again without', async () => {
      const provider = anIssuer({
        kind: 'training-provider',
        accreditedTypes: ['ModuleCredential'],
        catalogue: 'https://opleider.example.nl/api/catalogues/opleider',
        intake: 'https://opleider.example.nl/api/intake/opleider',
      });
      await a.stores.putTrustedIssuer(provider, T0);
      await expect(a.stores.get(provider.did)).resolves.toEqual(provider);
      expect((await a.stores.listTrustedIssuers()).find((i) => i.did === provider.did)).toEqual(provider);
      const { catalogue: _c, intake: _i, ...without } = provider;
      await a.stores.putTrustedIssuer(without, T0 + 1000);
      await expect(a.stores.get(provider.did)).resolves.toEqual(without);
    });

    it('gets nothing for a DID never put', async () => {
      await expect(a.stores.get(anIssuer().did)).resolves.toBeUndefined();
    });

    it('putting a DID again replaces its entry', async () => {
      const first = anIssuer();
      await a.stores.putTrustedIssuer(first, T0);
      const second: TrustedIssuer = {
        did: first.did,
        name: 'Opleider Techniek',
        kind: 'training-provider',
        accreditedTypes: ['ModuleCredential'],
      };
      await a.stores.putTrustedIssuer(second, T0 + 1000);
      await expect(a.stores.get(first.did)).resolves.toEqual(second);
      const listed = (await a.stores.listTrustedIssuers()).filter((i) => i.did === first.did);
      expect(listed).toEqual([second]);
    });

    it('lists every trusted issuer, ordered by name', async () => {
      const tag = freshId('list');
      // Names whose order no collation disputes: same case, letters and one space.
      const charlie = anIssuer({ name: `charlie ${tag}` });
      const alpha = anIssuer({ name: `alpha ${tag}`, kind: 'employer', accreditedTypes: [] });
      const bravo = anIssuer({ name: `bravo ${tag}`, kind: 'other' });
      for (const issuer of [charlie, alpha, bravo]) await a.stores.putTrustedIssuer(issuer, T0);
      const listed = (await a.stores.listTrustedIssuers()).filter((i) => i.name.endsWith(tag));
      expect(listed).toEqual([alpha, bravo, charlie]);
    });

    it('deletes an entry once', async () => {
      const issuer = anIssuer();
      await a.stores.putTrustedIssuer(issuer, T0);
      await expect(a.stores.deleteTrustedIssuer(issuer.did)).resolves.toBe(true);
      await expect(a.stores.get(issuer.did)).resolves.toBeUndefined();
      expect((await a.stores.listTrustedIssuers()).map((i) => i.did)).not.toContain(issuer.did);
      await expect(a.stores.deleteTrustedIssuer(issuer.did)).resolves.toBe(false);
    });

    it('a change on one instance is what every other reads next', async () => {
      const issuer = anIssuer();
      await withInstance(open, async (b) => {
        await a.stores.putTrustedIssuer(issuer, T0);
        await expect(b.get(issuer.did)).resolves.toEqual(issuer);
        await a.stores.deleteTrustedIssuer(issuer.did);
        await expect(b.get(issuer.did)).resolves.toBeUndefined();
      });
    });
  });
}
