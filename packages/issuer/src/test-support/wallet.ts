import { newHolderKey, type HolderKey } from '@skills-passport/service-kit/testing';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { DIDDocument, DIDResolutionResult } from 'did-resolver';
import { SignJWT, decodeJwt } from 'jose';

// A test wallet written against the OpenID4VCI 1.0 wire format with jose and node:crypto only, so
// it shares no code with the issuer it tests.

export type TestHolder = HolderKey;

/** A fresh Ed25519 holder key as did:key. */
export const newHolder = (): TestHolder => newHolderKey();

/** The parts of a redemption a test may want to break. */
export interface RedeemOptions {
  txCode?: string;
  /** Sign the proof with another key than the one `kid` names. */
  signWith?: KeyObject;
  audience?: string;
  nonce?: string | null;
  iat?: number;
  typ?: string;
  /** The configuration to ask for; the offer's first by default. */
  configurationId?: string;
}

/** Follows an `openid-credential-offer://` link to a credential, step by step as OpenID4VCI 1.0 says. */
export async function redeemOffer(
  offerUri: string,
  holder: TestHolder,
  options: RedeemOptions = {},
): Promise<{ status: number; body: any; offer: any; metadata: any; accessToken?: string }> {
  const offerUrl = new URL(offerUri).searchParams.get('credential_offer_uri');
  if (offerUrl === null) throw new Error('no credential_offer_uri');
  const offer = (await (await fetch(offerUrl)).json()) as any;
  const issuer = new URL(offer.credential_issuer as string);
  const metadata = (await (
    await fetch(new URL(`/.well-known/openid-credential-issuer${issuer.pathname}`, issuer))
  ).json()) as any;
  const as = (await (
    await fetch(new URL(`/.well-known/oauth-authorization-server${issuer.pathname}`, issuer))
  ).json()) as any;
  const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
    'pre-authorized_code': grant['pre-authorized_code'],
  });
  if (options.txCode !== undefined) form.set('tx_code', options.txCode);
  const token = await fetch(as.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const tokenBody = (await token.json()) as any;
  if (token.status !== 200) return { status: token.status, body: tokenBody, offer, metadata };
  const response = await requestCredential(offer, metadata, tokenBody.access_token, holder, options);
  return { ...response, offer, metadata, accessToken: tokenBody.access_token };
}

/** The credential request alone, with a fresh nonce and proof: what a wallet repeats after a 5xx. */
export async function requestCredential(
  offer: any,
  metadata: any,
  accessToken: string,
  holder: TestHolder,
  options: RedeemOptions = {},
): Promise<{ status: number; body: any }> {
  const nonce = ((await (await fetch(metadata.nonce_endpoint, { method: 'POST' })).json()) as any)
    .c_nonce as string;
  const claims: Record<string, unknown> = { aud: options.audience ?? offer.credential_issuer };
  if (options.nonce !== null) claims.nonce = options.nonce ?? nonce;
  const proof = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: options.typ ?? 'openid4vci-proof+jwt', kid: holder.kid })
    .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
    .sign(options.signWith ?? holder.privateKey);
  const response = await fetch(metadata.credential_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      credential_configuration_id: options.configurationId ?? offer.credential_configuration_ids[0],
      proofs: { jwt: [proof] },
    }),
  });
  return { status: response.status, body: await response.json() };
}

/** Reads one bit of a status list credential (a JWT) with the test's own decoding. */
export function statusBit(
  statusListJwt: string,
  index: number,
  list: 'encodedList' | 'suspended' = 'encodedList',
): boolean {
  const payload = decodeJwt(statusListJwt) as any;
  const encoded: string = payload.vc.credentialSubject[list];
  if (!encoded.startsWith('u')) throw new Error('not multibase base64url');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** A did:web resolver for the test: fetches `<host>/<path>/did.json` over http from the local issuer. */
export function localDidWebResolver() {
  return {
    web: async (did: string): Promise<DIDResolutionResult> => {
      const [host, ...path] = did.slice('did:web:'.length).split(':');
      const url = `http://${decodeURIComponent(host!)}/${path.join('/')}/did.json`;
      const response = await fetch(url);
      const didDocument = response.ok ? ((await response.json()) as DIDDocument) : null;
      return {
        didDocument,
        didDocumentMetadata: {},
        didResolutionMetadata: response.ok ? { contentType: 'application/did+json' } : { error: 'notFound' },
      };
    },
  };
}

export const publicKeyOf = (k: KeyObject) => createPublicKey(k);
