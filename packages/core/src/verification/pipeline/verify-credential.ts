import type { CredentialDocument } from '../../credential-model.js';
import {
  CREDENTIAL_TYPE_INFO,
  CREDENTIAL_TYPES,
  type CredentialTypeName,
  type EnvelopeFormat,
} from '../../credential-types.js';
import { readOpenBadge } from '../../open-badges/read-open-badge.js';
import type { OpenBadge } from '../../open-badges/open-badge.js';
import { validateCredential } from '../../validation/validate-credential.js';
import { failed, pass, warning, type VerificationCheck } from '../checks.js';
import { validityWindow } from '../validity-window.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { CredentialEnvelope } from './envelope.js';
import { unwrapSdJwt } from './dc-sd-jwt.js';
import { unwrapJwt } from './jwt-vc-json.js';
import { unwrapLdp } from './ldp-vc.js';
import { statusChecks, tokenStatusEntry } from './status-checks.js';
import type { StatusListLookup } from './status-lists.js';
import type { SdJwtDisclosure, UnwrapResult, Unwrapped } from './unwrapped.js';
import { isSelfDeclared } from './trust.js';

/** How a credential came out: proof, shown but not counted, or refused. */
export type CredentialOutcome = 'verified' | 'issuer_not_recognised' | 'failed';

/**
 * The report on one credential. `credential` (one of our types) or `badge` (an Open Badge of
 * another issuer) is set once the signature held and the content followed its schema.
 */
export interface CredentialVerification {
  verified: boolean;
  outcome: CredentialOutcome;
  checks: VerificationCheck[];
  format?: EnvelopeFormat;
  issuer?: string;
  issuerName?: string;
  type?: CredentialTypeName;
  credential?: CredentialDocument;
  badge?: OpenBadge;
  /** The holder the credential is bound to (its subject's DID). */
  subject?: string;
  /** Its validity period, seconds since the epoch. */
  notBefore?: number;
  expires?: number;
  /** An SD-JWT VC's disclosures: `credential` then holds only what was disclosed. */
  disclosure?: SdJwtDisclosure;
  /**
   * Its issuer is its own subject (see {@link isSelfDeclared}): shown as self-declared, outcome
   * `issuer_not_recognised`, never proof — even when the holder's DID is on the trust list.
   */
  selfDeclared?: true;
}

