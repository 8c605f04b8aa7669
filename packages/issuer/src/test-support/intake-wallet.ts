// A wallet's side of an intake for tests, with jose only (no code of the issuer): open the request
// link and check the request object's signature against the organisation's did:web document,
// present credentials in a VP JWT, make the self-declared Open Badge of contract D, and post the
// answer by direct_post.
import { randomUUID } from 'node:crypto';
import { selfDeclaredBadgeDocument, toVcdm11 } from '@skills-passport/core';
import { SignJWT, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { TestHolder } from './wallet.js';

/** The request object of an intake link, its signature checked; plus the client id it names. */
export async function openIntakeRequest(link: string): Promise<{
  clientId: string;
  requestUri: string;
  header: Record<string, unknown>;
  payload: Record<string, any>;
  contentType: string | null;
}> {
  const params = new URL(link).searchParams;
  const clientId = params.get('client_id')!;
  const requestUri = params.get('request_uri')!;
  const response = await fetch(requestUri);
  if (response.status !== 200) throw new Error(`request object: HTTP ${response.status}`);
  const jwt = await response.text();
  const header = decodeProtectedHeader(jwt);
  const did = clientId.slice('decentralized_identifier:'.length);
  const [host, ...path] = did.slice('did:web:'.length).split(':');
  const document = (await (
    await fetch(`http://${decodeURIComponent(host!)}/${path.join('/')}/did.json`)
  ).json()) as any;
  if (!(document.authentication as string[]).includes(String(header.kid)))
    throw new Error('not an authentication key');
  const method = document.verificationMethod.find((m: any) => m.id === header.kid);
  const { payload } = await jwtVerify(jwt, await importJWK(method.publicKeyJwk, 'EdDSA'), {
    typ: 'oauth-authz-req+jwt',
  });
  return {
    clientId,
    requestUri,
    header,
    payload: payload as Record<string, any>,
    contentType: response.headers.get('content-type'),
  };
}

/** A VP JWT of the holder (jwt_vc_json), as OpenID4VP 1.0 wallets send it. */
export function presentCredentials(
  holder: TestHolder,
  credentials: string[],
  binding: { nonce: string; audience: string; iat?: number },
): Promise<string> {
  return new SignJWT({
    nonce: binding.nonce,
    jti: `urn:uuid:${randomUUID()}`,
    vp: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiablePresentation'],
      verifiableCredential: credentials,
    },
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: holder.kid })
    .setIssuer(holder.did)
    .setAudience(binding.audience)
    .setIssuedAt(binding.iat ?? Math.floor(Date.now() / 1000))
    .sign(holder.privateKey);
}

/** The Open Badge a wallet issues to itself for a self-declared skill (contract D), as a VC-JWT. */
export function selfDeclaredBadge(
  holder: TestHolder,
  skill: { uri: string; label: string; evidence: string },
  at = new Date(),
): Promise<string> {
  const id = `urn:uuid:${randomUUID()}`;
  const document = selfDeclaredBadgeDocument(skill, holder.did, {
    id,
    achievementId: `urn:uuid:${randomUUID()}`,
    now: at,
    lang: 'nl',
  });
  return new SignJWT({ jti: id, vc: toVcdm11(document) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: holder.kid })
    .setIssuer(holder.did)
    .setSubject(holder.did)
    .setNotBefore(Math.floor(at.getTime() / 1000))
    .sign(holder.privateKey);
}

/** Posts a `direct_post` answer (a form with the request's state) to the request's response URI. */
export async function answerIntake(
  payload: Record<string, any>,
  form: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const response = await fetch(payload.response_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: payload.state, ...form }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The `vp_token` of one VP JWT answering the request's `jwt_vc_json` query. */
export const jwtVpToken = (vp: string): Record<string, string> => ({
  vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }),
});
