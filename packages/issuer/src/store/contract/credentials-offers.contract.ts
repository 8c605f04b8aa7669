import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { IssuerStorage, Organisation } from '../../ports.js';
import { iso, offer, storedCredential, storedOrganisation, T0, type OpenStorage } from './fixtures.js';

/** The contract of CredentialStore, OfferStore and AccessTokenStore, for any adapter. */
export function credentialAndOfferContract(open: OpenStorage): void {
  let storage: IssuerStorage;
  let close: () => Promise<void>;
  let org: Organisation;
  beforeEach(async () => {
    ({ storage, close } = await open());
    org = await storedOrganisation(storage);
  });
  afterEach(() => close());

  describe('CredentialStore', () => {
    it("finds a credential with its offer, and never another organisation's", async () => {
      const { credential, offer } = await storedCredential(storage, org.slug, {}, { txCodeRequired: true });
      const other = await storedOrganisation(storage);
      expect(await storage.credentials.find(org.slug, credential.id)).toEqual({
        ...credential,
        offer: {
          id: offer.id,
          expiresAt: offer.expiresAt,
          redeemedAt: null,
          txCodeRequired: true,
          claimHash: offer.claimHash,
          openedAt: null,
          mail: null,
          outcome: { delivered: [], event: null },
        },
      });
      expect(await storage.credentials.find(other.slug, credential.id)).toBeUndefined();
    });

    it('refuses a second credential at a taken status index of the same list', async () => {
      const { credential } = await storedCredential(storage, org.slug);
      await expect(
        storedCredential(storage, org.slug, {
          listNo: credential.listNo,
          statusIndex: credential.statusIndex,
        }),
      ).rejects.toThrow();
    });

    it('lists newest first, filtered, a page at a time', async () => {
      const made = [];
      for (let i = 0; i < 5; i += 1) {
        made.push(
          (
            await storedCredential(storage, org.slug, {
              createdAt: iso(T0 + i * 1000),
              learnerName: i === 2 ? 'Jan 100%_echt' : `Learner ${i}`,
              status: i === 4 ? 'revoked' : 'offered',
              batchId: i < 2 ? 'batch-1' : null,
            })
          ).credential,
        );
      }
      const ids = async (filter: Parameters<IssuerStorage['credentials']['list']>[0]) =>
        (await storage.credentials.list(filter)).map((c) => c.id);
      const newestFirst = [...made].reverse().map((c) => c.id);
      expect(await ids({ orgSlug: org.slug, limit: 10 })).toEqual(newestFirst);
      expect(await ids({ orgSlug: org.slug, limit: 2 })).toEqual(newestFirst.slice(0, 2));
      const after = { createdAt: made[3]!.createdAt, id: made[3]!.id };
      expect(await ids({ orgSlug: org.slug, limit: 10, after })).toEqual(newestFirst.slice(2));
      // LIKE's wildcards in the search text match themselves only.
      expect(await ids({ orgSlug: org.slug, limit: 10, learner: '100%_' })).toEqual([made[2]!.id]);
      expect(await ids({ orgSlug: org.slug, limit: 10, learner: '%' })).toEqual([made[2]!.id]);
      expect(await ids({ orgSlug: org.slug, limit: 10, learner: 'learner 1' })).toEqual([made[1]!.id]);
      expect(await ids({ orgSlug: org.slug, limit: 10, status: 'revoked' })).toEqual([made[4]!.id]);
      expect(await ids({ orgSlug: org.slug, limit: 10, batchId: 'batch-1' })).toEqual([
        made[1]!.id,
        made[0]!.id,
      ]);
      expect(
        await ids({
          orgSlug: org.slug,
          limit: 10,
          createdFrom: made[1]!.createdAt,
          createdBefore: made[3]!.createdAt,
        }),
      ).toEqual([made[2]!.id, made[1]!.id]);
      expect(await ids({ orgSlug: org.slug, limit: 10, type: 'EVCCredential' })).toEqual([]);
    });

    it('records hand-over, revocation, suspension and reinstatement', async () => {
      const { credential } = await storedCredential(storage, org.slug);
      await storage.transaction(async (tx) => {
        expect((await tx.credentials.lock(credential.id))?.status).toBe('offered');
        await tx.credentials.markIssued(credential.id, {
          holderDid: 'did:key:z6Mk',
          issuedAt: iso(T0 + 1),
          document: '{"name":"signed"}',
        });
      });
      let stored = await storage.credentials.find(org.slug, credential.id);
      expect(stored).toMatchObject({
        status: 'issued',
        holderDid: 'did:key:z6Mk',
        issuedAt: iso(T0 + 1),
        document: '{"name":"signed"}',
      });
      await storage.transaction((tx) => tx.credentials.markSuspended(credential.id, iso(T0 + 2)));
      expect(await storage.credentials.find(org.slug, credential.id)).toMatchObject({
        status: 'suspended',
        suspendedAt: iso(T0 + 2),
      });
      await storage.transaction((tx) => tx.credentials.markSuspended(credential.id, null));
      expect(await storage.credentials.find(org.slug, credential.id)).toMatchObject({
        status: 'issued',
        suspendedAt: null,
      });
      await storage.transaction((tx) => tx.credentials.markRevoked(credential.id, iso(T0 + 3), 'fraude'));
      stored = await storage.credentials.find(org.slug, credential.id);
      expect(stored).toMatchObject({ status: 'revoked', revokedAt: iso(T0 + 3), revocationReason: 'fraude' });
    });
  });

  describe('OfferStore', () => {
    it("finds an offer with its credential's type, and by code only at its organisation", async () => {
      const { credential, offer } = await storedCredential(storage, org.slug);
      const other = await storedOrganisation(storage);
      expect(await storage.offers.find(offer.id)).toEqual({ ...offer, type: credential.type });
      expect(await storage.transaction((tx) => tx.offers.lockByCode(org.slug, offer.codeHash))).toEqual(
        offer,
      );
      expect(
        await storage.transaction((tx) => tx.offers.lockByCode(other.slug, offer.codeHash)),
      ).toBeUndefined();
    });

    it('is redeemed once, even when two redemptions race', async () => {
      const { offer } = await storedCredential(storage, org.slug);
      const outcomes = await Promise.all([
        storage.transaction((tx) => tx.offers.redeem(offer.id, T0 + 1)),
        storage.transaction((tx) => tx.offers.redeem(offer.id, T0 + 2)),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await storage.offers.find(offer.id))?.redeemedAt).not.toBeNull();
    });

    it('counts wrong PINs and expires the offer at the limit', async () => {
      const { offer } = await storedCredential(storage, org.slug, {}, { txCodeRequired: true });
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        expect(await storage.transaction((tx) => tx.offers.recordFailedPin(offer.id, T0, 5))).toBe(attempt);
      }
      expect((await storage.offers.find(offer.id))?.expiresAt).toBe(offer.expiresAt);
      expect(await storage.transaction((tx) => tx.offers.recordFailedPin(offer.id, T0, 5))).toBe(5);
      expect((await storage.offers.find(offer.id))?.expiresAt).toBe(T0);
    });

    it('withdraws only an offer nobody redeemed, and never extends one', async () => {
      const open = await storedCredential(storage, org.slug);
      const used = await storedCredential(storage, org.slug, {}, { redeemedAt: T0 });
      const early = await storedCredential(storage, org.slug, {}, { expiresAt: T0 - 5 });
      await storage.transaction(async (tx) => {
        for (const { credential } of [open, used, early]) await tx.offers.withdraw(credential.id, T0);
      });
      expect(await storage.offers.find(open.offer.id)).toMatchObject({ expiresAt: T0, withdrawnAt: T0 });
      expect(await storage.offers.find(used.offer.id)).toMatchObject({
        expiresAt: used.offer.expiresAt,
        withdrawnAt: null,
      });
      // It had expired before: it stays expired, not withdrawn.
      expect(await storage.offers.find(early.offer.id)).toMatchObject({
        expiresAt: T0 - 5,
        withdrawnAt: null,
      });
    });
  });

  describe('claim pages and offer e-mails', () => {
    it('finds an offer by its claim hash, records the first opening only, and keeps the mail state', async () => {
      const mail = { state: 'pending' as const, at: T0, reason: null };
      const { credential, offer } = await storedCredential(storage, org.slug, {}, { mail });
      expect(await storage.offers.findByClaim(offer.claimHash!)).toEqual({ ...offer, type: credential.type });
      expect(await storage.offers.findByClaim('no-such-hash')).toBeUndefined();
      await storage.transaction((tx) => tx.offers.markOpened(offer.id, T0 + 1));
      await storage.transaction((tx) => tx.offers.markOpened(offer.id, T0 + 2));
      expect((await storage.offers.find(offer.id))?.openedAt).toBe(T0 + 1);
      expect(await storage.offers.pendingMails(T0)).toContain(offer.id);
      const failed = { state: 'failed' as const, at: T0 + 3, reason: 'smtp_refused' };
      await storage.transaction((tx) => tx.offers.setMail(offer.id, failed));
      expect(await storage.offers.pendingMails(T0)).not.toContain(offer.id);
      expect((await storage.credentials.find(org.slug, credential.id))?.offer).toMatchObject({
        id: offer.id,
        claimHash: offer.claimHash,
        openedAt: T0 + 1,
        mail: failed,
      });
    });

    it('lists as pending only mails of offers still open', async () => {
      const mail = { state: 'pending' as const, at: T0, reason: null };
      const used = await storedCredential(storage, org.slug, {}, { mail, redeemedAt: T0 });
      const expired = await storedCredential(storage, org.slug, {}, { mail, expiresAt: T0 - 1 });
      const none = await storedCredential(storage, org.slug);
      const pending = await storage.offers.pendingMails(T0);
      for (const { offer } of [used, expired, none]) expect(pending).not.toContain(offer.id);
    });

    it('gives two offers the same claim hash never', async () => {
      const { offer } = await storedCredential(storage, org.slug);
      await expect(storedCredential(storage, org.slug, {}, { claimHash: offer.claimHash })).rejects.toThrow();
    });
  });

  describe('offers again and deliveries', () => {
    it('shows the newest offer of a credential, with what was delivered and what the wallet said', async () => {
      const { credential, offer: first } = await storedCredential(storage, org.slug);
      const delivery = (offerId: string, configurationId: string, notificationId: string = randomUUID()) => ({
        notificationId,
        offerId,
        configurationId,
        holderDid: 'did:key:z6MkHolder',
        deliveredAt: T0 + 5,
        credential: 'a.b.c',
        event: null,
        eventDescription: null,
        eventAt: null,
      });
      await storage.transaction(async (tx) => {
        expect(await tx.deliveries.insert(delivery(first.id, 'X_jwt_vc_json', 'n-1'))).toBe(true);
        // The same configuration of the same offer is delivered once.
        expect(await tx.deliveries.insert(delivery(first.id, 'X_jwt_vc_json'))).toBe(false);
        expect(await tx.deliveries.insert(delivery(first.id, 'X_ldp_vc', 'n-2'))).toBe(true);
      });
      let found = await storage.credentials.find(org.slug, credential.id);
      expect(found?.offer).toMatchObject({
        id: first.id,
        outcome: { delivered: ['X_jwt_vc_json', 'X_ldp_vc'], event: null },
      });

      const failed = { event: 'credential_failure' as const, description: 'no room', at: T0 + 6 };
      await storage.transaction(async (tx) => {
        expect(await tx.deliveries.recordEvent('n-1', first.id, failed)).toBe(true);
        // A notification id of another offer is refused.
        expect(await tx.deliveries.recordEvent('n-1', 'another-offer', failed)).toBe(false);
        expect(
          await tx.deliveries.recordEvent('n-2', first.id, { ...failed, event: 'credential_accepted' }),
        ).toBe(true);
      });
      found = await storage.credentials.find(org.slug, credential.id);
      expect(found?.offer?.outcome.event).toBe('credential_accepted');
      expect((await storage.deliveries.forOffer(first.id)).map((d) => [d.notificationId, d.event])).toEqual([
        ['n-1', 'credential_failure'],
        ['n-2', 'credential_accepted'],
      ]);

      const second = offer(credential, { createdAt: T0 + 10, codeHash: 'second' });
      await storage.transaction((tx) => tx.offers.insert(second));
      found = await storage.credentials.find(org.slug, credential.id);
      expect(found?.offer).toMatchObject({ id: second.id, outcome: { delivered: [], event: null } });
      const listed = await storage.credentials.list({ orgSlug: org.slug, limit: 10 });
      expect(listed.filter((c) => c.id === credential.id)).toHaveLength(1);
    });
  });

  describe('AccessTokenStore', () => {
    it('grants what the token was issued for, at its organisation only, until swept after expiry', async () => {
      const { credential, offer } = await storedCredential(storage, org.slug);
      const other = await storedOrganisation(storage);
      await storage.transaction((tx) => tx.accessTokens.insert('token-hash', offer.id, T0 + 300_000));
      expect(await storage.accessTokens.grant(org.slug, 'token-hash')).toEqual({
        offerId: offer.id,
        credentialId: credential.id,
        type: credential.type,
        expiresAt: T0 + 300_000,
      });
      expect(await storage.accessTokens.grant(other.slug, 'token-hash')).toBeUndefined();
      await storage.transaction((tx) => tx.accessTokens.sweep(T0 + 300_000));
      expect(await storage.accessTokens.grant(org.slug, 'token-hash')).toBeDefined();
      await storage.transaction((tx) => tx.accessTokens.sweep(T0 + 300_001));
      expect(await storage.accessTokens.grant(org.slug, 'token-hash')).toBeUndefined();
    });
  });
}
