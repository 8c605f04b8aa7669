import { randomBytes } from 'node:crypto';
import {
  BodyIssues,
  CREDENTIAL_FORMATS,
  SKILL_CREDENTIAL_TYPES,
  SkillsPassportError,
  matchSkills,
  type AnyMatchable,
  type AnySkillProof,
  type EnvelopeFormat,
  type ErrorCode,
  type SkillTaxonomy,
  type SkillsMatchReport,
} from '@skills-passport/core';
import type {
  EmployerStore,
  AcceptedKind,
  RequestStore,
  SkillRequirement,
  StoredRequest,
  TrustedIssuerStore,
} from '../ports.js';
import { combinations } from './combinations.js';
import { credentialSharing, type CredentialSharing } from './credential-sharing.js';
import {
  failedChecks,
  refusal,
  refusalForChecks,
  walletErrorResponse,
  type DirectPostOutcome,
  type RefusedOutcome,
} from './direct-post.js';
import { learnerIdentity, type IdentityConflict } from './learner-identity.js';
import { SD_JWT_QUERY_ID, sdJwtCredentialQuery, vctValues } from './sd-jwt-query.js';
import type { VerifierIdentity } from './verifier-identity.js';
import type { CredentialVerification, VerificationDeps } from './verify-credential.js';
import {
  newPresentationBudget,
  verifyPresentation,
  type PresentationVerification,
} from './verify-presentation.js';
import { verifySdJwtPresentation } from './verify-sd-jwt-presentation.js';
import { readVpToken, type DcqlQueryObject } from './vp-token.js';

/**
 * DCQL credential query id per envelope: one query per format. `jwt_vc_json` and `ldp_vc` take
 * every accepted kind; `dc+sd-jwt` takes our types from trusted issuers and names the claims.
 */
export const QUERY_IDS: Record<EnvelopeFormat, string> = {
  jwt_vc_json: 'skills_jwt_vc_json',
  ldp_vc: 'skills_ldp_vc',
  'dc+sd-jwt': SD_JWT_QUERY_ID,
};

/** The envelope a credential query id asks for. */
function formatOfQuery(queryId: string): EnvelopeFormat | undefined {
  return (Object.keys(QUERY_IDS) as EnvelopeFormat[]).find((format) => QUERY_IDS[format] === queryId);
}

/**
 * Every kind a request may accept, ours first; by default a request accepts them all. Only kinds
 * that prove skills: a development plan names skills still to learn, so nobody asks for one.
 */
export const ACCEPTED_KINDS: readonly AcceptedKind[] = [...SKILL_CREDENTIAL_TYPES, 'OpenBadgeCredential'];

const TYPE_IRI_BASE = 'https://w3id.org/skills-passport/vocab#';
const OB_TYPE_IRI_BASE = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const VC_TYPE_IRI = 'https://www.w3.org/2018/credentials#VerifiableCredential';

/** The DCQL type alternatives of a kind: its expanded IRIs and its short names (wallets match either). */
function typeValues(kind: AcceptedKind): string[][] {
  const iri = kind === 'OpenBadgeCredential' ? OB_TYPE_IRI_BASE : TYPE_IRI_BASE;
  const names = kind === 'OpenBadgeCredential' ? ['OpenBadgeCredential', 'AchievementCredential'] : [kind];
  return names.flatMap((name) => [
    [VC_TYPE_IRI, `${iri}${name}`],
    ['VerifiableCredential', name],
  ]);
}

/** What an employer sends to create a request. */
export interface SkillsRequestInput {
  title: string;
  skills: SkillRequirement[];
  acceptedTypes?: AcceptedKind[];
  acceptedIssuers?: string[];
  /** Ask the learner for their name (SD-JWT VC answers disclose it only then); default false. */
  askForName?: boolean;
  expiresInSeconds?: number;
}

/** Everything request handling needs. */
export interface RequestContext {
  store: RequestStore;
  identity: VerifierIdentity;
  verification: VerificationDeps;
  taxonomy: SkillTaxonomy;
  publicUrl: URL;
  requestTtlSeconds: number;
  /** The trusted issuers, whose origins give the vct values an SD-JWT VC query names. */
  trustedIssuers: Pick<TrustedIssuerStore, 'listTrustedIssuers'>;
  /** The employers, whose names the request object carries. */
  employers: Pick<EmployerStore, 'employer'>;
  /** Local development: issuers on localhost serve their type metadata over http. */
  allowInsecureLocalhost: boolean;
}

