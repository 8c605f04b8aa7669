// The standards an EVC provider assesses against, as its public intake offers them: each an ESCO
// occupation (its essential and optional skills) or its own list of skills, labelled from the
// ESCO the issuer loads. Staff list and put them; a learner's wallet reads them to prepare a
// portfolio for one.
import { BodyIssues, SkillsPassportError, type Esco, type Lang } from '@skills-passport/core';
import type { IntakeStandard, Organisation } from '../ports.js';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';
import { getOrganisation } from './organisations.js';

/** One skill of a standard, as the public intake lists it. */
export interface StandardSkill {
  uri: string;
  label: Partial<Record<Lang, string>>;
  essential: boolean;
}

/** A standard as the public intake and staff see it (contract E). */
export interface StandardView {
  id: string;
  name: string;
  identifier?: string;
  occupation?: string;
  skills: StandardSkill[];
}

/** The public intake of an EVC provider: who it is and what it assesses. */
export interface PublicIntake {
  provider: { id: string; name: string };
  standards: StandardView[];
}

const STANDARD_ID = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
const MAX_SKILLS = 200;

/** The skills of a standard, labelled: its own list, else its occupation's (essential first). */
export function standardSkills(standard: IntakeStandard, esco: Esco): StandardSkill[] {
  const label = (uri: string) => ({ ...(esco.skills.get(uri)?.labels ?? {}) });
  if (standard.skills !== null)
    return standard.skills.map((s) => ({ uri: s.uri, label: label(s.uri), essential: s.essential }));
  if (standard.occupation === null) return [];
  const skills = esco.occupations.skillsOf(standard.occupation);
  if (skills === undefined) return [];
  return [
    ...skills.essential.map((s) => ({ uri: s.uri, label: { ...s.labels }, essential: true })),
    ...skills.optional.map((s) => ({ uri: s.uri, label: { ...s.labels }, essential: false })),
  ];
}

export function standardView(standard: IntakeStandard, esco: Esco): StandardView {
  return {
    id: standard.id,
    name: standard.name,
    ...(standard.identifier === null ? {} : { identifier: standard.identifier }),
    ...(standard.occupation === null ? {} : { occupation: standard.occupation }),
    skills: standardSkills(standard, esco),
  };
}

/** Only EVC providers have a public intake. Code: `ERR_NOT_FOUND`. */
export async function evcProvider(deps: IssuerDeps, slug: string): Promise<Organisation> {
  const org = await deps.store.organisations.find(slug);
  if (org === undefined || org.kind !== 'evc-provider')
    throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no EVC provider with an intake here.');
  return org;
}

/** `GET /api/intake/:slug`. Code: `ERR_NOT_FOUND`. */
export async function publicIntake(deps: IssuerDeps, slug: string, esco: Esco): Promise<PublicIntake> {
  const org = await evcProvider(deps, slug);
  const standards = await deps.store.intakes.standards(org.slug);
  return {
    provider: { id: org.did, name: org.name },
    standards: standards.map((s) => standardView(s, esco)),
  };
}

/** A standard of the organisation. Code: `ERR_STANDARD_UNKNOWN`. */
export async function knownStandard(deps: IssuerDeps, orgSlug: string, id: unknown): Promise<IntakeStandard> {
  const standard = typeof id === 'string' ? await deps.store.intakes.standard(orgSlug, id) : undefined;
  if (standard === undefined)
    throw new SkillsPassportError('ERR_STANDARD_UNKNOWN', 'This organisation offers no such standard.', {
      issues: [
        {
          pointer: '/standard',
          rule: 'unknown_standard',
          message: 'Choose one of the standards the intake lists.',
        },
      ],
    });
  return standard;
}

/** What staff send to put a standard. */
export interface StandardInput {
  name: string;
  identifier?: string;
  occupation?: string;
  skills?: { uri: string; essential?: boolean }[];
}

/**
 * The skills a standard lists, each a different ESCO skill: `null` when the list itself is not
 * valid, skipping any entry that is not; each problem noted in `found`.
 */
