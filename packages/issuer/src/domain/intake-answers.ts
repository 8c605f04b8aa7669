// A wallet's `direct_post` answer to an intake (OpenID4VP 1.0, 8.2): read against the intake's own
// DCQL query with the verifier's `readVpToken`, every presentation verified with the verifier's
// `verifyPresentation` / `verifySdJwtPresentation`, bound to the intake's nonce and the
// organisation's client id, and kept once. What decides:
// - the wallet's error response (`access_denied` when the learner declines) is processed and the
//   intake stays open, as does an answer with no presentation;
// - a presentation that is not the learner's own answer to this request (its signature, nonce,
//   audience, freshness, size, several holders) or a credential that is forged or bound to someone
//   else (format, signature, issuer, holder binding, schema) refuses the answer; nothing is kept
//   and the intake stays open, so the learner can send a good answer;
// - a genuine credential that is revoked, suspended or expired is kept, marked not verified: the
//   assessor sees it, and it never counts;
// - the answer is kept atomically with the intake's closing: one answer per intake.
import {
  isCredentialTypeName,
  type CheckId,
  type CredentialVerification,
  type VerificationCheck,
} from '@skills-passport/core';
import {
  QUERY_IDS,
  checkLabels,
  failedChecks,
  learnerIdentity,
  newPresentationBudget,
  readVpToken,
  refusal,
  refusalForChecks,
  verifyPresentation,
  verifySdJwtPresentation,
  walletErrorResponse,
  type DirectPostOutcome,
  type PresentationVerification,
  type RefusedOutcome,
} from '@skills-passport/verifier';
import type { IntakeRecord } from '../ports.js';
import { intakeCredential, type IntakeCredential } from './intake-credentials.js';
import { clientIdOf, intakeDcqlQuery, intakeOpenness, type IntakeContext } from './intake-requests.js';

/**
 * What became of an answer. A refusal names the failing checks' ids and codes, for the log (never
 * their content); `requestOpen`: the intake can still be answered.
 */
export type IntakeAnswerOutcome = DirectPostOutcome<
  { kind: 'accepted'; credentials: number },
  RefusedOutcome & { checks?: string[] }
>;

/** The stored answer of an intake: what each shared credential is, in answer order. */
export interface IntakeAnswer {
  credentials: IntakeCredential[];
}

/**
 * Failures that leave a genuine credential standing, marked: its state changed, not its truth, or
 * its issuer is trusted but not for this type of credential.
 */
const KEPT_WHEN_FAILED: ReadonlySet<CheckId> = new Set([
  'not_before',
  'expiration',
  'revocation_status',
  'suspension_status',
  'status_entry',
  'issuer_accreditation',
]);

const closedOutcome = (code: 'ERR_REQUEST_ALREADY_ANSWERED' | 'ERR_REQUEST_EXPIRED'): IntakeAnswerOutcome =>
  code === 'ERR_REQUEST_EXPIRED'
    ? refusal('This request has expired; ask for a new one.', code, false)
    : refusal('This request has been answered already; ask for a new one.', code, false);

/** A credential sent in answer to a query of another envelope is not what was asked for. */
function envelopeMismatch(
  credential: CredentialVerification,
  format: string | undefined,
): VerificationCheck | undefined {
  if (credential.format === format) return undefined;
  return {
    id: 'credential_format',
    status: 'fail',
    code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
    reason: `A ${credential.format ?? 'credential'} was sent in answer to a query for ${format ?? 'another format'}.`,
  };
}

/**
 * Handles a `direct_post` to an intake's response URI. Throws only when storage fails
 * (`ERR_STORAGE_UNAVAILABLE`): then nothing was kept and the intake is still open.
 */
