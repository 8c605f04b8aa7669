import type { CredentialDocument, CredentialTypeName, PlannedModule } from '@skills-passport/core';
import { stillCounts } from '../career/held-skills.js';
import type { CredentialState } from '../passport/credential-state.js';
import { skillSummary } from '../passport/skills-profile.js';
import { readPlan, type Plan } from './plan-credential.js';

// A plan's progress (contract F), computed in the wallet from what it holds: a module is done
// when a credential that still counts carries the module's achievement id (a training provider
// issues it for the catalogue module), or proves every skill the module closes.

/** A credential as the plan's progress reads it. */
export interface HeldCredential {
  id: string;
  type: CredentialTypeName;
  /** Its last known status: revoked, suspended or unrecognised credentials prove nothing. */
  state: CredentialState;
  title: string;
  issuerName: string;
  /** Its achievement's id: a catalogue module's id when issued for that module. */
  achievementId: string;
  /** The skills it proves; a result only partly achieved finishes no module. */
  skills: ReadonlySet<string>;
}

/** Reads a stored credential for the plan's progress, with the state the passport last saw. */
export function heldCredential(
  credential: { id: string; type: CredentialTypeName; document: CredentialDocument },
  state: CredentialState,
): HeldCredential {
  const summary = skillSummary(credential.document, credential.type);
  return {
    id: credential.id,
    type: credential.type,
    state,
    title: summary.name,
    issuerName: summary.issuerName,
    achievementId: credential.document.credentialSubject.achievement.id,
    skills: new Set(
      summary.claims.filter((c) => c.result?.outcome !== 'partly-achieved').map((c) => c.alignment.targetUrl),
    ),
  };
}

/** How a module was done, and by which credential. */
export interface ModuleDone {
  credentialId: string;
  title: string;
  issuerName: string;
  /** `module`: issued for this catalogue module; `skills`: it proves every skill the module closes. */
  by: 'module' | 'skills';
}

export interface ModuleProgress {
  module: PlannedModule;
  done?: ModuleDone;
}

export interface PlanProgress {
  modules: ModuleProgress[];
  done: number;
  total: number;
}

function doneBy(module: PlannedModule, held: readonly HeldCredential[]): ModuleDone | undefined {
  const counting = held.filter((c) => stillCounts(c.state) && c.type !== 'DevelopmentPlanCredential');
  const byModule = counting.find((c) => c.achievementId === module.id);
  const bySkills =
    byModule ??
    (module.skills.length === 0
      ? undefined
      : counting.find((c) => module.skills.every((skill) => c.skills.has(skill.uri))));
  const credential = byModule ?? bySkills;
  if (credential === undefined) return undefined;
  return {
    credentialId: credential.id,
    title: credential.title,
    issuerName: credential.issuerName,
    by: byModule === undefined ? 'skills' : 'module',
  };
}

/** Which of the plan's modules are done, and how many. */
export function planProgress(plan: Plan, held: readonly HeldCredential[]): PlanProgress {
  const modules = plan.modules.map((module) => {
    const done = doneBy(module, held);
    return done === undefined ? { module } : { module, done };
  });
  return { modules, done: modules.filter((m) => m.done !== undefined).length, total: modules.length };
}

/**
 * The plan the wallet shows: of the plan credentials that still count and read as a plan, the
 * one issued last (a newer plan replaces an older one; the older stays in the passport).
 */
export function currentPlan(
  held: readonly { credential: { document: unknown }; state: CredentialState }[],
): Plan | undefined {
  const plans = held
    .filter((c) => stillCounts(c.state))
    .map((c) => readPlan(c.credential.document))
    .filter((plan): plan is Plan => plan !== undefined);
  return plans.sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0];
}
