import { randomBytes } from 'node:crypto';
import {
  CREDENTIAL_TYPES,
  SkillsPassportError,
  isCredentialTypeName,
  matchSkills,
  parseStrictJson,
  type CredentialTypeName,
  type ErrorCode,
  type MatchableCredential,
  type SkillTaxonomy,
  type SkillsMatchReport,
  type ValidationIssue,
} from '@skills-passport/core';
import type { RequestStore, SkillRequirement, StoredRequest } from '../ports.js';
import type { VerifierIdentity } from './verifier-identity.js';
import type { CredentialVerification, VerificationDeps } from './verify-credential.js';
import {
  newPresentationBudget,
  verifyPresentation,
  type PresentationVerification,
} from './verify-presentation.js';

/** DCQL credential query id per credential type. */
export const QUERY_IDS: Record<CredentialTypeName, string> = {
  EVCCredential: 'evc_credential',
  ModuleCredential: 'module_credential',
  WorkplaceLearningCredential: 'workplace_learning_credential',
};

const TYPE_IRI_BASE = 'https://w3id.org/skills-passport/vocab#';
const VC_TYPE_IRI = 'https://www.w3.org/2018/credentials#VerifiableCredential';

/** What an employer sends to create a request. */
export interface SkillsRequestInput {
  title: string;
  skills: SkillRequirement[];
  acceptedTypes?: CredentialTypeName[];
  acceptedIssuers?: string[];
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
}