export async function receiveIntakeAnswer(
  ctx: IntakeContext,
  intakeId: string,
  form: Record<string, unknown>,
): Promise<IntakeAnswerOutcome> {
  const intake = await ctx.deps.store.intakes.find(intakeId);
  if (intake === undefined) return refusal('There is no such request.', 'ERR_NOT_FOUND', false);
  if (typeof form.state !== 'string' || form.state !== intake.state)
    return refusal('The state does not belong to this request.', 'ERR_VALIDATION', true);
  const openness = intakeOpenness(intake, ctx.deps.now().getTime());
  if (openness !== 'open') return closedOutcome(openness);

  if (form.error !== undefined) return walletErrorResponse(form);

  const query = intakeDcqlQuery();
  const reading = readVpToken(form.vp_token, query);
  if (reading.kind === 'incomplete')
    return refusal(`${reading.description} The request stays open.`, 'ERR_PRESENTATION_INVALID', true);
  if (reading.kind === 'malformed') return refusal(reading.description, reading.code, true);

  const presentations = await verifyAll(ctx, intake, reading.presentations);
  const holders = new Set(presentations.filter((p) => p.holder !== undefined).map((p) => p.holder));
  if (holders.size > 1)
    return refusal('The presentations come from different holders.', 'ERR_HOLDER_MISMATCH', true);
  // The checks that refuse the answer as a whole.
  const refusing = failedChecks(presentations, KEPT_WHEN_FAILED);
  if (refusing.length > 0) return { ...refusalForChecks(refusing, true), checks: checkLabels(refusing) };

  const verified = presentations.flatMap((p) => p.credentials);
  const credentials = verified.map((c) => intakeCredential(c, ctx.esco.skills));
  // The name only from credentials that count as someone else's word on the learner.
  const { learnerName } = learnerIdentity(
    verified.filter((c) => c.outcome === 'verified' && c.selfDeclared !== true),
  );
  const answer: IntakeAnswer = { credentials };
  const saved = await ctx.deps.store.intakes.saveAnswer(intake.id, {
    receivedAt: ctx.deps.now().getTime(),
    holder: [...holders][0] ?? null,
    learnerName: learnerName ?? null,
    answer: JSON.stringify(answer),
  });
  if (!saved) {
    const now = await ctx.deps.store.intakes.find(intake.id);
    return closedOutcome(
      now === undefined || now.receivedAt !== null ? 'ERR_REQUEST_ALREADY_ANSWERED' : 'ERR_REQUEST_EXPIRED',
    );
  }
  return { kind: 'accepted', credentials: credentials.length };
}

/** Verifies each presentation of an answer with one shared budget, bound to the intake. */
async function verifyAll(
  ctx: IntakeContext,
  intake: IntakeRecord,
  presentations: { queryId: string; presentation: string | Record<string, unknown> }[],
): Promise<PresentationVerification[]> {
  const org = await ctx.deps.store.organisations.find(intake.orgSlug);
  const binding = {
    nonce: intake.nonce,
    // The presentation's `aud` (and a Key Binding JWT's) is the full client id, prefix included.
    audience: org === undefined ? '' : clientIdOf(org),
    budget: newPresentationBudget(),
  };
  const formats = Object.entries(QUERY_IDS);
  const out: PresentationVerification[] = [];
  for (const { queryId, presentation } of presentations) {
    const format = formats.find(([, id]) => id === queryId)?.[0];
    const verified =
      format === 'dc+sd-jwt' && typeof presentation === 'string'
        ? await verifySdJwtPresentation(presentation, binding, ctx.verifier.verification)
        : await verifyPresentation(presentation, binding, ctx.verifier.verification);
    for (const credential of verified.credentials) {
      const mismatch = envelopeMismatch(credential, format);
      if (mismatch !== undefined) credential.checks.push(mismatch);
      // A credential that is neither of our types nor an Open Badge answers nothing here.
      if (
        credential.badge === undefined &&
        !(credential.type !== undefined && isCredentialTypeName(credential.type))
      )
        credential.checks.push({
          id: 'schema',
          status: 'fail',
          code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
          reason: 'A credential of a kind this intake does not take was sent.',
        });
    }
    out.push(verified);
  }
  return out;
}
