// Asking a learner for their credentials over OpenID4VP 1.0: an EVC provider's intake (the
// learner asks, from the public intake, or an assessor asks) or a learn-work desk's advice (an
// adviser asks). Each request has a fresh single-use nonce and state, a lifetime, and a signed
// request object (JAR) by the organisation's own did:web key, fetched by `request_uri` — built
// like the verifier's, with the verifier's DCQL query, so the wallet's share flow opens it as is.
import { randomBytes } from 'node:crypto';
import { SkillsPassportError, type Esco, type ValidationIssue } from '@skills-passport/core';
import {
  ACCEPTED_KINDS,
  REQUEST_OBJECT_MAX_SECONDS,
  dcqlQuery,
  type DcqlQueryObject,
} from '@skills-passport/verifier';
import type { IntakePurpose, IntakeRecord, IntakeStandard, Organisation } from '../ports.js';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';
import { evcProvider, knownStandard } from './intake-standards.js';
import type { IntakeVerification } from './intake-verification.js';
import { signingKey } from './organisations.js';

/** Organisation kinds whose staff ask learners for their credentials. */
export const INTAKE_KINDS: ReadonlySet<string> = new Set(['evc-provider', 'learn-work-desk']);

/** What an intake needs beyond the issuer's deps: the ESCO it labels with, and how it verifies. */
export interface IntakeContext {
  deps: IssuerDeps;
  esco: Esco;
  verifier: IntakeVerification;
}

/** What `POST /api/intake/:slug/requests` and `POST /api/intakes` answer. */
export interface CreatedIntake {
  id: string;
  requestLink: string;
  expiresAt: string;
}

const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');

/** The organisation's client id to wallets: `decentralized_identifier:<did:web>` (OpenID4VP 1.0 §5.9.3). */
export const clientIdOf = (org: Pick<Organisation, 'did'>): string => `decentralized_identifier:${org.did}`;

/** Where an intake's request object is fetched and its answer posted, and the link a wallet opens. */
export function intakeLinks(
  deps: IssuerDeps,
  org: Pick<Organisation, 'did'>,
  id: string,
): { requestUri: string; responseUri: string; link: string } {
  const base = deps.config.publicUrl.href.replace(/\/$/, '');
  const requestUri = `${base}/oid4vp/intakes/${id}/request`;
  const responseUri = `${base}/oid4vp/intakes/${id}/response`;
  const link = `openid4vp://?client_id=${encodeURIComponent(clientIdOf(org))}&request_uri=${encodeURIComponent(requestUri)}`;
  return { requestUri, responseUri, link };
}

async function storeIntake(
  ctx: IntakeContext,
  org: Organisation,
  fields: Pick<IntakeRecord, 'purpose' | 'standardId' | 'purposeText' | 'createdBy'>,
  ttlSeconds: number,
  actor: Actor,
): Promise<CreatedIntake> {
  const now = ctx.deps.now().getTime();
  const intake: IntakeRecord = {
    id: randomToken(16),
    orgSlug: org.slug,
    ...fields,
    nonce: randomToken(32),
    state: randomToken(16),
    createdAt: now,
    expiresAt: now + ttlSeconds * 1000,
    receivedAt: null,
    holder: null,
    learnerName: null,
    answer: null,
  };
  await ctx.deps.store.transaction(async (tx) => {
    await tx.intakes.insert(intake);
    await recordAudit(tx, actor, 'intake.request', intake.id, new Date(now), {
      purpose: intake.purpose,
      standard: intake.standardId,
    });
  });
  return {
    id: intake.id,
    requestLink: intakeLinks(ctx.deps, org, intake.id).link,
    expiresAt: new Date(intake.expiresAt).toISOString(),
  };
}

/**
 * `POST /api/intake/:slug/requests` `{standard}`: a learner asks to send an EVC intake for one of
 * the provider's standards. Codes: `ERR_NOT_FOUND` (no such EVC provider), `ERR_STANDARD_UNKNOWN`.
 */
export async function requestPublicIntake(
  ctx: IntakeContext,
  slug: string,
  body: Record<string, unknown>,
  ip: string | undefined,
): Promise<CreatedIntake> {
  const org = await evcProvider(ctx.deps, slug);
  const standard = await knownStandard(ctx.deps, org.slug, body.standard);
  const actor: Actor = {
    kind: 'holder',
    id: 'intake',
    orgSlug: org.slug,
    ...(ip === undefined ? {} : { ip }),
  };
  return storeIntake(
    ctx,
    org,
    { purpose: 'evc-intake', standardId: standard.id, purposeText: null, createdBy: null },
    ctx.deps.config.intakeTtlSeconds ?? 1800,
    actor,
  );
}

/** Only EVC providers and learn-work desks ask for intakes. Code: `ERR_FORBIDDEN`. */
export function assertIntakeOrg(org: Organisation): void {
  if (!INTAKE_KINDS.has(org.kind))
    throw new SkillsPassportError(
      'ERR_FORBIDDEN',
      'Only EVC providers and learn-work desks receive intakes.',
    );
}

/**
 * `POST /api/intakes` `{purpose, standard?, purposeText?}`: staff ask a learner (an assessor for an
 * EVC intake, an adviser for advice). Codes: `ERR_FORBIDDEN`, `ERR_VALIDATION`, `ERR_STANDARD_UNKNOWN`.
 */
