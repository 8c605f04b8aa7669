import {
  Oauth2ClientErrorResponseError,
  Oauth2Error,
  preAuthorizedCodeGrantIdentifier,
} from '@openid4vc/oauth2';
import {
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  type CredentialOfferObject,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import { InvalidFetchResponseError, JsonParseError, ValidationError } from '@openid4vc/utils';
import {
  isCredentialTypeName,
  isJwsAlgorithm,
  type CredentialEnvelope,
  type EnvelopeFormat,
  type Lang,
} from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { WalletError, isWalletError } from '../errors.js';
import { configureLibraries, holderCallbacks } from '../protocol/callbacks.js';
import type { KeyringRecord, StoredCredential, WalletDb } from '../store/db.js';
import { allowedUrl, errorBody } from '../verify/http.js';
import { verifyReceived, type AcceptedEnvelope } from '../verify/wallet-verification.js';
import { notifyIssuer } from './notify.js';
import { assertSameCredential } from './same-credential.js';

/**
 * The envelopes the wallet holds, in the order it asks for them (the first one's document is what
 * the passport shows: the VC-JWT's, which names the learner's DID as its subject).
 */
const HELD_FORMATS: readonly EnvelopeFormat[] = ['jwt_vc_json', 'ldp_vc', 'dc+sd-jwt'];

/** One credential of an offer, in every envelope the offer names that the wallet holds. */
export interface OfferedCredential {
  /** Its credential configurations (OpenID4VCI), one per envelope: `jwt_vc_json` first. */
  configurations: { id: string; format: EnvelopeFormat }[];
  name: string;
  description?: string;
  types: string[];
}

/** What the learner sees before accepting an offer. */
export interface OfferPreview {
  offer: CredentialOfferObject;
  metadata: IssuerMetadataResult;
  credentialIssuer: string;
  issuerName: string;
  issuerLogo?: string;
  credentials: OfferedCredential[];
  /** Present when the offer needs a PIN (transaction code). */
  txCode?: { length?: number; description?: string; inputMode: 'numeric' | 'text' };
}

const OFFER_SCHEMES = ['openid-credential-offer:', 'haip:', 'openid4vci:'];

/**
 * Turns what the learner pasted, scanned or arrived with (an `openid-credential-offer://` link, the
 * wallet's own URL with `?credential_offer_uri=`, or just the query) into the offer link form the
 * library reads. Throws `ERR_OFFER_INVALID`.
 */
export function normaliseOfferLink(input: string): string {
  const text = input.trim();
  let query: string;
  if (text.startsWith('?')) {
    query = text.slice(1);
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new WalletError('ERR_OFFER_INVALID', 'not a link');
    }
    if (!OFFER_SCHEMES.includes(url.protocol) && url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new WalletError('ERR_OFFER_INVALID', `unknown scheme ${url.protocol}`);
    }
    query = url.search.slice(1);
  }
  const params = new URLSearchParams(query);
  const byReference = params.get('credential_offer_uri');
  const byValue = params.get('credential_offer');
  if ((byReference === null) === (byValue === null)) {
    throw new WalletError(
      'ERR_OFFER_INVALID',
      'needs exactly one of credential_offer_uri and credential_offer',
    );
  }
  if (byReference !== null && allowedUrl(byReference) === undefined) {
    throw new WalletError(
      /^https?:/.test(byReference) ? 'ERR_INSECURE_URL' : 'ERR_OFFER_INVALID',
      byReference,
    );
  }
  const out = new URLSearchParams();
  if (byReference !== null) out.set('credential_offer_uri', byReference);
  if (byValue !== null) out.set('credential_offer', byValue);
  return `openid-credential-offer://?${out.toString()}`;
}

/**
 * Maps what the libraries throw to a wallet code a learner can be told about: `invalid` when the
 * server answered but not with what the protocol asks for (a web page, JSON of another shape,
 * metadata naming another issuer; trying again will not help), else `fallback`.
 */
