import type { JwtSigner } from '@openid4vc/oauth2';
import { Openid4vpClient, type ResolvedOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { DcqlQuery } from 'dcql';
import {
  isCredentialTypeName,
  parseCompactJws,
  selectVerificationKeys,
  verifyJws,
  webCryptoEd25519Verify,
  type Lang,
} from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { signCompactJws } from '../crypto/jws.js';
import { WalletError, isWalletError } from '../errors.js';
import { configureLibraries, holderCallbacks } from '../protocol/callbacks.js';
import type { KeyringRecord, ShareLogEntry, StoredCredential, WalletDb } from '../store/db.js';
import { resolveDid } from '../verify/did-resolver.js';
import { allowedUrl } from '../verify/http.js';

/** One credential query of the request and the wallet's credentials that could answer it. */
export interface RequestedCredential {
  id: string;
  /** Our type names or other VC types the verifier accepts (any of them). */
  types: string[];
  multiple: boolean;
  /** Every credential of the wallet, matching ones first. */
  options: { credential: StoredCredential; matches: boolean }[];
}

export interface RequestPreview {
  resolved: ResolvedOpenid4vpAuthorizationRequest;
  clientId: string;
  verifierName: string;
  verifierOrigin: string;
  purpose?: string;
  queries: RequestedCredential[];
}

/** Turns a pasted/scanned link, or the wallet's own URL with the request query, into parameters. */
export function requestParams(input: string): Record<string, string> {
  const text = input.trim();
  let query: string;
  if (text.startsWith('?')) {
    query = text.slice(1);
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new WalletError('ERR_REQUEST_INVALID', 'not a link');
    }
    if (!['openid4vp:', 'haip:', 'mdoc-openid4vp:', 'https:', 'http:'].includes(url.protocol)) {
      throw new WalletError('ERR_REQUEST_INVALID', `unknown scheme ${url.protocol}`);
    }
    query = url.search.slice(1);
  }
  const params = Object.fromEntries(new URLSearchParams(query));
  if (typeof params.client_id !== 'string' || params.client_id === '')
    throw new WalletError('ERR_REQUEST_INVALID', 'no client_id');
  if (
    params.request_uri === undefined &&
    params.request === undefined &&
    params.response_type === undefined
  ) {
    throw new WalletError('ERR_REQUEST_INVALID', 'no request');
  }
  if (params.request_uri !== undefined && allowedUrl(params.request_uri) === undefined) {
    throw new WalletError(
      /^https?:/.test(params.request_uri) ? 'ERR_INSECURE_URL' : 'ERR_REQUEST_INVALID',
      params.request_uri,
    );
  }
  return params;
}