const MAX_SKILLS = 50;

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Checks an employer's input; throws `ERR_VALIDATION` or `ERR_UNKNOWN_SKILL` with every issue. */
export function parseSkillsRequest(
  body: Record<string, unknown>,
  taxonomy: SkillTaxonomy,
): SkillsRequestInput {
  const issues: ValidationIssue[] = [];
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (title.length < 1 || title.length > 200)
    issues.push({
      pointer: '/title',
      rule: 'title',
      message: 'Give the request a title of 1 to 200 characters (e.g. the vacancy).',
    });
  const skills: SkillRequirement[] = [];
  const unknown: ValidationIssue[] = [];
  if (!Array.isArray(body.skills) || body.skills.length === 0 || body.skills.length > MAX_SKILLS) {
    issues.push({ pointer: '/skills', rule: 'skills', message: `Ask for 1 to ${MAX_SKILLS} skills.` });
  } else {
    const seen = new Set<string>();
    body.skills.forEach((raw: unknown, i) => {
      const skill = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      if (typeof skill.uri !== 'string') {
        issues.push({
          pointer: `/skills/${i}/uri`,
          rule: 'uri',
          message: 'Each skill needs the URI of a skill from the taxonomy.',
        });
        return;
      }
      if (taxonomy.get(skill.uri) === undefined)
        unknown.push({
          pointer: `/skills/${i}/uri`,
          rule: 'unknown_skill',
          message: `${skill.uri} is not a skill in the taxonomy.`,
        });
      if (seen.has(skill.uri))
        issues.push({
          pointer: `/skills/${i}/uri`,
          rule: 'duplicate',
          message: 'This skill is listed twice.',
        });
      seen.add(skill.uri);
      if (skill.required !== undefined && typeof skill.required !== 'boolean')
        issues.push({
          pointer: `/skills/${i}/required`,
          rule: 'type',
          message: '"required" is true or false.',
        });
      const min = skill.minimumLevel;
      if (
        min !== undefined &&
        min !== null &&
        !(Number.isInteger(min) && (min as number) >= 1 && (min as number) <= 4)
      ) {
        issues.push({
          pointer: `/skills/${i}/minimumLevel`,
          rule: 'range',
          message: 'The minimum level is 1 (Beginner) to 4 (Expert).',
        });
      }
      skills.push({
        uri: skill.uri,
        required: skill.required !== false,
        ...(typeof min === 'number' ? { minimumLevel: min } : {}),
      });
    });
  }
  let acceptedTypes: CredentialTypeName[] = [...CREDENTIAL_TYPES];
  if (body.acceptedTypes !== undefined) {
    if (
      !Array.isArray(body.acceptedTypes) ||
      body.acceptedTypes.length === 0 ||
      !body.acceptedTypes.every(isCredentialTypeName)
    ) {
      issues.push({
        pointer: '/acceptedTypes',
        rule: 'enum',
        message: `Accepted types are some of ${CREDENTIAL_TYPES.join(', ')}.`,
      });
    } else {
      acceptedTypes = CREDENTIAL_TYPES.filter((t) => (body.acceptedTypes as string[]).includes(t));
    }
  }
  let acceptedIssuers: string[] | undefined;
  if (body.acceptedIssuers !== undefined) {
    if (
      !Array.isArray(body.acceptedIssuers) ||
      body.acceptedIssuers.length > 50 ||
      !body.acceptedIssuers.every((d) => typeof d === 'string' && d.startsWith('did:') && d.length < 500)
    ) {
      issues.push({
        pointer: '/acceptedIssuers',
        rule: 'dids',
        message: 'Accepted issuers are up to 50 DIDs.',
      });
    } else {
      acceptedIssuers = [...new Set(body.acceptedIssuers as string[])];
    }
  }
  const expires = body.expiresInSeconds;
  if (
    expires !== undefined &&
    !(Number.isInteger(expires) && (expires as number) >= 60 && (expires as number) <= 86_400)
  ) {
    issues.push({
      pointer: '/expiresInSeconds',
      rule: 'range',
      message: 'A request stays open 60 seconds to one day.',
    });
  }
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', {
      issues: [...issues, ...unknown],
    });
  if (unknown.length > 0)
    throw new SkillsPassportError('ERR_UNKNOWN_SKILL', 'Some skills are not in the taxonomy.', {
      issues: unknown,
    });
  return {
    title,
    skills,
    acceptedTypes,
    ...(acceptedIssuers === undefined ? {} : { acceptedIssuers }),
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
    acceptedTypes: input.acceptedTypes ?? [...CREDENTIAL_TYPES],
    acceptedIssuers: input.acceptedIssuers,
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
 * The DCQL query for a request: one credential query per accepted type (`jwt_vc_json`, several
 * credentials allowed), each in its own optional credential set, each type given both as its expanded IRI and its short name.
 */
export function dcqlQuery(acceptedTypes: readonly CredentialTypeName[]): Record<string, unknown> {
  return {
    credentials: acceptedTypes.map((type) => ({
      id: QUERY_IDS[type],
      format: 'jwt_vc_json',
      multiple: true,
      meta: {
        type_values: [
          [VC_TYPE_IRI, `${TYPE_IRI_BASE}${type}`],
          ['VerifiableCredential', type],
        ],
      },
    })),
    // Each type is optional on its own: the learner shares whichever kinds of proof they hold.
    credential_sets: acceptedTypes.map((type) => ({ options: [[QUERY_IDS[type]]], required: false })),
  };
}

/**
 * The signed request object (JAR, `typ: oauth-authz-req+jwt`) the wallet fetches by `request_uri`.
 * It carries no `iss`: wallets disagree on whether `iss` is the client id with its prefix or the
 * bare DID, and OpenID4VP identifies the verifier by `client_id` and the signing key anyway.
 */
export function requestObject(
  request: StoredRequest,
  ctx: Pick<RequestContext, 'publicUrl' | 'identity'>,
  now: number,
): string {
  const { responseUri } = requestLinks(request, ctx);
  return ctx.identity.signJwt(
    { alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: ctx.identity.kid },
    {
      aud: 'https://self-issued.me/v2',
      iat: Math.floor(now / 1000),
      exp: Math.floor(request.expiresAt / 1000),
      client_id: ctx.identity.clientId,
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: responseUri,
      nonce: request.nonce,
      state: request.state,
      dcql_query: dcqlQuery(request.acceptedTypes),
      client_metadata: {
        client_name: 'Skills Passport verifier',
        vp_formats_supported: { jwt_vc_json: { alg_values: ['EdDSA'] } },
      },
    },
  );
}

/** The stored answer: every presentation's checks, and the per-skill match. */
export interface RequestReport {
  accepted: boolean;
  outcome: 'verified' | 'issuer_not_recognised' | 'failed';
  holder?: string;
  presentations: PresentationVerification[];
  match: SkillsMatchReport;
}

/** The answer to a wallet: accepted, or an OAuth-style error with our code. */
export type ResponseOutcome =
  | { ok: true; report: RequestReport }
  | { ok: false; error: 'invalid_request'; description: string; code: string; report?: RequestReport };

function matchable(request: StoredRequest, presentations: PresentationVerification[]): MatchableCredential[] {
  const out: MatchableCredential[] = [];
  let index = 0;
  for (const presentation of presentations) {
    for (const entry of presentation.credentials) {
      const c: CredentialVerification = entry;
      if (
        c.credential !== undefined &&
        c.type !== undefined &&
        c.outcome !== 'failed' &&
        request.acceptedTypes.includes(c.type)
      ) {
        const accepted =
          request.acceptedIssuers === undefined ||
          (c.issuer !== undefined && request.acceptedIssuers.includes(c.issuer));
        out.push({
          index,
          type: c.type,
          credential: c.credential,
          outcome: c.outcome === 'verified' && accepted ? 'verified' : 'issuer_not_recognised',
          issuerName: c.issuerName ?? c.issuer ?? '',
        });
      }
      index += 1;
    }
  }
  return out;
}

function parseVpToken(
  raw: unknown,
  request: StoredRequest,
):
  | { ok: true; tokens: { queryId: string; presentation: string }[] }
  | { ok: false; description: string; code?: ErrorCode } {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, description: 'vp_token is missing.' };
  // Strict: a query id given twice would otherwise be read as its last value only, so the
  // presentations verified could differ from those another reader of the same answer sees.
  const strict = parseStrictJson(raw, { maxLength: Number.MAX_SAFE_INTEGER });
  if (!strict.ok)
    return {
      ok: false,
      description: `vp_token is not the JSON object OpenID4VP 1.0 prescribes: ${strict.reason}`,
      ...(strict.code === 'ERR_MALFORMED_JSON' ? {} : { code: strict.code }),
    };
  const parsed = strict.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, description: 'vp_token must be a JSON object keyed by DCQL query id.' };
  const allowed = new Set(request.acceptedTypes.map((t) => QUERY_IDS[t]));
  const tokens: { queryId: string; presentation: string }[] = [];
  for (const [queryId, value] of Object.entries(parsed)) {
    if (!allowed.has(queryId))
      return { ok: false, description: `vp_token answers "${queryId}", which this request did not ask for.` };
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.length > 10 || !list.every((p) => typeof p === 'string')) {
      return { ok: false, description: `vp_token["${queryId}"] must be a list of 1 to 10 presentations.` };
    }
    for (const presentation of list) tokens.push({ queryId, presentation });
  }
  if (tokens.length === 0) return { ok: false, description: 'vp_token holds no presentation.' };
  return { ok: true, tokens };
}

