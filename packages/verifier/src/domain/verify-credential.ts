import {
  CREDENTIAL_TYPE_INFO,
  failed,
  normalizeCredentialJwt,
  parseCompactJws,
  parseStatusIndex,
  pass,
  selectVerificationKeys,
  credentialStatusAt,
  validateCredential,
  validityWindow,
  verifyJws,
  warning,
  type CredentialDocument,
  type CredentialTypeName,
  type Ed25519Verify,
  type VerificationCheck,
} from '@skills-passport/core';
import type { ResolveDid } from './did-resolver.js';
import type { StatusListLookup, StatusListService } from './status-lists.js';
import type { TrustedIssuerLookup } from './trusted-issuers.js';

/** Everything verification reaches outside itself, passed in one object. */
export interface VerificationDeps {
  resolveDid: ResolveDid;
  statusLists: StatusListService;
  trustedIssuers: TrustedIssuerLookup;
  verifySignature: Ed25519Verify;
  /** Milliseconds since the epoch. */
  now: () => number;
  clockSkewSeconds: number;
}

/** How a credential came out: proof, shown but not counted, or refused. */
export type CredentialOutcome = 'verified' | 'issuer_not_recognised' | 'failed';

/** The report on one credential; `credential` is only set once its signature held. */
export interface CredentialVerification {
  verified: boolean;
  outcome: CredentialOutcome;
  checks: VerificationCheck[];
  issuer?: string;
  issuerName?: string;
  type?: CredentialTypeName;
  credential?: CredentialDocument;
}

export interface VerifyCredentialOptions {
  /** The presentation's holder: the credential's subject must be this DID (holder binding). */
  holder?: string;
  /** Shares status-list lookups across the credentials of one answer. */
  statusMemo?: Map<string, Promise<StatusListLookup>>;
  /** Most distinct lists `statusMemo` may come to hold; a credential naming more fails its check. */
  maxStatusLists?: number;
}

function outcomeOf(checks: VerificationCheck[]): CredentialOutcome {
  if (checks.some((c) => c.status === 'fail')) return 'failed';
  if (checks.some((c) => c.code === 'ERR_ISSUER_UNKNOWN')) return 'issuer_not_recognised';
  return 'verified';
}

