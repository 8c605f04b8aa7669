import type { Lang } from '../taxonomy/skill-concept.js';
import type { OccupationConcept, OccupationTaxonomy } from '../taxonomy/occupation-taxonomy.js';
import type { HolderSkills } from './gap.js';

/** One occupation in the ranking: how many of its essential skills the learner proves. */
export interface OccupationFit {
  occupation: OccupationConcept;
  essentialTotal: number;
  essentialProven: number;
  /** `essentialProven / essentialTotal`, 0 without essential skills. */
  share: number;
  /** The essential skills not yet proven, in the occupation's order (URIs). */
  missing: string[];
}

/**
 * The occupations of a taxonomy indexed once by essential skill (skill → occupations), so that
 * ranking all of them for a learner costs one step per occupation that a proven skill touches,
 * plus a sort.
 */
export class OccupationIndex {
  readonly #occupations: OccupationConcept[];
  /** Per occupation (by position), its essential skills, each once. */
  readonly #essential: string[][];
  readonly #bySkill = new Map<string, number[]>();

  constructor(occupations: OccupationTaxonomy) {
    this.#occupations = occupations.concepts();
    this.#essential = this.#occupations.map((o) => [...new Set(o.essentialSkills)]);
    this.#essential.forEach((skills, i) => {
      for (const uri of skills) {
        const list = this.#bySkill.get(uri);
        if (list === undefined) this.#bySkill.set(uri, [i]);
        else list.push(i);
      }
    });
  }

  /**
   * All occupations, best fit first: by the share of essential skills the learner's credentials
   * prove, then by how many, then by label in `lang`. The first `limit` (all by default) come with
   * the essential skills each still needs. Self-declared skills do not count.
   */
  rank(holder: HolderSkills, options: { lang: Lang; limit?: number }): OccupationFit[] {
    const proven = new Uint16Array(this.#occupations.length);
    for (const uri of holder.provenUris) {
      for (const i of this.#bySkill.get(uri) ?? []) proven[i]! += 1;
    }
    const label = (o: OccupationConcept) => o.labels[options.lang] ?? o.labels.en ?? o.labels.nl ?? o.uri;
    const share = (i: number) => {
      const total = this.#essential[i]!.length;
      return total === 0 ? 0 : proven[i]! / total;
    };
    const order = this.#occupations.map((_, i) => i);
    const collator = new Intl.Collator(options.lang);
    order.sort(
      (a, b) =>
        share(b) - share(a) ||
        proven[b]! - proven[a]! ||
        collator.compare(label(this.#occupations[a]!), label(this.#occupations[b]!)),
    );
    return order.slice(0, options.limit ?? order.length).map((i) => ({
      occupation: this.#occupations[i]!,
      essentialTotal: this.#essential[i]!.length,
      essentialProven: proven[i]!,
      share: share(i),
      missing: this.#essential[i]!.filter((uri) => !holder.provenUris.has(uri)),
    }));
  }
}
