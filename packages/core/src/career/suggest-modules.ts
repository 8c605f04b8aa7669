import type { Gap, GapLine } from './gap.js';

/**
 * What module suggestions need to know of a catalogue module; the caller's own type (with its
 * provider, level, price …) comes back unchanged in each suggestion.
 */
export interface SuggestableModule {
  /** The module's stable id (a catalogue module's Achievement `id`). */
  id: string;
  /** The skills the module teaches: the ESCO `targetUrl`s of its learning outcomes' alignments. */
  skills: readonly string[];
  /** The study load in hours; must be a positive finite number. */
  studyHours: number;
  /** Calendar dates (`YYYY-MM-DD`) on which the module starts. */
  startDates: readonly string[];
}

/** One missing skill a module closes. */
export interface ClosedSkill {
  uri: string;
  essential: boolean;
  /** The skill's state in the gap: not shown at all, or only partly. */
  status: 'not_yet' | 'partly';
}

/** One module worth taking for a gap, with what it closes and why it ranks where it does. */
export interface ModuleSuggestion<M extends SuggestableModule> {
  module: M;
  /** The missing skills it closes, essential first, each group in the gap's order. */
  closes: ClosedSkill[];
  /**
   * How much of the gap it closes: 1 per skill not yet shown, ½ per skill shown only partly
   * ({@link PARTLY_WEIGHT}).
   */
  value: number;
  /** `value / studyHours`: the ranking's key. */
  perHour: number;
  /** The earliest start date on or after `today` (any, without `today`); absent when none. */
  nextStart?: string;
}

/**
 * The smallest set of modules (found greedily) that closes the most essential missing skills:
 * each step takes the module closing the most essential skills still open, the fewer hours on a
 * tie, then the better-ranked.
 */
export interface ModulePlan<M extends SuggestableModule> {
  modules: ModuleSuggestion<M>[];
  /** Essential missing skills the plan closes (URIs, in the gap's order). */
  closes: string[];
  /** Essential missing skills no module in the catalogues closes (URIs, in the gap's order). */
  open: string[];
  /** The plan's total study load. */
  hours: number;
}

/** Module suggestions for one gap: all that close something, best first, and the plan. */
export interface ModuleSuggestions<M extends SuggestableModule> {
  suggestions: ModuleSuggestion<M>[];
  plan: ModulePlan<M>;
}

/**
 * A skill the learner shows only partly (a lower level, or a skill of the same ESCO group) still
 * needs work, but less than one not shown at all: closing it counts for half. Skills already
 * proven count for nothing; self-declared skills are not proven, so they count as their gap line
 * says.
 */
export const PARTLY_WEIGHT = 0.5;

export interface SuggestOptions {
  /** Today as `YYYY-MM-DD`: start dates before it are past. */
  today?: string;
  /** How many suggestions to return (all by default); the plan looks at all of them. */
  limit?: number;
}

const weight = (line: GapLine) => (line.status === 'partly' ? PARTLY_WEIGHT : 1);

/**
 * Catalogue modules indexed once by the skills they teach, so that suggestions for a gap touch
 * only the modules that share a skill with it: one step per (missing skill, module teaching it).
 */
export class ModuleIndex<M extends SuggestableModule> {
  readonly #modules: readonly M[];
  readonly #bySkill = new Map<string, number[]>();

  /** Throws a `TypeError` for a module without a positive finite study load. */
  constructor(modules: readonly M[]) {
    this.#modules = modules;
    modules.forEach((module, i) => {
      if (!(Number.isFinite(module.studyHours) && module.studyHours > 0))
        throw new TypeError(`module ${module.id}: study load must be a positive number of hours`);
      for (const uri of new Set(module.skills)) {
        const list = this.#bySkill.get(uri);
        if (list === undefined) this.#bySkill.set(uri, [i]);
        else list.push(i);
      }
    });
  }

  get size(): number {
    return this.#modules.length;
  }

