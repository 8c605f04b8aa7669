import {
  normalizeCredentialJwt,
  parseCompactJws,
  parseStatusIndex,
  decodeStatusList,
  selectVerificationKeys,
  credentialStatusAt,
  validateCredential,
  validityWindow,
  verifyJws,
  webCryptoEd25519Verify,
  type CredentialDocument,
  type CredentialTypeName,
  type ErrorCode,
  type ParsedJws,
} from '@skills-passport/core';
import { WalletError, isWalletError } from '../errors.js';
import type { CredentialState, StoredCredential } from '../store/db.js';
import { forgetDid, resolveDid } from './did-resolver.js';
import { fetchText } from './http.js';

/** A credential JWT whose signature, issuer and model have been checked. */
export interface CheckedCredential {
  id: string;
  jwt: string;
  document: CredentialDocument;
  type: CredentialTypeName;
  issuerDid: string;
  subject?: string;
  notBefore?: number;
  expires?: number;
}

async function verifySignedBy(jws: ParsedJws, issuerDid: string): Promise<void> {
  const document = await resolveDid(issuerDid);
  const keys = selectVerificationKeys(document, issuerDid, 'assertionMethod', jws.header.kid);
  if (!keys.ok) {
    forgetDid(issuerDid);
    throw new WalletError('ERR_DID_RESOLUTION_FAILED', keys.reason, { reason: keys.code });
  }
  const verified = await verifyJws(jws, keys.keys, webCryptoEd25519Verify);
  if (!verified.ok) {
    forgetDid(issuerDid);
    throw new WalletError('ERR_SIGNATURE_INVALID', verified.reason, { reason: verified.code });
  }
}

/**
 * Checks a credential JWT: strict JWS form (EdDSA only, no embedded keys), the signature against
 * the issuer DID's published assertion key, that it is bound to `holderDid` (when given) and that
 * the document follows its Skills Passport schema. Throws a {@link WalletError}.
 */
export async function checkCredentialJwt(
  jwt: unknown,
  options: { holderDid?: string } = {},
): Promise<CheckedCredential> {
  const parsed = parseCompactJws(jwt);
  if (!parsed.ok) throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', parsed.reason, { reason: parsed.code });
  const normalized = normalizeCredentialJwt(parsed.jws.payload);
  if (!normalized.ok)
    throw new WalletError('ERR_CREDENTIAL_JWT_INVALID', normalized.reason, { reason: normalized.code });
  const { credential, issuer, subject, notBefore, expires } = normalized.value;
  await verifySignedBy(parsed.jws, issuer);
  if (options.holderDid !== undefined && subject !== options.holderDid) {
    throw new WalletError('ERR_HOLDER_MISMATCH', subject);
  }
  const validation = validateCredential(credential);
  if (!validation.valid) {
    const first = validation.issues[0];
    // Unknown types keep their code; every other refusal of the document reads as "does not
    // follow the model", with the precise code and place in the detail.
    const code = validation.code === 'ERR_UNKNOWN_CREDENTIAL_TYPE' ? validation.code : 'ERR_SCHEMA_INVALID';
    throw new WalletError(
      code,
      `${validation.code}${first === undefined ? '' : ` ${first.pointer}: ${first.message}`}`,
      { reason: validation.code },
    );
  }
  return {
    id: validation.credential.id,
    jwt: jwt as string,
    document: validation.credential,
    type: validation.type,
    issuerDid: issuer,
    ...(subject === undefined ? {} : { subject }),
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(expires === undefined ? {} : { expires }),
  };
}

const LIST_CACHE_MS = 5_000;
const listCache = new Map<string, { at: number; list: Promise<StatusListData> }>();

interface StatusListData {
  purpose: string;
  statusAt: (index: number) => 'valid' | 'revoked' | 'suspended' | undefined;
}

