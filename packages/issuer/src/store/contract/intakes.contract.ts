import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { IntakeRecord, IntakeStandard, IssuerStorage } from '../../ports.js';
import { iso, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

function standard(orgSlug: string, overrides: Partial<IntakeStandard> = {}): IntakeStandard {
  return {
    orgSlug,
    id: '25498',
    name: 'Helpende zorg en welzijn',
    identifier: '25498',
    occupation: 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082',
    skills: null,
    updatedAt: iso(T0),
    ...overrides,
  };
}

function intake(orgSlug: string, overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  return {
    id: randomUUID(),
    orgSlug,
    purpose: 'evc-intake',
    standardId: '25498',
    purposeText: null,
    createdBy: null,
    nonce: randomUUID(),
    state: randomUUID(),
    createdAt: T0,
    expiresAt: T0 + 1_800_000,
    receivedAt: null,
    holder: null,
    learnerName: null,
    answer: null,
    ...overrides,
  };
}

const answer = (receivedAt: number, text = '{"credentials":[]}') => ({
  receivedAt,
  holder: 'did:key:z6MkHolder',
  learnerName: 'Fatima el Amrani',
  answer: text,
});

/** The contract of IntakeStore, for any adapter. */
export function intakeContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  beforeEach(async () => ({ storage, close } = await open()));
  afterEach(() => close());

  describe('IntakeStore: standards', () => {
    it('stores a standard, replaces it by id, and keeps each organisation to its own', async () => {
      const org = await storedOrganisation(storage);
      const other = await storedOrganisation(storage);
      const first = standard(org.slug);
      await storage.intakes.putStandard(first);
      expect(await storage.intakes.standard(org.slug, '25498')).toEqual(first);
      expect(await storage.intakes.standard(other.slug, '25498')).toBeUndefined();

      const skills = [{ uri: 'http://data.europa.eu/esco/skill/a', essential: true }];
      const second = standard(org.slug, {
        name: 'Helpende Z&W',
        occupation: null,
        skills,
        updatedAt: iso(T0 + 1),
      });
      await storage.intakes.putStandard(second);
      expect(await storage.intakes.standards(org.slug)).toEqual([second]);
      expect(await storage.intakes.standards(other.slug)).toEqual([]);
    });

    it('lists standards by name', async () => {
      const org = await storedOrganisation(storage);
      await storage.intakes.putStandard(standard(org.slug, { id: 'b', name: 'Verzorgende IG' }));
      await storage.intakes.putStandard(standard(org.slug, { id: 'a', name: 'Helpende zorg en welzijn' }));
      expect((await storage.intakes.standards(org.slug)).map((s) => s.id)).toEqual(['a', 'b']);
    });
  });

  describe('IntakeStore: requests and answers', () => {
    it("round-trips a request and lists an organisation's newest first", async () => {
      const org = await storedOrganisation(storage);
      const older = intake(org.slug, { createdAt: T0 });
      const newer = intake(org.slug, {
        createdAt: T0 + 1000,
        purpose: 'advice',
        standardId: null,
        purposeText: 'Loopbaangesprek',
        createdBy: 'staff-1',
      });
      await storage.intakes.insert(older);
      await storage.intakes.insert(newer);
      expect(await storage.intakes.find(newer.id)).toEqual(newer);
      expect(await storage.intakes.find('nobody')).toBeUndefined();
      expect((await storage.intakes.list(org.slug, 10)).map((i) => i.id)).toEqual([newer.id, older.id]);
      expect(await storage.intakes.list(org.slug, 1)).toHaveLength(1);
      expect(await storage.intakes.list((await storedOrganisation(storage)).slug, 10)).toEqual([]);
    });

    it('refuses a second request with the same nonce', async () => {
      const org = await storedOrganisation(storage);
      const first = intake(org.slug);
      await storage.intakes.insert(first);
      await expect(storage.intakes.insert(intake(org.slug, { nonce: first.nonce }))).rejects.toThrow();
    });

    it('keeps one answer only, and none once the request has expired', async () => {
      const org = await storedOrganisation(storage);
      const open = intake(org.slug);
      await storage.intakes.insert(open);
      expect(await storage.intakes.saveAnswer(open.id, answer(T0 + 10))).toBe(true);
      expect(await storage.intakes.saveAnswer(open.id, answer(T0 + 20, '{"other":true}'))).toBe(false);
      expect(await storage.intakes.find(open.id)).toEqual({
        ...open,
        receivedAt: T0 + 10,
        holder: 'did:key:z6MkHolder',
        learnerName: 'Fatima el Amrani',
        answer: '{"credentials":[]}',
      });

      const expired = intake(org.slug);
      await storage.intakes.insert(expired);
      expect(await storage.intakes.saveAnswer(expired.id, answer(expired.expiresAt))).toBe(false);
      expect((await storage.intakes.find(expired.id))?.receivedAt).toBeNull();
      expect(await storage.intakes.saveAnswer('nobody', answer(T0))).toBe(false);
    });

    it('keeps exactly one of two answers racing for the same request', async () => {
      const org = await storedOrganisation(storage);
      const open = intake(org.slug);
      await storage.intakes.insert(open);
      const outcomes = await Promise.all([
        storage.intakes.saveAnswer(open.id, answer(T0 + 1, '{"n":1}')),
        storage.transaction((tx) => tx.intakes.saveAnswer(open.id, answer(T0 + 2, '{"n":2}'))),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const kept = await storage.intakes.find(open.id);
      expect(kept?.answer).toBe(outcomes[0] ? '{"n":1}' : '{"n":2}');
    });
  });
}