  /**
   * Modules that close the gap, ranked by missing skills closed per study hour; on a tie the one
   * that closes more, then the shorter, then the one starting first (one without a start date
   * last), then by id. Modules that close nothing are left out.
   */
  suggest(gap: Gap, options: SuggestOptions = {}): ModuleSuggestions<M> {
    const missing = gap.lines.filter((l) => l.status !== 'proven');
    const closed = new Map<number, GapLine[]>();
    for (const line of missing) {
      for (const i of this.#bySkill.get(line.uri) ?? []) {
        const lines = closed.get(i);
        if (lines === undefined) closed.set(i, [line]);
        else lines.push(line);
      }
    }
    const suggestions = [...closed].map(([i, lines]) => this.#suggestion(this.#modules[i]!, lines, options));
    suggestions.sort(
      (a, b) =>
        b.perHour - a.perHour ||
        b.value - a.value ||
        a.module.studyHours - b.module.studyHours ||
        byStart(a.nextStart, b.nextStart) ||
        (a.module.id < b.module.id ? -1 : a.module.id > b.module.id ? 1 : 0),
    );
    return {
      suggestions: suggestions.slice(0, options.limit ?? suggestions.length),
      plan: plan(suggestions, missing),
    };
  }

  #suggestion(module: M, lines: GapLine[], options: SuggestOptions): ModuleSuggestion<M> {
    // Gap lines come essential first; a stable sort keeps each group in the gap's order.
    const ordered = [...lines].sort((a, b) => Number(b.essential) - Number(a.essential));
    const value = ordered.reduce((sum, l) => sum + weight(l), 0);
    const upcoming = module.startDates.filter((d) => options.today === undefined || d >= options.today);
    const nextStart = upcoming.length === 0 ? undefined : upcoming.reduce((a, b) => (b < a ? b : a));
    return {
      module,
      closes: ordered.map((l) => ({
        uri: l.uri,
        essential: l.essential,
        status: l.status as ClosedSkill['status'],
      })),
      value,
      perHour: value / module.studyHours,
      ...(nextStart === undefined ? {} : { nextStart }),
    };
  }
}

function byStart(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

// Greedy set cover over the essential missing skills (the classic ln(n)-approximation: finding
// the true smallest set is NP-hard, and a learner needs a good first plan, not a proof).
function plan<M extends SuggestableModule>(
  ranked: readonly ModuleSuggestion<M>[],
  missing: readonly GapLine[],
): ModulePlan<M> {
  const open = new Set(missing.filter((l) => l.essential).map((l) => l.uri));
  const chosen: ModuleSuggestion<M>[] = [];
  let candidates = ranked.filter((s) => s.closes.some((c) => c.essential));
  for (;;) {
    let best: ModuleSuggestion<M> | undefined;
    let bestCount = 0;
    // `ranked` is best first, so on equal counts and hours the better-ranked module wins.
    for (const s of candidates) {
      const count = s.closes.filter((c) => open.has(c.uri)).length;
      if (
        count > bestCount ||
        (count === bestCount && count > 0 && s.module.studyHours < best!.module.studyHours)
      ) {
        best = s;
        bestCount = count;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    for (const c of best.closes) open.delete(c.uri);
    candidates = candidates.filter((s) => s !== best);
  }
  const essential = missing.filter((l) => l.essential).map((l) => l.uri);
  return {
    modules: chosen,
    closes: essential.filter((uri) => !open.has(uri)),
    open: essential.filter((uri) => open.has(uri)),
    hours: chosen.reduce((sum, s) => sum + s.module.studyHours, 0),
  };
}

/**
 * The catalogue modules that close a gap (see {@link ModuleIndex.suggest}); for many gaps over the
 * same catalogues, build one {@link ModuleIndex} and ask it each time.
 */
export function suggestModules<M extends SuggestableModule>(
  gap: Gap,
  modules: readonly M[],
  options: SuggestOptions = {},
): ModuleSuggestions<M> {
  return new ModuleIndex(modules).suggest(gap, options);
}
