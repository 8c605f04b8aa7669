import { demoOccupations } from '@skills-passport/core';
import type { VerifierDeps } from './deps.js';
import type { Employer } from './ports.js';
import { createSkillsRequest, requestLinks } from './domain/skills-requests.js';
import type { TrustedIssuer } from './domain/trusted-issuers.js';
import { requestContext } from './deps.js';
import { createEmployer } from './http/admin-routes.js';
import { vacancyContext } from './http/vacancy-routes.js';
import { publishVacancy, vacancyLinks } from './domain/vacancies.js';
import { sha256Hex } from '@skills-passport/service-kit';

/** What the demo seed made: the employer's API key, the vacancy request and its link. */
export interface DemoSeed {
  employerId: string;
  apiKey: string;
  requestId: string;
  /** A ready `openid4vp://` link for the demo vacancy; print it alone on its own line. */
  requestLink: string;
  employerPageUrl: string;
  /** The demo vacancy published as a public link: its page, and its JSON for wallets. */
  vacancyPage: string;
  vacancyUrl: string;
}

/**
 * Seeds the demo: trusts the given issuers (the demo organisations), creates the demo employer
 * once (its API key is kept in the settings table so every start can print it — demo only), and
 * opens a fresh request for a demo vacancy built from an ESCO occupation's essential skills
 * (the first six required, the next two optional, "Basis" or better for the first two). The same
 * vacancy is published as a public link once, and again only when it was withdrawn or has ended.
 */
export async function seedDemo(
  deps: VerifierDeps,
  options: { trustedIssuers: TrustedIssuer[]; occupation?: string },
): Promise<DemoSeed> {
  const now = deps.verification.now();
  for (const issuer of options.trustedIssuers) await deps.store.putTrustedIssuer(issuer, now);

  const occupations = demoOccupations();
  const occupation =
    occupations.find((o) => o.labels.en === options.occupation || o.labels.nl === options.occupation) ??
    occupations[0]!;
  const skills = occupation.essentialSkills
    .filter((uri) => deps.taxonomy.get(uri) !== undefined)
    .slice(0, 8)
    .map((uri, i) => ({ uri, required: i < 6, ...(i < 2 ? { minimumLevel: 2 } : {}) }));
  const title = `Vacature: ${occupation.labels.nl ?? occupation.labels.en ?? 'demo'}`;
  // Instances starting together on one empty database seed in turn: the first makes the employer
  // and publishes the vacancy, the others find both.
  const { apiKey, employer, vacancy } = await deps.store.inTurn('demo-seed', async () => {
    const { apiKey, employer } = await demoEmployer(deps, now);
    return { apiKey, employer, vacancy: await demoVacancy(deps, employer.id, { title, skills }, now) };
  });
  const ctx = requestContext(deps);
  const request = await createSkillsRequest({ title, skills }, employer.id, ctx, now);
  const base = deps.config.publicUrl.href.replace(/\/$/, '');
  return {
    employerId: employer.id,
    apiKey,
    requestId: request.id,
    requestLink: requestLinks(request, ctx).link,
    employerPageUrl: `${base}/employer/`,
    vacancyPage: vacancy.page,
    vacancyUrl: vacancy.url,
  };
}

/** The demo employer, made once; its API key is kept in the settings so every start can print it. */
async function demoEmployer(
  deps: VerifierDeps,
  now: number,
): Promise<{ apiKey: string; employer: Employer }> {
  const kept = await deps.store.setting('demo_employer_api_key');
  const employer = kept === undefined ? undefined : await deps.store.employerByKeyHash(sha256Hex(kept));
  if (kept !== undefined && employer !== undefined) return { apiKey: kept, employer };
  const created = await createEmployer(deps, 'Demo werkgever (Zorggroep Rivierenland)', now);
  await deps.store.settingOnce('demo_employer_api_key', created.apiKey);
  const apiKey = (await deps.store.setting('demo_employer_api_key'))!;
  return { apiKey, employer: (await deps.store.employerByKeyHash(sha256Hex(apiKey)))! };
}

/** The demo vacancy's links: a live one of the demo employer with its title, else a newly published one. */
async function demoVacancy(
  deps: VerifierDeps,
  employerId: string,
  body: { title: string; skills: unknown[] },
  now: number,
): Promise<{ url: string; page: string }> {
  const live = (await deps.store.vacanciesOf(employerId, 100)).find(
    (v) => v.title === body.title && v.withdrawnAt === undefined && v.expiresAt > now,
  );
  if (live !== undefined) return vacancyLinks(live.id, deps.config.publicUrl);
  return publishVacancy(
    { ...body, purpose: 'Demo: kijk in je wallet of je past, voordat je iets deelt.', expiresInDays: 365 },
    employerId,
    vacancyContext(deps),
  );
}