function done(
  checks: VerificationCheck[],
  extra: Omit<CredentialVerification, 'verified' | 'outcome' | 'checks'> = {},
): CredentialVerification {
  const outcome = outcomeOf(checks);
  return { verified: outcome === 'verified', outcome, checks, ...extra };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "According to a copy from N minutes ago" when the issuer could not be reached just now. */
function stalePrefix(
  found: Extract<StatusListLookup, { ok: true }>,
  deps: VerificationDeps,
): string | undefined {
  if (found.fetchError === undefined) return undefined;
  const minutes = Math.max(0, Math.round((deps.now() - found.list.fetchedAt) / 60_000));
  return `according to a copy of the status list from ${minutes} minute(s) ago; the issuer could not be reached just now`;
}

/**
 * The checks one status entry yields. A `revocation` entry whose list says which set bits are
 * suspensions (ours do: one entry serves both) answers for revocation and suspension; any other
 * entry answers for its own purpose, a set bit meaning just that.
 */
function statusVerdict(
  purpose: 'revocation' | 'suspension',
  status: 'valid' | 'revoked' | 'suspended',
  tellsSuspensions: boolean,
  stale: string | undefined,
): VerificationCheck[] {
  const notRevoked = (what: string, id: 'revocation_status' | 'suspension_status') =>
    stale === undefined
      ? pass(id, `Not ${what}.`)
      : warning(id, 'ERR_STATUS_LIST_UNREACHABLE', `Not ${what} ${stale}.`);
  const revoked = failed(
    'revocation_status',
    'ERR_CREDENTIAL_REVOKED',
    'The issuer has revoked this credential.',
  );
  const suspended = failed(
    'suspension_status',
    'ERR_CREDENTIAL_SUSPENDED',
    'The issuer has suspended this credential.',
  );
  if (purpose === 'suspension')
    return [status === 'valid' ? notRevoked('suspended', 'suspension_status') : suspended];
  if (!tellsSuspensions) return [status === 'valid' ? notRevoked('revoked', 'revocation_status') : revoked];
  if (status === 'revoked') return [revoked];
  return [
    notRevoked('revoked', 'revocation_status'),
    status === 'suspended' ? suspended : notRevoked('suspended', 'suspension_status'),
  ];
}

async function statusChecks(
  credential: Record<string, unknown>,
  issuer: string,
  deps: VerificationDeps,
  memo: Map<string, Promise<StatusListLookup>>,
  maxLists: number,
): Promise<VerificationCheck[]> {
  const raw = credential.credentialStatus;
  if (raw === undefined) return [];
  const entries = Array.isArray(raw) ? raw : [raw];
  if (entries.length === 0 || entries.length > 4)
    return [
      failed(
        'status_entry',
        'ERR_STATUS_LIST_INVALID',
        'The credential lists an unusable number of status entries.',
      ),
    ];
  const checks: VerificationCheck[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') {
      checks.push(
        failed(
          'status_entry',
          'ERR_STATUS_TYPE_UNSUPPORTED',
          'The credential uses a kind of status entry this verifier cannot check, so its status is unknown.',
        ),
      );
      continue;
    }
    const purpose = entry.statusPurpose;
    if (purpose !== 'revocation' && purpose !== 'suspension') {
      checks.push(
        failed(
          'status_entry',
          'ERR_STATUS_TYPE_UNSUPPORTED',
          `The status purpose ${JSON.stringify(purpose)} is not one this verifier checks.`,
        ),
      );
      continue;
    }
    const id = purpose === 'revocation' ? 'revocation_status' : 'suspension_status';
    const index = parseStatusIndex(entry.statusListIndex);
    if (index === undefined || typeof entry.statusListCredential !== 'string') {
      checks.push(
        failed(id, 'ERR_STATUS_LIST_INVALID', 'The status entry has no valid list index or list address.'),
      );
      continue;
    }
    if (!memo.has(entry.statusListCredential) && memo.size >= maxLists) {
      checks.push(
        failed(
          id,
          'ERR_TOO_MANY_CREDENTIALS',
          `The credentials of one answer may name at most ${maxLists} status lists; this one names more.`,
        ),
      );
      continue;
    }
    const found = await deps.statusLists.lookup(entry.statusListCredential, memo);
    if (!found.ok) {
      checks.push(
        failed(
          id,
          found.code === 'ERR_STATUS_LIST_UNREACHABLE' ? 'ERR_STATUS_LIST_UNREACHABLE' : found.code,
          found.reason,
        ),
      );
      continue;
    }
    const list = found.list;
    if (list.issuer !== issuer) {
      checks.push(
        failed(
          id,
          'ERR_STATUS_LIST_ISSUER_MISMATCH',
          'The status list is signed by another organisation than the one that issued the credential.',
        ),
      );
      continue;
    }
    if (list.purpose !== purpose) {
      checks.push(
        failed(
          id,
          'ERR_STATUS_LIST_INVALID',
          `The list is for ${list.purpose}, but the entry says ${String(purpose)}.`,
        ),
      );
      continue;
    }
    const status = credentialStatusAt(list.list, list.suspended, index);
    if (status === undefined) {
      checks.push(
        failed(id, 'ERR_STATUS_INDEX_OUT_OF_RANGE', 'The status index lies outside the status list.'),
      );
      continue;
    }
    checks.push(...statusVerdict(purpose, status, list.suspended !== undefined, stalePrefix(found, deps)));
  }
  return checks;
}

/**
 * Verifies one credential JWT: EdDSA signature with a key from the issuer's DID document
 * (`assertionMethod`), `iss` against the credential's issuer, holder binding when a holder is
 * given, validity dates with clock skew, schema, revocation and suspension, and issuer trust.
 * Never throws; every step is a check with a stable id.
 */
