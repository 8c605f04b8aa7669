import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORPHANED_CLAIM_MAX_MS, type StoredResult } from '../../ports.js';
import {
  addFreshEmployer,
  addFreshRequest,
  aRequest,
  freshId,
  T0,
  withInstance,
  type OpenedStores,
  type OpenStores,
} from './stores-under-test.js';

/** An answer to `requestId`, with a report that exercises JSON. */
function anAnswer(requestId: string, overrides: Partial<StoredResult> = {}): StoredResult {
  return {
    requestId,
    receivedAt: T0 + 60_000,
    accepted: true,
    outcome: 'verified',
    report: {
      accepted: true,
      holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      presentations: [{ checks: [{ id: 'valid_signature', status: 'pass' }], credentials: [] }],
      match: { coverage: { required: 2, proven: 1.5 }, note: 'Zorg — niveau ✓', missing: null },
    },
    ...overrides,
  };
}

/** Every guarantee of `RequestStore`, claims and answers included, against the adapter `open` opens. */
export function requestStoreContract(open: OpenStores): void {
  describe('RequestStore contract', () => {
    let a: OpenedStores;
    let employerId: string;
    beforeAll(async () => {
      a = await open();
      employerId = await addFreshEmployer(a.stores);
    });
    afterAll(async () => {
      await a.close();
    });

    describe('requests', () => {
      it('reads a request back as it was added', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
        const narrowed = await addFreshRequest(a.stores, employerId, {
          acceptedTypes: ['WorkplaceLearningCredential'],
          acceptedIssuers: [
            'did:web:evc.example.nl',
            'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
          ],
        });
        const read = await a.stores.request(narrowed.id);
        expect(read).toEqual(narrowed);
        expect(read!.skills[1]).not.toHaveProperty('minimumLevel');
        expect(read).not.toHaveProperty('askForName');
      });

      it("keeps whether the employer asks for the learner's name", async () => {
        const request = await addFreshRequest(a.stores, employerId, { askForName: true });
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
      });

      it('knows no request and no result for an unknown id', async () => {
        const id = freshId('request');
        await expect(a.stores.request(id)).resolves.toBeUndefined();
        await expect(a.stores.result(id)).resolves.toBeUndefined();
      });

      it('refuses a request of an employer it does not know', async () => {
        const request = aRequest(freshId('employer'));
        await expect(a.stores.addRequest(request)).rejects.toBeDefined();
        await expect(a.stores.request(request.id)).resolves.toBeUndefined();
      });

      it('refuses a second request with a taken id', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        await expect(a.stores.addRequest({ ...request, title: 'Another' })).rejects.toBeDefined();
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
      });

      it("lists an employer's own requests, newest first, ties by id, at most `limit`", async () => {
        const mine = await addFreshEmployer(a.stores);
        const other = await addFreshEmployer(a.stores);
        const prefix = freshId('listed');
        const oldest = await addFreshRequest(a.stores, mine, { id: `${prefix}-c`, createdAt: T0 });
        const tiedB = await addFreshRequest(a.stores, mine, { id: `${prefix}-b`, createdAt: T0 + 1 });
        const newest = await addFreshRequest(a.stores, mine, { id: `${prefix}-d`, createdAt: T0 + 2 });
        const tiedA = await addFreshRequest(a.stores, mine, { id: `${prefix}-a`, createdAt: T0 + 1 });
        await addFreshRequest(a.stores, other, { createdAt: T0 + 5 });
        await expect(a.stores.requestsOf(mine, 10)).resolves.toEqual([newest, tiedA, tiedB, oldest]);
        await expect(a.stores.requestsOf(mine, 2)).resolves.toEqual([newest, tiedA]);
        await expect(a.stores.requestsOf(freshId('employer'), 10)).resolves.toEqual([]);
      });

      it('keeps the requests of a revoked employer', async () => {
        const revoked = await addFreshEmployer(a.stores);
        const request = await addFreshRequest(a.stores, revoked);
        await a.stores.revokeEmployer(revoked, T0 + 1);
        await expect(a.stores.requestsOf(revoked, 10)).resolves.toEqual([request]);
      });
    });

    describe('claims', () => {
      it('claims a pending, unexpired request for one holder at a time', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        const first = await a.stores.claimForAnswering(id, T0);
        expect(first).toBeDefined();
        await expect(a.stores.claimForAnswering(id, T0)).resolves.toBeUndefined();
        await first!.release();
        const again = await a.stores.claimForAnswering(id, T0);
        expect(again).toBeDefined();
        await again!.release();
      });

      it('of claims racing for one request on several instances, exactly one wins', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await withInstance(open, async (b) => {
          const claims = await Promise.all(
            [a.stores, b, a.stores, b, a.stores, b].map((stores) => stores.claimForAnswering(id, T0)),
          );
          const won = claims.filter((claim) => claim !== undefined);
          expect(won).toHaveLength(1);
          await won[0]!.release();
        });
      });

      it('a claim held on one instance turns another away until released', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await withInstance(open, async (b) => {
          const held = await a.stores.claimForAnswering(id, T0);
          expect(held).toBeDefined();
          await expect(b.claimForAnswering(id, T0)).resolves.toBeUndefined();
          await held!.release();
          const taken = await b.claimForAnswering(id, T0);
          expect(taken).toBeDefined();
          await expect(a.stores.claimForAnswering(id, T0)).resolves.toBeUndefined();
          await taken!.release();
        });
      });

      it('an expired request cannot be claimed', async () => {
        const { id } = await addFreshRequest(a.stores, employerId, { expiresAt: T0 + 1000 });
        await expect(a.stores.claimForAnswering(id, T0 + 1000)).resolves.toBeUndefined();
        await expect(a.stores.claimForAnswering(id, T0 + 5000)).resolves.toBeUndefined();
        const inTime = await a.stores.claimForAnswering(id, T0 + 999);
        expect(inTime).toBeDefined();
        await inTime!.release();
      });

      it('an unknown request cannot be claimed', async () => {
        await expect(a.stores.claimForAnswering(freshId('request'), T0)).resolves.toBeUndefined();
      });

      it('an answered request cannot be claimed', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await a.stores.saveResult(anAnswer(id));
        await expect(a.stores.claimForAnswering(id, T0)).resolves.toBeUndefined();
      });

      it('a claim changes nothing stored: released, the request is pending as before', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        const claim = await a.stores.claimForAnswering(request.id, T0);
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
        await claim!.release();
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
        await expect(a.stores.result(request.id)).resolves.toBeUndefined();
      });

      it('releasing again, or a claim since taken over, never ends a newer claim', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        const old = await a.stores.claimForAnswering(id, T0);
        await old!.release();
        const current = await a.stores.claimForAnswering(id, T0);
        expect(current).toBeDefined();
        await old!.release();
        await expect(old!.release()).resolves.toBeUndefined();
        await expect(a.stores.claimForAnswering(id, T0)).resolves.toBeUndefined();
        await current!.release();
      });

      it('a claim left by an instance that stopped without releasing it does not block the request', async () => {
        const { id } = await addFreshRequest(a.stores, employerId, {
          expiresAt: T0 + 2 * ORPHANED_CLAIM_MAX_MS,
        });
        const stopped = await open();
        const orphan = await stopped.stores.claimForAnswering(id, T0);
        expect(orphan).toBeDefined();
        await stopped.close();
        const later = await a.stores.claimForAnswering(id, T0 + ORPHANED_CLAIM_MAX_MS);
        expect(later).toBeDefined();
        // The stopped instance letting go late ends nothing of the new holder's.
        await expect(orphan!.release()).resolves.toBeUndefined();
        await expect(a.stores.claimForAnswering(id, T0 + ORPHANED_CLAIM_MAX_MS)).resolves.toBeUndefined();
        await later!.release();
      });
    });

    describe('answers', () => {
      it('saves an answer and marks the request answered with it', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        const answer = anAnswer(request.id);
        await expect(a.stores.saveResult(answer)).resolves.toBe(true);
        await expect(a.stores.result(request.id)).resolves.toEqual(answer);
        await expect(a.stores.request(request.id)).resolves.toEqual({ ...request, status: 'answered' });
      });

      it('reads a refusal back as saved', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        const refusal = anAnswer(id, {
          accepted: false,
          outcome: 'failed',
          report: { accepted: false, presentations: [], error: 'vp_token is missing.' },
        });
        await a.stores.saveResult(refusal);
        await expect(a.stores.result(id)).resolves.toEqual(refusal);
      });

      it('saves an answer once: a second one is refused and changes nothing', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        const first = anAnswer(id);
        await a.stores.saveResult(first);
        const second = anAnswer(id, { receivedAt: T0 + 120_000, accepted: false, outcome: 'failed' });
        await expect(a.stores.saveResult(second)).resolves.toBe(false);
        await expect(a.stores.result(id)).resolves.toEqual(first);
      });

      it('of saves racing on several instances exactly one wins, and its answer is the one kept', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        await withInstance(open, async (b) => {
          const answers = [0, 1, 2, 3, 4, 5].map((i) =>
            anAnswer(request.id, { receivedAt: T0 + i, outcome: `outcome-${i}`, accepted: i % 2 === 0 }),
          );
          const saved = await Promise.all(
            answers.map((answer, i) => (i % 2 === 0 ? a.stores : b).saveResult(answer)),
          );
          expect(saved.filter(Boolean)).toHaveLength(1);
          const winner = answers[saved.indexOf(true)]!;
          await expect(a.stores.result(request.id)).resolves.toEqual(winner);
          await expect(b.result(request.id)).resolves.toEqual(winner);
          await expect(b.request(request.id)).resolves.toEqual({ ...request, status: 'answered' });
        });
      });

      it('refuses an answer to a request it does not know', async () => {
        const id = freshId('request');
        await expect(a.stores.saveResult(anAnswer(id))).resolves.toBe(false);
        await expect(a.stores.result(id)).resolves.toBeUndefined();
      });

      it('saves the answer to a request claimed before it expired, after it expired', async () => {
        const { id } = await addFreshRequest(a.stores, employerId, { expiresAt: T0 + 1000 });
        const claim = await a.stores.claimForAnswering(id, T0);
        const late = anAnswer(id, { receivedAt: T0 + 60_000 });
        await expect(a.stores.saveResult(late)).resolves.toBe(true);
        await claim!.release();
        await expect(a.stores.result(id)).resolves.toEqual(late);
      });

      it('keeps requests and answers for instances opened later', async () => {
        const { request, answer } = await withInstance(open, async (b) => {
          const added = await addFreshRequest(b, employerId);
          const saved = anAnswer(added.id);
          await b.saveResult(saved);
          return { request: added, answer: saved };
        });
        await withInstance(open, async (c) => {
          await expect(c.request(request.id)).resolves.toEqual({ ...request, status: 'answered' });
          await expect(c.result(request.id)).resolves.toEqual(answer);
          await expect(c.claimForAnswering(request.id, T0)).resolves.toBeUndefined();
        });
      });
    });

    describe('incomplete answers', () => {
      it('notes them on a pending request as a count and the last one, leaving it pending', async () => {
        const request = await addFreshRequest(a.stores, employerId);
        await expect(a.stores.incompleteAnswers(request.id)).resolves.toBeUndefined();
        await expect(a.stores.noteIncompleteAnswer(request.id, T0 + 1, 'no_presentation')).resolves.toBe(
          true,
        );
        await expect(a.stores.incompleteAnswers(request.id)).resolves.toEqual({
          count: 1,
          lastReceivedAt: T0 + 1,
          lastReason: 'no_presentation',
        });
        await expect(
          a.stores.noteIncompleteAnswer(request.id, T0 + 2, 'wallet_error', 'access_denied'),
        ).resolves.toBe(true);
        await expect(a.stores.incompleteAnswers(request.id)).resolves.toEqual({
          count: 2,
          lastReceivedAt: T0 + 2,
          lastReason: 'wallet_error',
          lastError: 'access_denied',
        });
        await expect(a.stores.request(request.id)).resolves.toEqual(request);
        await expect(a.stores.result(request.id)).resolves.toBeUndefined();
        const claim = await a.stores.claimForAnswering(request.id, T0 + 3);
        expect(claim).toBeDefined();
        await claim!.release();
      });

      it('counts every one of racing notes, on several instances', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await withInstance(open, async (b) => {
          await Promise.all(
            [a.stores, b, a.stores, b].map((stores, i) =>
              stores.noteIncompleteAnswer(id, T0 + i, 'no_presentation'),
            ),
          );
          await expect(b.incompleteAnswers(id)).resolves.toMatchObject({ count: 4 });
        });
      });

      it('notes nothing on an answered or unknown request', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await a.stores.saveResult(anAnswer(id));
        await expect(a.stores.noteIncompleteAnswer(id, T0 + 1, 'no_presentation')).resolves.toBe(false);
        await expect(a.stores.incompleteAnswers(id)).resolves.toBeUndefined();
        const unknown = freshId('request');
        await expect(a.stores.noteIncompleteAnswer(unknown, T0, 'no_presentation')).resolves.toBe(false);
        await expect(a.stores.incompleteAnswers(unknown)).resolves.toBeUndefined();
      });

      it('keeps the notes of a request that is answered later, for instances opened later', async () => {
        const { id } = await addFreshRequest(a.stores, employerId);
        await a.stores.noteIncompleteAnswer(id, T0 + 1, 'required_credentials_missing');
        await a.stores.saveResult(anAnswer(id));
        await withInstance(open, async (b) => {
          await expect(b.incompleteAnswers(id)).resolves.toEqual({
            count: 1,
            lastReceivedAt: T0 + 1,
            lastReason: 'required_credentials_missing',
          });
        });
      });
    });
  });
}
