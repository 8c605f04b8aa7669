// The OpenID4VCI 1.0 pre-authorized code flow, as the wallet walks it: fetch the offer, exchange its
// code (and PIN) for an access token, get a nonce, send a proof of possession and receive the
// credential, signed for the proven holder, once.
import {
  integrityOf,
  issueSdJwtVc,
  SkillsPassportError,
  typeMetadataText,
  validateCredential,
  vctFor,
  type CredentialFormat,
  type CredentialTypeName,
} from '@skills-passport/core';
import { randomToken, sha256Hex } from '@skills-passport/service-kit';
import type {
  AccessGrant,
  CredentialRecord,
  DeliveryRecord,
  IssuerStores,
  OfferRecord,
  PublishedKey,
} from '../ports.js';
import { recordAudit } from './audit.js';
import { envelopeDocument, validFromFor } from './credential-document.js';
import type { IssuerDeps } from './deps.js';
import { verifyHolderProof } from './holder-proof.js';
import {
  configurationIds,
  parseConfigurationId,
  PRE_AUTHORIZED_GRANT,
  PROOF_ALGORITHMS,
} from './issuer-metadata.js';
import { OAuthError } from './oauth-error.js';
import { statusListTokenUrl } from './status-lists.js';
import { preAuthorizedCode, transactionCode } from './offers.js';
import {
  getOrganisation,
  multikeyFragment,
  orgIssuerUrl,
  signingKey,
  signingKeyFor,
  type Organisation,
} from './organisations.js';

export {
  authorizationServerMetadata,
  configurationId,
  configurationIds,
  issuerMetadata,
  PRE_AUTHORIZED_GRANT,
} from './issuer-metadata.js';

const ACCESS_TOKEN_SECONDS = 300;
const NONCE_SECONDS = 300;
const MAX_TX_CODE_ATTEMPTS = 5;

/**
 * The Credential Offer behind a `credential_offer_uri`. Fetching it does not use it up; the
 * pre-authorized code inside is single-use at the token endpoint.
 * Codes: `ERR_NOT_FOUND`, `ERR_OFFER_REDEEMED`, `ERR_OFFER_WITHDRAWN`, `ERR_OFFER_EXPIRED`.
 */