export async function verifyCredential(
  jwt: unknown,
  deps: VerificationDeps,
  options: VerifyCredentialOptions = {},
): Promise<CredentialVerification> {
  const checks: VerificationCheck[] = [];
  const parsed = parseCompactJws(jwt);
  if (!parsed.ok)
    return done([
      failed('credential_format', parsed.code, `The credential is not an acceptable JWT: ${parsed.reason}`),
    ]);
  const normalized = normalizeCredentialJwt(parsed.jws.payload);
  if (!normalized.ok) {
    const id = normalized.code === 'ERR_ISSUER_MISMATCH' ? 'issuer_consistency' : 'credential_format';
    return done([failed(id, normalized.code, normalized.reason)]);
  }
  checks.push(pass('credential_format', 'A well-formed credential JWT signed with EdDSA.'));
  const { credential, issuer } = normalized.value;

  const resolved = await deps.resolveDid(issuer);
  if (!resolved.ok)
    return done([...checks, failed('issuer_did', resolved.code, resolved.reason)], { issuer });
  const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', parsed.jws.header.kid);
  if (!keys.ok) return done([...checks, failed('issuer_did', keys.code, keys.reason)], { issuer });
  checks.push(pass('issuer_did', `The issuer's DID ${issuer} was resolved.`));
  const signed = await verifyJws(parsed.jws, keys.keys, deps.verifySignature);
  if (!signed.ok)
    return done(
      [
        ...checks,
        failed(
          'signature',
          signed.code,
          "The signature does not match the issuer's published key: the credential was altered or not signed by this issuer.",
        ),
      ],
      { issuer },
    );
  checks.push(pass('signature', `Signed by ${signed.keyId}.`));
  checks.push(pass('issuer_consistency', 'The credential names the organisation that signed it.'));

  if (options.holder !== undefined) {
    checks.push(
      normalized.value.subject === options.holder
        ? pass('holder_binding', 'Issued to the person presenting it.')
        : failed(
            'holder_binding',
            'ERR_HOLDER_MISMATCH',
            'This credential was issued to someone else than the person presenting it.',
          ),
    );
  }

  const now = Math.floor(deps.now() / 1000);
  const window = { now, skewSeconds: deps.clockSkewSeconds };
  if (normalized.value.notBefore === undefined) {
    checks.push(failed('not_before', 'ERR_CREDENTIAL_JWT_INVALID', 'The credential has no issuance date.'));
  } else {
    checks.push(
      validityWindow({ ...window, notBefore: normalized.value.notBefore }) === 'not_yet_valid'
        ? failed('not_before', 'ERR_CREDENTIAL_NOT_YET_VALID', 'The credential is not valid yet.')
        : pass('not_before', 'Valid from its issuance date.'),
    );
  }
  if (normalized.value.expires === undefined) {
    checks.push(pass('expiration', 'The credential does not expire.'));
  } else {
    checks.push(
      validityWindow({ ...window, expires: normalized.value.expires }) === 'expired'
        ? failed(
            'expiration',
            'ERR_CREDENTIAL_EXPIRED',
            "The credential has expired; it remains part of the learner's history but is no longer valid proof.",
          )
        : pass('expiration', 'Not expired.'),
    );
  }

  const validation = validateCredential(credential);
  let type: CredentialTypeName | undefined;
  let document: CredentialDocument | undefined;
  if (validation.valid) {
    type = validation.type;
    document = validation.credential;
    checks.push(pass('schema', `A valid ${CREDENTIAL_TYPE_INFO[type].label.en}.`));
  } else {
    const first = validation.issues[0];
    checks.push(
      failed(
        'schema',
        validation.code,
        `The credential content does not follow its schema${first === undefined ? '' : ` (${first.pointer || '/'}: ${first.message})`}.`,
      ),
    );
  }

  checks.push(
    ...(await statusChecks(
      credential,
      issuer,
      deps,
      options.statusMemo ?? new Map<string, Promise<StatusListLookup>>(),
      options.maxStatusLists ?? Number.POSITIVE_INFINITY,
    )),
  );

  const trusted = await deps.trustedIssuers.get(issuer);
  const claimedName =
    isObject(credential.issuer) && typeof credential.issuer.name === 'string'
      ? credential.issuer.name
      : issuer;
  if (trusted === undefined) {
    checks.push(
      warning(
        'issuer_trust',
        'ERR_ISSUER_UNKNOWN',
        `Issuer not recognised: "${claimedName}" (${issuer}) is not on this verifier's list of trusted issuers. The credential is genuine, but who stands behind it is unknown.`,
      ),
    );
  } else {
    checks.push(
      pass('issuer_trust', `Issued by ${trusted.name}, a recognised ${trusted.kind.replace('-', ' ')}.`),
    );
    if (type !== undefined) {
      checks.push(
        trusted.accreditedTypes.includes(type)
          ? pass(
              'issuer_accreditation',
              `${trusted.name} is recognised for ${CREDENTIAL_TYPE_INFO[type].label.en}s.`,
            )
          : failed(
              'issuer_accreditation',
              'ERR_ISSUER_NOT_ACCREDITED',
              `${trusted.name} is not recognised for issuing ${CREDENTIAL_TYPE_INFO[type].label.en}s.`,
            ),
      );
    }
  }

  return done(checks, {
    issuer,
    issuerName: trusted?.name ?? claimedName,
    ...(type === undefined ? {} : { type }),
    ...(document === undefined ? {} : { credential: document }),
  });
}
