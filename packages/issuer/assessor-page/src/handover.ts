// What became of a credential's offer, in an assessor's words: one line on where it stands, which
// forms the wallet took, and what to do next where that helps. No DOM and no page state, so the
// wording of every case is checked without a browser; the card renders it.
import { CREDENTIAL_FORMATS } from '@skills-passport/core';
import type { CredentialView, OfferView } from './api-types.js';
import type { TextKey } from './i18n.js';

/**
 * Where the hand-over stands: `open` (waiting to be collected), `opened` (the learner used the
 * link but the wallet took nothing), `expired` (not collected in time), `delivered` (collected, the
 * wallet said nothing more), or the wallet's report: `accepted`, `failed`, `deleted`.
 */
export type HandoverKind = 'open' | 'opened' | 'expired' | 'delivered' | 'accepted' | 'failed' | 'deleted';

export interface Handover {
  kind: HandoverKind;
  /** The line "Offer: …" (its `{date}` is the offer's expiry). */
  summary: TextKey;
  /** Which of the forms the wallet took; `null` when it took none. */
  formats: TextKey | null;
  /** What the assessor can do about it, in order; empty when nothing is needed. */
  next: TextKey[];
}

function kindOf(offer: OfferView): HandoverKind {
  if (offer.delivery !== 'waiting') return offer.delivery;
  return offer.state === 'redeemed' ? 'opened' : offer.state;
}

function formatsOf(offer: OfferView): TextKey | null {
  const taken = CREDENTIAL_FORMATS.filter((format) => offer.formats.includes(format));
  if (taken.length > 1) return taken.includes('dc+sd-jwt') ? 'formats.several' : 'formats.both';
  return taken[0] === undefined ? null : `formats.${taken[0]}`;
}

function nextOf(kind: HandoverKind, offer: OfferView): TextKey[] {
  switch (kind) {
    case 'open':
      return offer.txCodeRequired ? ['next.open', 'next.pin'] : ['next.open'];
    case 'accepted':
      return [];
    default:
      return [`next.${kind}`];
  }
}

/**
 * The hand-over of `item`'s newest offer, or `null` when there is nothing to tell: no offer, or a
 * revoked credential whose offer was withdrawn before anything was collected. A revoked credential
 * gets no advice, as it cannot be offered again.
 */
export function handoverOf(item: CredentialView): Handover | null {
  const { offer } = item;
  if (offer === null) return null;
  const kind = kindOf(offer);
  const revoked = item.status === 'revoked';
  if (revoked && (kind === 'open' || kind === 'opened' || kind === 'expired')) return null;
  return {
    kind,
    summary: `handover.${kind}`,
    formats: formatsOf(offer),
    next: revoked ? [] : nextOf(kind, offer),
  };
}

/**
 * Whether the credential may be offered again: never when revoked; always once it was issued (the
 * learner may have lost the wallet); before that, when the offer can no longer be collected.
 */
export function canOfferAgain(item: CredentialView): boolean {
  if (item.status === 'revoked') return false;
  if (item.status !== 'offered' || item.offer === null) return true;
  return item.offer.state !== 'open' || item.offer.delivery === 'failed' || item.offer.delivery === 'deleted';
}

/** Whether the hand-over asks the assessor to offer again (the action is then the prominent one). */
export function needsOfferAgain(handover: Handover | null): boolean {
  return (
    handover !== null &&
    (handover.kind === 'opened' ||
      handover.kind === 'expired' ||
      handover.kind === 'failed' ||
      handover.kind === 'deleted')
  );
}