const MAX_SKILLS = 50;

/** The shortest and longest time an employer may keep a request open, in seconds. */
export const REQUEST_LIFETIME = { min: 60, max: 30 * 86_400 } as const;

/**
 * The most a signed request object (JAR) says it is valid for, however long its request stays
 * open. The object carries the request's nonce and state and is signed afresh on every fetch, so
 * a wallet always gets a current one; a copy that leaks (a screenshot of a wallet's debug view, a
 * log) should not stand as a valid signed request for days (RFC 9101 and OpenID4VP's security
 * considerations ask for short-lived request objects). What keeps the nonce single-use is not this
 * `exp` but the stored request: an answer is taken only while the request is pending and
 * unexpired, `saveResult` closes it atomically with the first complete answer, and a
 * presentation with an `iat` must be minutes old at most (presentation_freshness).
 */
export const REQUEST_OBJECT_MAX_SECONDS = 600;

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Checks an employer's input; throws `ERR_VALIDATION` or `ERR_UNKNOWN_SKILL` with every issue. */
export function parseSkillsRequest(
  body: Record<string, unknown>,
  taxonomy: SkillTaxonomy,
): SkillsRequestInput {
  const found = new BodyIssues();
  const title = found.text(
    body,
    'title',
    200,
    'Give the request a title of 1 to 200 characters (e.g. the vacancy).',
  );
  const skills: SkillRequirement[] = [];
  const unknown = new BodyIssues();
  const seen = new Set<string>();
  found.list(body, 'skills', MAX_SKILLS, `Ask for 1 to ${MAX_SKILLS} skills.`)?.forEach((skill, i) => {
    const at = `/skills/${i}`;
    if (typeof skill.uri !== 'string') {
      found.add(`${at}/uri`, 'uri', 'Each skill needs the URI of a skill from the taxonomy.');
      return;
    }
    if (taxonomy.get(skill.uri) === undefined)
      unknown.add(`${at}/uri`, 'unknown_skill', `${skill.uri} is not a skill in the taxonomy.`);
    if (seen.has(skill.uri)) found.add(`${at}/uri`, 'duplicate', 'This skill is listed twice.');
    seen.add(skill.uri);
    found.flag(skill, 'required', at);
    const min = skill.minimumLevel;
    if (
      min !== undefined &&
      min !== null &&
      !(Number.isInteger(min) && (min as number) >= 1 && (min as number) <= 4)
    )
      found.add(`${at}/minimumLevel`, 'range', 'The minimum level is 1 (Beginner) to 4 (Expert).');
    skills.push({
      uri: skill.uri,
      required: skill.required !== false,
      ...(typeof min === 'number' ? { minimumLevel: min } : {}),
    });
  });
  let acceptedTypes: AcceptedKind[] = [...ACCEPTED_KINDS];
  if (body.acceptedTypes !== undefined) {
    if (
      !Array.isArray(body.acceptedTypes) ||
      body.acceptedTypes.length === 0 ||
      !body.acceptedTypes.every((t) => (ACCEPTED_KINDS as readonly unknown[]).includes(t))
    ) {
      found.add(
        '/acceptedTypes',
        'enum',
        `Accepted types are some of ${ACCEPTED_KINDS.join(', ')} (OpenBadgeCredential: other issuers' Open Badges).`,
      );
    } else {
      acceptedTypes = ACCEPTED_KINDS.filter((t) => (body.acceptedTypes as string[]).includes(t));
    }
  }
  let acceptedIssuers: string[] | undefined;
  if (body.acceptedIssuers !== undefined) {
    if (
      !Array.isArray(body.acceptedIssuers) ||
      body.acceptedIssuers.length > 50 ||
      !body.acceptedIssuers.every((d) => typeof d === 'string' && d.startsWith('did:') && d.length < 500)
    ) {
      found.add('/acceptedIssuers', 'dids', 'Accepted issuers are up to 50 DIDs.');
    } else {
      acceptedIssuers = [...new Set(body.acceptedIssuers as string[])];
    }
  }
  found.flag(body, 'askForName');
  const expires = body.expiresInSeconds;
  if (
    expires !== undefined &&
    !(
      Number.isInteger(expires) &&
      (expires as number) >= REQUEST_LIFETIME.min &&
      (expires as number) <= REQUEST_LIFETIME.max
    )
  ) {
    found.add(
      '/expiresInSeconds',
      'range',
      `A request stays open for a whole number of seconds, from ${REQUEST_LIFETIME.min} (one minute) to ${REQUEST_LIFETIME.max} (30 days).`,
    );
  }
  if (found.issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', {
      issues: [...found.issues, ...unknown.issues],
    });
  if (unknown.issues.length > 0)
    throw new SkillsPassportError('ERR_UNKNOWN_SKILL', 'Some skills are not in the taxonomy.', {
      issues: unknown.issues,
    });
  return {
    title,
    skills,
    acceptedTypes,
    ...(acceptedIssuers === undefined ? {} : { acceptedIssuers }),
    ...(body.askForName === true ? { askForName: true } : {}),
    ...(typeof expires === 'number' ? { expiresInSeconds: expires } : {}),
  };
}

