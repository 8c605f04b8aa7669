import {
  failed,
  parseCompactJws,
  parseCredentialJwt,
  pass,
  selectVerificationKeys,
  verifyDataIntegrityProof,
  verifyJws,
  type CheckId,
  type CredentialEnvelope,
  type ErrorCode,
  type VerificationCheck,
} from '@skills-passport/core';
import type { StatusListLookup } from './status-lists.js';
import {
  verifyCredential,
  type CredentialOutcome,
  type CredentialVerification,
  type VerificationDeps,
} from './verify-credential.js';

/**
 * Most credentials accepted in one presentation, and most distinct issuers among them; with a
 * {@link PresentationBudget}, in all presentations of one answer together.
 */
// A full skills passport answering a broad request stays well within 50.
export const MAX_CREDENTIALS_PER_PRESENTATION = 50;
export const MAX_ISSUERS_PER_PRESENTATION = 8;
/**
 * Distinct status lists one answer may make the verifier fetch. Each credential may name several
 * lists, each on any host; without a bound, 50 credentials from a self-made issuer could send the
 * verifier on 200 fetches, one after another, each up to the fetch deadline.
 */
export const MAX_STATUS_LISTS_PER_ANSWER = 2 * MAX_ISSUERS_PER_PRESENTATION;
/** How old a presentation's `iat` may be, when it has one. */
export const MAX_PRESENTATION_AGE_SECONDS = 300;

export interface VerifyPresentationOptions {
  /**
   * The nonce of the request this presentation answers. OpenID4VP 1.0 binds a presentation to its
   * transaction by `nonce` and `aud` alone and does not require `iat`: a presentation without one
   * is as fresh as its nonce. The caller must therefore accept a nonce only while its request is
   * open, and for one answer only.
   */
  nonce: string;
  /** This verifier's client id; the presentation's `aud` must equal it. */
  audience: string;
  /**
   * Shared by the presentations of one answer, so that the bounds on credentials and issuers hold
   * for the answer as a whole and cannot be multiplied by splitting it into presentations.
   */
  budget?: PresentationBudget;
}

/** What the presentations of one answer verified so far have taken of the bounds. */
export interface PresentationBudget {
  credentials: number;
  issuers: Set<string>;
  /** The status lists looked up for this answer, each once; at most {@link MAX_STATUS_LISTS_PER_ANSWER}. */
  statusMemo: Map<string, Promise<StatusListLookup>>;
}

export function newPresentationBudget(): PresentationBudget {
  return { credentials: 0, issuers: new Set(), statusMemo: new Map() };
}

/** The report on a presentation: its own checks and one report per credential. */
export interface PresentationVerification {
  /** True when nothing failed and every credential counts as proof. */
  verified: boolean;
  /** True when no check failed (credentials from unrecognised issuers are shown, not counted). */
  accepted: boolean;
  outcome: CredentialOutcome;
  holder?: string;
  checks: VerificationCheck[];
  credentials: CredentialVerification[];
}

/** A presentation's report from its own checks and its credentials' reports. */
export function presentationReport(
  checks: VerificationCheck[],
  credentials: CredentialVerification[],
  holder?: string,
): PresentationVerification {
  const accepted =
    !checks.some((c) => c.status === 'fail') && credentials.every((c) => c.outcome !== 'failed');
  const verified = accepted && credentials.every((c) => c.outcome === 'verified');
  return {
    verified,
    accepted,
    outcome: !accepted ? 'failed' : verified ? 'verified' : 'issuer_not_recognised',
    ...(holder === undefined ? {} : { holder }),
    checks,
    credentials,
  };
}

/**
 * The `presentation_freshness` check. OpenID4VP 1.0 (B.1.3.1.5 and its replay considerations)
 * requires only `nonce` and `aud` in a JWT VP; replay protection rests on the single-use nonce,
 * and wallets such as Credo send no `iat`. So:
 * - without `iat`, the presentation is fresh when its nonce and audience are the request's (the
 *   caller holds the nonce to one answer while the request is open);
 * - with `iat`, it must be a number, not in the future and at most
 *   {@link MAX_PRESENTATION_AGE_SECONDS} old (each with the clock skew);
 * - an `exp`, when present, must be a number that has not passed.
 */
