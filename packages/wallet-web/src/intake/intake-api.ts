import type { WantedSkill } from '@skills-passport/core';
import { z } from 'zod';
import { WalletError } from '../errors.js';
import { askForRequestLink } from '../share/request-link.js';
import { errorBody, fetchJson } from '../verify/http.js';

// An EVC provider's intake (contract E): `GET <issuer>/api/intake/:slug` says who the provider is
// and which standards it assesses, with their skills; `POST …/requests` asks for a fresh OpenID4VP
// request to send the intake portfolio in. The GET says nothing about the learner; the POST carries
// the chosen standard only. What is shared goes through the usual share screen and its consent.

const MAX_INTAKE_BYTES = 512 * 1024;
const TIMEOUT_MS = 10_000;
const MAX_STANDARDS = 100;
const MAX_SKILLS = 500;

const label = z.object({ nl: z.string().max(500).optional(), en: z.string().max(500).optional() });

/** What `GET /api/intake/:slug` answers: checked; members the wallet does not read are dropped. */
const intakeSchema = z.object({
  provider: z.object({ id: z.string().min(1).max(500), name: z.string().min(1).max(500) }),
  standards: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        name: z.string().min(1).max(500),
        identifier: z.string().max(100).optional(),
        occupation: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .optional(),
        skills: z
          .array(
            z.object({
              uri: z.url({ protocol: /^https?$/ }).max(500),
              label,
              essential: z.boolean(),
            }),
          )
          .max(MAX_SKILLS),
      }),
    )
    .min(1)
    .max(MAX_STANDARDS),
});

/** An EVC provider's intake: the provider as its intake page names it, and its standards. */
export type Intake = z.infer<typeof intakeSchema>;
export type IntakeStandard = Intake['standards'][number];

function intakeRefusal(status: number, body: string): WalletError | undefined {
  const { code } = errorBody(body);
  // The provider no longer offers the intake, or no longer assesses the standard chosen.
  if (code === 'ERR_NOT_FOUND' || code === 'ERR_STANDARD_UNKNOWN' || status === 404 || status === 410)
    return new WalletError('ERR_INTAKE_UNKNOWN');
  return undefined;
}

/**
 * Reads an EVC provider's intake: a GET of exactly `url` (https, or plain http on loopback), with
 * no credentials or anything about the learner, within 10 s and 512 kB; the answer must be an
 * intake. Throws a {@link WalletError}: `ERR_INSECURE_URL`, `ERR_INTAKE_UNKNOWN`,
 * `ERR_INTAKE_UNREACHABLE` or `ERR_INTAKE_INVALID`.
 */
export async function fetchIntake(url: string): Promise<Intake> {
  return fetchJson(url.trim(), intakeSchema, {
    unreachable: 'ERR_INTAKE_UNREACHABLE',
    invalid: 'ERR_INTAKE_INVALID',
    refusal: intakeRefusal,
    maxBytes: MAX_INTAKE_BYTES,
    timeoutMs: TIMEOUT_MS,
    cache: 'no-cache',
  });
}

/** The skills a standard names, for core's gap (its essential ones first, as the gap lists them). */
export function standardWants(standard: IntakeStandard): WantedSkill[] {
  return standard.skills.map((s) => ({ uri: s.uri, essential: s.essential }));
}

/**
 * Asks the provider for a fresh request to send an intake for `standardId` in (`POST <intake
 * URL>/requests`, body `{ "standard": id }`, no credentials) and returns its `openid4vp://` link.
 */
export function requestIntake(intakeUrl: string, standardId: string): Promise<string> {
  return askForRequestLink(intakeUrl, {
    body: { standard: standardId },
    unreachable: 'ERR_INTAKE_UNREACHABLE',
    invalid: 'ERR_INTAKE_INVALID',
    refusal: intakeRefusal,
  });
}
