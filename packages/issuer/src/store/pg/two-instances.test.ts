import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { randomToken, sha256Hex } from '@skills-passport/service-kit';
import { describeOnCluster } from '@skills-passport/service-kit/testing';
import type { IssuerDeps } from '../../domain/deps.js';
import { exchangePreAuthorizedCode } from '../../domain/openid4vci.js';
import { allocateStatusIndex } from '../../domain/status-lists.js';
import { credential, storedCredential, storedOrganisation, T0 } from '../contract/fixtures.js';
import { openPgStorage, type PgIssuerStorage } from './pg-storage.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

const ROUNDS = 25;

// Two "instances": two pools on one database, as two issuer processes would hold, racing for the
// same single-use things. Each race is started on both at once; exactly one may win.
describeOnCluster('PostgreSQL store shared by two instances', (postgres) => {
  let one: PgIssuerStorage;
  let two: PgIssuerStorage;

  beforeAll(async () => {
    // Both start (and migrate) at once: the migration lock lets one create the tables.
    [one, two] = await Promise.all([
      openPgStorage({ url: postgres.url, poolSize: 8 }),
      openPgStorage({ url: postgres.url, poolSize: 8 }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  // exchangePreAuthorizedCode reads only the store and the clock (and the config for an offer with
  // a PIN, which these have not): the token endpoint's own code, on each instance's store.
  const tokenEndpointOf = (store: PgIssuerStorage) => {
    const deps = { store, now: () => new Date(T0) } as Pick<IssuerDeps, 'store' | 'now'> as IssuerDeps;
    return (orgSlug: string, code: string) =>
      exchangePreAuthorizedCode(
        deps,
        orgSlug,
        { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': code },
        undefined,
      );
  };
  const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

  it('redeems one pre-authorized code once, when both instances are handed it at the same moment', async () => {
    const org = await storedOrganisation(one);
    const endpoints = [tokenEndpointOf(one), tokenEndpointOf(two)];
    for (let round = 0; round < ROUNDS; round += 1) {
      const code = randomToken(32);
      // A status index of its own (the fixture's random one could meet another's, one time in a few hundred).
      const { offer } = await storedCredential(
        one,
        org.slug,
        { statusIndex: round },
        { codeHash: sha256Hex(code) },
      );
      const outcomes = await Promise.allSettled(endpoints.map((exchange) => exchange(org.slug, code)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ error: 'invalid_grant' });
      expect((await two.offers.find(offer.id))?.redeemedAt).toBe(T0);
    }
  });

  it('uses one nonce once, when both instances are handed it at the same moment', async () => {
    const org = await storedOrganisation(one);
    for (let round = 0; round < ROUNDS; round += 1) {
      const nonce = randomToken(24);
      await one.transaction((tx) => tx.nonces.insert(nonce, org.slug, T0 + 60_000));
      const outcomes = await Promise.all(
        [one, two].map((store) => store.transaction((tx) => tx.nonces.consume(nonce, org.slug, T0))),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    }
  });

  it('gives every credential its own status index, allocated on either instance at once', async () => {
    const org = await storedOrganisation(one);
    const issue = (store: PgIssuerStorage) =>
      store.transaction(async (tx) => {
        const { listNo, index } = await allocateStatusIndex(tx, org.slug);
        await tx.credentials.insert(credential(org.slug, { listNo, statusIndex: index }));
        return `${listNo}/${index}`;
      });
    const slots = await Promise.all(Array.from({ length: 60 }, (_, i) => issue(i % 2 === 0 ? one : two)));
    expect(new Set(slots).size).toBe(60);
    expect(await one.statusLists.currentList(org.slug)).toEqual({ listNo: 1, used: 60 });
  });
});