/**
 * Handles a `direct_post` answer: the request must exist, match `state`, be unexpired and
 * unanswered. It is claimed while the answer is verified, and the result is stored together with
 * the request's new status in one atomic step (`RequestStore.saveResult`): one response per
 * request, and an answer that could not be stored (ERR_STORAGE_UNAVAILABLE, thrown) leaves the
 * request open to be sent again. Every presentation is verified against the request's nonce and
 * this verifier's client id; credentials must be of the type their DCQL query asked for. The report
 * is stored whatever the verdict.
 */
export async function receiveResponse(
  requestId: string,
  form: Record<string, unknown>,
  ctx: RequestContext,
): Promise<ResponseOutcome> {
  const now = ctx.verification.now();
  const request = await ctx.store.request(requestId);
  if (request === undefined)
    return {
      ok: false,
      error: 'invalid_request',
      description: 'There is no such request.',
      code: 'ERR_NOT_FOUND',
    };
  if (typeof form.state !== 'string' || form.state !== request.state) {
    return {
      ok: false,
      error: 'invalid_request',
      description: 'The state does not belong to this request.',
      code: 'ERR_VALIDATION',
    };
  }
  if (request.status !== 'pending') return alreadyAnswered();
  if (request.expiresAt <= now) {
    return {
      ok: false,
      error: 'invalid_request',
      description: 'This request has expired; ask the employer for a new one.',
      code: 'ERR_REQUEST_EXPIRED',
    };
  }
  const claim = await ctx.store.claimForAnswering(request.id, now);
  if (claim === undefined) return alreadyAnswered();
  try {
    return await answerClaimed(request, form, ctx, now);
  } finally {
    await claim.release();
  }
}

