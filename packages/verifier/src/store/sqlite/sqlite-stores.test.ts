// The store contract suites against the SQLite adapter, on a real file in a temp dir; and what is
// the SQLite adapter's own: settling the rows earlier versions left behind.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFreshEmployer, addFreshRequest, T0, type OpenStores } from '../contract/stores-under-test.js';
import { aVacancy } from '../contract/vacancy-store.contract.js';
import { verifierStoresContract } from '../contract/verifier-stores.contract.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteVerifierStores } from './sqlite-verifier-stores.js';

const dir = mkdtempSync(join(tmpdir(), 'verifier-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every instance opens the same SQLite file, as a restarted verifier would. */
const file = join(dir, 'verifier.sqlite');

/** Takes a file back to before migration 4 (a trusted issuer's catalogue and intake columns). */
const DROP_TRUSTED_ISSUER_SERVICES =
  'ALTER TABLE trusted_issuers DROP COLUMN catalogue; ALTER TABLE trusted_issuers DROP COLUMN intake;';
const open: OpenStores = async () => {
  const stores = await SqliteVerifierStores.open(file);
  return { stores, close: () => stores.close() };
};

verifierStoresContract(open);

describe('SQLite adapter', () => {
  it("settles requests an earlier version left 'answering': answered if a result is stored, else pending", async () => {
    const legacy = join(dir, 'legacy.sqlite');
    const before = await SqliteVerifierStores.open(legacy);
    const employerId = await addFreshEmployer(before);
    const answered = await addFreshRequest(before, employerId);
    const stuck = await addFreshRequest(before, employerId);
    await before.db.run(
      `INSERT INTO results (request_id, received_at, accepted, outcome, report) VALUES (?, ?, 1, 'verified', '{}')`,
      [answered.id, T0],
    );
    await before.db.run(`UPDATE requests SET status = 'answering' WHERE id IN (?, ?)`, [
      answered.id,
      stuck.id,
    ]);
    await before.close();

    const after = await SqliteVerifierStores.open(legacy);
    try {
      await expect(after.request(answered.id)).resolves.toMatchObject({ status: 'answered' });
      await expect(after.request(stuck.id)).resolves.toMatchObject({ status: 'pending' });
      const claim = await after.claimForAnswering(stuck.id, T0);
      expect(claim).toBeDefined();
      await claim!.release();
    } finally {
      await after.close();
    }
  });

  it('adds the ask_for_name column to a file made before it, keeping its requests', async () => {
    const legacy = join(dir, 'before-ask-for-name.sqlite');
    const before = await SqliteVerifierStores.open(legacy);
    const employerId = await addFreshEmployer(before);
    const request = await addFreshRequest(before, employerId);
    await before.db.exec('ALTER TABLE requests DROP COLUMN ask_for_name');
    await before.close();

    const after = await SqliteVerifierStores.open(legacy);
    try {
      await expect(after.request(request.id)).resolves.toEqual(request);
      const named = await addFreshRequest(after, employerId, { askForName: true });
      await expect(after.request(named.id)).resolves.toEqual(named);
    } finally {
      await after.close();
    }
  });

  it('brings a file of a version before publications (user_version 0) up to date, keeping its requests', async () => {
    const legacy = join(dir, 'before-publications.sqlite');
    const before = await SqliteVerifierStores.open(legacy);
    const employerId = await addFreshEmployer(before);
    const request = await addFreshRequest(before, employerId);
    await before.db.exec(
      `DROP TABLE vacancies; DROP TABLE publications; ${DROP_TRUSTED_ISSUER_SERVICES} PRAGMA user_version = 0`,
    );
    await before.close();

    const after = await SqliteVerifierStores.open(legacy);
    try {
      expect(await after.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await expect(after.request(request.id)).resolves.toEqual(request);
      const publication = {
        id: 'p-after-migration',
        withdrawTokenHash: 'h',
        credentials: ['a.b.c'],
        createdAt: T0,
        expiresAt: T0 + 1000,
      };
      await after.addPublication(publication);
      await expect(after.publication(publication.id)).resolves.toEqual({ state: 'published', publication });
    } finally {
      await after.close();
    }
    // Opening it again applies nothing twice.
    const again = await SqliteVerifierStores.open(legacy);
    try {
      expect(await again.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await expect(again.publication('p-after-migration')).resolves.toMatchObject({ state: 'published' });
    } finally {
      await again.close();
    }
  });

  it('brings a file of the version before vacancies (user_version 2) up to date, keeping what it held', async () => {
    const legacy = join(dir, 'before-vacancies.sqlite');
    const before = await SqliteVerifierStores.open(legacy);
    const employerId = await addFreshEmployer(before);
    const request = await addFreshRequest(before, employerId);
    const publication = {
      id: 'p-before-vacancies',
      withdrawTokenHash: 'h',
      credentials: ['a.b.c'],
      createdAt: T0,
      expiresAt: T0 + 1000,
    };
    await before.addPublication(publication);
    await before.db.exec(`DROP TABLE vacancies; ${DROP_TRUSTED_ISSUER_SERVICES} PRAGMA user_version = 2`);
    await before.close();

    const after = await SqliteVerifierStores.open(legacy);
    try {
      expect(await after.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await expect(after.request(request.id)).resolves.toEqual(request);
      await expect(after.publication(publication.id)).resolves.toEqual({ state: 'published', publication });
      const vacancy = aVacancy(employerId);
      await after.addVacancy(vacancy);
      await expect(after.vacancy(vacancy.id)).resolves.toEqual(vacancy);
    } finally {
      await after.close();
    }
    const again = await SqliteVerifierStores.open(legacy);
    try {
      expect(await again.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await expect(again.vacanciesOf(employerId, 10)).resolves.toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('brings a file of the version before trust-list services (user_version 3) up to date, keeping its trusted issuers', async () => {
    const legacy = join(dir, 'before-services.sqlite');
    const before = await SqliteVerifierStores.open(legacy);
    await before.db.exec(`${DROP_TRUSTED_ISSUER_SERVICES} PRAGMA user_version = 3`);
    const kept = {
      did: 'did:web:evc.example.nl',
      name: 'EVC Centrum Zorg',
      kind: 'evc-provider' as const,
      accreditedTypes: ['EVCCredential' as const],
    };
    await before.db.run(
      'INSERT INTO trusted_issuers (did, name, kind, accredited_types, updated_at) VALUES (?, ?, ?, ?, ?)',
      [kept.did, kept.name, kept.kind, JSON.stringify(kept.accreditedTypes), T0],
    );
    await before.close();

    const after = await SqliteVerifierStores.open(legacy);
    try {
      expect(await after.db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      await expect(after.get(kept.did)).resolves.toEqual(kept);
      const withIntake = { ...kept, intake: 'https://evc.example.nl/api/intake/evc' };
      await after.putTrustedIssuer(withIntake, T0 + 1);
      await expect(after.get(kept.did)).resolves.toEqual(withIntake);
    } finally {
      await after.close();
    }
  });
});
