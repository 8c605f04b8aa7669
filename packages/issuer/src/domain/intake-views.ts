// What staff see of their organisation's intakes (contract E): the list, one intake with every
// credential shared, and the gap between what was shared and an occupation, by core's career
// check over the ESCO the issuer loads.
import {
  HolderSkills,
  SkillsPassportError,
  computeGap,
  occupationWants,
  type Gap,
  type Lang,
} from '@skills-passport/core';
import type { IntakePurpose, IntakeRecord, Organisation } from '../ports.js';
import type { IntakeAnswer } from './intake-answers.js';
import { intakeHeldSkills, type IntakeCredential } from './intake-credentials.js';
import { assertIntakeOrg, intakeLinks, type IntakeContext } from './intake-requests.js';

/** One intake in the list. */
export interface IntakeSummary {
  id: string;
  purpose: IntakePurpose;
  standard?: { id: string; name: string; identifier?: string; occupation?: string };
  purposeText?: string;
  status: 'pending' | 'received' | 'expired';
  createdAt: string;
  expiresAt: string;
  receivedAt?: string;
  learnerName?: string;
  /** While pending: the link the learner's wallet opens. */
  requestLink?: string;
  /** Once received: how many credentials, and how many of them self-declared. */
  counts?: { credentials: number; selfDeclared: number; recognised: number };
}

/** One intake with what was shared. */
export interface IntakeDetail extends IntakeSummary {
  holder?: string;
  credentials: IntakeCredential[];
}

const MAX_LISTED = 200;

function answerOf(intake: IntakeRecord): IntakeAnswer {
  return intake.answer === null ? { credentials: [] } : (JSON.parse(intake.answer) as IntakeAnswer);
}

async function summary(
  ctx: IntakeContext,
  org: Organisation,
  intake: IntakeRecord,
  now: number,
): Promise<IntakeSummary> {
  const standard =
    intake.standardId === null
      ? undefined
      : await ctx.deps.store.intakes.standard(org.slug, intake.standardId);
  const status = intake.receivedAt !== null ? 'received' : intake.expiresAt <= now ? 'expired' : 'pending';
  const credentials = answerOf(intake).credentials;
  return {
    id: intake.id,
    purpose: intake.purpose,
    ...(standard === undefined
      ? {}
      : {
          standard: {
            id: standard.id,
            name: standard.name,
            ...(standard.identifier === null ? {} : { identifier: standard.identifier }),
            ...(standard.occupation === null ? {} : { occupation: standard.occupation }),
          },
        }),
    ...(intake.purposeText === null ? {} : { purposeText: intake.purposeText }),
    status,
    createdAt: new Date(intake.createdAt).toISOString(),
    expiresAt: new Date(intake.expiresAt).toISOString(),
    ...(intake.receivedAt === null ? {} : { receivedAt: new Date(intake.receivedAt).toISOString() }),
    ...(intake.learnerName === null ? {} : { learnerName: intake.learnerName }),
    ...(status === 'pending' ? { requestLink: intakeLinks(ctx.deps, org, intake.id).link } : {}),
    ...(status === 'received'
      ? {
          counts: {
            credentials: credentials.length,
            selfDeclared: credentials.filter((c) => c.selfDeclared).length,
            recognised: credentials.filter((c) => c.recognised).length,
          },
        }
      : {}),
  };
}

/** `GET /api/intakes`: the organisation's intakes, newest first. Code: `ERR_FORBIDDEN`. */
export async function listIntakes(
  ctx: IntakeContext,
  org: Organisation,
): Promise<{ items: IntakeSummary[] }> {
  assertIntakeOrg(org);
  const now = ctx.deps.now().getTime();
  const intakes = await ctx.deps.store.intakes.list(org.slug, MAX_LISTED);
  return { items: await Promise.all(intakes.map((i) => summary(ctx, org, i, now))) };
}

/** One intake of the organisation; another's is not found. Codes: `ERR_FORBIDDEN`, `ERR_NOT_FOUND`. */
async function ownIntake(ctx: IntakeContext, org: Organisation, id: string): Promise<IntakeRecord> {
  assertIntakeOrg(org);
  const intake = await ctx.deps.store.intakes.find(id);
  if (intake === undefined || intake.orgSlug !== org.slug)
    throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such intake.');
  return intake;
}

/** `GET /api/intakes/:id`. Codes: `ERR_FORBIDDEN`, `ERR_NOT_FOUND`. */
export async function getIntake(ctx: IntakeContext, org: Organisation, id: string): Promise<IntakeDetail> {
  const intake = await ownIntake(ctx, org, id);
  return {
    ...(await summary(ctx, org, intake, ctx.deps.now().getTime())),
    ...(intake.holder === null ? {} : { holder: intake.holder }),
    credentials: answerOf(intake).credentials,
  };
}

/** What `/gap` answers: the occupation, and core's gap over the intake's credentials. */
export interface IntakeGap {
  occupation: { uri: string; label: Partial<Record<Lang, string>> };
  gap: Gap;
}

/**
 * `GET /api/intakes/:id/gap?occupation=<ESCO occupation URI>` (the intake's standard's occupation
 * when none is named): recognised credentials prove, self-declared skills are listed as the
 * learner's own word. Codes: `ERR_FORBIDDEN`, `ERR_NOT_FOUND` (intake, or occupation unknown),
 * `ERR_VALIDATION` (no occupation named and none to default to).
 */
export async function intakeGap(
  ctx: IntakeContext,
  org: Organisation,
  id: string,
  occupationUri: string | undefined,
): Promise<IntakeGap> {
  const intake = await ownIntake(ctx, org, id);
  let uri = occupationUri;
  if (uri === undefined && intake.standardId !== null)
    uri = (await ctx.deps.store.intakes.standard(org.slug, intake.standardId))?.occupation ?? undefined;
  if (uri === undefined)
    throw new SkillsPassportError('ERR_VALIDATION', 'Name the occupation to compare with.', {
      issues: [
        { pointer: '/occupation', rule: 'required', message: 'Give ?occupation=<ESCO occupation URI>.' },
      ],
    });
  const occupation = ctx.esco.occupations.get(uri);
  const wanted = occupationWants(ctx.esco.occupations, uri);
  if (occupation === undefined || wanted === undefined)
    throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such ESCO occupation.');
  const holder = new HolderSkills(intakeHeldSkills(answerOf(intake).credentials), ctx.esco.skills);
  return {
    occupation: { uri, label: { ...occupation.labels } },
    gap: computeGap(wanted, holder, ctx.esco.skills),
  };
}
