// Published vacancies (reverse matching): an employer publishes a request's skills query as a public
// link, without a nonce. A learner's wallet reads it and checks the fit before anything is shared;
// when the learner wants to answer, the wallet asks for a fresh request made from the vacancy, which
// belongs to the employer like any other (their list and report show it under the vacancy's title).
// A withdrawn or expired vacancy keeps its row and answers ERR_VACANCY_WITHDRAWN.
import { SkillsPassportError, type SkillTaxonomy, type ValidationIssue } from '@skills-passport/core';
import { randomToken } from '@skills-passport/service-kit';
import type { EmployerStore, StoredVacancy, VacancyStore } from '../ports.js';
import {
  createSkillsRequest,
  parseSkillsRequest,
  requestLinks,
  type RequestContext,
} from './skills-requests.js';

export const DEFAULT_VACANCY_DAYS = 30;
export const MAX_VACANCY_DAYS = 365;
export const MAX_PURPOSE_LENGTH = 1000;
const DAY_MS = 86_400_000;

/** What publishing, reading and answering a vacancy need. */
export interface VacancyContext {
  store: VacancyStore;
  employers: Pick<EmployerStore, 'employer'>;
  taxonomy: SkillTaxonomy;
  publicUrl: URL;
  /** Making a request from a vacancy is making a request: the same context. */
  requests: RequestContext;
  now: () => number;
}

/** A vacancy as anyone with its link sees it: the skills query, no nonce, no request. */
export interface PublicVacancy {
  id: string;
  title: string;
  purpose: string;
  employer: { name: string };
  skills: { uri: string; label: { nl: string; en: string }; required: boolean; minLevel?: number }[];
  publishedAt: string;
  expiresAt: string;
}

/** What the employer gets back on publishing: the public vacancy with its API and page links. */
export type PublishedVacancy = PublicVacancy & { url: string; page: string };

/** A vacancy as its employer lists it. */
export type EmployerVacancy = PublishedVacancy & { status: 'published' | 'withdrawn' | 'expired' };

/** A fresh request made from a vacancy, for the wallet to open. */
export interface VacancyRequest {
  requestLink: string;
  requestId: string;
  expiresAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reads an employer's vacancy: a request's body (title, skills, accepted types and issuers,
 * askForName, expiresInSeconds for each request made from it) plus `purpose` and `expiresInDays`
 * (1–365, default 30). Throws ERR_VALIDATION / ERR_UNKNOWN_SKILL with every issue.
 */
export function parseVacancy(
  body: Record<string, unknown>,
  taxonomy: SkillTaxonomy,
): Omit<StoredVacancy, 'id' | 'employerId' | 'createdAt' | 'expiresAt'> & { days: number } {
  const issues: ValidationIssue[] = [];
  const purpose = body.purpose ?? '';
  if (typeof purpose !== 'string' || purpose.trim().length > MAX_PURPOSE_LENGTH)
    issues.push({
      pointer: '/purpose',
      rule: 'purpose',
      message: `The purpose is a text of at most ${MAX_PURPOSE_LENGTH} characters.`,
    });
  const days = body.expiresInDays ?? DEFAULT_VACANCY_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_VACANCY_DAYS)
    issues.push({
      pointer: '/expiresInDays',
      rule: 'range',
      message: `A whole number of days from 1 to ${MAX_VACANCY_DAYS}.`,
    });
  let input: ReturnType<typeof parseSkillsRequest> | undefined;
  try {
    input = parseSkillsRequest(body, taxonomy);
  } catch (error) {
    if (!(error instanceof SkillsPassportError) || issues.length === 0) throw error;
    // Report the vacancy's own issues with the request's, all at once.
    throw new SkillsPassportError('ERR_VALIDATION', 'The vacancy is not valid.', {
      issues: [...issues, ...error.issues],
    });
  }
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The vacancy is not valid.', { issues });
  return {
    title: input.title,
    purpose: (purpose as string).trim(),
    skills: input.skills,
    acceptedTypes: input.acceptedTypes ?? [],
    acceptedIssuers: input.acceptedIssuers,
    ...(input.askForName === true ? { askForName: true as const } : {}),
    ...(input.expiresInSeconds === undefined ? {} : { requestTtlSeconds: input.expiresInSeconds }),
    days: days as number,
  };
}

/** The public links of a vacancy: its JSON and its page. */
export function vacancyLinks(id: string, publicUrl: URL): { url: string; page: string } {
  const base = publicUrl.href.replace(/\/$/, '');
  return { url: `${base}/api/vacancies/${id}`, page: `${base}/vacancies/${id}` };
}

