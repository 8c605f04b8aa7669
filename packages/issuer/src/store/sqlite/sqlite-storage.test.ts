import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from '@skills-passport/service-kit';
import { credentialAndOfferContract } from '../contract/credentials-offers.contract.js';
import { intakeContract } from '../contract/intakes.contract.js';
import { listsAndLogsContract } from '../contract/lists-and-logs.contract.js';
import { organisationAndStaffContract } from '../contract/organisations-staff.contract.js';
import { sharedWorkContract } from '../contract/shared-work.contract.js';
import type { OpenStorage } from '../contract/fixtures.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStorage } from './sqlite-storage.js';

// The port contract suites on the SQLite adapter: a real file in a temp dir for every case.
const openSqlite: OpenStorage = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-store-'));
  const storage = await openSqliteStorage(join(dir, 'issuer.sqlite'));
  return {
    storage,
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describe('SQLite adapter: organisations and staff', () => organisationAndStaffContract(openSqlite));
describe('SQLite adapter: credentials, offers and access tokens', () =>
  credentialAndOfferContract(openSqlite));
describe('SQLite adapter: nonces, status lists, cohorts, audit, idempotency', () =>
  listsAndLogsContract(openSqlite));

describe('SQLite adapter: intake standards and intakes', () => intakeContract(openSqlite));
describe('SQLite adapter: cohort leases, one at a time', () => sharedWorkContract(openSqlite));

describe('SQLite migrations', () => {
  it('bring a database made before numbered migrations up to date, keeping its idempotency keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-migrate-'));
    const file = join(dir, 'issuer.sqlite');
    try {
      // The tables as the issuer created them before migrations were numbered (user_version 0).
      const old = await SqliteDatabase.open(file);
      await old.exec(MIGRATIONS[0] as string);
      await old.run(
        'INSERT INTO idempotency_keys (org_slug, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ['org', 'k-1', 'hash-1', 201, '{"id":"urn:uuid:1"}', '2026-11-01T00:00:00.000Z'],
      );
      await old.run(
        'INSERT INTO idempotency_keys (org_slug, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ['org', 'k-2', 'hash-2', 202, '{"id":"cohort-1"}', '2026-11-01T00:00:00.000Z'],
      );
      await old.close();

      const storage = await openSqliteStorage(file);
      expect(await storage.idempotency.find('org', 'k-1')).toEqual({
        requestHash: 'hash-1',
        outcome: 'credential_created',
        result: '{"id":"urn:uuid:1"}',
      });
      expect((await storage.idempotency.find('org', 'k-2'))?.outcome).toBe('cohort_accepted');
      expect(await storage.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await storage.close();
      // Opening again applies nothing twice.
      const again = await openSqliteStorage(file);
      expect(await again.idempotency.find('org', 'k-1')).toBeDefined();
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep the JWT an issued credential was handed over as, as its delivery, when offers may repeat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-migrate-'));
    const file = join(dir, 'issuer.sqlite');
    try {
      const old = await SqliteDatabase.open(file);
      for (const migration of MIGRATIONS.slice(0, 3)) await old.exec(migration as string);
      await old.exec('PRAGMA user_version = 3');
      await old.run(
        "INSERT INTO organisations (slug, name, kind, did, created_at) VALUES ('org', 'Org', 'employer', 'did:web:x', '2026-11-01T00:00:00.000Z')",
      );
      const insert = `INSERT INTO credentials (id, org_slug, type, learner_name, document, status, list_no, status_index,
          holder_did, jwt, created_by, created_at, issued_at) VALUES (?, 'org', 'ModuleCredential', 'L', '{}', ?, 1, ?, ?, ?, 's', ?, ?)`;
      await old.run(insert, [
        'urn:uuid:issued',
        'issued',
        1,
        'did:key:z6MkHolder',
        'a.b.c',
        '2026-11-01T00:00:00.000Z',
        '2026-11-02T10:00:00.000Z',
      ]);
      await old.run(insert, ['urn:uuid:offered', 'offered', 2, null, null, '2026-11-01T00:00:00.000Z', null]);
      for (const [offer, credential] of [
        ['o-1', 'urn:uuid:issued'],
        ['o-2', 'urn:uuid:offered'],
      ] as const)
        await old.run(
          "INSERT INTO offers (id, credential_id, org_slug, code_hash, expires_at, redeemed_at) VALUES (?, ?, 'org', ?, 1, NULL)",
          [offer, credential, `hash-${offer}`],
        );
      await old.close();

      const storage = await openSqliteStorage(file);
      expect(await storage.deliveries.forOffer('o-1')).toEqual([
        {
          notificationId: 'before-deliveries-o-1',
          offerId: 'o-1',
          configurationId: 'ModuleCredential_jwt_vc_json',
          holderDid: 'did:key:z6MkHolder',
          deliveredAt: Date.parse('2026-11-02T10:00:00.000Z'),
          credential: 'a.b.c',
          event: null,
          eventDescription: null,
          eventAt: null,
        },
      ]);
      expect(await storage.deliveries.forOffer('o-2')).toEqual([]);
      expect((await storage.credentials.find('org', 'urn:uuid:issued'))?.offer).toMatchObject({
        id: 'o-1',
        outcome: { delivered: ['ModuleCredential_jwt_vc_json'], event: null },
      });
      expect((await storage.offers.find('o-2'))?.createdAt).toBe(0);
      await storage.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