function alreadyAnswered(): ResponseOutcome {
  return {
    ok: false,
    error: 'invalid_request',
    description: 'This request has already been answered; ask the employer for a new one.',
    code: 'ERR_REQUEST_ALREADY_ANSWERED',
  };
}

/** Verifies and stores the answer to a request this instance has claimed. */
async function answerClaimed(
  request: StoredRequest,
  form: Record<string, unknown>,
  ctx: RequestContext,
  now: number,
): Promise<ResponseOutcome> {
  const tokens = parseVpToken(form.vp_token, request);
  const empty = matchSkills(request.skills, [], ctx.taxonomy);
  if (!tokens.ok) {
    const report: RequestReport = { accepted: false, outcome: 'failed', presentations: [], match: empty };
    const saved = await ctx.store.saveResult({
      requestId: request.id,
      receivedAt: now,
      accepted: false,
      outcome: 'failed',
      report: { ...report, error: tokens.description },
    });
    if (!saved) return alreadyAnswered();
    return {
      ok: false,
      error: 'invalid_request',
      description: tokens.description,
      code: tokens.code ?? 'ERR_PRESENTATION_INVALID',
      report,
    };
  }

  const presentations: PresentationVerification[] = [];
  const budget = newPresentationBudget();
  for (const { queryId, presentation } of tokens.tokens) {
    const verified = await verifyPresentation(
      presentation,
      { nonce: request.nonce, audience: ctx.identity.clientId, budget },
      ctx.verification,
    );
    for (const credential of verified.credentials) {
      if (credential.type !== undefined && QUERY_IDS[credential.type] !== queryId) {
        credential.checks.push({
          id: 'schema',
          status: 'fail',
          code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
          reason: `A ${credential.type} was sent in answer to the query "${queryId}".`,
        });
        credential.outcome = 'failed';
        credential.verified = false;
        verified.accepted = false;
        verified.verified = false;
        verified.outcome = 'failed';
      }
    }
    presentations.push(verified);
  }
  const holders = new Set(presentations.map((p) => p.holder));
  const accepted = presentations.every((p) => p.accepted) && holders.size === 1;
  const outcome = !accepted
    ? 'failed'
    : presentations.every((p) => p.verified)
      ? 'verified'
      : 'issuer_not_recognised';
  const holder = presentations[0]?.holder;
  const report: RequestReport = {
    accepted,
    outcome,
    ...(holder === undefined ? {} : { holder }),
    presentations,
    match: accepted ? matchSkills(request.skills, matchable(request, presentations), ctx.taxonomy) : empty,
  };
  if (!(await ctx.store.saveResult({ requestId: request.id, receivedAt: now, accepted, outcome, report })))
    return alreadyAnswered();
  if (accepted) return { ok: true, report };
  const failures = presentations
    .flatMap((p) => [...p.checks, ...p.credentials.flatMap((c) => c.checks)])
    .filter((c) => c.status === 'fail');
  const first = failures[0];
  return {
    ok: false,
    error: 'invalid_request',
    description:
      holders.size > 1
        ? 'The presentations come from different holders.'
        : failures
            .map((f) => f.reason)
            .slice(0, 3)
            .join(' '),
    code: holders.size > 1 ? 'ERR_HOLDER_MISMATCH' : (first?.code ?? 'ERR_PRESENTATION_INVALID'),
    report,
  };
}