/** The web origin a verifier's client id stands for, or `undefined` when it names none. */
export function clientIdOrigin(clientId: string): string | undefined {
  const did = /^decentralized_identifier:(did:web:[^#?/]+)$/.exec(clientId)?.[1];
  if (did !== undefined) {
    const host = decodeURIComponent(did.slice('did:web:'.length).split(':')[0] ?? '');
    const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
    return `${local ? 'http' : 'https'}://${host}`;
  }
  const redirect = /^redirect_uri:(.+)$/.exec(clientId)?.[1];
  if (redirect !== undefined) return allowedUrl(redirect)?.origin;
  return undefined;
}

function originOf(url: string | undefined): string | undefined {
  return url === undefined ? undefined : allowedUrl(url)?.origin;
}

/** Verifies a request object signed by the verifier's DID (the key in its DID document). */
async function verifyRequestJwt(
  signer: JwtSigner,
  jwt: { compact: string },
): Promise<{ verified: true; signerJwk: { kty: string; crv: string; x: string } } | { verified: false }> {
  if (signer.method !== 'did') return { verified: false };
  const did = signer.didUrl.split('#')[0]!;
  const parsed = parseCompactJws(jwt.compact);
  if (!parsed.ok) return { verified: false };
  const document = await resolveDid(did);
  for (const relationship of ['authentication', 'assertionMethod'] as const) {
    const keys = selectVerificationKeys(document, did, relationship, signer.didUrl);
    if (!keys.ok) continue;
    const result = await verifyJws(parsed.jws, keys.keys, webCryptoEd25519Verify);
    if (result.ok) {
      const key = keys.keys.find((k) => k.id === result.keyId)!;
      let binary = '';
      for (const b of key.publicKey) binary += String.fromCharCode(b);
      const x = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      return { verified: true, signerJwk: { kty: 'OKP', crv: 'Ed25519', x } };
    }
  }
  return { verified: false };
}

function client(keyring: KeyringRecord): Openid4vpClient {
  const callbacks = holderCallbacks(keyring);
  return new Openid4vpClient({
    callbacks: {
      ...callbacks,
      verifyJwt: verifyRequestJwt,
      decryptJwe: () =>
        Promise.reject(new WalletError('ERR_REQUEST_INVALID', 'encrypted requests are not supported')),
      encryptJwe: () =>
        Promise.reject(new WalletError('ERR_REQUEST_INVALID', 'encrypted responses are not supported')),
    },
  });
}

function dcqlCredential(c: StoredCredential): Record<string, unknown> {
  const payload = parseCompactJws(c.jwt);
  const claims = payload.ok ? payload.jws.payload : {};
  return {
    credential_format: 'jwt_vc_json',
    type: c.document.type,
    // Paths may point into the credential (credentialSubject…) or the JWT (vc.credentialSubject…).
    claims: { ...claims, ...c.document },
    cryptographic_holder_binding: true,
  };
}

/**
 * Opens a verifier's request: fetches and verifies the signed request object, checks that the
 * verifier's client id matches the origins it is fetched from and answers to, and finds which
 * credentials answer each part of its DCQL query. Shares nothing.
 */
export async function openRequest(
  link: string,
  keyring: KeyringRecord,
  db: WalletDb,
  lang: Lang,
): Promise<RequestPreview> {
  configureLibraries();
  const params = requestParams(link);
  const expectedOrigin = clientIdOrigin(params.client_id!);
  if (expectedOrigin === undefined)
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', `unsupported client id ${params.client_id}`);
  if (params.request_uri !== undefined && originOf(params.request_uri) !== expectedOrigin) {
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', `${params.request_uri} is not on ${expectedOrigin}`);
  }
  let resolved: ResolvedOpenid4vpAuthorizationRequest;
  try {
    resolved = await client(keyring).resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: params,
    });
  } catch (error) {
    if (isWalletError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/fetch|network|Failed to/i.test(message) && !/client_id|signed|verif/i.test(message)) {
      throw new WalletError('ERR_VERIFIER_UNREACHABLE', message, { cause: error });
    }
    if (/client_id|client id|did|kid/i.test(message))
      throw new WalletError('ERR_CLIENT_ID_MISMATCH', message, { cause: error });
    throw new WalletError('ERR_REQUEST_INVALID', message, { cause: error });
  }
  const request = resolved.authorizationRequestPayload as Record<string, unknown>;
  const clientId = typeof request.client_id === 'string' ? request.client_id : params.client_id!;
  if (clientId !== params.client_id)
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', 'the request object names another client');
  if (clientId.startsWith('decentralized_identifier:') && resolved.jar === undefined) {
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', 'a DID client id needs a signed request');
  }
  if (request.response_mode !== 'direct_post')
    throw new WalletError(
      'ERR_REQUEST_INVALID',
      `response mode ${String(request.response_mode)} is not supported`,
    );
  const responseUri = typeof request.response_uri === 'string' ? request.response_uri : undefined;
  if (originOf(responseUri) !== expectedOrigin) {
    throw new WalletError(
      'ERR_CLIENT_ID_MISMATCH',
      `answers go to ${responseUri ?? 'nowhere'}, not to ${expectedOrigin}`,
    );
  }
  if (resolved.dcql === undefined)
    throw new WalletError('ERR_REQUEST_INVALID', 'only DCQL queries are supported');

  let query: DcqlQuery.Output;
  try {
    query = DcqlQuery.parse(resolved.dcql.query as DcqlQuery.Input);
    DcqlQuery.validate(query);
  } catch (error) {
    throw new WalletError('ERR_REQUEST_INVALID', error instanceof Error ? error.message : 'DCQL', {
      cause: error,
    });
  }
  const credentials = await db.credentials();
  const result = DcqlQuery.query(query, credentials.map(dcqlCredential) as never);
  const queries: RequestedCredential[] = query.credentials.map((cq) => {
    const match = result.credential_matches[cq.id] as
      { success: boolean; valid_credentials?: { input_credential_index: number }[] } | undefined;
    const matching = new Set(
      match?.success === true ? (match.valid_credentials ?? []).map((v) => v.input_credential_index) : [],
    );
    const meta = cq.meta as { type_values?: string[][] } | undefined;
    const types = [
      ...new Set(
        (meta?.type_values ?? []).map((set) => set.find(isCredentialTypeName) ?? set[set.length - 1] ?? ''),
      ),
    ].filter(Boolean);
    const options = credentials
      .map((credential, index) => ({ credential, matches: matching.has(index) }))
      .sort((a, b) => Number(b.matches) - Number(a.matches));
    return { id: cq.id, types, multiple: cq.multiple === true, options };
  });
  const metadata = (resolved.client.clientMetadata ?? request.client_metadata) as
    { client_name?: string; [k: string]: unknown } | undefined;
  const localName = metadata?.[`client_name#${lang}`];
  return {
    resolved,
    clientId,
    verifierName:
      typeof localName === 'string' ? localName : (metadata?.client_name ?? new URL(expectedOrigin).host),
    verifierOrigin: expectedOrigin,
    ...(typeof request.purpose === 'string' ? { purpose: request.purpose } : {}),
    queries,
  };
}