function classify(
  error: unknown,
  fallback: 'ERR_OFFER_INVALID' | 'ERR_ISSUER_UNREACHABLE',
  invalid: 'ERR_OFFER_INVALID' | 'ERR_CREDENTIAL_JWT_INVALID' = 'ERR_OFFER_INVALID',
  offerStep = false,
): WalletError {
  if (isWalletError(error)) return error;
  if (error instanceof Oauth2ClientErrorResponseError) {
    const e = error.errorResponse;
    return new WalletError('ERR_TOKEN_REFUSED', [e.error, e.error_description].filter(Boolean).join(': '), {
      cause: error,
    });
  }
  if (error instanceof Openid4vciRetrieveCredentialsError) {
    const body = error.response.credentialErrorResponseResult?.data as
      { error?: string; error_description?: string } | undefined;
    const detail = [body?.error, body?.error_description].filter(Boolean).join(': ');
    return new WalletError('ERR_ISSUANCE_REFUSED', detail === '' ? error.message : detail, { cause: error });
  }
  if (error instanceof InvalidFetchResponseError) {
    // The issuer answered but refused: an offer already used, expired or withdrawn says so
    // (problem+json code); an offer it does not know is a 404. Neither means it cannot be reached.
    const { code } = errorBody(error.textResponse);
    if (code === 'ERR_OFFER_REDEEMED' || code === 'ERR_OFFER_EXPIRED' || code === 'ERR_OFFER_WITHDRAWN')
      return new WalletError(code, undefined, { cause: error });
    const status = error.response.status;
    if (offerStep && (status === 404 || status === 410 || code === 'ERR_NOT_FOUND'))
      return new WalletError('ERR_OFFER_UNKNOWN', `HTTP ${status}`, { cause: error });
    // A 2xx of the wrong content type: the server is there, its answer is not usable.
    if (error.response.ok) return new WalletError(invalid, error.message, { cause: error });
    return new WalletError('ERR_ISSUER_UNREACHABLE', `HTTP ${error.response.status}`, { cause: error });
  }
  if (
    error instanceof ValidationError ||
    // The libraries bundle copies of ValidationError: know one by its zod error.
    (error instanceof Error && Object.hasOwn(error, 'zodError')) ||
    error instanceof JsonParseError ||
    error instanceof SyntaxError ||
    error instanceof Oauth2Error
  ) {
    return new WalletError(invalid, error.message, { cause: error });
  }
  // fetch() rejects with a TypeError when the host cannot be reached at all.
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return new WalletError('ERR_ISSUER_UNREACHABLE', error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WalletError(fallback, message, { cause: error });
}

function displayFor<T extends { locale?: string }>(entries: T[] | undefined, lang: Lang): T | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  return (
    entries.find((d) => d.locale?.toLowerCase().startsWith(lang)) ??
    entries.find((d) => d.locale?.toLowerCase().startsWith('en')) ??
    entries[0]
  );
}

type Display = { locale?: string; name?: string; description?: string };

/**
 * The types a credential configuration names: `credential_definition.type` (`jwt_vc_json`,
 * `ldp_vc`), or for `dc+sd-jwt` our type name when its `vct` is one of ours (`…/vct/<type>`;
 * core checks on receipt that it is at the issuer's own host).
 */
function configurationTypes(config: Record<string, unknown>): string[] {
  if (config.format === 'dc+sd-jwt') {
    const name = typeof config.vct === 'string' ? /\/vct\/([A-Za-z]+)$/.exec(config.vct)?.[1] : undefined;
    return name === undefined ? [] : [name];
  }
  const definition = config.credential_definition as { type?: unknown } | undefined;
  return Array.isArray(definition?.type)
    ? definition.type.filter((t): t is string => typeof t === 'string')
    : [];
}

/**
 * Whether the wallet can verify what a configuration is signed with: for `dc+sd-jwt`, when the
 * issuer names its algorithms, one of EdDSA and ES256 (core's allow-list). The other envelopes
 * are held to EdDSA by core on receipt.
 */
function signedAsWeVerify(config: Record<string, unknown>): boolean {
  const algs = config.credential_signing_alg_values_supported;
  return config.format !== 'dc+sd-jwt' || !Array.isArray(algs) || algs.some(isJwsAlgorithm);
}

/**
 * The credentials an offer names, each in every envelope the wallet holds: an issuer that offers
 * one credential as a VC-JWT and as a Data Integrity credential names two configurations of the
 * same type, which make one credential here. Configurations in other formats are left out.
 */
