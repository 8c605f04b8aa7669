import { describe, jest } from '@jest/globals';
import { describeOnCluster } from '@skills-passport/service-kit/testing';
import { catalogueContract } from '../contract/catalogue.contract.js';
import { credentialAndOfferContract } from '../contract/credentials-offers.contract.js';
import type { OpenStorage } from '../contract/fixtures.js';
import { intakeContract } from '../contract/intakes.contract.js';
import { listsAndLogsContract } from '../contract/lists-and-logs.contract.js';
import { organisationAndStaffContract } from '../contract/organisations-staff.contract.js';
import { sharedWorkContract } from '../contract/shared-work.contract.js';
import { openPgStorage } from './pg-storage.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

// The port contract suites on the PostgreSQL adapter, the same the SQLite adapter passes: one
// cluster for this file, a fresh database for every case.
describeOnCluster('PostgreSQL adapter', (postgres) => {
  const openPg: OpenStorage = async () => {
    const storage = await openPgStorage({ url: await postgres.cluster.createDatabase(), poolSize: 4 });
    return { storage, close: () => storage.close() };
  };

  describe('organisations and staff', () => organisationAndStaffContract(openPg));
  describe('credentials, offers and access tokens', () => credentialAndOfferContract(openPg));
  describe('nonces, status lists, cohorts, audit, idempotency', () => listsAndLogsContract(openPg));
  describe('intake standards and intakes', () => intakeContract(openPg));
  describe('module catalogues', () => catalogueContract(openPg));
  describe('cohort leases, one at a time', () => sharedWorkContract(openPg));
});
