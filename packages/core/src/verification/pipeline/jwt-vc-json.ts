import { failed, pass } from '../checks.js';
import { parseCredentialJwt } from '../compact-jws.js';
import { DEFAULT_JSON_LIMITS } from '../../validation/json-guard.js';
import { normalizeCredentialJwt } from '../credential-jwt.js';
import { selectVerificationKeys } from '../did-document.js';
import { verifyJws } from '../verify-jws.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { CredentialEnvelope } from './envelope.js';
import type { UnwrapResult } from './unwrapped.js';

/**
 * `jwt_vc_json`: a strict compact JWS (EdDSA only, no embedded keys) whose payload is a VC Data
 * Model 1.1 credential JWT (§6.3.1), signed by a key listed under `assertionMethod` in the DID
 * document of `iss`, which must be the credential's issuer. The document comes out as VC 2.0.
 */
export async function unwrapJwt(
  envelope: Extract<CredentialEnvelope, { format: 'jwt_vc_json' }>,
  deps: CredentialVerificationDeps,
): Promise<UnwrapResult> {
  const parsed = envelope.parsed ?? parseCredentialJwt(envelope.jwt);
  if (!parsed.ok)
    return {
      ok: false,
      checks: [
        failed('credential_format', parsed.code, `The credential is not an acceptable JWT: ${parsed.reason}`),
      ],
    };
  const normalized = normalizeCredentialJwt(parsed.jws.payload);
  if (!normalized.ok) {
    const id = normalized.code === 'ERR_ISSUER_MISMATCH' ? 'issuer_consistency' : 'credential_format';
    return { ok: false, checks: [failed(id, normalized.code, normalized.reason)] };
  }
  const checks = [pass('credential_format', 'A well-formed credential JWT signed with EdDSA.')];
  const { credential, issuer, subject, notBefore, expires } = normalized.value;

  const resolved = await deps.resolveDid(issuer);
  if (!resolved.ok)
    return { ok: false, issuer, checks: [...checks, failed('issuer_did', resolved.code, resolved.reason)] };
  const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', parsed.jws.header.kid);
  if (!keys.ok)
    return { ok: false, issuer, checks: [...checks, failed('issuer_did', keys.code, keys.reason)] };
  checks.push(pass('issuer_did', `The issuer's DID ${issuer} was resolved.`));
  const signed = await verifyJws(parsed.jws, keys.keys, deps.verifySignature, deps.verifyP256);
  if (!signed.ok)
    return {
      ok: false,
      issuer,
      checks: [
        ...checks,
        failed(
          'signature',
          signed.code,
          "The signature does not match the issuer's published key: the credential was altered or not signed by this issuer.",
        ),
      ],
    };
  checks.push(pass('signature', `Signed by ${signed.keyId}.`));
  checks.push(pass('issuer_consistency', 'The credential names the organisation that signed it.'));
  return {
    ok: true,
    value: {
      format: 'jwt_vc_json',
      // Held to the document bounds while parsed (parseCredentialJwt): no second walk.
      screened: parsed.jws.payloadLimits === DEFAULT_JSON_LIMITS,
      issuer,
      document: credential,
      ...(subject === undefined ? {} : { subject }),
      ...(notBefore === undefined ? {} : { notBefore }),
      ...(expires === undefined ? {} : { expires }),
      checks,
    },
  };
}
