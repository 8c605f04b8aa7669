import { DEFAULT_JSON_LIMITS } from '../../validation/json-guard.js';
import { documentOfSdJwtClaims } from '../../sd-jwt/claims.js';
import { decodeSdJwt } from '../../sd-jwt/decode.js';
import { readIssuerVct } from '../../sd-jwt/issuer-vct.js';
import { holderKeyOf, verifyKeyBinding, type KeyBindingExpectation } from '../../sd-jwt/key-binding.js';
import { failed, pass } from '../checks.js';
import { selectVerificationKeys } from '../did-document.js';
import { didKeyFromPublicKey } from '../did-key.js';
import { verifyJws } from '../verify-jws.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { UnwrapResult } from './unwrapped.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The credential's Token Status List entry (`status.status_list`), when it names one. */
function statusListEntry(status: unknown): { idx: unknown; uri: unknown } | undefined {
  if (!isObject(status) || !isObject(status.status_list)) return undefined;
  return { idx: status.status_list.idx, uri: status.status_list.uri };
}

const seconds = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * `dc+sd-jwt` (SD-JWT VC): the SD-JWT taken apart strictly (see decodeSdJwt), `typ: dc+sd-jwt`, a
 * `vct` of ours at the issuer's own host, signed (EdDSA or ES256) by a key the DID document of
 * `iss` lists under `assertionMethod`, bound to a holder key in `cnf`; with `keyBinding` the
 * presentation's Key Binding JWT must prove that key for this verifier's request. The document
 * comes out with only what was disclosed; `disclosure` says what was and what was withheld.
 */
export async function unwrapSdJwt(
  token: string,
  keyBinding: KeyBindingExpectation | undefined,
  deps: CredentialVerificationDeps,
): Promise<UnwrapResult> {
  const refuse = (
    id: 'credential_format' | 'issuer_did' | 'signature' | 'holder_binding',
    code: Parameters<typeof failed>[1],
    reason: string,
    issuer?: string,
    earlier = [] as ReturnType<typeof pass>[],
  ): UnwrapResult => ({
    ok: false,
    ...(issuer === undefined ? {} : { issuer }),
    checks: [...earlier, failed(id, code, reason)],
  });
  const decoded = decodeSdJwt(token);
  if (!decoded.ok)
    return refuse(
      'credential_format',
      decoded.code,
      `The credential is not an acceptable SD-JWT: ${decoded.reason}`,
    );
  const { jws, claims } = decoded.value;
  if (jws.header.typ !== 'dc+sd-jwt')
    return refuse('credential_format', 'ERR_SD_JWT_TYP', 'The SD-JWT is not of type dc+sd-jwt.');
  const issuer = claims.iss;
  if (typeof issuer !== 'string' || !issuer.startsWith('did:'))
    return refuse(
      'credential_format',
      'ERR_CREDENTIAL_JWT_INVALID',
      'The SD-JWT VC names no DID as its issuer (iss).',
    );
  const vct = readIssuerVct(claims.vct, claims['vct#integrity'], issuer);
  if (!vct.ok) return refuse('credential_format', vct.code, vct.reason, issuer);
  const checks = [pass('credential_format', `A well-formed SD-JWT VC signed with ${jws.header.alg}.`)];

  const resolved = await deps.resolveDid(issuer);
  if (!resolved.ok) return refuse('issuer_did', resolved.code, resolved.reason, issuer, checks);
  const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', jws.header.kid);
  if (!keys.ok) return refuse('issuer_did', keys.code, keys.reason, issuer, checks);
  checks.push(pass('issuer_did', `The issuer's DID ${issuer} was resolved.`));
  const signed = await verifyJws(jws, keys.keys, deps.verifySignature, deps.verifyP256);
  if (!signed.ok)
    return refuse(
      'signature',
      signed.code,
      signed.code === 'ERR_SIGNATURE_INVALID'
        ? "The signature does not match the issuer's published key: the credential was altered or not signed by this issuer."
        : signed.reason,
      issuer,
      checks,
    );
  checks.push(pass('signature', `Signed by ${signed.keyId}.`));
  checks.push(pass('issuer_consistency', 'The credential names the organisation that signed it.'));

  const holderKey = holderKeyOf(claims.cnf);
  if (holderKey === undefined)
    return refuse(
      'holder_binding',
      'ERR_CNF_MISSING',
      'The credential is bound to no holder key (cnf).',
      issuer,
      checks,
    );
  if (keyBinding !== undefined) {
    const bound = await verifyKeyBinding(
      decoded.value.kbJwt,
      decoded.value.presented,
      holderKey,
      keyBinding,
      {
        verifyEd25519: deps.verifySignature,
        now: deps.now,
        clockSkewSeconds: deps.clockSkewSeconds,
      },
    );
    if (!bound.ok) return refuse('holder_binding', bound.code, bound.reason, issuer, checks);
    checks.push(
      pass('holder_binding', 'The holder proved possession of the key the credential is bound to.'),
    );
  }
  // The holder as a DID, where its key has one we read (Ed25519: did:key), so `holder` options
  // compare alike for every envelope.
  const subject = holderKey.alg === 'EdDSA' ? didKeyFromPublicKey(holderKey.publicKey) : undefined;
  const notBefore = seconds(claims.nbf) ?? seconds(claims.iat);
  const expires = seconds(claims.exp);
  const status = statusListEntry(claims.status);
  return {
    ok: true,
    value: {
      format: 'dc+sd-jwt',
      // The issuer JWT's payload was held to the document bounds while parsed; disclosures too.
      screened: jws.payloadLimits === DEFAULT_JSON_LIMITS,
      issuer,
      document: documentOfSdJwtClaims(claims, vct.type, vct.origin),
      ...(subject === undefined ? {} : { subject }),
      ...(notBefore === undefined ? {} : { notBefore }),
      ...(expires === undefined ? {} : { expires }),
      checks,
      sdJwt: {
        type: vct.type,
        disclosed: decoded.value.disclosed,
        withheld: decoded.value.withheld,
        ...(status === undefined ? {} : { status }),
      },
    },
  };
}
