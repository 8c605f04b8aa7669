// Publications: a learner shows chosen credentials to anyone with a link (`/p/:id`), outside any
// employer's request, and can withdraw the link. Each credential is verified when published (a
// credential that fails is never published) and again on every view, so a credential revoked since
// shows as revoked. The withdraw token is returned once and kept only as its SHA-256 hash; a
// withdrawn or expired publication keeps its id and end time, never its credentials.
import {
  envelopeOf,
  SkillsPassportError,
  type CredentialVerification,
  type SkillTaxonomy,
  type ValidationIssue,
} from '@skills-passport/core';
import { randomToken, sameSecret, sha256Hex } from '@skills-passport/service-kit';
import type { PublicationStore } from '../ports.js';
import { summarizeCredential, type CredentialSummary } from './credential-summary.js';
import { verifyCredential, type VerificationDeps } from './verify-credential.js';

export const MAX_PUBLISHED_CREDENTIALS = 20;
export const DEFAULT_PUBLICATION_DAYS = 365;
export const MAX_PUBLICATION_DAYS = 3650;
const DAY_MS = 86_400_000;

/** What publishing and viewing need. */
export interface PublicationContext {
  store: PublicationStore;
  verification: VerificationDeps;
  taxonomy: SkillTaxonomy;
  publicUrl: URL;
}

/** What the learner gets back once: the link, and the token that withdraws it. */
export interface Published {
  id: string;
  url: string;
  withdrawToken: string;
  createdAt: string;
  expiresAt: string;
}

/** One credential's verdict with its summary in words, as the public pages show it. */
export type PublicCredentialReport = CredentialVerification & { summary: CredentialSummary };

/** A publication as anyone with its link sees it, verified at `verifiedAt`. */
export interface PublicationView {
  id: string;
  publishedAt: string;
  expiresAt: string;
  verifiedAt: string;
  credentials: PublicCredentialReport[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Verifies one credential (no holder: a publication is shown, not presented) and adds its summary. */
export async function publicReport(
  credential: unknown,
  ctx: Pick<PublicationContext, 'verification' | 'taxonomy'>,
): Promise<PublicCredentialReport | undefined> {
  const envelope = envelopeOf(credential);
  if (envelope === undefined) return undefined;
  const result = await verifyCredential(envelope, ctx.verification);
  return { ...result, summary: summarizeCredential(result, ctx.taxonomy) };
}

/** Reads the request body: 1–20 credentials, each a JWT / SD-JWT string or a Data Integrity object. */
function readRequest(body: Record<string, unknown>): { credentials: unknown[]; days: number } {
  const issues: ValidationIssue[] = [];
  const credentials = body.credentials;
  if (
    !Array.isArray(credentials) ||
    credentials.length === 0 ||
    credentials.length > MAX_PUBLISHED_CREDENTIALS
  ) {
    issues.push({
      pointer: '/credentials',
      rule: 'type',
      message: `A list of 1 to ${MAX_PUBLISHED_CREDENTIALS} credentials, each as it was issued.`,
    });
  } else {
    credentials.forEach((credential, i) => {
      if (envelopeOf(credential) === undefined || (typeof credential === 'string' && credential === ''))
        issues.push({
          pointer: `/credentials/${i}`,
          rule: 'type',
          message:
            'A compact JWT (jwt_vc_json), an SD-JWT VC, or a JSON object with a Data Integrity proof (ldp_vc).',
        });
    });
  }
  const days = body.expiresInDays ?? DEFAULT_PUBLICATION_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_PUBLICATION_DAYS)
    issues.push({
      pointer: '/expiresInDays',
      rule: 'range',
      message: `A whole number of days from 1 to ${MAX_PUBLICATION_DAYS}.`,
    });
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'Send the credentials to publish.', { issues });
  return { credentials: credentials as unknown[], days: days as number };
}

/** The first failing check of each credential that is not verified proof, as validation issues. */
function refusals(reports: PublicCredentialReport[]): ValidationIssue[] {
  return reports.flatMap((report, i) => {
    if (report.outcome === 'verified') return [];
    const failing =
      report.checks.find((c) => c.status === 'fail') ??
      report.checks.find((c) => c.code === 'ERR_ISSUER_UNKNOWN');
    return [
      {
        pointer: `/credentials/${i}`,
        rule: failing?.id ?? 'verification',
        message: failing?.reason ?? 'The credential could not be verified.',
      },
    ];
  });
}

/**
 * Publishes credentials: reads the request, verifies each credential now and refuses the lot
 * (`ERR_PUBLICATION_INVALID`, one issue per credential that failed, nothing stored) unless every
 * one is verified proof from a recognised issuer; then stores them under a fresh 128-bit id with
 * the hash of a fresh 256-bit withdraw token.
 */
