import { DcqlQuery } from 'dcql';
import {
  createDataIntegrityProof,
  isCredentialTypeName,
  parseCompactJws,
  parseStrictJson,
  selectVerificationKeys,
  verifyJws,
  presentSdJwtVc,
  sdJwtClaims,
  webCryptoEd25519Verify,
  type ClaimPath,
  type ErrorCode,
  type Lang,
} from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { base64url, utf8 } from '../crypto/encoding.js';
import { signCompactJws } from '../crypto/jws.js';
import { WalletError, isWalletError } from '../errors.js';
import type { KeyringRecord, ShareLogEntry, StoredCredential, WalletDb } from '../store/db.js';
import { resolveDid } from '../verify/did-resolver.js';
import { allowedUrl, fetchText, guardedFetch } from '../verify/http.js';
import { closedRequestCode, requestRefusal } from './request-refusal.js';
import {
  assignEnvelopes,
  type RequestPreview,
  type VerifiedRequest,
  type PresentedFormat,
  type RequestedCredential,
  type ShareCandidate,
} from './envelopes.js';
import { claimsAsked, pathKey, type ClaimChoice, type ClaimsQuery } from './disclosure.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';
import { issueSelfDeclared, selfIssuedDocument } from '../self-declared/self-issued-credential.js';

export type { PresentedFormat, RequestedCredential, RequestPreview, ShareCandidate, VerifiedRequest };

// OpenID4VP 1.0 on the wallet side, written out: the request object (JAR) is fetched, its
// signature checked against the key the verifier's did:web publishes, and every origin it names
// held to the client id; the DCQL query is evaluated with the `dcql` library; the answer is a
// direct_post form. (The @openid4vc/openid4vp client reads a JAR's `iss` as a DID and refuses
// `iss = client_id` with its prefix, which is what RFC 9101 suggests; our own code accepts both.)

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

/** Our type name in a DCQL type set (short name or expanded IRI), else its most specific value. */
function ourType(values: string[]): string {
  for (const value of [...values].reverse()) {
    if (isCredentialTypeName(value)) return value;
    const name = /([A-Za-z]+)$/.exec(value)?.[1];
    if (name !== undefined && isCredentialTypeName(name)) return name;
  }
  return values[values.length - 1] ?? '';
}

/**
 * The fully expanded IRIs of the types our credentials name (DCQL `type_values` are expanded
 * types; verifiers send short names too). Fixed: our schema pins every credential's `@context`.
 */
const TYPE_IRIS: Readonly<Record<string, string>> = {
  VerifiableCredential: 'https://www.w3.org/2018/credentials#VerifiableCredential',
  OpenBadgeCredential: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
  EVCCredential: 'https://w3id.org/skills-passport/vocab#EVCCredential',
  ModuleCredential: 'https://w3id.org/skills-passport/vocab#ModuleCredential',
  WorkplaceLearningCredential: 'https://w3id.org/skills-passport/vocab#WorkplaceLearningCredential',
  DevelopmentPlanCredential: 'https://w3id.org/skills-passport/vocab#DevelopmentPlanCredential',
};

/** A credential's types as the DCQL matcher sees them: as written, and expanded. */
function dcqlTypes(c: StoredCredential): string[] {
  const types: string[] = c.document.type;
  return [...types, ...types.flatMap((t) => (TYPE_IRIS[t] === undefined ? [] : [TYPE_IRIS[t]]))];
}

/**
 * The envelopes of a stored credential as DCQL inputs, one per envelope it has. An SD-JWT VC is
 * matched on its `vct` and its full claims (every disclosure in place): what it could disclose.
 */
async function dcqlInputs(
  c: StoredCredential,
): Promise<{ format: PresentedFormat; input: Record<string, unknown> }[]> {
  const inputs: { format: PresentedFormat; input: Record<string, unknown> }[] = [];
  if (c.sdJwt !== undefined) {
    const claims = await sdJwtClaims(c.sdJwt).catch(() => undefined);
    if (claims !== undefined && typeof claims.vct === 'string')
      inputs.push({
        format: 'dc+sd-jwt',
        input: {
          credential_format: 'dc+sd-jwt',
          vct: claims.vct,
          claims,
          cryptographic_holder_binding: true,
        },
      });
  }
  if (c.jwt !== undefined) {
    const payload = parseCompactJws(c.jwt);
    const claims = payload.ok ? payload.jws.payload : {};
    inputs.push({
      format: 'jwt_vc_json',
      input: {
        credential_format: 'jwt_vc_json',
        type: dcqlTypes(c),
        // Paths may point into the credential (credentialSubject…) or the JWT (vc.credentialSubject…).
        claims: { ...claims, ...c.document },
        cryptographic_holder_binding: true,
      },
    });
  }
  if (c.ldp !== undefined) {
    const { proof: _proof, ...document } = c.ldp;
    inputs.push({
      format: 'ldp_vc',
      input: {
        credential_format: 'ldp_vc',
        type: dcqlTypes(c),
        claims: document,
        cryptographic_holder_binding: true,
      },
    });
  }
  return inputs;
}