export interface ShareOutcome {
  accepted: boolean;
  detail?: string;
  redirectUri?: string;
}

/**
 * Signs one presentation per answered query (bound to the request's nonce and the verifier's
 * client id), sends them by direct_post, logs the share, and returns the verifier's answer.
 */
export async function sendPresentation(
  preview: RequestPreview,
  selection: Record<string, string[]>,
  keyring: KeyringRecord,
  db: WalletDb,
): Promise<ShareOutcome> {
  const request = preview.resolved.authorizationRequestPayload as Record<string, unknown> & {
    nonce: string;
    response_uri?: string;
  };
  const all = new Map((await db.credentials()).map((c) => [c.id, c]));
  const vpToken: Record<string, [string, ...string[]]> = {};
  const shared: StoredCredential[] = [];
  const now = Math.floor(Date.now() / 1000);
  for (const [queryId, ids] of Object.entries(selection)) {
    const chosen = ids.map((id) => all.get(id)).filter((c): c is StoredCredential => c !== undefined);
    if (chosen.length === 0) continue;
    shared.push(...chosen);
    const vp = await signCompactJws(
      keyring.signingKey,
      { typ: 'JWT', kid: didKeyVerificationMethod(keyring.did) },
      {
        iss: keyring.did,
        aud: preview.clientId,
        nonce: request.nonce,
        iat: now,
        nbf: now,
        exp: now + 300,
        jti: `urn:uuid:${crypto.randomUUID()}`,
        vp: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiablePresentation'],
          holder: keyring.did,
          verifiableCredential: chosen.map((c) => c.jwt),
        },
      },
    );
    vpToken[queryId] = [vp];
  }
  if (Object.keys(vpToken).length === 0) throw new WalletError('ERR_NOTHING_SELECTED');

  const log = async (outcome: ShareLogEntry['outcome'], detail?: string): Promise<void> => {
    await db.addShare({
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      verifier: { clientId: preview.clientId, name: preview.verifierName, origin: preview.verifierOrigin },
      requested: preview.queries.map((q) => q.id),
      credentials: shared.map((c) => ({ id: c.id, name: c.document.name })),
      outcome,
      ...(detail === undefined ? {} : { detail }),
    });
  };

  const vp = client(keyring);
  let response: Response;
  try {
    const created = await vp.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: preview.resolved.authorizationRequestPayload,
      authorizationResponsePayload: { vp_token: vpToken },
    });
    response = (
      await vp.submitOpenid4vpAuthorizationResponse({
        authorizationRequestPayload: { response_uri: request.response_uri },
        authorizationResponsePayload: created.authorizationResponsePayload,
      })
    ).response;
  } catch (error) {
    await log('failed', error instanceof Error ? error.message : undefined);
    throw new WalletError('ERR_VERIFIER_UNREACHABLE', error instanceof Error ? error.message : undefined, {
      cause: error,
    });
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await response.text());
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // an empty or non-JSON answer is fine for a 200
  }
  if (!response.ok) {
    const detail =
      [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ') ||
      `HTTP ${response.status}`;
    await log('rejected', detail);
    return { accepted: false, detail };
  }
  const redirect =
    typeof body.redirect_uri === 'string' && allowedUrl(body.redirect_uri) !== undefined
      ? body.redirect_uri
      : undefined;
  await log('accepted');
  return { accepted: true, ...(redirect === undefined ? {} : { redirectUri: redirect }) };
}
