// The test holder's side of OpenID4VCI 1.0 (pre-authorized code flow), written from the spec with
// fetch and node:crypto only: offer by reference -> metadata -> token -> nonce -> credential.
import type { TestHolder } from './test-holder.js';

async function json(res: Response, what: string): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** `https://host/path` -> `https://host/.well-known/<name>/path` (RFC 8414 §3.1 placement). */
function wellKnown(identifier: string, name: string): string {
  const url = new URL(identifier);
  return `${url.origin}/.well-known/${name}${url.pathname === '/' ? '' : url.pathname}`;
}

/** Redeems an `openid-credential-offer://` link for `holder` and returns the credential JWT. */
export async function redeemOffer(offerLink: string, holder: TestHolder): Promise<string> {
  const offerUri = new URL(offerLink).searchParams.get('credential_offer_uri');
  if (offerUri === null) throw new Error('The offer is not passed by reference.');
  const offer = await json(await fetch(offerUri), 'offer');
  const issuer: string = offer.credential_issuer;
  const metadata = await json(await fetch(wellKnown(issuer, 'openid-credential-issuer')), 'issuer metadata');
  const authServer: string = metadata.authorization_servers?.[0] ?? issuer;
  const asMetadata = await json(
    await fetch(wellKnown(authServer, 'oauth-authorization-server')),
    'AS metadata',
  );
  const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  const token = await json(
    await fetch(asMetadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': grant['pre-authorized_code'],
      }),
    }),
    'token',
  );
  const { c_nonce: nonce } = await json(await fetch(metadata.nonce_endpoint, { method: 'POST' }), 'nonce');
  const proof = holder.sign(
    { typ: 'openid4vci-proof+jwt' },
    { aud: issuer, iat: Math.floor(Date.now() / 1000), nonce },
  );
  const issued = await json(
    await fetch(metadata.credential_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({
        credential_configuration_id: offer.credential_configuration_ids[0],
        proofs: { jwt: [proof] },
      }),
    }),
    'credential',
  );
  return issued.credentials[0].credential as string;
}