/**
 * The `jwt_vc_json` query, if any, that takes a self-declared skill as the Open Badge the wallet
 * would issue to itself for it: matched by DCQL like any credential, on a draft of that badge.
 */
function selfDeclaredQueryId(
  query: DcqlQuery.Output,
  skill: SelfDeclaredSkill,
  holderDid: string,
  lang: Lang,
): string | undefined {
  const document = selfIssuedDocument(skill, holderDid, {
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    now: new Date(),
    lang,
  });
  const types = document.type as string[];
  const input = {
    credential_format: 'jwt_vc_json',
    type: [...types, ...types.flatMap((t) => (TYPE_IRIS[t] === undefined ? [] : [TYPE_IRIS[t]]))],
    claims: { iss: holderDid, sub: holderDid, ...document },
    cryptographic_holder_binding: true,
  };
  const result = DcqlQuery.query(query, [input] as never);
  return query.credentials.find(
    (cq) =>
      cq.format === 'jwt_vc_json' &&
      (result.credential_matches[cq.id] as { success: boolean } | undefined)?.success === true,
  )?.id;
}

const CLOCK_SKEW_SECONDS = 60;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fetches the request object by `request_uri` and checks it: a compact JWS (EdDSA only, no keys in
 * the header), `typ: oauth-authz-req+jwt`, signed by a key the client's did:web publishes, naming
 * the same client id, not expired.
 */
async function fetchRequestObject(requestUri: string, clientId: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await fetchText(requestUri, {
      unreachable: 'ERR_VERIFIER_UNREACHABLE',
      refusal: requestRefusal,
      accept: 'application/oauth-authz-req+jwt, application/jwt',
      maxBytes: 256 * 1024,
    });
  } catch (error) {
    throw isWalletError(error)
      ? error
      : new WalletError('ERR_VERIFIER_UNREACHABLE', requestUri, { cause: error });
  }
  const parsed = parseCompactJws(text.trim());
  if (!parsed.ok) throw new WalletError('ERR_REQUEST_INVALID', parsed.reason, { reason: parsed.code });
  const { header, payload } = parsed.jws;
  if (header.typ !== 'oauth-authz-req+jwt')
    throw new WalletError('ERR_REQUEST_INVALID', `typ ${String(header.typ)}`);
  const did = clientId.slice('decentralized_identifier:'.length);
  if (typeof header.kid !== 'string' || header.kid.split('#')[0] !== did) {
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', `signed with ${String(header.kid)}, not a key of ${did}`);
  }
  const resolved = await resolveDid(did);
  if (!resolved.ok) {
    if (resolved.code === 'ERR_ISSUER_UNREACHABLE')
      throw new WalletError('ERR_VERIFIER_UNREACHABLE', resolved.reason);
    // The resolver's code is the precise reason; a DID it could not read names no verifier.
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', resolved.reason, {
      reason:
        resolved.code.startsWith('ERR_DID_') ||
        resolved.code.startsWith('ERR_JSON') ||
        resolved.code === 'ERR_MALFORMED_JSON'
          ? resolved.code
          : undefined,
    });
  }
  const document = resolved.document;
  let verified = false;
  let why: ErrorCode = 'ERR_KEY_NOT_FOUND';
  for (const relationship of ['authentication', 'assertionMethod'] as const) {
    const keys = selectVerificationKeys(document, did, relationship, header.kid);
    if (!keys.ok) {
      if (keys.code !== 'ERR_KEY_NOT_FOUND') why = keys.code;
      continue;
    }
    if ((await verifyJws(parsed.jws, keys.keys, webCryptoEd25519Verify)).ok) {
      verified = true;
      break;
    }
    why = 'ERR_SIGNATURE_INVALID';
  }
  if (!verified) {
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', `the request is not signed by ${did}`, { reason: why });
  }
  if (payload.client_id !== clientId)
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', 'the request object names another client');
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp === 'number' && payload.exp + CLOCK_SKEW_SECONDS < now) {
    throw new WalletError('ERR_REQUEST_EXPIRED', 'the request object has expired');
  }
  if (typeof payload.iat === 'number' && payload.iat - CLOCK_SKEW_SECONDS > now) {
    throw new WalletError('ERR_REQUEST_INVALID', 'the request is issued in the future');
  }
  return payload;
}

