import type { WantedSkill } from '@skills-passport/core';
import { z } from 'zod';
import { WalletError } from '../errors.js';
import { askForRequestLink } from '../share/request-link.js';
import { errorBody, fetchJson } from '../verify/http.js';

/** A vacancy's JSON is a title, a purpose and a list of skills: far below this. */
const MAX_VACANCY_BYTES = 256 * 1024;
const TIMEOUT_MS = 10_000;
const MAX_SKILLS = 200;

const text = (max: number) => z.string().min(1).max(max);
const label = z.strictObject({ nl: z.string().max(500).optional(), en: z.string().max(500).optional() });

/** What a verifier's `GET /api/vacancies/:id` answers: checked strictly, nothing else kept. */
const vacancySchema = z.strictObject({
  id: text(200),
  title: text(500),
  // The verifier may leave these empty (no purpose given; an employer since removed).
  purpose: z.string().max(2000),
  employer: z.strictObject({ name: z.string().max(500) }),
  skills: z
    .array(
      z.strictObject({
        uri: z.url({ protocol: /^https?$/ }).max(500),
        label,
        required: z.boolean(),
        minLevel: z.number().int().min(1).max(4).optional(),
      }),
    )
    .min(1)
    .max(MAX_SKILLS),
  publishedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** A published vacancy as the employer describes it (not verified by anyone). */
export type Vacancy = z.infer<typeof vacancySchema>;

function vacancyRefusal(status: number, body: string): WalletError | undefined {
  const { code } = errorBody(body);
  if (code === 'ERR_VACANCY_WITHDRAWN' || (code === undefined && status === 410))
    return new WalletError('ERR_VACANCY_WITHDRAWN');
  if (code === 'ERR_VACANCY_UNKNOWN' || status === 404) return new WalletError('ERR_VACANCY_UNKNOWN');
  return undefined;
}

/**
 * Reads a published vacancy: a GET of exactly `url` (https, or plain http on loopback), with no
 * credentials, cookies or anything about the learner, within 10 s and 256 kB; the answer must be a
 * vacancy, strictly. Throws a {@link WalletError}: `ERR_INSECURE_URL`, `ERR_VACANCY_UNKNOWN`,
 * `ERR_VACANCY_WITHDRAWN`, `ERR_VACANCY_UNREACHABLE` (no answer, an error status) or
 * `ERR_VACANCY_INVALID` (an answer that is not a vacancy).
 */
export async function fetchVacancy(url: string): Promise<Vacancy> {
  return fetchJson(url.trim(), vacancySchema, {
    unreachable: 'ERR_VACANCY_UNREACHABLE',
    invalid: 'ERR_VACANCY_INVALID',
    refusal: vacancyRefusal,
    maxBytes: MAX_VACANCY_BYTES,
    timeoutMs: TIMEOUT_MS,
    cache: 'no-cache',
  });
}

/** The skills a vacancy wants, for core's gap: required ones are essential, with their levels. */
export function vacancyWants(vacancy: Vacancy): WantedSkill[] {
  return vacancy.skills.map((s) => ({
    uri: s.uri,
    essential: s.required,
    ...(s.minLevel === undefined ? {} : { minimumLevel: s.minLevel }),
  }));
}

/**
 * Asks the verifier for a fresh request to answer the vacancy (`POST <vacancy URL>/requests`, no
 * body, no credentials) and returns its `openid4vp://` link. Only called once the learner chose to
 * answer; the link then goes through the usual share screen and its consent.
 */
export function requestVacancyAnswer(vacancyUrl: string): Promise<string> {
  return askForRequestLink(vacancyUrl, {
    unreachable: 'ERR_VACANCY_UNREACHABLE',
    invalid: 'ERR_VACANCY_INVALID',
    refusal: vacancyRefusal,
  });
}