export async function credentialOffer(deps: IssuerDeps, offerId: string): Promise<Record<string, unknown>> {
  const offer = await deps.store.offers.find(offerId);
  if (offer === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential offer.');
  if (offer.redeemedAt !== null)
    throw new SkillsPassportError('ERR_OFFER_REDEEMED', 'This offer has already been used.');
  if (offer.withdrawnAt !== null)
    throw new SkillsPassportError('ERR_OFFER_WITHDRAWN', 'The issuer has withdrawn this offer.');
  if (offer.expiresAt <= deps.now().getTime())
    throw new SkillsPassportError('ERR_OFFER_EXPIRED', 'This offer has expired.');
  const grant: Record<string, unknown> = { 'pre-authorized_code': preAuthorizedCode(deps.config, offer.id) };
  if (offer.txCodeRequired) {
    grant.tx_code = {
      input_mode: 'numeric',
      length: 6,
      description: 'De pincode die u van uw assessor kreeg / The PIN your assessor gave you',
    };
  }
  return {
    credential_issuer: orgIssuerUrl(deps.config.publicUrl, offer.orgSlug),
    // Both envelopes of the one credential: the wallet takes whichever it can hold, or both.
    credential_configuration_ids: configurationIds(offer.type),
    grants: { [PRE_AUTHORIZED_GRANT]: grant },
  };
}

/** The token request's code (and PIN), checked for shape. Codes (OAuth): `invalid_request`, `unsupported_grant_type`. */
function readTokenRequest(form: Record<string, unknown>): { code: string; txCode: unknown } {
  if (form.grant_type !== PRE_AUTHORIZED_GRANT) {
    throw new OAuthError(
      form.grant_type === undefined ? 'invalid_request' : 'unsupported_grant_type',
      'Only the pre-authorized code grant is supported.',
    );
  }
  const code = form['pre-authorized_code'];
  if (typeof code !== 'string' || code.length === 0 || code.length > 200) {
    throw new OAuthError('invalid_request', 'pre-authorized_code is missing.');
  }
  return { code, txCode: form.tx_code };
}

/** Whether the offer may be redeemed now. Codes (OAuth): `invalid_grant`. */
function checkRedeemable(offer: OfferRecord | undefined, now: number): asserts offer is OfferRecord {
  if (offer === undefined) throw new OAuthError('invalid_grant', 'The pre-authorized code is not known.');
  if (offer.redeemedAt !== null)
    throw new OAuthError('invalid_grant', 'The pre-authorized code has already been used.');
  if (offer.expiresAt <= now) throw new OAuthError('invalid_grant', 'The offer has expired.');
}

/**
 * The refusal a PIN earns, if any: a wrong or missing PIN where the offer has one, or a PIN where it
 * has none.
 */
function pinRefusal(deps: IssuerDeps, offer: OfferRecord, txCode: unknown): OAuthError | undefined {
  if (!offer.txCodeRequired) {
    return txCode === undefined
      ? undefined
      : new OAuthError('invalid_request', 'This offer has no PIN; do not send tx_code.');
  }
  if (typeof txCode === 'string' && txCode === transactionCode(deps.config, offer.id)) return undefined;
  return new OAuthError(
    'invalid_grant',
    typeof txCode === 'string' ? 'The PIN is wrong.' : 'This offer needs a PIN (tx_code).',
  );
}

/**
 * Token endpoint (pre-authorized code flow): exchanges the code (and PIN, when the offer has one)
 * for a short-lived access token. The code is used up here; five wrong PINs withdraw the offer.
 */
export async function exchangePreAuthorizedCode(
  deps: IssuerDeps,
  orgSlug: string,
  form: Record<string, unknown>,
  ip: string | undefined,
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  const { code, txCode } = readTokenRequest(form);
  const now = deps.now().getTime();
  const token = randomToken(32);
  // A wrong PIN is counted and committed; the refusal is raised after the commit.
  const refusal = await deps.store.transaction(async (tx): Promise<OAuthError | undefined> => {
    const offer = await tx.offers.lockByCode(orgSlug, sha256Hex(code));
    checkRedeemable(offer, now);
    const refused = pinRefusal(deps, offer, txCode);
    if (refused !== undefined) {
      if (refused.error === 'invalid_request') throw refused;
      await tx.offers.recordFailedPin(offer.id, now, MAX_TX_CODE_ATTEMPTS);
      return refused;
    }
    if (!(await tx.offers.redeem(offer.id, now)))
      throw new OAuthError('invalid_grant', 'The pre-authorized code has already been used.');
    await tx.accessTokens.insert(sha256Hex(token), offer.id, now + ACCESS_TOKEN_SECONDS * 1000);
    await recordAudit(
      tx,
      { kind: 'holder', id: 'anonymous', orgSlug, ...(ip === undefined ? {} : { ip }) },
      'offer.redeem',
      offer.credentialId,
      deps.now(),
    );
    return undefined;
  });
  if (refusal !== undefined) throw refusal;
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}

/** Nonce endpoint: a fresh, single-use `c_nonce` for the next proof. Code: `ERR_NOT_FOUND`. */
export async function createNonce(deps: IssuerDeps, orgSlug: string): Promise<{ c_nonce: string }> {
  await getOrganisation(deps, orgSlug);
  const nonce = randomToken(24);
  const now = deps.now().getTime();
  await deps.store.transaction(async (tx) => {
    // Sweep expired nonces now and then, not on every request.
    if (Math.random() < 0.01) await tx.nonces.sweep(now - NONCE_SECONDS * 1000);
    await tx.nonces.insert(nonce, orgSlug, now + NONCE_SECONDS * 1000);
  });
  return { c_nonce: nonce };
}

/** The grant behind a bearer access token at this organisation. Code (OAuth): `invalid_token`. */
async function checkAccessToken(
  deps: IssuerDeps,
  orgSlug: string,
  accessToken: string | undefined,
  now: Date,
): Promise<AccessGrant> {
  if (accessToken === undefined) throw new OAuthError('invalid_token', 'A Bearer access token is required.');
  const grant = await deps.store.accessTokens.grant(orgSlug, sha256Hex(accessToken));
  if (grant === undefined || grant.expiresAt <= now.getTime())
    throw new OAuthError('invalid_token', 'The access token is unknown or expired.');
  return grant;
}

/**
 * The credential request names one configuration of the credential the token was granted for,
 * and carries exactly one `jwt` proof. Codes (OAuth): `invalid_credential_request`,
 * `unknown_credential_configuration`, `invalid_proof`.
 */
function readCredentialRequest(
  body: Record<string, unknown>,
  grant: AccessGrant,
): { configurationId: string; format: CredentialFormat; proof: string } {
  if (body.credential_configuration_id === undefined && body.credential_identifier === undefined) {
    throw new OAuthError('invalid_credential_request', 'Name the credential_configuration_id.');
  }
  const configuration = parseConfigurationId(body.credential_configuration_id);
  if (configuration === undefined || configuration.type !== grant.type) {
    throw new OAuthError(
      'unknown_credential_configuration',
      'This access token is for another credential configuration.',
    );
  }
  const proofs = body.proofs as Record<string, unknown> | undefined;
  const jwts = proofs?.jwt;
  if (
    typeof proofs !== 'object' ||
    proofs === null ||
    !Array.isArray(jwts) ||
    Object.keys(proofs).length !== 1
  ) {
    throw new OAuthError('invalid_proof', 'Send one proof as proofs.jwt.');
  }
  if (jwts.length !== 1 || typeof jwts[0] !== 'string')
    throw new OAuthError('invalid_proof', 'Send exactly one jwt proof.');
  return {
    configurationId: body.credential_configuration_id as string,
    format: configuration.format,
    proof: jwts[0],
  };
}

/** Uses the proof's nonce up, in the hand-over's transaction. Code (OAuth): `invalid_nonce`. */
async function consumeNonce(tx: IssuerStores, nonce: string, orgSlug: string, now: Date): Promise<void> {
  if (!(await tx.nonces.consume(nonce, orgSlug, now.getTime())))
    throw new OAuthError(
      'invalid_nonce',
      'The nonce is unknown, used or expired; get a fresh one from the nonce endpoint.',
    );
}

/**
 * The document to sign for this request, and whether it binds the credential to its holder now.
 * The first delivery of an offer binds the stored document to the proven holder (their DID as
 * subject, the hand-over time as issuance date); the offer's other envelope goes to the same
 * holder only, with the same document: one credential, claimed once, in one or two envelopes.
 * Codes (OAuth): `credential_request_denied`, `invalid_proof`.
 */
function documentForHolder(
  credential: CredentialRecord | undefined,
  delivered: DeliveryRecord[],
  configurationId: string,
  holderDid: string,
  now: Date,
): { document: Record<string, unknown>; binds: boolean } {
  if (credential === undefined || credential.status === 'revoked') {
    throw new OAuthError('credential_request_denied', 'This credential has been withdrawn by its issuer.');
  }
  if (delivered.some((d) => d.configurationId === configurationId)) {
    throw new OAuthError('credential_request_denied', 'This credential has already been handed over.');
  }
  const document = JSON.parse(credential.document) as Record<string, unknown> & {
    credentialSubject: Record<string, unknown>;
  };
  if (delivered.length > 0) {
    if (delivered[0]!.holderDid !== holderDid)
      throw new OAuthError(
        'invalid_proof',
        'The other envelope of this credential went to another holder key; prove possession of that key.',
      );
    // Offered again meanwhile and claimed by another key: this offer no longer speaks for it.
    if (document.credentialSubject.id !== holderDid)
      throw new OAuthError('credential_request_denied', 'This credential has been offered again since.');
    return { document, binds: false };
  }
  const { id: _earlierHolder, ...subject } = document.credentialSubject;
  document.validFrom = validFromFor(now);
  document.credentialSubject = { id: holderDid, ...subject };
  return { document, binds: true };
}

/** Where the credential stands in its organisation's status list. */
interface StatusPlace {
  listNo: number;
  statusIndex: number;
}

/**
 * An SD-JWT VC of the document, ES256 by the organisation's newest P-256 key (HAIP), bound to the
 * holder's proven key in `cnf.jwk`, its `vct` with the integrity of the Type Metadata served there,
 * and its place in the list as an IETF Token Status List reference.
 */
async function signSdJwtVc(
  deps: IssuerDeps,
  org: Organisation,
  key: PublishedKey,
  document: Record<string, unknown>,
  holderJwk: Record<string, unknown>,
  place: StatusPlace,
  now: Date,
): Promise<string> {
  const origin = deps.config.publicUrl.origin;
  const type = (document.type as string[])[2] as CredentialTypeName;
  return issueSdJwtVc(
    document,
    {
      vct: vctFor(origin, type),
      vctIntegrity: await integrityOf(typeMetadataText(origin, type)),
      holderJwk,
      status: {
        idx: place.statusIndex,
        uri: statusListTokenUrl(deps.config.publicUrl, org.slug, place.listNo),
      },
      issuedAt: Math.floor(now.getTime() / 1000),
    },
    deps.jwsSigner.signerFor(key, `${org.did}#${key.fragment}`),
  );
}

/**
 * The organisation's newest key of the kind the envelope signs with: ES256 for an SD-JWT VC, EdDSA
 * for the others. Read before the hand-over's transaction: read inside it, it needed a second
 * connection while the transaction held one, and as many redemptions at once as the pool has
 * connections each waited for another until they failed.
 */
function keyForEnvelope(deps: IssuerDeps, orgSlug: string, format: CredentialFormat): Promise<PublishedKey> {
  return format === 'dc+sd-jwt' ? signingKeyFor(deps, orgSlug, 'ES256') : signingKey(deps, orgSlug);
}

/** Signs the document in the envelope asked for, with `key` (from {@link keyForEnvelope}). */
async function sign(
  deps: IssuerDeps,
  org: Organisation,
  key: PublishedKey,
  document: Record<string, unknown>,
  request: { format: CredentialFormat; holderJwk: Record<string, unknown>; place: StatusPlace },
  now: Date,
): Promise<{ credential: string | Record<string, unknown>; stored: string }> {
  const { format } = request;
  if (format === 'dc+sd-jwt') {
    const token = await signSdJwtVc(deps, org, key, document, request.holderJwk, request.place, now);
    return { credential: token, stored: token };
  }
  if (format === 'jwt_vc_json') {
    const jwt = await deps.signer.sign(document, org.did, key);
    return { credential: jwt, stored: jwt };
  }
  const secured = await deps.dataIntegritySigner.sign(
    envelopeDocument(deps.config.publicUrl, document, format),
    {
      verificationMethod: `${org.did}#${multikeyFragment(key.fragment)}`,
      keyRef: key.kid,
      created: now,
    },
  );
  return { credential: secured, stored: JSON.stringify(secured) };
}

/**
 * Credential endpoint: checks the access token and the holder's proof of possession (signature,
 * `typ`, `aud` = this credential issuer, `iat` within five minutes, a fresh single-use `nonce`),
 * then signs the credential for the proven holder in the envelope asked for. One access token
 * serves each configuration of its offer once, so a wallet may take both envelopes of the same
 * credential; each response carries a `notification_id` for the wallet's report (§11).
 */
export async function issueToHolder(
  deps: IssuerDeps,
  orgSlug: string,
  accessToken: string | undefined,
  body: Record<string, unknown>,
): Promise<{ credentials: { credential: string | Record<string, unknown> }[]; notification_id: string }> {
  const now = deps.now();
  const grant = await checkAccessToken(deps, orgSlug, accessToken, now);
  const request = readCredentialRequest(body, grant);
  const { holderDid, holderJwk, nonce } = await verifyHolderProof(
    request.proof,
    orgIssuerUrl(deps.config.publicUrl, orgSlug),
    now,
  );
  if (holderJwk.kty !== 'OKP' && !PROOF_ALGORITHMS[request.format].includes('ES256'))
    throw new OAuthError(
      'invalid_proof',
      `A ${request.format} credential names its holder by an Ed25519 did:key: prove an Ed25519 key (EdDSA).`,
    );
  const org = await getOrganisation(deps, orgSlug);
  const key = await keyForEnvelope(deps, orgSlug, request.format);
  return deps.store.transaction(async (tx) => {
    await consumeNonce(tx, nonce, orgSlug, now);
    const credential = await tx.credentials.lock(grant.credentialId);
    const delivered = await tx.deliveries.forOffer(grant.offerId);
    const { document, binds } = documentForHolder(
      credential,
      delivered,
      request.configurationId,
      holderDid,
      now,
    );
    // A credential stored under an older model (before VC Data Model 2.0) is not handed out.
    if (!validateCredential(document, { expectedType: grant.type }).valid) {
      deps.logger.error({ orgSlug, type: grant.type }, 'stored credential no longer validates');
      throw new OAuthError(
        'credential_request_denied',
        'This credential was made under an older model; the issuer has to issue it anew.',
      );
    }
    const signed = await sign(
      deps,
      org,
      key,
      document,
      { format: request.format, holderJwk: { ...holderJwk }, place: credential! },
      now,
    );
    if (binds)
      await tx.credentials.markIssued(grant.credentialId, {
        holderDid,
        issuedAt: now.toISOString(),
        document: JSON.stringify(document),
      });
    const notificationId = randomToken(18);
    const inserted = await tx.deliveries.insert({
      notificationId,
      offerId: grant.offerId,
      configurationId: request.configurationId,
      holderDid,
      deliveredAt: now.getTime(),
      credential: signed.stored,
      event: null,
      eventDescription: null,
      eventAt: null,
    });
    if (!inserted)
      throw new OAuthError('credential_request_denied', 'This credential has already been handed over.');
    await recordAudit(
      tx,
      { kind: 'holder', id: holderDid, orgSlug },
      'credential.issue',
      grant.credentialId,
      now,
      {
        format: request.format,
      },
    );
    return { credentials: [{ credential: signed.credential }], notification_id: notificationId };
  });
}

const NOTIFICATION_EVENTS = new Set(['credential_accepted', 'credential_failure', 'credential_deleted']);

/**
 * Notification endpoint (OpenID4VCI 1.0 §11): the wallet reports what became of a delivery —
 * stored (`credential_accepted`), refused by the learner (`credential_deleted`) or failed
 * (`credential_failure`) — with the access token of the flow. Idempotent; the latest word counts.
 * Codes (OAuth): `invalid_token`, `invalid_notification_request`, `invalid_notification_id`.
 */
export async function receiveNotification(
  deps: IssuerDeps,
  orgSlug: string,
  accessToken: string | undefined,
  body: Record<string, unknown>,
): Promise<void> {
  const now = deps.now();
  const grant = await checkAccessToken(deps, orgSlug, accessToken, now);
  const { notification_id: id, event, event_description: description } = body;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100)
    throw new OAuthError('invalid_notification_request', 'notification_id is missing.');
  if (typeof event !== 'string' || !NOTIFICATION_EVENTS.has(event))
    throw new OAuthError(
      'invalid_notification_request',
      'event must be credential_accepted, credential_failure or credential_deleted.',
    );
  // The spec allows printable ASCII except '"' and '\\'; longer text is cut, not refused.
  if (
    description !== undefined &&
    (typeof description !== 'string' || !/^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/.test(description))
  )
    throw new OAuthError('invalid_notification_request', 'event_description must be printable ASCII.');
  const recorded = await deps.store.transaction(async (tx) => {
    const ok = await tx.deliveries.recordEvent(id, grant.offerId, {
      event: event as 'credential_accepted',
      description: description === undefined ? null : description.slice(0, 500),
      at: now.getTime(),
    });
    if (ok)
      await recordAudit(
        tx,
        { kind: 'holder', id: 'wallet', orgSlug },
        `offer.${event}`,
        grant.credentialId,
        now,
      );
    return ok;
  });
  if (!recorded)
    throw new OAuthError('invalid_notification_id', 'The notification_id is not one of this flow.');
}
