// The OpenID4VCI 1.0 pre-authorized code flow, as the wallet walks it: fetch the offer, exchange its
// code (and PIN) for an access token, get a nonce, send a proof of possession and receive the
// credential, signed for the proven holder, once.
import { SkillsPassportError, validateCredential } from '@skills-passport/core';
import { randomToken, sha256Hex } from '@skills-passport/service-kit';
import type { AccessGrant, IssuerStores, OfferRecord } from '../ports.js';
import { recordAudit } from './audit.js';
import type { IssuerDeps } from './deps.js';
import { verifyHolderProof } from './holder-proof.js';
import { configurationId, PRE_AUTHORIZED_GRANT, typeOfConfiguration } from './issuer-metadata.js';
import { OAuthError } from './oauth-error.js';
import { preAuthorizedCode, transactionCode } from './offers.js';
import { getOrganisation, orgIssuerUrl, signingKey } from './organisations.js';

export {
  authorizationServerMetadata,
  configurationId,
  issuerMetadata,
  PRE_AUTHORIZED_GRANT,
} from './issuer-metadata.js';

const ACCESS_TOKEN_SECONDS = 300;
const NONCE_SECONDS = 300;
const MAX_TX_CODE_ATTEMPTS = 5;

/**
 * The Credential Offer behind a `credential_offer_uri`. Fetching it does not use it up; the
 * pre-authorized code inside is single-use at the token endpoint.
 * Codes: `ERR_NOT_FOUND`, `ERR_OFFER_REDEEMED`, `ERR_OFFER_EXPIRED`.
 */
export async function credentialOffer(deps: IssuerDeps, offerId: string): Promise<Record<string, unknown>> {
  const offer = await deps.store.offers.find(offerId);
  if (offer === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential offer.');
  if (offer.redeemedAt !== null)
    throw new SkillsPassportError('ERR_OFFER_REDEEMED', 'This offer has already been used.');
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
    credential_configuration_ids: [configurationId(offer.type)],
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
 * The credential request names the configuration the token was granted for, and carries exactly
 * one `jwt` proof. Codes (OAuth): `invalid_credential_request`, `unknown_credential_configuration`,
 * `invalid_proof`.
 */
function readCredentialRequest(body: Record<string, unknown>, grant: AccessGrant): string {
  const type = typeOfConfiguration(body.credential_configuration_id);
  if (body.credential_configuration_id === undefined && body.credential_identifier === undefined) {
    throw new OAuthError('invalid_credential_request', 'Name the credential_configuration_id.');
  }
  if (type === undefined || type !== grant.type) {
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
  return jwts[0];
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
 * The stored document, still waiting to be handed over, completed for the holder: the holder's DID
 * as subject and the hand-over time as issuance date. Code (OAuth): `credential_request_denied`.
 */
async function documentForHolder(
  tx: IssuerStores,
  grant: AccessGrant,
  holderDid: string,
  now: Date,
): Promise<Record<string, unknown>> {
  const credential = await tx.credentials.lock(grant.credentialId);
  if (credential === undefined || credential.status !== 'offered') {
    throw new OAuthError(
      'credential_request_denied',
      credential?.status === 'revoked'
        ? 'This credential has been withdrawn by its issuer.'
        : 'This credential has already been handed over.',
    );
  }
  const document = JSON.parse(credential.document) as Record<string, unknown> & {
    credentialSubject: Record<string, unknown>;
  };
  document.validFrom = now.toISOString();
  document.credentialSubject = { id: holderDid, ...document.credentialSubject };
  const verdict = validateCredential(document, { expectedType: grant.type });
  if (!verdict.valid) throw new Error(`stored credential ${grant.credentialId} no longer validates`);
  return document;
}

/**
 * Credential endpoint: checks the access token and the holder's proof of possession (signature,
 * `typ`, `aud` = this credential issuer, `iat` within five minutes, a fresh single-use `nonce`),
 * then signs the credential for the proven holder DID and hands it over once.
 */
export async function issueToHolder(
  deps: IssuerDeps,
  orgSlug: string,
  accessToken: string | undefined,
  body: Record<string, unknown>,
): Promise<{ credentials: { credential: string }[] }> {
  const now = deps.now();
  const grant = await checkAccessToken(deps, orgSlug, accessToken, now);
  const proof = readCredentialRequest(body, grant);
  const { holderDid, nonce } = await verifyHolderProof(
    proof,
    orgIssuerUrl(deps.config.publicUrl, orgSlug),
    now,
  );
  const org = await getOrganisation(deps, orgSlug);
  const key = await signingKey(deps, orgSlug);
  return deps.store.transaction(async (tx) => {
    await consumeNonce(tx, nonce, orgSlug, now);
    const document = await documentForHolder(tx, grant, holderDid, now);
    const jwt = await deps.signer.sign(document, org.did, key);
    await tx.credentials.markIssued(grant.credentialId, {
      holderDid,
      jwt,
      issuedAt: now.toISOString(),
      document: JSON.stringify(document),
    });
    await tx.accessTokens.delete(sha256Hex(accessToken!));
    await recordAudit(
      tx,
      { kind: 'holder', id: holderDid, orgSlug },
      'credential.issue',
      grant.credentialId,
      now,
    );
    return { credentials: [{ credential: jwt }] };
  });
}
