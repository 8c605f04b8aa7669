import type { IssuerAgent } from './veramo-agent.js';
import type { CredentialSigner } from './org-keys.js';

// did-jwt-vc moves these credential members into `vc`, the rest of the credential's own members
// beside it (its shape; verifiers normalise it back).
const VC_MEMBERS = ['evidence', 'termsOfUse', 'refreshService', 'credentialSchema', 'credentialStatus'];

/**
 * The JWT claims of a VC Data Model 1.1 credential, exactly as did-jwt-vc's
 * `transformCredentialInput` lays them out (what Veramo's default path signs): `iss`, `sub`, `jti`,
 * `nbf`, `exp` from the credential, `vc` with contexts, types, subject (without id) and the
 * members above, the credential's other members at the top level.
 */
export function credentialJwtPayload(document: Record<string, unknown>): Record<string, unknown> {
  const {
    '@context': context,
    type,
    id,
    issuanceDate,
    expirationDate,
    issuer,
    credentialSubject,
    ...rest
    // No deep copy: nested members are shared with `document`, never modified here.
  } = document as Record<string, unknown> & { credentialSubject: Record<string, unknown> };
  const { id: subject, ...subjectClaims } = credentialSubject;
  const vc: Record<string, unknown> = { '@context': context, type, credentialSubject: subjectClaims };
  const payload: Record<string, unknown> = { vc };
  for (const member of VC_MEMBERS) {
    if (rest[member] !== undefined) {
      vc[member] = rest[member];
      delete rest[member];
    }
  }
  Object.assign(payload, rest);
  if (typeof subject === 'string') payload.sub = subject;
  if (typeof id === 'string') payload.jti = id;
  if (typeof issuanceDate === 'string') payload.nbf = Math.floor(Date.parse(issuanceDate) / 1000);
  if (typeof expirationDate === 'string') payload.exp = Math.floor(Date.parse(expirationDate) / 1000);
  if (typeof issuer === 'string') {
    payload.iss = issuer;
  } else if (typeof issuer === 'object' && issuer !== null) {
    const { id: issuerId, ...profile } = issuer as Record<string, unknown>;
    payload.iss = issuerId;
    if (Object.keys(profile).length > 0) payload.issuer = profile;
  }
  return payload;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The fast signing path: builds the credential JWT once and has the Veramo agent sign its bytes
 * (`keyManagerSign`, served by {@link NodeEd25519Kms} from a cached key handle), skipping the
 * per-credential identifier lookup and the JSON round trips of the default path.
 */
export function fastCredentialSigner(agent: IssuerAgent): CredentialSigner {
  return {
    async sign(document, issuerDid, key) {
      const payload = credentialJwtPayload(document);
      if (payload.iss !== issuerDid)
        throw new Error('the credential names another issuer than the signing organisation');
      const signingInput = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: `${issuerDid}#${key.fragment}` })}.${b64(payload)}`;
      const signature = await agent.keyManagerSign({
        keyRef: key.kid,
        data: signingInput,
        algorithm: 'EdDSA',
        encoding: 'utf-8',
      });
      return `${signingInput}.${signature}`;
    },
  };
}
