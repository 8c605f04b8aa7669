import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredVacancy } from '../../ports.js';
import {
  addFreshEmployer,
  freshId,
  T0,
  withInstance,
  type OpenedStores,
  type OpenStores,
} from './stores-under-test.js';

/** A vacancy of `employerId` published at T0 for 30 days, unless `overrides` say otherwise. */
export function aVacancy(employerId: string, overrides: Partial<StoredVacancy> = {}): StoredVacancy {
  return {
    id: freshId('vacancy'),
    employerId,
    title: 'Vacature: verzorgende IG — “zorg” ✓',
    purpose: 'Voor ons team in Utrecht',
    skills: [
      {
        uri: 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896',
        required: true,
        minimumLevel: 2,
      },
      { uri: 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064', required: false },
    ],
    acceptedTypes: ['EVCCredential', 'ModuleCredential'],
    acceptedIssuers: undefined,
    createdAt: T0,
    expiresAt: T0 + 30 * 86_400_000,
    ...overrides,
  };
}

/** Every guarantee of `VacancyStore`, against the adapter `open` opens. */
export function vacancyStoreContract(open: OpenStores): void {
  describe('VacancyStore contract', () => {
    let a: OpenedStores;
    let employerId: string;
    beforeAll(async () => {
      a = await open();
      employerId = await addFreshEmployer(a.stores);
    });
    afterAll(async () => {
      await a.close();
    });

    it('reads a vacancy back as it was added', async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      await expect(a.stores.vacancy(vacancy.id)).resolves.toEqual(vacancy);
    });

    it('keeps every optional part: issuers, the name asked for, the request lifetime', async () => {
      const vacancy = aVacancy(employerId, {
        acceptedIssuers: ['did:web:evc.example.nl'],
        askForName: true,
        requestTtlSeconds: 86_400,
        purpose: '',
      });
      await a.stores.addVacancy(vacancy);
      await expect(a.stores.vacancy(vacancy.id)).resolves.toStrictEqual(vacancy);
    });

    it('has nothing for an unknown id', async () => {
      await expect(a.stores.vacancy(freshId('vacancy'))).resolves.toBeUndefined();
    });

    it('[faults] refuses a second vacancy with the same id, keeping the first', async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      await expect(
        a.stores.addVacancy(aVacancy(employerId, { id: vacancy.id, title: 'Other' })),
      ).rejects.toThrow();
      await expect(a.stores.vacancy(vacancy.id)).resolves.toEqual(vacancy);
    });

    it('[faults] refuses a vacancy of an employer that does not exist', async () => {
      const vacancy = aVacancy(freshId('employer'));
      await expect(a.stores.addVacancy(vacancy)).rejects.toThrow();
      await expect(a.stores.vacancy(vacancy.id)).resolves.toBeUndefined();
    });

    it("lists an employer's vacancies newest first, withdrawn ones too, at most the limit", async () => {
      const mine = await addFreshEmployer(a.stores);
      const older = aVacancy(mine, { createdAt: T0 });
      const newer = aVacancy(mine, { createdAt: T0 + 1000 });
      const withdrawn = aVacancy(mine, { createdAt: T0 + 2000 });
      for (const v of [older, newer, withdrawn]) await a.stores.addVacancy(v);
      await a.stores.withdrawVacancy(withdrawn.id, mine, T0 + 3000);
      await expect(a.stores.vacanciesOf(mine, 10)).resolves.toEqual([
        { ...withdrawn, withdrawnAt: T0 + 3000 },
        newer,
        older,
      ]);
      await expect(a.stores.vacanciesOf(mine, 1)).resolves.toHaveLength(1);
      await expect(a.stores.vacanciesOf(freshId('employer'), 10)).resolves.toEqual([]);
    });

    it('withdraws a vacancy once, keeping it with the time', async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      await expect(a.stores.withdrawVacancy(vacancy.id, employerId, T0 + 5)).resolves.toBe(true);
      await expect(a.stores.vacancy(vacancy.id)).resolves.toEqual({ ...vacancy, withdrawnAt: T0 + 5 });
      await expect(a.stores.withdrawVacancy(vacancy.id, employerId, T0 + 9)).resolves.toBe(false);
      await expect(a.stores.vacancy(vacancy.id)).resolves.toEqual({ ...vacancy, withdrawnAt: T0 + 5 });
    });

    it("[access control] another employer's withdraw, or one of an unknown id, is false and changes nothing", async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      const other = await addFreshEmployer(a.stores);
      await expect(a.stores.withdrawVacancy(vacancy.id, other, T0)).resolves.toBe(false);
      await expect(a.stores.withdrawVacancy(freshId('vacancy'), employerId, T0)).resolves.toBe(false);
      await expect(a.stores.vacancy(vacancy.id)).resolves.toEqual(vacancy);
    });

    it('of racing withdraws on several instances exactly one succeeds, and every instance reads it', async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      const others = await Promise.all([open(), open()]);
      try {
        const results = await Promise.all(
          [a, ...others, a].map((instance, i) =>
            instance.stores.withdrawVacancy(vacancy.id, employerId, T0 + i),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        for (const instance of [a, ...others])
          await expect(instance.stores.vacancy(vacancy.id)).resolves.toMatchObject({
            withdrawnAt: expect.any(Number),
          });
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });

    it('what one instance publishes, another reads', async () => {
      const vacancy = aVacancy(employerId);
      await a.stores.addVacancy(vacancy);
      await withInstance(open, async (b) => {
        await expect(b.vacancy(vacancy.id)).resolves.toEqual(vacancy);
      });
    });
  });
}