/** Request parameters given by value (unsigned; only for `redirect_uri:` client ids). */
function requestByValue(params: Record<string, string>): Record<string, unknown> {
  const request: Record<string, unknown> = { ...params };
  for (const key of ['dcql_query', 'client_metadata']) {
    const raw = params[key];
    if (raw === undefined) continue;
    const parsed = parseStrictJson(raw);
    if (!parsed.ok)
      throw new WalletError('ERR_REQUEST_INVALID', `${key}: ${parsed.reason}`, { reason: parsed.code });
    request[key] = parsed.value;
  }
  return request;
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
  const params = requestParams(link);
  const clientId = params.client_id!;
  const expectedOrigin = clientIdOrigin(clientId);
  if (expectedOrigin === undefined)
    throw new WalletError('ERR_CLIENT_ID_MISMATCH', `unsupported client id ${clientId}`);
  let raw: Record<string, unknown>;
  if (clientId.startsWith('decentralized_identifier:')) {
    // A DID client id is only believed on a request its DID signed, fetched from its own origin.
    if (params.request_uri === undefined)
      throw new WalletError('ERR_REQUEST_INVALID', 'a DID client id needs a signed request');
    if (originOf(params.request_uri) !== expectedOrigin) {
      throw new WalletError('ERR_CLIENT_ID_MISMATCH', `${params.request_uri} is not on ${expectedOrigin}`);
    }
    raw = await fetchRequestObject(params.request_uri, clientId);
  } else {
    if (params.request_uri !== undefined || params.request !== undefined) {
      throw new WalletError(
        'ERR_REQUEST_INVALID',
        'a redirect_uri client id sends its request unsigned, by value',
      );
    }
    raw = requestByValue(params);
    if (raw.response_uri !== clientId.slice('redirect_uri:'.length)) {
      throw new WalletError('ERR_CLIENT_ID_MISMATCH', 'the response_uri differs from the client id');
    }
  }
  if (raw.response_type !== 'vp_token')
    throw new WalletError('ERR_REQUEST_INVALID', `response_type ${String(raw.response_type)}`);
  if (raw.response_mode !== 'direct_post') {
    throw new WalletError(
      'ERR_REQUEST_INVALID',
      `response mode ${String(raw.response_mode)} is not supported`,
    );
  }
  if (typeof raw.nonce !== 'string' || raw.nonce.length < 8 || raw.nonce.length > 512) {
    throw new WalletError('ERR_REQUEST_INVALID', 'the request has no usable nonce');
  }
  const responseUri = typeof raw.response_uri === 'string' ? raw.response_uri : undefined;
  if (responseUri === undefined || originOf(responseUri) !== expectedOrigin) {
    throw new WalletError(
      'ERR_CLIENT_ID_MISMATCH',
      `answers go to ${responseUri ?? 'nowhere'}, not to ${expectedOrigin}`,
    );
  }
  if (raw.dcql_query === undefined)
    throw new WalletError('ERR_REQUEST_INVALID', 'only DCQL queries are supported');
  if (raw.state !== undefined && typeof raw.state !== 'string')
    throw new WalletError('ERR_REQUEST_INVALID', 'state');
  const request: VerifiedRequest = {
    client_id: clientId,
    response_uri: responseUri,
    nonce: raw.nonce,
    dcql_query: raw.dcql_query,
    ...(typeof raw.state === 'string' ? { state: raw.state } : {}),
    ...(isRecord(raw.client_metadata) ? { client_metadata: raw.client_metadata } : {}),
    ...(typeof raw.purpose === 'string' ? { purpose: raw.purpose } : {}),
  };

  let query: DcqlQuery.Output;
  try {
    query = DcqlQuery.parse(request.dcql_query as DcqlQuery.Input);
    DcqlQuery.validate(query);
  } catch (error) {
    throw new WalletError('ERR_REQUEST_INVALID', error instanceof Error ? error.message : 'DCQL', {
      cause: error,
    });
  }
  // Every envelope of every credential is matched; the learner then chooses credentials, once each.
  const credentials = await db.credentials();
  const inputs = (
    await Promise.all(
      credentials.map(async (credential) =>
        (await dcqlInputs(credential)).map((entry) => ({ credential, ...entry })),
      ),
    )
  ).flat();
  const result = DcqlQuery.query(query, inputs.map((i) => i.input) as never);
  const answers = new Map<StoredCredential, ShareCandidate['answers']>();
  const queries: RequestedCredential[] = query.credentials.map((cq) => {
    const match = result.credential_matches[cq.id] as
      { success: boolean; valid_credentials?: { input_credential_index: number }[] } | undefined;
    if (match?.success === true) {
      for (const { input_credential_index: index } of match.valid_credentials ?? []) {
        const matched = inputs[index];
        if (matched === undefined) continue;
        // An SD-JWT VC answers with the claims the query asks for, and only those.
        const claims =
          matched.format === 'dc+sd-jwt'
            ? claimsAsked(cq as ClaimsQuery, matched.input.claims as Record<string, unknown>)
            : undefined;
        if (matched.format === 'dc+sd-jwt' && claims === undefined) continue;
        const list = answers.get(matched.credential) ?? [];
        list.push({
          queryId: cq.id,
          format: matched.format,
          ...(claims === undefined
            ? {}
            : { claims, holderClaims: matched.input.claims as Record<string, unknown> }),
        });
        answers.set(matched.credential, list);
      }
    }
    const meta = cq.meta as { type_values?: string[][]; vct_values?: string[] } | undefined;
    // An SD-JWT VC query names types by `vct`: ours end in /vct/<type>.
    const vctTypes = (meta?.vct_values ?? []).map((vct) => /\/vct\/([A-Za-z]+)$/.exec(vct)?.[1] ?? vct);
    const types = [...new Set([...(meta?.type_values ?? []).map(ourType), ...vctTypes])].filter(
      (t) => t !== '',
    );
    return { id: cq.id, format: cq.format, types, multiple: cq.multiple === true };
  });
  // Only credentials that answer some part are offered; a learner cannot usefully send others.
  const candidates = credentials.flatMap((credential) => {
    const list = answers.get(credential);
    return list === undefined ? [] : [{ credential, answers: list }];
  });
  const selfDeclared = (await db.selfDeclared()).flatMap((skill) => {
    const queryId = selfDeclaredQueryId(query, skill, keyring.did, lang);
    return queryId === undefined ? [] : [{ skill, queryId }];
  });
  const metadata = request.client_metadata;
  const localName = metadata?.[`client_name#${lang}`];
  // Why the verifier asks, in its own words: the request's `purpose`, else what its signed
  // client_metadata says (in the learner's language when it says it in several).
  const localPurpose = metadata?.[`purpose#${lang}`] ?? metadata?.purpose;
  const purpose =
    request.purpose ?? (typeof localPurpose === 'string' && localPurpose !== '' ? localPurpose : undefined);
  return {
    request,
    clientId,
    verifierName:
      typeof localName === 'string'
        ? localName
        : typeof metadata?.client_name === 'string'
          ? metadata.client_name
          : new URL(expectedOrigin).host,
    verifierOrigin: expectedOrigin,
    ...(purpose === undefined ? {} : { purpose }),
    queries,
    candidates,
    selfDeclared,
  };
}

