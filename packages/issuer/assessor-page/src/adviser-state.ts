// What the adviser tab holds while the adviser works: the request being answered, what was
// shared, the occupation chosen together and its gap, the modules on offer, and the plan draft.
// Nothing is kept beyond the tab: signing out forgets it all.
import type { CatalogueModule, IntakeDetail, IntakeGap, Provider } from './adviser-api.js';

export interface PlannedStep {
  description: string;
  due: string;
}

export interface AdviserState {
  /** The request shown in step 1 while it waits for an answer. */
  waiting: { id: string; requestLink: string; expiresAt: string } | null;
  intake: IntakeDetail | null;
  gap: IntakeGap | null;
  modules: { provider: Provider; module: CatalogueModule }[] | null;
  chosen: string[];
  steps: PlannedStep[];
  reviewOn: string;
  learnerName: string;
  learnerEmail: string;
}

export const state: AdviserState = fresh();

function fresh(): AdviserState {
  return {
    waiting: null,
    intake: null,
    gap: null,
    modules: null,
    chosen: [],
    steps: [{ description: '', due: '' }],
    reviewOn: '',
    learnerName: '',
    learnerEmail: '',
  };
}

/** Forgets everything (on sign-out). */
export function resetAdviserState(): void {
  Object.assign(state, fresh());
}

/** The skills a catalogue module adds: its learning outcomes' alignments, each once. */
export function moduleSkills(module: CatalogueModule): { uri: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const outcome of module.learningOutcomes ?? [])
    for (const a of outcome.alignment ?? []) if (!seen.has(a.targetUrl)) seen.set(a.targetUrl, a.targetName);
  return [...seen].map(([uri, label]) => ({ uri, label }));
}

/** The essential skills of the chosen occupation the learner does not prove yet. */
export function missingEssential(): Set<string> {
  const lines = state.gap?.gap.lines ?? [];
  return new Set(lines.filter((l) => l.essential && l.status !== 'proven').map((l) => l.uri));
}

/**
 * The modules in the order an adviser wants them: those that add most missing essential skills
 * first, then those adding as many in fewer hours; each with the missing skills it adds.
 */
export function rankedModules(): {
  provider: Provider;
  module: CatalogueModule;
  closes: { uri: string; label: string }[];
}[] {
  const missing = missingEssential();
  const hours = (m: CatalogueModule) => m.studyLoad?.hours ?? Number.POSITIVE_INFINITY;
  return (state.modules ?? [])
    .map((entry) => ({ ...entry, closes: moduleSkills(entry.module).filter((s) => missing.has(s.uri)) }))
    .sort(
      (a, b) =>
        b.closes.length - a.closes.length ||
        b.closes.length / hours(b.module) - a.closes.length / hours(a.module) ||
        a.module.name.localeCompare(b.module.name),
    );
}