function freshness(
  payload: Record<string, unknown>,
  boundToRequest: boolean,
  deps: Pick<VerificationDeps, 'now' | 'clockSkewSeconds'>,
): VerificationCheck {
  const now = Math.floor(deps.now() / 1000);
  const skew = deps.clockSkewSeconds;
  const { iat, exp } = payload;
  const stale = (reason: string): VerificationCheck =>
    failed('presentation_freshness', 'ERR_PRESENTATION_STALE', `The presentation is not fresh: ${reason}`);
  if (exp !== undefined && !(typeof exp === 'number' && now - skew < exp))
    return stale('its own expiry ("exp") has passed or is not a time.');
  if (iat === undefined) {
    return boundToRequest
      ? pass(
          'presentation_freshness',
          'Has no issue time ("iat"); bound to this request by its nonce and audience, as OpenID4VP 1.0 prescribes.',
        )
      : stale('it has no issue time ("iat"), and its nonce or audience is not this request\'s.');
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return stale('its issue time ("iat") is not a time.');
  if (iat > now + skew) return stale('its issue time ("iat") is in the future.');
  if (now - iat > MAX_PRESENTATION_AGE_SECONDS + skew)
    return stale(
      `it was made more than ${MAX_PRESENTATION_AGE_SECONDS / 60} minutes before it was sent ("iat").`,
    );
  return pass('presentation_freshness', 'Made just now.');
}

/** A presentation opened and its own checks made: who holds it, and the credentials it carries. */
type Opened =
  | { ok: true; checks: VerificationCheck[]; holder: string; credentials: CredentialEnvelope[] }
  | { ok: false; checks: VerificationCheck[]; holder?: string };

/**
 * A `jwt_vc_json` presentation (a VP JWT): the holder's signature with a key of the holder's
 * did:key (`authentication`), the request's nonce and this verifier as audience, freshness (see
 * {@link freshness}); it carries credential JWTs.
 */
async function openJwtPresentation(
  jwt: unknown,
  options: VerifyPresentationOptions,
  deps: VerificationDeps,
): Promise<Opened> {
  const parsed = parseCompactJws(jwt);
  if (!parsed.ok)
    return {
      ok: false,
      checks: [
        failed(
          'presentation_format',
          parsed.code,
          `The presentation is not an acceptable JWT: ${parsed.reason}`,
        ),
      ],
    };
  const payload = parsed.jws.payload;
  const holder = payload.iss;
  const vp = payload.vp;
  if (typeof holder !== 'string' || typeof vp !== 'object' || vp === null || Array.isArray(vp)) {
    return {
      ok: false,
      checks: [
        failed(
          'presentation_format',
          'ERR_PRESENTATION_INVALID',
          'The presentation has no holder ("iss") or no "vp" claim.',
        ),
      ],
    };
  }
  const presentation = vp as Record<string, unknown>;
  const credentials = presentation.verifiableCredential;
  if (
    !isPresentationType(presentation.type) ||
    (presentation.holder !== undefined && presentation.holder !== holder) ||
    !Array.isArray(credentials) ||
    !credentials.every((c) => typeof c === 'string')
  ) {
    return {
      ok: false,
      holder,
      checks: [
        failed(
          'presentation_format',
          'ERR_PRESENTATION_INVALID',
          'The presentation is not a VerifiablePresentation holding credential JWTs.',
        ),
      ],
    };
  }
  const checks: VerificationCheck[] = [
    pass('presentation_format', 'A well-formed presentation JWT signed with EdDSA.'),
  ];
  if (!holder.startsWith('did:key:'))
    return {
      ok: false,
      holder,
      checks: [
        ...checks,
        failed('presentation_signature', 'ERR_DID_METHOD_UNSUPPORTED', 'The holder must be a did:key.'),
      ],
    };
  const resolved = await deps.resolveDid(holder);
  if (!resolved.ok)
    return {
      ok: false,
      holder,
      checks: [...checks, failed('presentation_signature', resolved.code, resolved.reason)],
    };
  const keys = selectVerificationKeys(resolved.document, holder, 'authentication', parsed.jws.header.kid);
  if (!keys.ok)
    return {
      ok: false,
      holder,
      checks: [...checks, failed('presentation_signature', keys.code, keys.reason)],
    };
  const signed = await verifyJws(parsed.jws, keys.keys, deps.verifySignature);
  if (!signed.ok)
    return {
      ok: false,
      holder,
      checks: [
        ...checks,
        failed('presentation_signature', signed.code, "The presentation is not signed by the holder's key."),
      ],
    };
  checks.push(pass('presentation_signature', 'Signed by the holder.'));

  const nonceOk = typeof payload.nonce === 'string' && payload.nonce === options.nonce;
  checks.push(
    nonceOk
      ? pass('presentation_nonce', 'Made for this request.')
      : failed(
          'presentation_nonce',
          'ERR_NONCE_INVALID',
          'The presentation was made for another request (its nonce does not match).',
        ),
  );
  const aud = payload.aud;
  const audOk =
    aud === options.audience || (Array.isArray(aud) && aud.length === 1 && aud[0] === options.audience);
  checks.push(
    audOk
      ? pass('presentation_audience', 'Addressed to this verifier.')
      : failed(
          'presentation_audience',
          'ERR_AUDIENCE_INVALID',
          'The presentation is addressed to another verifier.',
        ),
  );
  checks.push(freshness(payload, nonceOk && audOk, deps));
  return {
    ok: true,
    checks,
    holder,
    // Parsed here once: the bounds read each credential's issuer before the pipeline verifies it.
    credentials: credentials.map((c) => ({ format: 'jwt_vc_json', jwt: c, parsed: parseCredentialJwt(c) })),
  };
}

function isPresentationType(types: unknown): boolean {
  return (
    types === 'VerifiablePresentation' || (Array.isArray(types) && types.includes('VerifiablePresentation'))
  );
}

/** Which check a refusal of an `ldp_vp` proof belongs to. */
function ldpCheckFor(code: ErrorCode): CheckId {
  if (code === 'ERR_PROOF_CHALLENGE_MISMATCH') return 'presentation_nonce';
  if (code === 'ERR_PROOF_DOMAIN_MISMATCH') return 'presentation_audience';
  if (code === 'ERR_PROOF_CREATED_IN_FUTURE') return 'presentation_freshness';
  if (code.startsWith('ERR_JSONLD_') || code.startsWith('ERR_INPUT_') || code === 'ERR_NOT_AN_OBJECT')
    return 'presentation_format';
  return 'presentation_signature';
}

/**
 * An `ldp_vp` presentation (OpenID4VP 1.0, B.1.3.2): a VC 2.0 VerifiablePresentation with one
 * eddsa-rdfc-2022 Data Integrity proof by the holder's did:key, for `authentication`, whose
 * `challenge` is the request's nonce and whose `domain` is this verifier's client id — so a
 * presentation made for another request or verifier, or sent again, is refused. It carries
 * `ldp_vc` credentials.
 */
async function openLdpPresentation(
  presentation: Record<string, unknown>,
  options: VerifyPresentationOptions,
  deps: VerificationDeps,
): Promise<Opened> {
  const holder = presentation.holder;
  const credentials = presentation.verifiableCredential;
  const list: unknown[] = Array.isArray(credentials)
    ? credentials
    : credentials === undefined
      ? []
      : [credentials];
  if (
    typeof holder !== 'string' ||
    !isPresentationType(presentation.type) ||
    !list.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c))
  )
    return {
      ok: false,
      checks: [
        failed(
          'presentation_format',
          'ERR_PRESENTATION_INVALID',
          'The presentation is not a VerifiablePresentation of a holder, holding credentials with Data Integrity proofs.',
        ),
      ],
    };
  if (!holder.startsWith('did:key:'))
    return {
      ok: false,
      holder,
      checks: [
        failed('presentation_signature', 'ERR_DID_METHOD_UNSUPPORTED', 'The holder must be a did:key.'),
      ],
    };
  const verified = await verifyDataIntegrityProof(presentation, {
    expectedProofPurpose: 'authentication',
    expectedController: holder,
    challenge: options.nonce,
    domain: options.audience,
    resolveDid: deps.resolveDid,
    verifySignature: deps.verifySignature,
    now: deps.now,
    clockSkewSeconds: deps.clockSkewSeconds,
  });
  if (!verified.ok)
    return {
      ok: false,
      holder,
      checks: [failed(ldpCheckFor(verified.code), verified.code, verified.reason)],
    };
  return {
    ok: true,
    holder,
    checks: [
      pass(
        'presentation_format',
        'A well-formed JSON-LD presentation with a Data Integrity proof (eddsa-rdfc-2022).',
      ),
      pass('presentation_signature', 'Signed by the holder.'),
      pass('presentation_nonce', 'Made for this request (its challenge).'),
      pass('presentation_audience', 'Addressed to this verifier (its domain).'),
      pass('presentation_freshness', 'Bound to this request by its challenge, made no later than now.'),
    ],
    credentials: list.map((c) => ({ format: 'ldp_vc', credential: c as Record<string, unknown> })),
  };
}