/** Stores a new request with a fresh nonce and state. */
export async function createSkillsRequest(
  input: SkillsRequestInput,
  employerId: string,
  ctx: RequestContext,
  now: number,
): Promise<StoredRequest> {
  const request: StoredRequest = {
    id: randomToken(16),
    employerId,
    title: input.title,
    skills: input.skills,
    acceptedTypes: input.acceptedTypes ?? [...ACCEPTED_KINDS],
    acceptedIssuers: input.acceptedIssuers,
    ...(input.askForName === true ? { askForName: true as const } : {}),
    nonce: randomToken(32),
    state: randomToken(16),
    createdAt: now,
    expiresAt: now + (input.expiresInSeconds ?? ctx.requestTtlSeconds) * 1000,
    status: 'pending',
  };
  await ctx.store.addRequest(request);
  return request;
}

/** Where a request is fetched and answered, and the link a wallet opens. */
export function requestLinks(
  request: Pick<StoredRequest, 'id'>,
  ctx: Pick<RequestContext, 'publicUrl' | 'identity'>,
): { requestUri: string; responseUri: string; link: string } {
  const base = ctx.publicUrl.href.replace(/\/$/, '');
  const requestUri = `${base}/oid4vp/requests/${request.id}`;
  const responseUri = `${base}/oid4vp/responses/${request.id}`;
  const link = `openid4vp://?client_id=${encodeURIComponent(ctx.identity.clientId)}&request_uri=${encodeURIComponent(requestUri)}`;
  return { requestUri, responseUri, link };
}

/**
 * The DCQL query for a request: one credential query per envelope (`jwt_vc_json`, `ldp_vc`),
 * each taking several credentials of any accepted kind (each kind as its expanded IRI and as its
 * short name); `dc+sd-jwt` besides when `vcts` names any type (see sdJwtCredentialQuery: the
 * vct of our types at trusted issuers, and the claims to disclose); and one credential set over
 * them.
 *
 * Any accepted kind can prove any skill, and the learner chooses credentials, not envelopes: a
 * query per envelope lets a wallet send each credential in the envelope it holds, and one answer
 * may mix them. The set's options are every non-empty combination of the two queries, the
 * largest first: a wallet answers a set with one of its options (OpenID4VP 1.0, 6.4.2), and
 * strict wallets take the first option they can fulfil and skip optional sets (Credo's automatic
 * selection), so a wallet holding credentials in both envelopes shares them all. The set is
 * required when the request has required skills, so an answer must bring at least one
 * credential; optional when every skill is optional, so the learner may share nothing (the
 * wallet then sends an error response, never an empty vp_token: 8.1, errata 1).
 */
export function dcqlQuery(
  request: Pick<StoredRequest, 'acceptedTypes' | 'skills' | 'askForName'>,
  vcts: readonly string[] = [],
): DcqlQueryObject {
  const type_values = request.acceptedTypes.flatMap(typeValues);
  const sdJwt = sdJwtCredentialQuery(request, vcts);
  const credentials: DcqlQueryObject['credentials'] = [
    // The whole-credential envelopes ask by type; the SD-JWT VC query asks by claims (below).
    ...CREDENTIAL_FORMATS.filter((format) => format !== 'dc+sd-jwt').map((format) => ({
      id: QUERY_IDS[format],
      format,
      multiple: true,
      meta: { type_values },
    })),
    ...(sdJwt === undefined ? [] : [sdJwt]),
  ];
  const ids = credentials.map((query) => query.id);
  return {
    credentials,
    credential_sets: [
      { options: combinations(ids), required: request.skills.some((skill) => skill.required) },
    ],
  };
}

