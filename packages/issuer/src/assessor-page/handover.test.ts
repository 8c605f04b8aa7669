import { describe, expect, it } from '@jest/globals';
import type { CredentialView, OfferView } from '../../assessor-page/src/api-types.js';
import {
  canOfferAgain,
  handoverOf,
  needsOfferAgain,
  type HandoverKind,
} from '../../assessor-page/src/handover.js';
import { format, type TextKey } from '../../assessor-page/src/i18n.js';

// What the assessor page says became of an offer, and when it offers the credential again: every
// case, in both languages. The browser test (assessor-page.handover.test.ts) shows them on real cards.

function offer(overrides: Partial<OfferView> = {}): OfferView {
  return {
    uri: 'openid-credential-offer://?credential_offer_uri=x',
    expiresAt: '2026-12-08T10:00:00.000Z',
    state: 'open',
    txCodeRequired: false,
    delivery: 'waiting',
    formats: [],
    claimUrl: null,
    openedAt: null,
    mail: null,
    handover: 'not_sent',
    ...overrides,
  };
}

function credential(overrides: Partial<CredentialView> = {}): CredentialView {
  return {
    id: 'urn:uuid:1',
    type: 'EVCCredential',
    title: 'Ervaringscertificaat',
    status: 'offered',
    learner: { name: 'Fatima el Amrani', contact: null },
    createdAt: '2026-12-01T10:00:00.000Z',
    revokedAt: null,
    revocationReason: null,
    suspendedAt: null,
    batchId: null,
    offer: offer(),
    ...overrides,
  };
}

const collected = (delivery: OfferView['delivery'], formats: OfferView['formats'] = ['jwt_vc_json']) =>
  credential({ status: 'issued', offer: offer({ state: 'redeemed', delivery, formats }) });

describe('what became of an offer', () => {
  const cases: {
    name: string;
    item: CredentialView;
    kind: HandoverKind;
    formats: TextKey | null;
    next: TextKey[];
    again: boolean;
  }[] = [
    {
      name: 'waiting, with a PIN',
      item: credential({ offer: offer({ txCodeRequired: true }) }),
      kind: 'open',
      formats: null,
      next: ['next.open', 'next.pin'],
      again: false,
    },
    {
      name: 'opened but not collected',
      item: credential({ offer: offer({ state: 'redeemed' }) }),
      kind: 'opened',
      formats: null,
      next: ['next.opened'],
      again: true,
    },
    {
      name: 'expired',
      item: credential({ offer: offer({ state: 'expired' }) }),
      kind: 'expired',
      formats: null,
      next: ['next.expired'],
      again: true,
    },
    {
      name: 'collected as a VC-JWT, no word from the wallet',
      item: collected('delivered'),
      kind: 'delivered',
      formats: 'formats.jwt_vc_json',
      next: ['next.delivered'],
      again: true,
    },
    {
      name: 'collected in both forms and accepted',
      item: collected('accepted', ['ldp_vc', 'jwt_vc_json']),
      kind: 'accepted',
      formats: 'formats.both',
      next: [],
      again: true,
    },
    {
      name: 'failed in the wallet',
      item: collected('failed'),
      kind: 'failed',
      formats: 'formats.jwt_vc_json',
      next: ['next.failed'],
      again: true,
    },
    {
      name: 'deleted by the learner',
      item: collected('deleted', ['ldp_vc']),
      kind: 'deleted',
      formats: 'formats.ldp_vc',
      next: ['next.deleted'],
      again: true,
    },
    {
      name: 'a new offer of an issued credential, waiting',
      item: credential({ status: 'issued' }),
      kind: 'open',
      formats: null,
      next: ['next.open'],
      again: true,
    },
    {
      name: 'suspended, collected',
      item: credential({ ...collected('accepted'), status: 'suspended' }),
      kind: 'accepted',
      formats: 'formats.jwt_vc_json',
      next: [],
      again: true,
    },
  ];

  it.each(cases)('$name: says $kind, offers again: $again', ({ item, kind, formats, next, again }) => {
    const handover = handoverOf(item);
    expect(handover).toEqual({ kind, summary: `handover.${kind}`, formats, next });
    expect(canOfferAgain(item)).toBe(again);
    expect(needsOfferAgain(handover)).toBe(['opened', 'expired', 'failed', 'deleted'].includes(kind));
    // Every text is there in both languages, with its date filled in.
    for (const lang of ['nl', 'en'] as const) {
      for (const key of [
        handover!.summary,
        ...(handover!.formats === null ? [] : [handover!.formats]),
        ...next,
      ]) {
        const text = format(lang, key, { date: '8 dec 2026' });
        expect(text).not.toMatch(/[{}]/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });

  it('keeps "collected by the learner" in every collected case (the journeys read it)', () => {
    for (const delivery of ['delivered', 'accepted', 'failed', 'deleted'] as const) {
      const summary = handoverOf(collected(delivery))!.summary;
      expect(format('en', summary)).toMatch(/^Offer: collected by the learner/);
      expect(format('nl', summary)).toMatch(/^Aanbod: opgehaald door de leerling/);
    }
  });

  it('names the forms in plain words, SD-JWT VC by what it lets the learner do', () => {
    const all = handoverOf(collected('accepted', ['ldp_vc', 'jwt_vc_json', 'dc+sd-jwt']))!;
    expect(all.formats).toBe('formats.several');
    expect(format('en', 'formats.several')).toContain(
      'the learner chooses part by part what an employer sees',
    );
    expect(format('en', 'formats.both')).toContain('as a VC-JWT and with a Data Integrity proof');
    expect(format('nl', 'formats.both')).toContain('als VC-JWT en met een Data Integrity-bewijs');
  });

  it('gives a revoked credential no advice and no offer again; a withdrawn offer is not mentioned', () => {
    const revoked = {
      status: 'revoked' as const,
      revokedAt: '2026-12-02T10:00:00.000Z',
      revocationReason: 'x',
    };
    const delivered = credential({ ...collected('accepted'), ...revoked });
    expect(handoverOf(delivered)).toMatchObject({ kind: 'accepted', next: [] });
    expect(canOfferAgain(delivered)).toBe(false);
    const withdrawn = credential({ ...revoked, offer: offer({ state: 'expired' }) });
    expect(handoverOf(withdrawn)).toBeNull();
    expect(canOfferAgain(withdrawn)).toBe(false);
  });

  it('has nothing to say without an offer, and then offers one', () => {
    const item = credential({ status: 'issued', offer: null });
    expect(handoverOf(item)).toBeNull();
    expect(canOfferAgain(item)).toBe(true);
  });
});
