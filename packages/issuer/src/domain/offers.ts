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