/** The DCQL query of a stored request, with the vct values of the issuers trusted now. */
export async function requestDcqlQuery(
  request: StoredRequest,
  ctx: Pick<RequestContext, 'trustedIssuers' | 'allowInsecureLocalhost'>,
): Promise<DcqlQueryObject> {
  const trusted = await ctx.trustedIssuers.listTrustedIssuers();
  return dcqlQuery(request, vctValues(request, trusted, ctx.allowInsecureLocalhost));
}

/** Algorithms this verifier accepts for an SD-JWT VC's issuer signature and its Key Binding JWT. */
const SD_JWT_ALGS = ['EdDSA', 'ES256'];

/**
 * The signed request object (JAR, `typ: oauth-authz-req+jwt`) the wallet fetches by `request_uri`,
 * valid until the request expires but for {@link REQUEST_OBJECT_MAX_SECONDS} at most.
 * It carries no `iss`: wallets disagree on whether `iss` is the client id with its prefix or the
 * bare DID, and OpenID4VP identifies the verifier by `client_id` and the signing key anyway.
 */
export async function requestObject(
  request: StoredRequest,
  ctx: Pick<
    RequestContext,
    'publicUrl' | 'identity' | 'trustedIssuers' | 'allowInsecureLocalhost' | 'employers'
  >,
  now: number,
): Promise<string> {
  const { responseUri } = requestLinks(request, ctx);
  const employer = await ctx.employers.employer(request.employerId);
  return ctx.identity.signJwt(
    { alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: ctx.identity.kid },
    {
      aud: 'https://self-issued.me/v2',
      iat: Math.floor(now / 1000),
      exp: Math.floor(Math.min(request.expiresAt, now + REQUEST_OBJECT_MAX_SECONDS * 1000) / 1000),
      client_id: ctx.identity.clientId,
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: responseUri,
      nonce: request.nonce,
      state: request.state,
      dcql_query: await requestDcqlQuery(request, ctx),
      // Who asks and why, signed with the verifier's did:web key, so a wallet can show it as
      // verified: the employer's name (RFC 7591 client_name) and the vacancy as its purpose.
      client_metadata: {
        client_name:
          employer === undefined ? 'Skills Passport verifier' : `${employer.name} (via Skills Passport)`,
        purpose: request.title,
        vp_formats_supported: {
          jwt_vc_json: { alg_values: ['EdDSA'] },
          ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] },
          'dc+sd-jwt': { 'sd-jwt_alg_values': SD_JWT_ALGS, 'kb-jwt_alg_values': SD_JWT_ALGS },
        },
      },
    },
  );
}

/** The stored answer: every presentation's checks, and the per-skill match. */
export interface RequestReport {
  accepted: boolean;
  outcome: 'verified' | 'issuer_not_recognised' | 'failed';
  /** The holder DID of the VPs; absent when every credential came as an SD-JWT VC (bound by key). */
  holder?: string;
  /** The learner's name, only when a credential that counts shared it (see `learnerIdentity`). */
  learnerName?: string;
  /**
   * Present when the credentials that count name different people (by name or by another
   * identifier given in the clear): the answer stands, and the employer is warned.
   */
  identityConflicts?: IdentityConflict[];
  presentations: PresentationVerification[];
  /** Per credential (in answer order, as `credentialIndex`): its envelope and what it shared. */
  sharing?: CredentialSharing[];
  match: SkillsMatchReport<AnySkillProof>;
}

/**
 * What became of a wallet's `direct_post`. Accepted: a complete answer, verified, stored, and the
 * request answered. Refused and open: an incomplete answer, which is noted, or one that changed
 * nothing; refused and closed: the answer was stored as failed (its report here) and closed the
 * request, or the request was closed already.
 */
export type ResponseOutcome = DirectPostOutcome<
  { kind: 'accepted'; report: RequestReport },
  RefusedOutcome & { report?: RequestReport }
>;

/** The kind a verified credential is, for the request's accepted kinds. */
function kindOf(c: CredentialVerification): AcceptedKind | undefined {
  if (c.type !== undefined) return c.type;
  return c.badge === undefined ? undefined : 'OpenBadgeCredential';
}

/**
 * What the skills match reads: each accepted credential that was not refused, once — a learner
 * may send the same credential in both envelopes; it is one proof. Credentials of an issuer the
 * request does not accept are shown but do not count.
 */
