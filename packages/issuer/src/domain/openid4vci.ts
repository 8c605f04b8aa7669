import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  CREDENTIAL_TYPE_INFO,
  decodeDidKey,
  didKeyFromPublicKey,
  SkillsPassportError,
  validateCredential,
  type CredentialTypeName,
} from '@skills-passport/core';
import { decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import { recordAudit } from './audit.js';
import type { IssuerDeps } from './deps.js';
import { OAuthError } from './oauth-error.js';
import { preAuthorizedCode, transactionCode } from './offers.js';
import {
  ALLOWED_TYPES,
  getOrganisation,
  orgIssuerUrl,
  signingKey,
  type Organisation,
} from './organisations.js';
import { randomToken, sha256Hex as sha256 } from '@skills-passport/service-kit';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const ACCESS_TOKEN_SECONDS = 300;
const NONCE_SECONDS = 300;
const MAX_TX_CODE_ATTEMPTS = 5;
/** How far a proof's `iat` may lie in the past or future. */
const PROOF_WINDOW_SECONDS = 300;

/** The credential configuration id of each type in our metadata. */
export function configurationId(type: CredentialTypeName): string {
  return `${type}_jwt_vc_json`;
}

function typeOfConfiguration(id: unknown): CredentialTypeName | undefined {
  return (Object.keys(CREDENTIAL_TYPE_INFO) as CredentialTypeName[]).find((t) => configurationId(t) === id);
}

/** Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2) of one organisation. */
export function issuerMetadata(deps: IssuerDeps, org: Organisation): Record<string, unknown> {
  const base = orgIssuerUrl(deps.config.publicUrl, org.slug);
  const configurations: Record<string, unknown> = {};
  for (const type of ALLOWED_TYPES[org.kind]) {
    const info = CREDENTIAL_TYPE_INFO[type];
    configurations[configurationId(type)] = {
      format: 'jwt_vc_json',
      scope: type,
      cryptographic_binding_methods_supported: ['did:key', 'jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
      credential_definition: { type: ['VerifiableCredential', 'OpenBadgeCredential', type] },
      credential_metadata: {
        display: [
          { name: info.label.nl, locale: 'nl' },
          { name: info.label.en, locale: 'en' },
        ],
      },
    };
  }
  return {
    credential_issuer: base,
    credential_endpoint: `${base}/credential`,
    nonce_endpoint: `${base}/nonce`,
    display: [
      { name: org.name, locale: 'nl' },
      { name: org.name, locale: 'en' },
    ],
    credential_configurations_supported: configurations,
  };
}

/** OAuth 2.0 Authorization Server Metadata (RFC 8414): the organisation's issuer is its own authorization server. */
export function authorizationServerMetadata(deps: IssuerDeps, org: Organisation): Record<string, unknown> {
  const base = orgIssuerUrl(deps.config.publicUrl, org.slug);
  return {
    issuer: base,
    token_endpoint: `${base}/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
    response_types_supported: [],
  };
}

interface OfferRow extends Record<string, string | number | null> {
  id: string;
  credential_id: string;
  org_slug: string;
  tx_code_required: number;
  failed_tx_attempts: number;
  expires_at: number;
  redeemed_at: number | null;
  type: string;
}

/**
 * The Credential Offer behind a `credential_offer_uri`. Fetching it does not use it up; the
 * pre-authorized code inside is single-use at the token endpoint.
 * Codes: `ERR_NOT_FOUND`, `ERR_OFFER_REDEEMED`, `ERR_OFFER_EXPIRED`.
 */
export async function credentialOffer(deps: IssuerDeps, offerId: string): Promise<Record<string, unknown>> {
  const offer = await deps.db.get<OfferRow>(
    'SELECT o.*, c.type FROM offers o JOIN credentials c ON c.id = o.credential_id WHERE o.id = ?',
    [offerId],
  );
  if (offer === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential offer.');
  if (offer.redeemed_at !== null)
    throw new SkillsPassportError('ERR_OFFER_REDEEMED', 'This offer has already been used.');
  if (offer.expires_at <= deps.now().getTime())
    throw new SkillsPassportError('ERR_OFFER_EXPIRED', 'This offer has expired.');
  const grant: Record<string, unknown> = { 'pre-authorized_code': preAuthorizedCode(deps.config, offer.id) };
  if (offer.tx_code_required) {
    grant.tx_code = {
      input_mode: 'numeric',
      length: 6,
      description: 'De pincode die u van uw assessor kreeg / The PIN your assessor gave you',
    };
  }
  return {
    credential_issuer: orgIssuerUrl(deps.config.publicUrl, offer.org_slug),
    credential_configuration_ids: [configurationId(offer.type as CredentialTypeName)],
    grants: { [PRE_AUTHORIZED_GRANT]: grant },
  };
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
  const txCode = form.tx_code;
  const now = deps.now().getTime();
  const token = randomToken(32);
  // A wrong PIN is counted and committed; the refusal is raised after the commit.
  const refusal = await deps.db.transaction(async (tx): Promise<OAuthError | undefined> => {
    const offer = await tx.get<OfferRow>(
      'SELECT o.*, c.type FROM offers o JOIN credentials c ON c.id = o.credential_id WHERE o.code_hash = ? AND o.org_slug = ?',
      [sha256(code), orgSlug],
    );
    if (offer === undefined) throw new OAuthError('invalid_grant', 'The pre-authorized code is not known.');
    if (offer.redeemed_at !== null)
      throw new OAuthError('invalid_grant', 'The pre-authorized code has already been used.');
    if (offer.expires_at <= now) throw new OAuthError('invalid_grant', 'The offer has expired.');
    if (offer.tx_code_required) {
      if (typeof txCode !== 'string' || txCode !== transactionCode(deps.config, offer.id)) {
        const attempts = offer.failed_tx_attempts + 1;
        await tx.run(
          'UPDATE offers SET failed_tx_attempts = ?, expires_at = CASE WHEN ? >= ? THEN ? ELSE expires_at END WHERE id = ?',
          [attempts, attempts, MAX_TX_CODE_ATTEMPTS, now, offer.id],
        );
        return new OAuthError(
          'invalid_grant',
          typeof txCode === 'string' ? 'The PIN is wrong.' : 'This offer needs a PIN (tx_code).',
        );
      }
    } else if (txCode !== undefined) {
      throw new OAuthError('invalid_request', 'This offer has no PIN; do not send tx_code.');
    }
    await tx.run('UPDATE offers SET redeemed_at = ? WHERE id = ?', [now, offer.id]);
    await tx.run('INSERT INTO access_tokens (token_hash, offer_id, expires_at) VALUES (?, ?, ?)', [
      sha256(token),
      offer.id,
      now + ACCESS_TOKEN_SECONDS * 1000,
    ]);
    await recordAudit(
      tx,
      { kind: 'holder', id: 'anonymous', orgSlug, ...(ip === undefined ? {} : { ip }) },
      'offer.redeem',
      offer.credential_id,
      deps.now(),
    );
    return undefined;
  });
  if (refusal !== undefined) throw refusal;
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}

/** Nonce endpoint: a fresh, single-use `c_nonce` for the next proof. */
export async function createNonce(deps: IssuerDeps, orgSlug: string): Promise<{ c_nonce: string }> {
  await getOrganisation(deps, orgSlug);
  const nonce = randomToken(24);
  const now = deps.now().getTime();
  await deps.db.transaction(async (tx) => {
    // Sweep expired nonces now and then, not on every request.
    if (Math.random() < 0.01)
      await tx.run('DELETE FROM nonces WHERE expires_at < ?', [now - NONCE_SECONDS * 1000]);
    await tx.run('INSERT INTO nonces (nonce, org_slug, expires_at) VALUES (?, ?, ?)', [
      nonce,
      orgSlug,
      now + NONCE_SECONDS * 1000,
    ]);
  });
  return { c_nonce: nonce };
}

/** The holder key a proof names: a did:key URL in `kid`, or an Ed25519 `jwk`; never both, nothing else. */
function proofKey(header: Record<string, unknown>): { key: KeyObject; holderDid: string } {
  for (const forbidden of ['x5c', 'x5u', 'jku', 'trust_chain', 'key_attestation']) {
    if (forbidden in header)
      throw new OAuthError('invalid_proof', `The proof header must not carry ${forbidden}.`);
  }
  if (header.alg !== 'EdDSA')
    throw new OAuthError('invalid_proof', 'Proofs must be signed with EdDSA (Ed25519).');
  if (header.typ !== 'openid4vci-proof+jwt')
    throw new OAuthError('invalid_proof', 'The proof typ must be openid4vci-proof+jwt.');
  if (header.crit !== undefined)
    throw new OAuthError('invalid_proof', 'The proof has critical header parameters we do not understand.');
  const { kid, jwk } = header;
  if ((kid === undefined) === (jwk === undefined))
    throw new OAuthError('invalid_proof', 'The proof header needs exactly one of kid (did:key) and jwk.');
  let raw: Uint8Array | undefined;
  if (typeof kid === 'string') {
    const [did, fragment] = kid.split('#');
    const decoded = did === undefined ? undefined : decodeDidKey(did);
    raw = decoded?.ok === true ? decoded.publicKey : undefined;
    if (raw === undefined || (fragment !== undefined && fragment !== did!.slice('did:key:'.length))) {
      throw new OAuthError('invalid_proof', 'kid must be an Ed25519 did:key verification method.');
    }
  } else {
    const j = jwk as Record<string, unknown> | null;
    if (
      typeof j !== 'object' ||
      j === null ||
      j.kty !== 'OKP' ||
      j.crv !== 'Ed25519' ||
      typeof j.x !== 'string' ||
      'd' in j
    ) {
      throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
    }
    raw = Buffer.from(j.x, 'base64url');
    if (raw.length !== 32) throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
  }
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
  return { key, holderDid: didKeyFromPublicKey(raw) };
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
  if (accessToken === undefined) throw new OAuthError('invalid_token', 'A Bearer access token is required.');
  const grant = await deps.db.get<{
    offer_id: string;
    expires_at: number;
    credential_id: string;
    type: string;
    status: string;
  }>(
    `SELECT t.offer_id, t.expires_at, o.credential_id, c.type, c.status FROM access_tokens t
       JOIN offers o ON o.id = t.offer_id JOIN credentials c ON c.id = o.credential_id
      WHERE t.token_hash = ? AND o.org_slug = ?`,
    [sha256(accessToken), orgSlug],
  );
  if (grant === undefined || grant.expires_at <= now.getTime())
    throw new OAuthError('invalid_token', 'The access token is unknown or expired.');

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
  const proof = jwts[0];

  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new OAuthError('invalid_proof', 'The proof is not a JWT.');
  }
  const { key, holderDid } = proofKey(header);
  const audience = orgIssuerUrl(deps.config.publicUrl, orgSlug);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, key, {
      algorithms: ['EdDSA'],
      typ: 'openid4vci-proof+jwt',
      audience,
      requiredClaims: ['iat'],
      maxTokenAge: PROOF_WINDOW_SECONDS,
      clockTolerance: PROOF_WINDOW_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWSSignatureVerificationFailed
        ? 'The proof signature does not match the key it names.'
        : error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud'
          ? 'The proof is for another credential issuer (aud).'
          : error instanceof joseErrors.JOSEError
            ? `The proof is not acceptable (${error.code}).`
            : 'The proof is not acceptable.';
    throw new OAuthError('invalid_proof', reason);
  }
  if (typeof payload.nonce !== 'string')
    throw new OAuthError('invalid_nonce', 'The proof has no nonce; get one from the nonce endpoint.');
  const nonce = payload.nonce;

  const org = await getOrganisation(deps, orgSlug);
  const key2 = await signingKey(deps, orgSlug);
  return deps.db.transaction(async (tx) => {
    const used = await tx.run(
      'UPDATE nonces SET used_at = ? WHERE nonce = ? AND org_slug = ? AND used_at IS NULL AND expires_at > ?',
      [now.getTime(), nonce, orgSlug, now.getTime()],
    );
    if (used.changes !== 1)
      throw new OAuthError(
        'invalid_nonce',
        'The nonce is unknown, used or expired; get a fresh one from the nonce endpoint.',
      );
    const row = await tx.get<{ document: string; status: string }>(
      'SELECT document, status FROM credentials WHERE id = ?',
      [grant.credential_id],
    );
    if (row === undefined || row.status !== 'offered') {
      throw new OAuthError(
        'credential_request_denied',
        row?.status === 'revoked'
          ? 'This credential has been withdrawn by its issuer.'
          : 'This credential has already been handed over.',
      );
    }
    const document = JSON.parse(row.document) as Record<string, unknown> & {
      credentialSubject: Record<string, unknown>;
    };
    document.issuanceDate = now.toISOString();
    document.credentialSubject = { id: holderDid, ...document.credentialSubject };
    const verdict = validateCredential(document, { expectedType: type });
    if (!verdict.valid) throw new Error(`stored credential ${grant.credential_id} no longer validates`);
    const jwt = await deps.signer.sign(document, org.did, key2);
    await tx.run(
      "UPDATE credentials SET status = 'issued', holder_did = ?, jwt = ?, issued_at = ?, document = ? WHERE id = ?",
      [holderDid, jwt, now.toISOString(), JSON.stringify(document), grant.credential_id],
    );
    await tx.run('DELETE FROM access_tokens WHERE token_hash = ?', [sha256(accessToken)]);
    await recordAudit(
      tx,
      { kind: 'holder', id: holderDid, orgSlug },
      'credential.issue',
      grant.credential_id,
      now,
    );
    return { credentials: [{ credential: jwt }] };
  });
}