export async function requestStaffIntake(
  ctx: IntakeContext,
  org: Organisation,
  body: Record<string, unknown>,
  actor: Actor,
): Promise<CreatedIntake> {
  assertIntakeOrg(org);
  const issues: ValidationIssue[] = [];
  const purpose = body.purpose;
  if (purpose !== 'evc-intake' && purpose !== 'advice')
    issues.push({ pointer: '/purpose', rule: 'enum', message: 'The purpose is "evc-intake" or "advice".' });
  const text = body.purposeText;
  if (text !== undefined && !(typeof text === 'string' && text.trim().length > 0 && text.length <= 300))
    issues.push({
      pointer: '/purposeText',
      rule: 'purposeText',
      message: 'Say why you ask in 1 to 300 characters.',
    });
  if (purpose === 'evc-intake' && body.standard === undefined)
    issues.push({
      pointer: '/standard',
      rule: 'required',
      message: 'An EVC intake is for one of your standards.',
    });
  if (body.standard !== undefined && typeof body.standard !== 'string')
    issues.push({
      pointer: '/standard',
      rule: 'type',
      message: 'The standard is the id of one of your standards.',
    });
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The intake request is not valid.', { issues });
  const standard =
    body.standard === undefined ? undefined : await knownStandard(ctx.deps, org.slug, body.standard);
  return storeIntake(
    ctx,
    org,
    {
      purpose: purpose as IntakePurpose,
      standardId: standard?.id ?? null,
      purposeText: typeof text === 'string' ? text.trim() : null,
      createdBy: actor.id,
    },
    ctx.deps.config.staffIntakeTtlSeconds ?? 86_400,
    actor,
  );
}

/** Why the organisation asks, in the learner's languages (`purpose#nl`, `purpose#en`). */
function purposes(intake: IntakeRecord, org: Organisation, standard: IntakeStandard | undefined) {
  if (intake.purposeText !== null) return { nl: intake.purposeText, en: intake.purposeText };
  if (intake.purpose === 'evc-intake' && standard !== undefined)
    return { nl: `EVC-intake: ${standard.name}`, en: `EVC intake: ${standard.name}` };
  return { nl: `Loopbaanadvies bij ${org.name}`, en: `Career advice at ${org.name}` };
}

/**
 * The DCQL query of an intake: the verifier's, accepting every kind (ours and other issuers' Open
 * Badges) as whole credentials (VC-JWT, Data Integrity), its credential set optional — the learner
 * chooses what to share. No SD-JWT VC query: a portfolio is assessed whole, and a DCQL claim set
 * over a standard's dozens of skills can only offer each skill alone beyond the first few, so a
 * wallet would disclose one proven skill per credential (the first option it can satisfy, 6.4.1).
 */
export function intakeDcqlQuery(): DcqlQueryObject {
  return dcqlQuery({ acceptedTypes: [...ACCEPTED_KINDS], skills: [], askForName: true });
}

/** The intake's standard, if it has one that still exists. */
export async function standardOf(
  ctx: IntakeContext,
  intake: IntakeRecord,
): Promise<IntakeStandard | undefined> {
  return intake.standardId === null
    ? undefined
    : ctx.deps.store.intakes.standard(intake.orgSlug, intake.standardId);
}

const SD_JWT_ALGS = ['EdDSA', 'ES256'];

/**
 * The signed request object (`typ: oauth-authz-req+jwt`, EdDSA by the organisation's newest
 * Ed25519 key, `kid` its DID URL): as the verifier's — `client_id`, `response_mode: direct_post`,
 * `response_uri`, `nonce`, `state`, `dcql_query`, and `client_metadata` with the organisation's
 * name and purpose — valid until the intake expires but for {@link REQUEST_OBJECT_MAX_SECONDS} at
 * most (it is signed afresh on every fetch).
 */
export async function intakeRequestObject(
  ctx: IntakeContext,
  intake: IntakeRecord,
  org: Organisation,
): Promise<string> {
  const now = ctx.deps.now().getTime();
  const standard = await standardOf(ctx, intake);
  const key = await signingKey(ctx.deps, org.slug);
  const purpose = purposes(intake, org, standard);
  return ctx.deps.jwsSigner.sign(
    { typ: 'oauth-authz-req+jwt', kid: `${org.did}#${key.fragment}` },
    {
      aud: 'https://self-issued.me/v2',
      iat: Math.floor(now / 1000),
      exp: Math.floor(Math.min(intake.expiresAt, now + REQUEST_OBJECT_MAX_SECONDS * 1000) / 1000),
      client_id: clientIdOf(org),
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: intakeLinks(ctx.deps, org, intake.id).responseUri,
      nonce: intake.nonce,
      state: intake.state,
      dcql_query: intakeDcqlQuery(),
      client_metadata: {
        client_name: org.name,
        purpose: purpose.nl,
        'purpose#nl': purpose.nl,
        'purpose#en': purpose.en,
        vp_formats_supported: {
          jwt_vc_json: { alg_values: ['EdDSA'] },
          ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] },
          'dc+sd-jwt': { 'sd-jwt_alg_values': SD_JWT_ALGS, 'kb-jwt_alg_values': SD_JWT_ALGS },
        },
      },
    },
    { kid: key.kid, type: key.type },
  );
}

/** Whether an intake can still be answered at `now`, or why not (as its code). */
export function intakeOpenness(
  intake: IntakeRecord,
  now: number,
): 'open' | 'ERR_REQUEST_ALREADY_ANSWERED' | 'ERR_REQUEST_EXPIRED' {
  if (intake.receivedAt !== null) return 'ERR_REQUEST_ALREADY_ANSWERED';
  if (intake.expiresAt <= now) return 'ERR_REQUEST_EXPIRED';
  return 'open';
}
