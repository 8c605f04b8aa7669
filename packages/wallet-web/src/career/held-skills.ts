import { CREDENTIAL_TYPE_INFO, type CredentialTypeName, type HeldSkill } from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';
import type { SkillSummary } from '../passport/skills-profile.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';
import type { PassportEntry } from '../store/db.js';

/** States whose credentials prove nothing (as in the passport: shown there, not counted). */
const NOT_COUNTING: ReadonlySet<CredentialState> = new Set(['revoked', 'suspended', 'unrecognised']);

/** Whether a credential in `state` still counts as proof (the career check and the plan's progress). */
export function stillCounts(state: CredentialState): boolean {
  return !NOT_COUNTING.has(state);
}

/** A credential as the career check reads it: the passport's summary and its last known state. */
export interface CareerInput {
  id: string;
  type: CredentialTypeName;
  state: CredentialState;
  summary: SkillSummary;
}

/**
 * The learner's self-declared skills as core's career check takes them: source `self-declared`,
 * so the gap lists them beside a skill and never counts them as proven, and the ranking of
 * occupations leaves them out.
 */
export function heldSelfDeclared(skills: readonly SelfDeclaredSkill[]): HeldSkill[] {
  return skills.map((skill) => ({
    uri: skill.uri,
    label: skill.label,
    source: { kind: 'self-declared', description: skill.evidence },
    date: skill.updatedAt ?? skill.addedAt,
    ...(skill.level === undefined ? {} : { level: { rank: skill.level, of: 4, defaultScale: true } }),
  }));
}

/**
 * The skills the learner's credentials prove, one per credential and skill, for the gap and the
 * ranking (`@skills-passport/core`'s career check), then the learner's self-declared skills (see
 * {@link heldSelfDeclared}). Credentials that no longer count are left out.
 */
export function heldSkills(
  credentials: readonly CareerInput[],
  selfDeclared: readonly SelfDeclaredSkill[] = [],
): HeldSkill[] {
  const held: HeldSkill[] = heldSelfDeclared(selfDeclared);
  for (const credential of credentials) {
    if (NOT_COUNTING.has(credential.state)) continue;
    const { summary } = credential;
    const source = {
      kind: 'credential' as const,
      credentialId: credential.id,
      title: summary.name,
      issuerName: summary.issuerName,
      // Only skill credentials have claims; a development plan's summary has none.
      learning: CREDENTIAL_TYPE_INFO[credential.type].learning as 'formal' | 'informal',
    };
    for (const { alignment, result } of summary.claims) {
      held.push({
        uri: alignment.targetUrl,
        label: alignment.targetName,
        source,
        date: summary.date,
        ...(result === undefined
          ? {}
          : {
              ...(result.outcome === undefined ? {} : { outcome: result.outcome }),
              ...(result.levelName === undefined && result.rank === undefined
                ? {}
                : {
                    level: {
                      ...(result.levelName === undefined ? {} : { name: result.levelName }),
                      ...(result.rank === undefined ? {} : { rank: result.rank }),
                      ...(result.of === 0 ? {} : { of: result.of }),
                      defaultScale: result.defaultScale,
                    },
                  }),
            }),
      });
    }
  }
  return held;
}

/**
 * {@link heldSkills} of the passport's entries, each counted with its live status of this visit,
 * else its last known one (no status is checked here), and the self-declared skills.
 */
export function passportHeldSkills(
  entries: readonly PassportEntry[],
  statuses: ReadonlyMap<string, { state: CredentialState }>,
  selfDeclared: readonly SelfDeclaredSkill[],
): HeldSkill[] {
  return heldSkills(
    entries.map((c) => ({
      id: c.id,
      type: c.type,
      summary: c.summary,
      state: statuses.get(c.id)?.state ?? c.lastStatus?.state ?? 'unknown',
    })),
    selfDeclared,
  );
}