function offeredCredentials(ids: string[], metadata: IssuerMetadataResult, lang: Lang): OfferedCredential[] {
  const groups: { key: string; credential: OfferedCredential }[] = [];
  for (const id of ids) {
    const config = metadata.knownCredentialConfigurations[id] as Record<string, unknown> | undefined;
    if (config === undefined)
      throw new WalletError('ERR_OFFER_INVALID', `unknown credential configuration ${id}`);
    const format = config.format as EnvelopeFormat;
    if (!HELD_FORMATS.includes(format) || !signedAsWeVerify(config)) continue;
    const types = configurationTypes(config);
    // Configurations of the same type in different envelopes are one credential: ours by our type
    // name (a `vct` names it too), any other by its whole list of types.
    const ours = types.find(isCredentialTypeName);
    const key =
      ours !== undefined ? ours : types.length === 0 ? `configuration ${id}` : [...types].sort().join(' ');
    const group = groups.find(
      (g) => g.key === key && !g.credential.configurations.some((c) => c.format === format),
    );
    if (group !== undefined) {
      group.credential.configurations.push({ id, format });
      continue;
    }
    const meta = config.credential_metadata as { display?: Display[] } | undefined;
    const display = displayFor(meta?.display ?? (config.display as Display[] | undefined), lang);
    groups.push({
      key,
      credential: {
        configurations: [{ id, format }],
        name: display?.name ?? id,
        ...(display?.description === undefined ? {} : { description: display.description }),
        types,
      },
    });
  }
  const credentials = groups.map((g) => g.credential);
  for (const c of credentials)
    c.configurations.sort((a, b) => HELD_FORMATS.indexOf(a.format) - HELD_FORMATS.indexOf(b.format));
  if (credentials.length === 0)
    throw new WalletError('ERR_OFFER_INVALID', 'the offer names no credential format this wallet holds');
  return credentials;
}

/** Resolves an offer and its issuer's metadata: who offers what. Stores nothing. */
export async function openOffer(link: string, keyring: KeyringRecord, lang: Lang): Promise<OfferPreview> {
  configureLibraries();
  const client = new Openid4vciClient({ callbacks: holderCallbacks(keyring) });
  const normalised = normaliseOfferLink(link);
  let offer: CredentialOfferObject;
  try {
    offer = await client.resolveCredentialOffer(normalised);
  } catch (error) {
    throw classify(
      error,
      normalised.includes('credential_offer_uri') ? 'ERR_ISSUER_UNREACHABLE' : 'ERR_OFFER_INVALID',
      'ERR_OFFER_INVALID',
      true,
    );
  }
  if (allowedUrl(offer.credential_issuer) === undefined)
    throw new WalletError('ERR_INSECURE_URL', offer.credential_issuer);
  const grant = offer.grants?.[preAuthorizedCodeGrantIdentifier];
  if (grant === undefined)
    throw new WalletError('ERR_OFFER_INVALID', 'only the pre-authorized code flow is supported');
  let metadata: IssuerMetadataResult;
  try {
    metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  } catch (error) {
    throw classify(error, 'ERR_ISSUER_UNREACHABLE');
  }
  const issuer = metadata.credentialIssuer;
  const issuerDisplay = displayFor(issuer.display, lang);
  const credentials = offeredCredentials(offer.credential_configuration_ids, metadata, lang);
  const txCode = grant.tx_code;
  return {
    offer,
    metadata,
    credentialIssuer: offer.credential_issuer,
    issuerName: issuerDisplay?.name ?? new URL(offer.credential_issuer).host,
    ...(issuerDisplay?.logo?.uri === undefined ? {} : { issuerLogo: issuerDisplay.logo.uri }),
    credentials,
    ...(txCode === undefined
      ? {}
      : {
          txCode: {
            ...(txCode.length === undefined ? {} : { length: txCode.length }),
            ...(txCode.description === undefined ? {} : { description: txCode.description }),
            inputMode: txCode.input_mode ?? 'numeric',
          },
        }),
  };
}

/** One envelope the issuer handed over, with the id of its notification. */
interface Delivery {
  credential: number;
  format: EnvelopeFormat;
  value: unknown;
  notificationId?: string;
}

/** The envelope a delivered value is in, as its configuration's format says; else not a credential. */
function envelopeOf(delivery: Delivery): CredentialEnvelope {
  if (delivery.format === 'jwt_vc_json') {
    if (typeof delivery.value !== 'string')
      throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'not a compact JWT');
    return { format: 'jwt_vc_json', jwt: delivery.value };
  }
  // OpenID4VCI 1.0 A.3.4: an SD-JWT VC comes as its string, `<issuer JWT>~<disclosure>~…~`.
  if (delivery.format === 'dc+sd-jwt') {
    if (typeof delivery.value !== 'string' || !delivery.value.includes('~'))
      throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'not an SD-JWT VC', {
        reason: 'ERR_SD_JWT_MALFORMED',
      });
    return { format: 'dc+sd-jwt', token: delivery.value };
  }
  const value = delivery.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'not a JSON-LD credential');
  return { format: 'ldp_vc', credential: value as Record<string, unknown> };
}