export interface ShareOutcome {
  accepted: boolean;
  detail?: string;
  redirectUri?: string;
  /** Refused because the request expired or was answered meanwhile: nothing the learner can fix. */
  closed?: 'ERR_REQUEST_EXPIRED' | 'ERR_REQUEST_ALREADY_ANSWERED';
}

/** Seconds of a date-time, as Data Integrity proofs write `created`. */
function dateTimeNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An `ldp_vp`: a VC 2.0 presentation of Data Integrity credentials by the wallet's did:key, with
 * an eddsa-rdfc-2022 proof for `authentication` bound to the request (challenge = its nonce,
 * domain = the verifier's client id), signed with the holder key (OpenID4VP 1.0, B.1.3.2.5).
 */
async function ldpPresentation(
  credentials: Record<string, unknown>[],
  keyring: KeyringRecord,
  request: VerifiedRequest,
): Promise<Record<string, unknown>> {
  const unsecured = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder: keyring.did,
    verifiableCredential: credentials,
  };
  try {
    return await createDataIntegrityProof(
      unsecured,
      {
        verificationMethod: didKeyVerificationMethod(keyring.did),
        proofPurpose: 'authentication',
        created: dateTimeNow(),
        challenge: request.nonce,
        domain: request.client_id,
      },
      async (data) =>
        new Uint8Array(
          await crypto.subtle.sign({ name: 'Ed25519' }, keyring.signingKey, Uint8Array.from(data)),
        ),
    );
  } catch (error) {
    // The credentials are the issuer's, checked on receipt; a document that will not canonicalize
    // cannot be presented this way.
    throw new WalletError('ERR_PRESENTATION_INVALID', error instanceof Error ? error.message : undefined, {
      cause: error,
    });
  }
}

