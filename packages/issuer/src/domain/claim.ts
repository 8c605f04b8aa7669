import type { IssuerDeps } from './deps.js';
import { claimHash, offerLink } from './offers.js';

/** What the claim page shows of an offer still open. */
export interface OpenClaim {
  kind: 'open';
  organisation: string;
  title: string;
  /** The `openid-credential-offer://` link, for the QR code and for wallet apps. */
  offerUri: string;
  /** The offer's own URL (`credential_offer_uri`), for the web wallet's button. */
  offerUrl: string;
  expiresAt: Date;
  txCodeRequired: boolean;
}

/** Why an offer can no longer be claimed. */
export type ClosedClaim = { kind: 'claimed' | 'withdrawn' | 'expired' | 'revoked'; organisation: string };

/** Claim ids are 43 base64url characters; anything else is not one of ours and is not looked up. */
const CLAIM_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The claim page's view of an offer, by the claim id in its URL: open, or why not; undefined when
 * no offer has that claim id. Opening an open offer's page is recorded (the first time only, and
 * not for a HEAD request, which link checkers send), so the assessor sees "opened".
 */
export async function openClaim(
  deps: IssuerDeps,
  id: string,
  options: { record: boolean } = { record: true },
): Promise<OpenClaim | ClosedClaim | undefined> {
  if (!CLAIM_ID.test(id)) return undefined;
  const offer = await deps.store.offers.findByClaim(claimHash(id));
  if (offer === undefined) return undefined;
  const [credential, org] = await Promise.all([
    deps.store.credentials.find(offer.orgSlug, offer.credentialId),
    deps.store.organisations.find(offer.orgSlug),
  ]);
  if (credential === undefined || org === undefined) return undefined;
  const organisation = org.name;
  const now = deps.now().getTime();
  if (credential.status === 'revoked') return { kind: 'revoked', organisation };
  if (offer.redeemedAt !== null) return { kind: 'claimed', organisation };
  if (offer.withdrawnAt !== null) return { kind: 'withdrawn', organisation };
  if (offer.expiresAt <= now) return { kind: 'expired', organisation };
  // The page still shows when the visit cannot be recorded (storage full or busy).
  if (options.record && offer.openedAt === null)
    await deps.store.offers.markOpened(offer.id, now).catch((error: unknown) => {
      deps.logger.warn({ code: (error as { code?: unknown }).code }, 'claim page: visit not recorded');
    });
  const { uri, offerUrl } = offerLink(deps.config.publicUrl, offer.id);
  return {
    kind: 'open',
    organisation,
    title: (JSON.parse(credential.document) as { name?: string }).name ?? credential.type,
    offerUri: uri,
    offerUrl,
    expiresAt: new Date(offer.expiresAt),
    txCodeRequired: offer.txCodeRequired,
  };
}