export interface VerifyCredentialOptions {
  /**
   * The presentation's holder: the credential's subject must be this DID (holder binding); for an
   * SD-JWT VC, the did:key of the key in its `cnf`.
   */
  holder?: string;
  /** Shares status-list lookups across the credentials of one answer. */
  statusMemo?: Map<string, Promise<StatusListLookup>>;
  /** Most distinct lists `statusMemo` may come to hold; a credential naming more fails its check. */
  maxStatusLists?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function outcomeOf(checks: VerificationCheck[]): CredentialOutcome {
  if (checks.some((c) => c.status === 'fail')) return 'failed';
  if (checks.some((c) => c.code === 'ERR_ISSUER_UNKNOWN' || c.code === 'ERR_ISSUER_SELF_DECLARED'))
    return 'issuer_not_recognised';
  return 'verified';
}

function done(
  checks: VerificationCheck[],
  extra: Omit<CredentialVerification, 'verified' | 'outcome' | 'checks'> = {},
): CredentialVerification {
  const outcome = outcomeOf(checks);
  return { verified: outcome === 'verified', outcome, checks, ...extra };
}

function dateChecks(opened: Unwrapped, deps: CredentialVerificationDeps): VerificationCheck[] {
  const window = { now: Math.floor(deps.now() / 1000), skewSeconds: deps.clockSkewSeconds };
  const checks: VerificationCheck[] = [];
  if (opened.notBefore === undefined) {
    checks.push(failed('not_before', 'ERR_SCHEMA_INVALID', 'The credential has no issuance date.'));
  } else {
    checks.push(
      validityWindow({ ...window, notBefore: opened.notBefore }) === 'not_yet_valid'
        ? failed('not_before', 'ERR_CREDENTIAL_NOT_YET_VALID', 'The credential is not valid yet.')
        : pass('not_before', 'Valid from its issuance date.'),
    );
  }
  if (opened.expires === undefined) {
    checks.push(pass('expiration', 'The credential does not expire.'));
  } else {
    checks.push(
      validityWindow({ ...window, expires: opened.expires }) === 'expired'
        ? failed(
            'expiration',
            'ERR_CREDENTIAL_EXPIRED',
            "The credential has expired; it remains part of the learner's history but is no longer valid proof.",
          )
        : pass('expiration', 'Not expired.'),
    );
  }
  return checks;
}

type ContentReading =
  | { kind: 'ours'; type: CredentialTypeName; credential: CredentialDocument }
  | { kind: 'badge'; badge: OpenBadge }
  | { kind: 'invalid' };

/**
 * The schema check: one of our three types against our schemas, any other Open Badge against
 * 1EdTech's. `screened`: the document was bounded and screened while its envelope was parsed.
 */
function readContent(
  document: Record<string, unknown>,
  screened: boolean,
  partial = false,
): {
  check: VerificationCheck;
  reading: ContentReading;
} {
  const types = Array.isArray(document.type) ? document.type : [];
  const ours = types.some((t) => (CREDENTIAL_TYPES as readonly unknown[]).includes(t));
  if (!ours && (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))) {
    const read = readOpenBadge(document);
    if (read.valid)
      return {
        check: pass('schema', `A valid Open Badge: ${read.badge.achievement.name}.`),
        reading: { kind: 'badge', badge: read.badge },
      };
    const first = read.issues[0];
    return {
      check: failed(
        'schema',
        read.code,
        `The badge does not follow the Open Badges 3.0 schema${first === undefined ? '' : ` (${first.pointer || '/'}: ${first.message})`}.`,
      ),
      reading: { kind: 'invalid' },
    };
  }
  const validation = validateCredential(document, { screened, partial });
  if (validation.valid)
    return {
      check: pass(
        'schema',
        `A valid ${CREDENTIAL_TYPE_INFO[validation.type].label.en}${partial ? ', as far as disclosed' : ''}.`,
      ),
      reading: { kind: 'ours', type: validation.type, credential: validation.credential },
    };
  const first = validation.issues[0];
  return {
    check: failed(
      'schema',
      validation.code,
      `The credential content does not follow its schema${first === undefined ? '' : ` (${first.pointer || '/'}: ${first.message})`}.`,
    ),
    reading: { kind: 'invalid' },
  };
}

/** The trust verdict on a self-declared credential: the holder vouches for it, nobody else. */
function selfDeclaredTrust(claimedName: string): { checks: VerificationCheck[]; name: string } {
  return {
    name: claimedName,
    checks: [
      warning(
        'issuer_trust',
        'ERR_ISSUER_SELF_DECLARED',
        'Self-declared: the holder issued this credential to themselves. It is genuine as their own statement, but nobody else has verified it, so it is never counted as proof.',
      ),
    ],
  };
}

async function trustChecks(
  issuer: string,
  claimedName: string,
  reading: ContentReading,
  deps: CredentialVerificationDeps,
): Promise<{ checks: VerificationCheck[]; name: string }> {
  if (deps.trustedIssuers === undefined) return { checks: [], name: claimedName };
  const trusted = await deps.trustedIssuers.get(issuer);
  if (trusted === undefined)
    return {
      name: claimedName,
      checks: [
        warning(
          'issuer_trust',
          'ERR_ISSUER_UNKNOWN',
          `Issuer not recognised: "${claimedName}" (${issuer}) is not on this verifier's list of trusted issuers. The credential is genuine, but who stands behind it is unknown.`,
        ),
      ],
    };
  const checks = [
    pass('issuer_trust', `Issued by ${trusted.name}, a recognised ${trusted.kind.replace('-', ' ')}.`),
  ];
  if (reading.kind === 'ours') {
    const label = CREDENTIAL_TYPE_INFO[reading.type].label.en;
    checks.push(
      trusted.accreditedTypes.includes(reading.type)
        ? pass('issuer_accreditation', `${trusted.name} is recognised for ${label}s.`)
        : failed(
            'issuer_accreditation',
            'ERR_ISSUER_NOT_ACCREDITED',
            `${trusted.name} is not recognised for issuing ${label}s.`,
          ),
    );
  }
  return { checks, name: trusted.name };
}