function standardSkillList(
  body: Record<string, unknown>,
  esco: Esco,
  found: BodyIssues,
): { uri: string; essential: boolean }[] | null {
  const entries = found.list(body, 'skills', MAX_SKILLS, `List 1 to ${MAX_SKILLS} skills.`);
  if (entries === undefined) return null;
  const seen = new Set<string>();
  const skills: { uri: string; essential: boolean }[] = [];
  entries.forEach((skill, i) => {
    if (typeof skill.uri !== 'string' || esco.skills.get(skill.uri) === undefined || seen.has(skill.uri)) {
      found.add(`/skills/${i}/uri`, 'unknown_skill', 'Each skill is a different ESCO skill URI.');
      return;
    }
    found.flag(skill, 'essential', `/skills/${i}`);
    seen.add(skill.uri);
    skills.push({ uri: skill.uri, essential: skill.essential !== false });
  });
  return skills;
}

/** Checks a standard staff put; throws `ERR_VALIDATION` with every issue. */
export function parseStandard(
  id: string,
  body: Record<string, unknown>,
  esco: Esco,
): Omit<IntakeStandard, 'orgSlug' | 'updatedAt'> {
  const found = new BodyIssues();
  if (!STANDARD_ID.test(id))
    found.add('/id', 'pattern', 'The id is 1-50 lower-case letters, digits or dashes, e.g. 25498.');
  const name = found.text(body, 'name', 200, 'Give the standard a name of 1 to 200 characters.');
  const identifier = body.identifier;
  if (
    identifier !== undefined &&
    !(typeof identifier === 'string' && identifier.trim().length > 0 && identifier.length <= 50)
  )
    found.add('/identifier', 'identifier', 'The number of the standard is 1 to 50 characters.');
  const occupation = body.occupation;
  if (
    occupation !== undefined &&
    (typeof occupation !== 'string' || esco.occupations.get(occupation) === undefined)
  )
    found.add('/occupation', 'unknown_occupation', 'The occupation must be an ESCO occupation URI.');
  const skills = body.skills === undefined ? null : standardSkillList(body, esco, found);
  if (occupation === undefined && body.skills === undefined)
    found.add('/occupation', 'required', 'Name an ESCO occupation, a list of skills, or both.');
  if (found.issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The standard is not valid.', { issues: found.issues });
  return {
    id,
    name,
    identifier: typeof identifier === 'string' ? identifier.trim() : null,
    occupation: typeof occupation === 'string' ? occupation : null,
    skills,
  };
}

/** Only EVC providers keep standards. Code: `ERR_FORBIDDEN`. */
function assertEvcProvider(org: Organisation): void {
  if (org.kind !== 'evc-provider')
    throw new SkillsPassportError('ERR_FORBIDDEN', 'Only EVC providers assess against standards.');
}

/** `GET /api/intake-standards`: the organisation's standards. */
export async function listStandards(
  deps: IssuerDeps,
  org: Organisation,
  esco: Esco,
): Promise<StandardView[]> {
  assertEvcProvider(org);
  return (await deps.store.intakes.standards(org.slug)).map((s) => standardView(s, esco));
}

/** `PUT /api/intake-standards/:id`: adds or replaces a standard. Codes: `ERR_FORBIDDEN`, `ERR_VALIDATION`. */
export async function putStandard(
  deps: IssuerDeps,
  org: Organisation,
  id: string,
  body: Record<string, unknown>,
  esco: Esco,
  actor: Actor,
): Promise<StandardView> {
  assertEvcProvider(org);
  const standard: IntakeStandard = {
    ...parseStandard(id, body, esco),
    orgSlug: org.slug,
    updatedAt: deps.now().toISOString(),
  };
  await deps.store.transaction(async (tx) => {
    await tx.intakes.putStandard(standard);
    await recordAudit(tx, actor, 'intake.put_standard', id, deps.now());
  });
  return standardView(standard, esco);
}

/** The demo and tools: puts a standard of an organisation by slug, unchecked against ESCO. */
export async function seedStandard(
  deps: IssuerDeps,
  slug: string,
  standard: Omit<IntakeStandard, 'orgSlug' | 'updatedAt'>,
): Promise<void> {
  const org = await getOrganisation(deps, slug);
  await deps.store.intakes.putStandard({
    ...standard,
    orgSlug: org.slug,
    updatedAt: deps.now().toISOString(),
  });
}