async function publicView(vacancy: StoredVacancy, ctx: VacancyContext): Promise<PublicVacancy> {
  const employer = await ctx.employers.employer(vacancy.employerId);
  return {
    id: vacancy.id,
    title: vacancy.title,
    purpose: vacancy.purpose,
    employer: { name: employer?.name ?? '' },
    skills: vacancy.skills.map((skill) => {
      const concept = ctx.taxonomy.get(skill.uri);
      return {
        uri: skill.uri,
        label: {
          nl: concept?.labels.nl ?? skill.uri,
          en: concept?.labels.en ?? concept?.labels.nl ?? skill.uri,
        },
        required: skill.required,
        ...(skill.minimumLevel === undefined ? {} : { minLevel: skill.minimumLevel }),
      };
    }),
    publishedAt: iso(vacancy.createdAt),
    expiresAt: iso(vacancy.expiresAt),
  };
}

/** Publishes a vacancy of `employerId` under a fresh 128-bit id, open for `expiresInDays`. */
export async function publishVacancy(
  body: Record<string, unknown>,
  employerId: string,
  ctx: VacancyContext,
): Promise<PublishedVacancy> {
  const { days, ...input } = parseVacancy(body, ctx.taxonomy);
  const createdAt = ctx.now();
  const vacancy: StoredVacancy = {
    id: randomToken(16),
    employerId,
    ...input,
    createdAt,
    expiresAt: createdAt + days * DAY_MS,
  };
  await ctx.store.addVacancy(vacancy);
  return { ...(await publicView(vacancy, ctx)), ...vacancyLinks(vacancy.id, ctx.publicUrl) };
}

/** A vacancy that is published now, or why not: ERR_VACANCY_UNKNOWN, ERR_VACANCY_WITHDRAWN. */
async function liveVacancy(id: string, ctx: VacancyContext): Promise<StoredVacancy> {
  const vacancy = await ctx.store.vacancy(id);
  if (vacancy === undefined)
    throw new SkillsPassportError('ERR_VACANCY_UNKNOWN', 'There is no vacancy at this link.');
  if (vacancy.withdrawnAt !== undefined)
    throw new SkillsPassportError('ERR_VACANCY_WITHDRAWN', 'The employer has withdrawn this vacancy.');
  if (vacancy.expiresAt <= ctx.now())
    throw new SkillsPassportError('ERR_VACANCY_WITHDRAWN', 'This vacancy has expired.');
  return vacancy;
}

/** The vacancy as anyone with its link sees it. */
export async function viewVacancy(id: string, ctx: VacancyContext): Promise<PublicVacancy> {
  return publicView(await liveVacancy(id, ctx), ctx);
}

/** An employer's vacancies, newest first, with whether each is still published. */
export async function vacanciesOf(employerId: string, ctx: VacancyContext): Promise<EmployerVacancy[]> {
  const now = ctx.now();
  const vacancies = await ctx.store.vacanciesOf(employerId, 100);
  return Promise.all(
    vacancies.map(async (vacancy) => ({
      ...(await publicView(vacancy, ctx)),
      ...vacancyLinks(vacancy.id, ctx.publicUrl),
      status:
        vacancy.withdrawnAt !== undefined
          ? ('withdrawn' as const)
          : vacancy.expiresAt <= now
            ? ('expired' as const)
            : ('published' as const),
    })),
  );
}

/**
 * Withdraws an employer's own vacancy. Another employer's vacancy is unknown to them
 * (ERR_VACANCY_UNKNOWN, as if it did not exist); one withdrawn already, ERR_VACANCY_WITHDRAWN.
 */
export async function withdrawVacancy(id: string, employerId: string, ctx: VacancyContext): Promise<void> {
  const vacancy = await ctx.store.vacancy(id);
  if (vacancy === undefined || vacancy.employerId !== employerId)
    throw new SkillsPassportError('ERR_VACANCY_UNKNOWN', 'You have no vacancy with this id.');
  if (!(await ctx.store.withdrawVacancy(id, employerId, ctx.now())))
    throw new SkillsPassportError('ERR_VACANCY_WITHDRAWN', 'This vacancy was withdrawn already.');
}

/**
 * Makes a fresh OpenID4VP request from a published vacancy: its skills query with a new nonce,
 * owned by the vacancy's employer and titled as the vacancy. It stays open for the vacancy's
 * request lifetime (or the verifier's default), never past the vacancy's own end.
 */
export async function requestFromVacancy(id: string, ctx: VacancyContext): Promise<VacancyRequest> {
  const vacancy = await liveVacancy(id, ctx);
  const now = ctx.now();
  const ttl = vacancy.requestTtlSeconds ?? ctx.requests.requestTtlSeconds;
  const expiresInSeconds = Math.max(1, Math.min(ttl, Math.floor((vacancy.expiresAt - now) / 1000)));
  const request = await createSkillsRequest(
    {
      title: vacancy.title,
      skills: vacancy.skills,
      acceptedTypes: vacancy.acceptedTypes,
      ...(vacancy.acceptedIssuers === undefined ? {} : { acceptedIssuers: vacancy.acceptedIssuers }),
      ...(vacancy.askForName === true ? { askForName: true } : {}),
      expiresInSeconds,
    },
    vacancy.employerId,
    ctx.requests,
    now,
  );
  return {
    requestLink: requestLinks(request, ctx.requests).link,
    requestId: request.id,
    expiresAt: iso(request.expiresAt),
  };
}