/** Options of {@link acceptOffer}. */
export interface AcceptOptions {
  /** The PIN (transaction code), when the offer asks for one. */
  txCode?: string;
  /** Asked before anything is stored: true when the learner declined meanwhile. */
  declined?: () => boolean;
  /**
   * Asked once the credentials passed every check, before they are stored (the learner's word
   * on a credential made out to another name): false declines them.
   */
  beforeStore?: (credentials: readonly StoredCredential[]) => Promise<boolean>;
}

/** What became of an accepted offer: the credentials stored, or nothing because the learner declined. */
export type AcceptOutcome = { stored: StoredCredential[] } | { declined: true };

/**
 * Accepts an offer: token (with the PIN when asked), then for each offered credential every
 * envelope the wallet holds (a nonce and a proof of possession of the holder key each, one access
 * token for all); checks every envelope with core's pipeline (signature against the issuer's
 * did:web, bound to this wallet, schema, valid today, status), that the envelopes of one
 * credential carry the same credential and that it is not held already; and stores each
 * credential once with all its envelopes, or none when any check fails. An envelope the issuer
 * will not hand over is done without when another envelope of the credential came.
 *
 * Then it tells the issuer (OpenID4VCI §11, best effort, never holding up the outcome):
 * `credential_accepted` once stored, `credential_failure` with the refusal's code when a check
 * failed, `credential_deleted` when the learner declined after the credentials were fetched.
 */
export async function acceptOffer(
  preview: OfferPreview,
  keyring: KeyringRecord,
  db: WalletDb,
  options: AcceptOptions = {},
): Promise<AcceptOutcome> {
  // A PIN the offer asks for is never sent empty: the issuer's refusal would say less than this.
  if (preview.txCode !== undefined && (options.txCode ?? '').trim() === '')
    throw new WalletError('ERR_PIN_REQUIRED');
  configureLibraries();
  const client = new Openid4vciClient({ callbacks: holderCallbacks(keyring) });
  const { offer, metadata } = preview;
  const declined = (): boolean => options.declined?.() === true;
  let accessToken: string;
  let tokenNonce: string | undefined;
  try {
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata: metadata,
      ...(options.txCode === undefined || preview.txCode === undefined ? {} : { txCode: options.txCode }),
    });
    accessToken = accessTokenResponse.access_token;
    tokenNonce = accessTokenResponse.c_nonce;
  } catch (error) {
    throw classify(error, 'ERR_ISSUER_UNREACHABLE', 'ERR_CREDENTIAL_JWT_INVALID');
  }

  const deliveries: Delivery[] = [];
  let firstError: WalletError | undefined;
  for (const [index, offered] of preview.credentials.entries()) {
    for (const { id, format } of offered.configurations) {
      // Declined before anything was handed over: ask for nothing more.
      if (declined() && deliveries.length === 0) return { declined: true };
      try {
        deliveries.push(
          ...(await retrieve(client, metadata, keyring, accessToken, tokenNonce, id, format, index)),
        );
      } catch (error) {
        firstError ??= classify(error, 'ERR_ISSUER_UNREACHABLE', 'ERR_CREDENTIAL_JWT_INVALID');
      }
    }
  }
  const notificationIds = deliveries.flatMap((d) =>
    d.notificationId === undefined ? [] : [d.notificationId],
  );
  const tell = (event: Parameters<typeof notifyIssuer>[4], description?: string): void =>
    void notifyIssuer(client, metadata, accessToken, notificationIds, event, description);
  const missing = preview.credentials.findIndex(
    (_, index) => !deliveries.some((d) => d.credential === index),
  );
  if (missing >= 0) {
    // The issuer handed over no envelope of one of the credentials: none is kept.
    if (deliveries.length > 0)
      tell(
        'credential_failure',
        `${firstError?.code ?? 'ERR_ISSUANCE_REFUSED'}: not every credential was handed over`,
      );
    throw firstError ?? new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'no credential in the response');
  }
  if (declined()) {
    tell('credential_deleted');
    return { declined: true };
  }

  let stored: StoredCredential[];
  try {
    stored = await checkDeliveries(preview, keyring, db, deliveries);
  } catch (error) {
    const refusal = isWalletError(error)
      ? error
      : new WalletError('ERR_INTERNAL', undefined, { cause: error });
    tell(
      'credential_failure',
      `${refusal.code}${refusal.reason === undefined ? '' : ` (${refusal.reason})`}`,
    );
    throw refusal;
  }
  if (declined() || (options.beforeStore !== undefined && !(await options.beforeStore(stored)))) {
    tell('credential_deleted');
    return { declined: true };
  }
  try {
    await db.putCredentials(stored);
  } catch (error) {
    tell('credential_failure', 'the wallet could not store the credential');
    throw error;
  }
  tell('credential_accepted');
  return { stored };
}

