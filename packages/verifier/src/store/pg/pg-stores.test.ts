// The store contract suites against the PostgreSQL adapter, the same the SQLite adapter passes:
// one cluster and one database for this file, every instance a pool of its own on it.
import { jest } from '@jest/globals';
import { describeOnCluster } from '@skills-passport/service-kit/testing';
import type { OpenStores } from '../contract/stores-under-test.js';
import { verifierStoresContract } from '../contract/verifier-stores.contract.js';
import { PgVerifierStores } from './pg-verifier-stores.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

describeOnCluster('PostgreSQL adapter', (postgres) => {
  const open: OpenStores = async () => {
    const stores = await PgVerifierStores.open({ url: postgres.url, poolSize: 8 });
    return { stores, close: () => stores.close() };
  };

  verifierStoresContract(open);
});
