import { CREDENTIAL_TYPE_INFO, type CredentialTypeName, type HeldSkill } from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';
import type { SkillSummary } from '../passport/skills-profile.js';

/** States whose credentials prove nothing (as in the passport: shown there, not counted). */
const NOT_COUNTING: ReadonlySet<CredentialState> = new Set(['revoked', 'suspended', 'unrecognised']);

/** A credential as the career check reads it: the passport's summary and its last known state. */
export interface CareerInput {
  id: string;
  type: CredentialTypeName;
  state: CredentialState;
  summary: SkillSummary;
}

/**
 * The skills the learner's credentials prove, one per credential and skill, for the gap and the
 * ranking (`@skills-passport/core`'s career check). Credentials that no longer count are left out.
 */
export function heldSkills(credentials: readonly CareerInput[]): HeldSkill[] {
  const held: HeldSkill[] = [];
  for (const credential of credentials) {
    if (NOT_COUNTING.has(credential.state)) continue;
    const { summary } = credential;
    const source = {
      kind: 'credential' as const,
      credentialId: credential.id,
      title: summary.name,
      issuerName: summary.issuerName,
      learning: CREDENTIAL_TYPE_INFO[credential.type].learning,
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