export async function publishCredentials(
  body: Record<string, unknown>,
  ctx: PublicationContext,
): Promise<Published> {
  const { credentials, days } = readRequest(body);
  // Every attempt to publish clears the publications that expired, so their credentials are not kept
  // past their end even when no one opens their link again.
  await ctx.store.endExpiredPublications(ctx.verification.now());
  const reports = await Promise.all(credentials.map((c) => publicReport(c, ctx)));
  const issues = refusals(reports as PublicCredentialReport[]);
  if (issues.length > 0)
    throw new SkillsPassportError(
      'ERR_PUBLICATION_INVALID',
      `${issues.length === 1 ? 'One credential does' : `${issues.length} credentials do`} not verify; nothing was published.`,
      { issues },
    );
  const id = randomToken(16);
  const withdrawToken = randomToken(32);
  const createdAt = ctx.verification.now();
  const expiresAt = createdAt + days * DAY_MS;
  await ctx.store.addPublication({
    id,
    withdrawTokenHash: sha256Hex(withdrawToken),
    credentials,
    createdAt,
    expiresAt,
  });
  return {
    id,
    url: new URL(`/p/${id}`, ctx.publicUrl).href,
    withdrawToken,
    createdAt: iso(createdAt),
    expiresAt: iso(expiresAt),
  };
}

/**
 * The publication as published, or why there is none to show: `ERR_PUBLICATION_UNKNOWN`, or
 * `ERR_PUBLICATION_WITHDRAWN` when withdrawn or expired (an expired one is cleared now, once).
 */
async function livePublication(id: string, ctx: PublicationContext) {
  const record = await ctx.store.publication(id);
  if (record === undefined)
    throw new SkillsPassportError('ERR_PUBLICATION_UNKNOWN', 'There is no publication at this link.');
  if (record.state === 'ended')
    throw new SkillsPassportError(
      'ERR_PUBLICATION_WITHDRAWN',
      record.ended.reason === 'expired'
        ? 'This publication has expired.'
        : 'The learner has withdrawn this publication.',
    );
  const { publication } = record;
  const now = ctx.verification.now();
  if (publication.expiresAt <= now) {
    // Cleared now; should the write fail (a full disk) the page still answers, and a later read clears it.
    await ctx.store.endPublication(id, publication.expiresAt, 'expired').catch(() => false);
    throw new SkillsPassportError('ERR_PUBLICATION_WITHDRAWN', 'This publication has expired.');
  }
  return publication;
}

/** Whether a publication can be shown (without verifying it): for the page's HTTP status. */
export async function publicationState(
  id: string,
  ctx: PublicationContext,
): Promise<'published' | 'ERR_PUBLICATION_UNKNOWN' | 'ERR_PUBLICATION_WITHDRAWN'> {
  try {
    await livePublication(id, ctx);
    return 'published';
  } catch (error) {
    if (
      error instanceof SkillsPassportError &&
      (error.code === 'ERR_PUBLICATION_UNKNOWN' || error.code === 'ERR_PUBLICATION_WITHDRAWN')
    )
      return error.code;
    throw error;
  }
}

/** Verifies a publication's credentials now (fresh status) and reports each with its summary. */
export async function viewPublication(id: string, ctx: PublicationContext): Promise<PublicationView> {
  const publication = await livePublication(id, ctx);
  const credentials = await Promise.all(publication.credentials.map((c) => publicReport(c, ctx)));
  return {
    id,
    publishedAt: iso(publication.createdAt),
    expiresAt: iso(publication.expiresAt),
    verifiedAt: iso(ctx.verification.now()),
    // Every stored credential has an envelope: it was verified when published.
    credentials: credentials.filter((c): c is PublicCredentialReport => c !== undefined),
  };
}

/**
 * Withdraws a publication with its withdraw token (compared as hashes, in constant time): its
 * credentials are deleted. `ERR_FORBIDDEN` for another token; unknown and already ended as above.
 */
export async function withdrawPublication(
  id: string,
  withdrawToken: string,
  ctx: PublicationContext,
): Promise<void> {
  const record = await ctx.store.publication(id);
  if (record === undefined)
    throw new SkillsPassportError('ERR_PUBLICATION_UNKNOWN', 'There is no publication at this link.');
  if (record.state === 'ended')
    throw new SkillsPassportError('ERR_PUBLICATION_WITHDRAWN', 'This publication has ended already.');
  if (!sameSecret(sha256Hex(withdrawToken), record.publication.withdrawTokenHash))
    throw new SkillsPassportError('ERR_FORBIDDEN', 'This token does not withdraw this publication.');
  if (!(await ctx.store.endPublication(id, ctx.verification.now(), 'withdrawn')))
    throw new SkillsPassportError('ERR_PUBLICATION_WITHDRAWN', 'This publication has ended already.');
}