/** The issuer a credential in an envelope names, before anything is verified (for the bounds). */
function claimedIssuer(envelope: CredentialEnvelope): string {
  if (envelope.format === 'ldp_vc') {
    const issuer = envelope.credential.issuer;
    const id = typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : issuer;
    return typeof id === 'string' ? id : '';
  }
  const parsed =
    envelope.format === 'dc+sd-jwt'
      ? parseCredentialJwt(envelope.token.split('~')[0])
      : (envelope.parsed ?? parseCredentialJwt(envelope.jwt));
  return parsed.ok && typeof parsed.jws.payload.iss === 'string' ? parsed.jws.payload.iss : '';
}

/**
 * Verifies a presentation in either envelope — a VP JWT (`jwt_vc_json`, a string) or an `ldp_vp`
 * (a JSON object) — then, within bounds on what one answer may carry, each of its credentials
 * through the same pipeline with holder binding. Never throws.
 */
export async function verifyPresentation(
  presentation: unknown,
  options: VerifyPresentationOptions,
  deps: VerificationDeps,
): Promise<PresentationVerification> {
  const opened =
    typeof presentation === 'object' && presentation !== null && !Array.isArray(presentation)
      ? await openLdpPresentation(presentation as Record<string, unknown>, options, deps)
      : await openJwtPresentation(presentation, options, deps);
  if (!opened.ok) return presentationReport(opened.checks, [], opened.holder);
  const { holder, credentials } = opened;
  const checks = [...opened.checks];

  const budget = options.budget ?? newPresentationBudget();
  const size = takeFromBudget(budget, credentials);
  checks.push(size);
  if (size.status === 'fail') return presentationReport(checks, [], holder);

  const results: CredentialVerification[] = [];
  for (const credential of credentials) {
    results.push(
      await verifyCredential(credential, deps, {
        holder,
        statusMemo: budget.statusMemo,
        maxStatusLists: MAX_STATUS_LISTS_PER_ANSWER,
      }),
    );
  }
  return presentationReport(checks, results, holder);
}

/**
 * The `presentation_size` check: the credentials of a presentation, with those of the answer's
 * presentations before it, stay within {@link MAX_CREDENTIALS_PER_PRESENTATION} credentials from
 * {@link MAX_ISSUERS_PER_PRESENTATION} issuers, whatever their envelopes; when they do, they are
 * taken from the budget.
 */
export function takeFromBudget(
  budget: PresentationBudget,
  credentials: CredentialEnvelope[],
): VerificationCheck {
  const issuers = new Set([...budget.issuers, ...credentials.map(claimedIssuer)]);
  if (
    credentials.length === 0 ||
    budget.credentials + credentials.length > MAX_CREDENTIALS_PER_PRESENTATION ||
    issuers.size > MAX_ISSUERS_PER_PRESENTATION
  )
    return failed(
      'presentation_size',
      'ERR_TOO_MANY_CREDENTIALS',
      `A presentation holds 1 to ${MAX_CREDENTIALS_PER_PRESENTATION} credentials from at most ${MAX_ISSUERS_PER_PRESENTATION} issuers, counting every presentation of the answer.`,
    );
  budget.credentials += credentials.length;
  for (const issuer of issuers) budget.issuers.add(issuer);
  return pass('presentation_size', `${credentials.length} credential(s).`);
}
