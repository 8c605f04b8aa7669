import type { IssuerConfig } from '../config.js';
import { hmacBase64url as hmac, sha256Hex as sha256 } from '@skills-passport/service-kit';

// Offer secrets are derived from the offer id with a key only this service holds, so they can be
// shown again (an idempotent replay, the offer document) without being stored in clear.

function offerKey(config: IssuerConfig): string {
  return sha256(`skills-passport/offer-secrets/v1:${config.kmsSecret}`);
}

/** The pre-authorized code of an offer. */
export function preAuthorizedCode(config: IssuerConfig, offerId: string): string {
  return hmac(offerKey(config), `code:${offerId}`);
}

/** The 6-digit transaction code (PIN) of an offer that asks for one. */
export function transactionCode(config: IssuerConfig, offerId: string): string {
  const digest = Buffer.from(hmac(offerKey(config), `pin:${offerId}`), 'base64url');
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The `openid-credential-offer://` link that carries the offer by reference. */
export function offerLink(publicUrl: URL, offerId: string): { uri: string; offerUrl: string } {
  const offerUrl = new URL(`/offers/${offerId}`, publicUrl).href;
  return { offerUrl, uri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerUrl)}` };
}

/**
 * The claim id of an offer: the secret part of its claim page's URL, 256 bits derived from the
 * offer id with the service's key, so it is shown again (the credential list, a resent mail)
 * without being stored; only its hash is, to find the offer from the page.
 */
export function claimId(config: IssuerConfig, offerId: string): string {
  return hmac(offerKey(config), `claim:${offerId}`);
}

/** SHA-256 of a claim id: what is stored, and looked up. */
export function claimHash(id: string): string {
  return sha256(`claim:${id}`);
}

/** The claim page's URL: `<issuer>/claim/<claim id>`. */
export function claimUrl(config: IssuerConfig, offerId: string): string {
  return new URL(`/claim/${claimId(config, offerId)}`, config.publicUrl).href;
}

/** Whether a learner's stored contact is an e-mail address (the form and the CSV check it so). */
export function isEmailAddress(contact: string | null): contact is string {
  return contact !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) && contact.length <= 254;
}