/**
 * Verifies one credential in either envelope, the same way whatever the envelope: its signature
 * against the issuer's DID document (the envelope's adapter), then the shared checks with stable
 * ids — holder binding when a holder is given, validity dates with clock skew, schema (ours, or
 * 1EdTech's for another issuer's Open Badge), revocation and suspension, and issuer trust when a
 * registry is given. Never throws; every step is a check.
 */
export async function verifyCredential(
  envelope: CredentialEnvelope,
  deps: CredentialVerificationDeps,
  options: VerifyCredentialOptions = {},
): Promise<CredentialVerification> {
  const opened = await unwrap(envelope, deps);
  if (!opened.ok)
    return done(opened.checks, {
      format: envelope.format,
      ...(opened.issuer === undefined ? {} : { issuer: opened.issuer }),
    });
  const value = opened.value;
  const checks = [...value.checks];
  // An SD-JWT VC presented with a Key Binding JWT was bound to its presenter by the adapter.
  if (options.holder !== undefined && !checks.some((check) => check.id === 'holder_binding')) {
    checks.push(
      value.subject === options.holder
        ? pass('holder_binding', 'Issued to the person presenting it.')
        : failed(
            'holder_binding',
            'ERR_HOLDER_MISMATCH',
            'This credential was issued to someone else than the person presenting it.',
          ),
    );
  }
  checks.push(...dateChecks(value, deps));
  const content = readContent(value.document, value.screened === true, value.sdJwt !== undefined);
  checks.push(content.check);
  const status =
    value.sdJwt === undefined
      ? value.document.credentialStatus
      : value.sdJwt.status === undefined
        ? undefined
        : tokenStatusEntry(value.sdJwt.status);
  checks.push(
    ...(await statusChecks(status, value.issuer, deps, {
      memo: options.statusMemo ?? new Map<string, Promise<StatusListLookup>>(),
      maxLists: options.maxStatusLists ?? Number.POSITIVE_INFINITY,
    })),
  );
  const issuerField = value.document.issuer;
  const claimedName =
    isObject(issuerField) && typeof issuerField.name === 'string' ? issuerField.name : value.issuer;
  const selfDeclared = isSelfDeclared(value.issuer, value.subject);
  const trust = selfDeclared
    ? selfDeclaredTrust(claimedName)
    : await trustChecks(value.issuer, claimedName, content.reading, deps);
  checks.push(...trust.checks);
  const reading = content.reading;
  return done(checks, {
    format: value.format,
    issuer: value.issuer,
    issuerName: trust.name,
    ...(reading.kind === 'ours' ? { type: reading.type, credential: reading.credential } : {}),
    ...(reading.kind === 'badge' ? { badge: reading.badge } : {}),
    ...(value.subject === undefined ? {} : { subject: value.subject }),
    ...(selfDeclared ? { selfDeclared: true as const } : {}),
    ...(value.notBefore === undefined ? {} : { notBefore: value.notBefore }),
    ...(value.expires === undefined ? {} : { expires: value.expires }),
    ...(value.sdJwt === undefined
      ? {}
      : { disclosure: { disclosed: value.sdJwt.disclosed, withheld: value.sdJwt.withheld } }),
  });
}

/** The envelope's adapter: opens it and checks its signature. */
function unwrap(envelope: CredentialEnvelope, deps: CredentialVerificationDeps): Promise<UnwrapResult> {
  switch (envelope.format) {
    case 'jwt_vc_json':
      return unwrapJwt(envelope, deps);
    case 'ldp_vc':
      return unwrapLdp(envelope.credential, deps);
    case 'dc+sd-jwt':
      return unwrapSdJwt(envelope.token, envelope.keyBinding, deps);
  }
}