/** Asks for one configuration (a fresh nonce and proof of possession): its credentials. */
async function retrieve(
  client: Openid4vciClient,
  metadata: IssuerMetadataResult,
  keyring: KeyringRecord,
  accessToken: string,
  tokenNonce: string | undefined,
  configurationId: string,
  format: EnvelopeFormat,
  credential: number,
): Promise<Delivery[]> {
  const nonce =
    metadata.credentialIssuer.nonce_endpoint === undefined
      ? tokenNonce
      : (await client.requestNonce({ issuerMetadata: metadata })).c_nonce;
  const { jwt: proof } = await client.createCredentialRequestJwtProof({
    issuerMetadata: metadata,
    credentialConfigurationId: configurationId,
    signer: { method: 'did', didUrl: didKeyVerificationMethod(keyring.did), alg: 'EdDSA' },
    ...(nonce === undefined ? {} : { nonce }),
    issuedAt: new Date(),
  });
  const response = await client.retrieveCredentials({
    issuerMetadata: metadata,
    accessToken,
    credentialConfigurationId: configurationId,
    proofs: { jwt: [proof] },
  });
  const body = response.credentialResponse;
  const list = body.credentials ?? [];
  if (list.length === 0) throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'no credential in the response');
  return list.map((entry: unknown, index) => ({
    credential,
    format,
    value: typeof entry === 'object' && entry !== null && 'credential' in entry ? entry.credential : entry,
    // One notification per response: it speaks for every credential the response carries.
    ...(index === 0 && typeof body.notification_id === 'string'
      ? { notificationId: body.notification_id }
      : {}),
  }));
}

/**
 * Verifies every delivered envelope and makes one record per offered credential. Throws the
 * refusal of the first envelope that fails.
 */
async function checkDeliveries(
  preview: OfferPreview,
  keyring: KeyringRecord,
  db: WalletDb,
  deliveries: Delivery[],
): Promise<StoredCredential[]> {
  const held = new Set(await db.credentialIds());
  const stored: StoredCredential[] = [];
  for (const index of preview.credentials.keys()) {
    const accepted: AcceptedEnvelope[] = [];
    for (const delivery of deliveries.filter((d) => d.credential === index))
      accepted.push(await verifyReceived(envelopeOf(delivery), keyring.did));
    assertSameCredential(accepted);
    const [first] = accepted;
    if (first === undefined) continue;
    if (held.has(first.id) || stored.some((c) => c.id === first.id))
      throw new WalletError('ERR_CREDENTIAL_DUPLICATE', first.id);
    const jwt = accepted.find((a) => a.envelope.format === 'jwt_vc_json')?.envelope;
    const ldp = accepted.find((a) => a.envelope.format === 'ldp_vc')?.envelope;
    const sdJwt = accepted.find((a) => a.envelope.format === 'dc+sd-jwt')?.envelope;
    const now = new Date().toISOString();
    stored.push({
      id: first.id,
      ...(jwt?.format === 'jwt_vc_json' ? { jwt: jwt.jwt } : {}),
      ...(ldp?.format === 'ldp_vc' ? { ldp: ldp.credential } : {}),
      ...(sdJwt?.format === 'dc+sd-jwt' ? { sdJwt: sdJwt.token } : {}),
      document: first.document,
      type: first.type,
      issuerDid: first.issuerDid,
      receivedAt: now,
      credentialIssuer: preview.credentialIssuer,
      lastStatus: { state: 'valid', checkedAt: now },
    });
  }
  return stored;
}