/** A `jwt_vc_json` presentation: a VP JWT of the holder's did:key bound to the request. */
function jwtPresentation(jwts: string[], keyring: KeyringRecord, preview: RequestPreview): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signCompactJws(
    keyring.signingKey,
    { typ: 'JWT', kid: didKeyVerificationMethod(keyring.did) },
    {
      iss: keyring.did,
      aud: preview.clientId,
      nonce: preview.request.nonce,
      iat: now,
      nbf: now,
      exp: now + 300,
      jti: `urn:uuid:${crypto.randomUUID()}`,
      vp: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiablePresentation'],
        holder: keyring.did,
        verifiableCredential: jwts,
      },
    },
  );
}

/**
 * An SD-JWT VC presentation (OpenID4VP 1.0 B.3.5): exactly the disclosures for `paths`, and a Key
 * Binding JWT for this request (`aud` the verifier's client id with its prefix, `nonce`), signed
 * with the holder key its `cnf` names.
 */
function sdJwtPresentation(
  token: string,
  paths: readonly ClaimPath[],
  keyring: KeyringRecord,
  request: VerifiedRequest,
): Promise<string> {
  return presentSdJwtVc(
    token,
    paths,
    { nonce: request.nonce, audience: request.client_id, issuedAt: Math.floor(Date.now() / 1000) },
    {
      alg: 'EdDSA',
      sign: async (signingInput) =>
        base64url(await crypto.subtle.sign({ name: 'Ed25519' }, keyring.signingKey, utf8(signingInput))),
    },
  );
}

/** What the learner chose to disclose of one SD-JWT VC: the paths, and how the screen named them. */
export interface DisclosureChoice {
  paths: ClaimPath[];
  /** The claims as the learner saw them ("support nurses: Proficient (3/4)"), for the share log. */
  labels: string[];
}

/**
 * The claims an SD-JWT VC discloses: those the learner left ticked (`choice`), never one the query
 * did not ask for, never without one it requires; all it asks for when the learner made no choice.
 */
function pathsToDisclose(asked: readonly ClaimChoice[], choice: DisclosureChoice | undefined): ClaimPath[] {
  if (choice === undefined) return asked.map((c) => c.path);
  const kept = new Set(choice.paths.map(pathKey));
  return asked.filter((c) => c.required || kept.has(pathKey(c.path))).map((c) => c.path);
}

/**
 * Sends the chosen credentials, each once, in the envelope {@link assignEnvelopes} picks: one
 * presentation per query used for `jwt_vc_json` (a VP JWT) and `ldp_vc` (an `ldp_vp` object), one
 * per credential for `dc+sd-jwt` (its disclosures and a Key Binding JWT), each bound to the
 * request's nonce and the verifier's client id, by direct_post; logs the share, with what each
 * SD-JWT VC disclosed, and returns the verifier's answer. `disclosures` holds the learner's choice
 * of claims per SD-JWT VC (by credential id). `selfDeclaredIds` names the self-declared skills of
 * `preview.selfDeclared` the learner ticked: each goes as an Open Badge the wallet issues to
 * itself now, in the VP JWT of its query.
 */
