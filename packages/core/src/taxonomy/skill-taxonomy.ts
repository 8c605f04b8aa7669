import { SkillsPassportError } from '../errors.js';
import {
  LabelIndex,
  type LabelHit,
  type LabelSearchOptions,
  type LabelSearchResult,
} from './label-search.js';
import type { SkillConcept } from './skill-concept.js';

/** One hit of {@link SkillTaxonomy.search}: the concept and the label that matched. */
export type SkillMatch = LabelHit<SkillConcept>;

export type SkillSearchOptions = LabelSearchOptions;

/**
 * An in-memory skills framework (ESCO, CompetentNL or a custom one), searchable by label in Dutch and
 * English. Built once from parsed concepts; lookups by URI and searches are read-only.
 */
export class SkillTaxonomy {
  readonly #byUri = new Map<string, SkillConcept>();
  readonly #labels = new LabelIndex(() => this.#byUri.values());

  private constructor(concepts: Iterable<SkillConcept>) {
    for (const concept of concepts) {
      if (this.#byUri.has(concept.uri)) {
        throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `The skill ${concept.uri} appears twice.`);
      }
      this.#byUri.set(concept.uri, concept);
    }
  }

  /** Builds a taxonomy; throws `ERR_TAXONOMY_FORMAT` when a URI appears twice. */
  static fromConcepts(concepts: Iterable<SkillConcept>): SkillTaxonomy {
    return new SkillTaxonomy(concepts);
  }

  /** Number of concepts. */
  get size(): number {
    return this.#byUri.size;
  }

  /** The concept with this URI, if any. */
  get(uri: string): SkillConcept | undefined {
    return this.#byUri.get(uri);
  }

  /** Every concept, in the order they were loaded. */
  concepts(): SkillConcept[] {
    return [...this.#byUri.values()];
  }

  /** Other concepts in the same skill group (ESCO's broader skill group), for partial matches. */
  related(uri: string): SkillConcept[] {
    const group = this.#byUri.get(uri)?.group?.uri;
    if (group === undefined) return [];
    return this.concepts().filter((c) => c.uri !== uri && c.group?.uri === group);
  }

  /**
   * Finds skills by label in Dutch or English, preferred and alternative labels alike (see
   * {@link LabelIndex}): each skill once, with its best-matching label, best matches first. Says
   * whether nothing matched or nothing was asked.
   */
  find(query: string, options: SkillSearchOptions = {}): LabelSearchResult<SkillConcept> {
    return this.#labels.search(query, options);
  }

  /** The hits of {@link find} alone: an empty list when nothing matched. */
  search(query: string, options: SkillSearchOptions = {}): SkillMatch[] {
    return this.find(query, options).hits;
  }
}