async function loadStatusList(url: string, issuerDid: string): Promise<StatusListData> {
  const text = (
    await fetchText(url, {
      unreachable: 'ERR_STATUS_LIST_UNREACHABLE',
      accept: 'application/vc+jwt, application/jwt, application/json',
      maxBytes: 2 * 1024 * 1024,
    })
  ).trim();
  const unavailable = (detail: string, reason: ErrorCode | undefined): WalletError =>
    new WalletError('ERR_STATUS_LIST_UNREACHABLE', `${url}: ${detail}`, { reason });
  const parsed = parseCompactJws(text);
  if (!parsed.ok) throw unavailable(parsed.reason, parsed.code);
  const normalized = normalizeCredentialJwt(parsed.jws.payload);
  if (!normalized.ok) throw unavailable(normalized.reason, normalized.code);
  // A status list only counts when the credential's own issuer signed it.
  if (normalized.value.issuer !== issuerDid)
    throw unavailable('signed by another issuer', 'ERR_STATUS_LIST_ISSUER_MISMATCH');
  try {
    await verifySignedBy(parsed.jws, issuerDid);
  } catch (error) {
    throw isWalletError(error)
      ? unavailable(error.detail ?? error.code, error.reason ?? error.code)
      : unavailable('signature', 'ERR_SIGNATURE_INVALID');
  }
  const subject = normalized.value.credential.credentialSubject as Record<string, unknown> | undefined;
  const decoded = await decodeStatusList(subject?.encodedList);
  if (!decoded.ok) throw unavailable(decoded.reason, decoded.code);
  // Which of the set bits are suspensions, when the issuer says so.
  const suspended = subject?.suspended === undefined ? undefined : await decodeStatusList(subject.suspended);
  if (suspended !== undefined && !suspended.ok) throw unavailable(suspended.reason, suspended.code);
  const list = decoded.list;
  return {
    purpose: String(subject?.statusPurpose),
    statusAt: (index) => credentialStatusAt(list, suspended?.list, index),
  };
}

function statusList(url: string, issuerDid: string): Promise<StatusListData> {
  const key = `${issuerDid} ${url}`;
  const cached = listCache.get(key);
  if (cached !== undefined && Date.now() - cached.at < LIST_CACHE_MS) return cached.list;
  const list = loadStatusList(url, issuerDid);
  listCache.set(key, { at: Date.now(), list });
  list.catch(() => listCache.delete(key));
  return list;
}

/**
 * The credential's status from its Bitstring Status List: `revoked` or `suspended` while its bit is
 * set (the list says which), else `valid`. Throws `ERR_STATUS_LIST_UNREACHABLE` when the list
 * cannot be fetched, checked or read (the schema already refuses entries of other types).
 */
export async function checkStatus(
  credential: Pick<CheckedCredential, 'document' | 'issuerDid'>,
): Promise<'valid' | 'revoked' | 'suspended'> {
  const entry = credential.document.credentialStatus;
  if (entry === undefined) return 'valid';
  const index = parseStatusIndex(entry.statusListIndex);
  if (entry.type !== 'BitstringStatusListEntry' || index === undefined) {
    throw new WalletError('ERR_STATUS_LIST_UNREACHABLE', `unsupported status entry ${entry.id}`, {
      reason: 'ERR_STATUS_TYPE_UNSUPPORTED',
    });
  }
  const list = await statusList(entry.statusListCredential, credential.issuerDid);
  if (list.purpose !== entry.statusPurpose) {
    throw new WalletError('ERR_STATUS_LIST_UNREACHABLE', `${entry.statusListCredential}: purpose mismatch`, {
      reason: 'ERR_STATUS_LIST_INVALID',
    });
  }
  const status = list.statusAt(index);
  if (status === undefined) {
    throw new WalletError('ERR_STATUS_LIST_UNREACHABLE', `index ${index} out of range`, {
      reason: 'ERR_STATUS_INDEX_OUT_OF_RANGE',
    });
  }
  return status;
}

export interface LiveStatus {
  state: CredentialState;
  /** True when the state is the last known one because a check could not be made now. */
  stale: boolean;
}

/**
 * The credential's status right now, computed when it is shown: issuer not recognised (its
 * signature no longer checks out against the issuer's published keys), revoked, suspended,
 * expired or valid. When the issuer or its status list cannot be reached, the last known state.
 */
export async function liveStatus(stored: StoredCredential, now = Date.now()): Promise<LiveStatus> {
  let checked: CheckedCredential;
  try {
    checked = await checkCredentialJwt(stored.jwt);
  } catch (error) {
    if (isWalletError(error, 'ERR_ISSUER_UNREACHABLE'))
      return { state: stored.lastStatus?.state ?? 'unknown', stale: true };
    return { state: 'unrecognised', stale: false };
  }
  let status: 'valid' | 'revoked' | 'suspended' | undefined;
  try {
    status = await checkStatus(checked);
  } catch {
    status = undefined;
  }
  if (status === 'revoked' || status === 'suspended') return { state: status, stale: false };
  const window = validityWindow({
    now: Math.floor(now / 1000),
    ...(checked.notBefore === undefined ? {} : { notBefore: checked.notBefore }),
    ...(checked.expires === undefined ? {} : { expires: checked.expires }),
  });
  if (window === 'expired') return { state: 'expired', stale: false };
  if (status === undefined) return { state: stored.lastStatus?.state ?? 'unknown', stale: true };
  return { state: 'valid', stale: false };
}
