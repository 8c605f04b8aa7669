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
import { validityWindow, type Lang } from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { WalletError, isWalletError } from '../errors.js';
import { configureLibraries, holderCallbacks } from '../protocol/callbacks.js';
import type { KeyringRecord, StoredCredential, WalletDb } from '../store/db.js';
import { checkCredentialJwt, checkStatus } from '../verify/check-credential.js';
import { allowedUrl } from '../verify/http.js';

/** What the learner sees before accepting an offer. */
export interface OfferPreview {
  offer: CredentialOfferObject;
  metadata: IssuerMetadataResult;
  credentialIssuer: string;
  issuerName: string;
  issuerLogo?: string;
  credentials: { configurationId: string; name: string; description?: string; types: string[] }[];
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
    // The issuer answered but refused: an offer already used or expired says so (problem+json code).
    let code: unknown;
    try {
      code = (JSON.parse(error.textResponse) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    if (code === 'ERR_OFFER_REDEEMED' || code === 'ERR_OFFER_EXPIRED')
      return new WalletError(code, undefined, { cause: error });
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
  const configurations = offer.credential_configuration_ids.map((configurationId) => {
    const config = metadata.knownCredentialConfigurations[configurationId] as
      Record<string, unknown> | undefined;
    if (config === undefined)
      throw new WalletError('ERR_OFFER_INVALID', `unknown credential configuration ${configurationId}`);
    return { configurationId, config };
  });
  // An offer may name the same credential in several envelopes; the wallet takes those it holds.
  const held = configurations.filter(({ config }) => config.format === 'jwt_vc_json');
  if (held.length === 0)
    throw new WalletError('ERR_OFFER_INVALID', 'the offer names no credential format this wallet holds');
  const credentials = held.map(({ configurationId, config }) => {
    const meta = config.credential_metadata as
      { display?: { locale?: string; name?: string; description?: string }[] } | undefined;
    const display = displayFor(
      meta?.display ??
        (config.display as { locale?: string; name?: string; description?: string }[] | undefined),
      lang,
    );
    const definition = config.credential_definition as { type?: string[] } | undefined;
    return {
      configurationId,
      name: display?.name ?? configurationId,
      ...(display?.description === undefined ? {} : { description: display.description }),
      types: definition?.type ?? [],
    };
  });
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

/**
 * Accepts an offer: token (with the PIN when asked), nonce, a proof of possession of the holder
 * key, the credentials; then checks every credential (signature against the issuer DID, bound to
 * this wallet, schema, valid today, status, not held already) and stores them all, or none when
 * any check fails.
 */
export async function acceptOffer(
  preview: OfferPreview,
  keyring: KeyringRecord,
  db: WalletDb,
  txCode?: string,
): Promise<StoredCredential[]> {
  configureLibraries();
  const client = new Openid4vciClient({ callbacks: holderCallbacks(keyring) });
  const { offer, metadata } = preview;
  const jwts: { jwt: string; configurationId: string }[] = [];
  try {
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata: metadata,
      ...(txCode === undefined || preview.txCode === undefined ? {} : { txCode }),
    });
    for (const { configurationId } of preview.credentials) {
      const nonce =
        metadata.credentialIssuer.nonce_endpoint === undefined
          ? accessTokenResponse.c_nonce
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
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: configurationId,
        proofs: { jwt: [proof] },
      });
      const list = response.credentialResponse.credentials ?? [];
      if (list.length === 0)
        throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'no credential in the response');
      for (const entry of list) {
        const credential: unknown =
          typeof entry === 'object' && entry !== null && 'credential' in entry ? entry.credential : entry;
        if (typeof credential !== 'string')
          throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', 'not a compact JWT');
        jwts.push({ jwt: credential, configurationId });
      }
    }
  } catch (error) {
    throw classify(error, 'ERR_ISSUER_UNREACHABLE', 'ERR_CREDENTIAL_JWT_INVALID');
  }

  const existing = new Set((await db.credentials()).map((c) => c.id));
  const stored: StoredCredential[] = [];
  for (const { jwt } of jwts) {
    const checked = await checkCredentialJwt(jwt, { holderDid: keyring.did });
    // Organisations are known by their web domain (did:web). A did:key issuer is anyone's key: it
    // could carry any organisation's name into the passport, with nothing to check it against.
    if (!checked.issuerDid.startsWith('did:web:'))
      throw new WalletError('ERR_DID_METHOD_UNSUPPORTED', checked.issuerDid);
    // A credential that proves nothing today is not worth keeping: say so rather than store it.
    const window = validityWindow({
      now: Math.floor(Date.now() / 1000),
      ...(checked.notBefore === undefined ? {} : { notBefore: checked.notBefore }),
      ...(checked.expires === undefined ? {} : { expires: checked.expires }),
    });
    if (window === 'expired') throw new WalletError('ERR_CREDENTIAL_EXPIRED', checked.document.validUntil);
    if (window === 'not_yet_valid')
      throw new WalletError('ERR_CREDENTIAL_NOT_YET_VALID', checked.document.validFrom);
    const status = await checkStatus(checked);
    if (status === 'revoked') throw new WalletError('ERR_CREDENTIAL_REVOKED');
    if (status === 'suspended') throw new WalletError('ERR_CREDENTIAL_SUSPENDED');
    if (existing.has(checked.id)) throw new WalletError('ERR_CREDENTIAL_DUPLICATE', checked.id);
    stored.push({
      id: checked.id,
      jwt: checked.jwt,
      document: checked.document,
      type: checked.type,
      issuerDid: checked.issuerDid,
      receivedAt: new Date().toISOString(),
      credentialIssuer: preview.credentialIssuer,
      lastStatus: { state: 'valid', checkedAt: new Date().toISOString() },
    });
  }
  await db.write(['credentials'], (tx) => {
    for (const c of stored) tx.objectStore('credentials').put(c);
  });
  return stored;
}