export async function sendPresentation(
  preview: RequestPreview,
  chosenIds: string[],
  keyring: KeyringRecord,
  db: WalletDb,
  disclosures: Record<string, DisclosureChoice> = {},
  selfDeclaredIds: readonly string[] = [],
  lang: Lang = 'en',
): Promise<ShareOutcome> {
  const request = preview.request;
  const all = new Map((await db.credentials()).map((c) => [c.id, c]));
  const chosen = chosenIds.map((id) => all.get(id)).filter((c): c is StoredCredential => c !== undefined);
  const declaring = preview.selfDeclared.filter(({ skill }) => selfDeclaredIds.includes(skill.id));
  if (chosen.length === 0 && declaring.length === 0) throw new WalletError('ERR_NOTHING_SELECTED');
  const assigned = assignEnvelopes(preview, chosen);
  const selfIssued = await Promise.all(
    declaring.map(async ({ skill, queryId }) => ({
      queryId,
      ...(await issueSelfDeclared(skill, keyring, lang)),
    })),
  );
  const vpToken: Record<string, (string | Record<string, unknown>)[]> = {};
  const disclosed = new Map<string, string[]>();
  for (const query of preview.queries) {
    const going = assigned.filter((a) => a.queryId === query.id);
    const declared = selfIssued.filter((s) => s.queryId === query.id).map((s) => s.jwt);
    if (going.length === 0 && declared.length === 0) continue;
    if (query.format === 'dc+sd-jwt') {
      vpToken[query.id] = await Promise.all(
        going.flatMap((a) => {
          if (a.credential.sdJwt === undefined) return [];
          const choice = disclosures[a.credential.id];
          const paths = pathsToDisclose(a.claims ?? [], choice);
          disclosed.set(
            a.credential.id,
            choice === undefined
              ? paths.map((p) => p.join('.'))
              : choice.labels.filter((_, i) => paths.some((p) => pathKey(p) === pathKey(choice.paths[i]!))),
          );
          return [sdJwtPresentation(a.credential.sdJwt, paths, keyring, request)];
        }),
      );
      continue;
    }
    // Each credential answers a query only in an envelope it holds (assignEnvelopes).
    vpToken[query.id] = [
      query.format === 'ldp_vc'
        ? await ldpPresentation(
            going.flatMap((a) => (a.credential.ldp === undefined ? [] : [a.credential.ldp])),
            keyring,
            request,
          )
        : await jwtPresentation(
            [
              ...going.flatMap((a) => (a.credential.jwt === undefined ? [] : [a.credential.jwt])),
              ...declared,
            ],
            keyring,
            preview,
          ),
    ];
  }
  const shared = chosen;

  const log = async (outcome: ShareLogEntry['outcome'], detail?: string): Promise<void> => {
    await db.addShare({
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      verifier: { clientId: preview.clientId, name: preview.verifierName, origin: preview.verifierOrigin },
      requested: preview.queries.map((q) => q.id),
      credentials: [
        ...shared.map((c) => {
          const claims = disclosed.get(c.id);
          return { id: c.id, name: c.document.name, ...(claims === undefined ? {} : { disclosed: claims }) };
        }),
        ...selfIssued.map((s) => ({ id: s.id, name: s.skill.label, selfDeclared: true as const })),
      ],
      outcome,
      ...(detail === undefined ? {} : { detail }),
    });
  };
  // direct_post: the vp_token (JSON, keyed by credential query id) and the state, as a form.
  const form = new URLSearchParams({ vp_token: JSON.stringify(vpToken) });
  if (request.state !== undefined) form.set('state', request.state);
  let response: Response;
  try {
    response = await guardedFetch(request.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      redirect: 'error',
    });
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
    const closed = closedRequestCode(body.code);
    return { accepted: false, detail, ...(closed === undefined ? {} : { closed }) };
  }
  const redirect =
    typeof body.redirect_uri === 'string' && allowedUrl(body.redirect_uri) !== undefined
      ? body.redirect_uri
      : undefined;
  await log('accepted');
  return { accepted: true, ...(redirect === undefined ? {} : { redirectUri: redirect }) };
}

/**
 * Tells the verifier the learner declined (OpenID4VP 1.0 §8.5: an error response, `access_denied`,
 * by direct_post with the request's `state`). The verifier keeps the request open, so the learner
 * can open its link again and answer while it has not expired. Nothing is shared and nothing is
 * logged; whether the verifier could be told does not change that, so failures are not the
 * learner's concern.
 */
export async function declineRequest(preview: RequestPreview): Promise<void> {
  const form = new URLSearchParams({
    error: 'access_denied',
    error_description: 'The holder declined to share credentials.',
  });
  if (preview.request.state !== undefined) form.set('state', preview.request.state);
  try {
    await guardedFetch(preview.request.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      redirect: 'error',
      // The learner waits for this only to see "declined": not long.
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    // The verifier cannot be reached: it learns nothing, and the request stays open all the same.
  }
}