function matchable(request: StoredRequest, presentations: PresentationVerification[]): AnyMatchable[] {
  const out: AnyMatchable[] = [];
  const seen = new Set<string>();
  let index = 0;
  for (const presentation of presentations) {
    for (const c of presentation.credentials) {
      const kind = kindOf(c);
      const id = c.credential?.id ?? c.badge?.credentialId;
      if (
        kind !== undefined &&
        id !== undefined &&
        c.outcome !== 'failed' &&
        request.acceptedTypes.includes(kind) &&
        !seen.has(id)
      ) {
        seen.add(id);
        const accepted =
          request.acceptedIssuers === undefined ||
          (c.issuer !== undefined && request.acceptedIssuers.includes(c.issuer));
        const outcome = c.outcome === 'verified' && accepted ? 'verified' : 'issuer_not_recognised';
        const issuerName = c.issuerName ?? c.issuer ?? '';
        // The holder's own credential (issuer = subject) is listed as self-declared, never counted.
        const selfDeclared = c.selfDeclared === true ? { selfDeclared: true } : {};
        if (c.credential !== undefined && c.type !== undefined)
          out.push({
            index,
            type: c.type,
            credential: c.credential,
            outcome,
            issuerName,
            ...(c.disclosure === undefined ? {} : { partial: true }),
            ...selfDeclared,
          });
        else if (c.badge !== undefined)
          out.push({ kind: 'open-badge', index, badge: c.badge, outcome, issuerName, ...selfDeclared });
      }
      index += 1;
    }
  }
  return out;
}

/** Refuses a credential the request did not ask for: not an accepted kind, or not in the query's envelope. */
function refuseUnasked(
  verified: PresentationVerification,
  request: StoredRequest,
  queryId: string,
  format: EnvelopeFormat | undefined,
): void {
  for (const credential of verified.credentials) {
    const kind = kindOf(credential);
    const reason =
      credential.format !== format
        ? `A ${credential.format ?? 'credential'} was sent in answer to the query "${queryId}", which asks for ${format ?? 'another format'}.`
        : kind !== undefined && !request.acceptedTypes.includes(kind)
          ? `A ${kind} was sent, which this request does not accept.`
          : undefined;
    if (reason === undefined) continue;
    credential.checks.push({ id: 'schema', status: 'fail', code: 'ERR_CREDENTIAL_TYPE_MISMATCH', reason });
    credential.outcome = 'failed';
    credential.verified = false;
    verified.accepted = false;
    verified.verified = false;
    verified.outcome = 'failed';
  }
}

/**
 * Handles a `direct_post` answer: the request must exist, match `state`, be unexpired and
 * unanswered. It is claimed while the answer is read and verified. What the answer is decides
 * what is kept:
 * - the wallet's error response (an `error` parameter) is answered as processed and noted;
 * - an incomplete answer (no presentation, or a required credential set left unanswered, read
 *   against the request's own DCQL query) is refused with nothing verified, and noted;
 *   either way the request stays open until it is answered fully or expires, with its nonce;
 * - a malformed `vp_token` is stored as failed, and a complete answer is verified and its report
 *   stored whatever the verdict, each together with the request's new status in one atomic step
 *   (`RequestStore.saveResult`): one stored response per request, and the nonce is used up with it.
 * An answer that could not be stored (ERR_STORAGE_UNAVAILABLE, thrown) leaves the request open to
 * be sent again. Every presentation is verified against the request's nonce and this verifier's
 * client id; credentials must be of the type their DCQL query asked for.
 */
export async function receiveResponse(
  requestId: string,
  form: Record<string, unknown>,
  ctx: RequestContext,
): Promise<ResponseOutcome> {
  const now = ctx.verification.now();
  const request = await ctx.store.request(requestId);
  if (request === undefined) return refused('There is no such request.', 'ERR_NOT_FOUND', false);
  if (typeof form.state !== 'string' || form.state !== request.state)
    return refused('The state does not belong to this request.', 'ERR_VALIDATION', true);
  if (request.status !== 'pending') return alreadyAnswered();
  if (request.expiresAt <= now)
    return refused('This request has expired; ask the employer for a new one.', 'ERR_REQUEST_EXPIRED', false);
  const claim = await ctx.store.claimForAnswering(request.id, now);
  if (claim === undefined) return alreadyAnswered();
  try {
    return await answerClaimed(request, form, ctx, now);
  } finally {
    await claim.release();
  }
}

function refused(
  description: string,
  code: ErrorCode,
  requestOpen: boolean,
  report?: RequestReport,
): ResponseOutcome {
  return withReport(refusal(description, code, requestOpen), report);
}

const withReport = (refused: RefusedOutcome, report: RequestReport | undefined): ResponseOutcome =>
  report === undefined ? refused : { ...refused, report };

function alreadyAnswered(): ResponseOutcome {
  return refused(
    'This request has already been answered; ask the employer for a new one.',
    'ERR_REQUEST_ALREADY_ANSWERED',
    false,
  );
}

/** Reads, verifies and keeps (or notes) the answer to a request this instance has claimed. */
async function answerClaimed(
  request: StoredRequest,
  form: Record<string, unknown>,
  ctx: RequestContext,
  now: number,
): Promise<ResponseOutcome> {
  if (form.error !== undefined) return walletError(request, form, ctx, now);
  const query = await requestDcqlQuery(request, ctx);
  const reading = readVpToken(form.vp_token, query);
  if (reading.kind === 'incomplete') {
    if (!(await ctx.store.noteIncompleteAnswer(request.id, now, reading.reason))) return alreadyAnswered();
    return refused(
      `${reading.description} The request stays open for a complete answer.`,
      'ERR_PRESENTATION_INVALID',
      true,
    );
  }
  const empty: SkillsMatchReport<AnySkillProof> = matchSkills(
    request.skills,
    [] as AnyMatchable[],
    ctx.taxonomy,
  );
  if (reading.kind === 'malformed') {
    const report: RequestReport = { accepted: false, outcome: 'failed', presentations: [], match: empty };
    const saved = await ctx.store.saveResult({
      requestId: request.id,
      receivedAt: now,
      accepted: false,
      outcome: 'failed',
      report: { ...report, error: reading.description },
    });
    if (!saved) return alreadyAnswered();
    return refused(reading.description, reading.code, false, report);
  }

  const presentations: PresentationVerification[] = [];
  const budget = newPresentationBudget();
  // The Key Binding JWT's `aud` is the full client id, prefix included, as the request carries it.
  const binding = { nonce: request.nonce, audience: ctx.identity.clientId, budget };
  const vps: PresentationVerification[] = [];
  for (const { queryId, presentation } of reading.presentations) {
    const format = formatOfQuery(queryId);
    const sdJwt = format === 'dc+sd-jwt' && typeof presentation === 'string';
    const verified = sdJwt
      ? await verifySdJwtPresentation(presentation, binding, ctx.verification)
      : await verifyPresentation(presentation, binding, ctx.verification);
    refuseUnasked(verified, request, queryId, format);
    presentations.push(verified);
    if (!sdJwt) vps.push(verified);
  }
  // VPs must come from one holder DID. SD-JWT VCs are bound to a key (cnf + KB-JWT), not to a DID,
  // so they are not compared with it; each of them counts only when all its checks passed.
  const holders = new Set(vps.map((p) => p.holder));
  const accepted = presentations.every((p) => p.accepted) && holders.size <= 1;
  const outcome = !accepted
    ? 'failed'
    : presentations.every((p) => p.verified)
      ? 'verified'
      : 'issuer_not_recognised';
  const holder = vps[0]?.holder;
  const credentials = presentations.flatMap((p) => p.credentials);
  const { learnerName, conflicts } = accepted ? learnerIdentity(credentials) : { conflicts: [] };
  const report: RequestReport = {
    accepted,
    outcome,
    ...(holder === undefined ? {} : { holder }),
    ...(learnerName === undefined ? {} : { learnerName }),
    ...(conflicts.length === 0 ? {} : { identityConflicts: conflicts }),
    presentations,
    sharing: credentials.map((c, index) => credentialSharing(index, c)),
    match: accepted ? matchSkills(request.skills, matchable(request, presentations), ctx.taxonomy) : empty,
  };
  if (!(await ctx.store.saveResult({ requestId: request.id, receivedAt: now, accepted, outcome, report })))
    return alreadyAnswered();
  if (accepted) return { kind: 'accepted', report };
  return holders.size > 1
    ? refused('The presentations come from different holders.', 'ERR_HOLDER_MISMATCH', false, report)
    : withReport(refusalForChecks(failedChecks(presentations), false), report);
}

/**
 * The wallet's error response instead of a `vp_token`: the Response URI answers it as processed
 * (8.2), and notes its error code.
 */
async function walletError(
  request: StoredRequest,
  form: Record<string, unknown>,
  ctx: RequestContext,
  now: number,
): Promise<ResponseOutcome> {
  const outcome = walletErrorResponse(form);
  if (outcome.kind === 'refused') return outcome;
  if (!(await ctx.store.noteIncompleteAnswer(request.id, now, 'wallet_error', outcome.error)))
    return alreadyAnswered();
  return outcome;
}
