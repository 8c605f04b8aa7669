import { SkillsPassportError } from '../errors.js';
import { foldForSearch } from './normalize.js';
import type { Lang, SkillConcept } from './skill-concept.js';

/** One hit of {@link SkillTaxonomy.search}: the concept and the label that matched. */
export interface SkillMatch {
  concept: SkillConcept;
  label: string;
  lang: Lang;
  /** How the label matched, best first: exact, prefix, words (every query word starts a word), infix. */
  match: 'exact' | 'prefix' | 'words' | 'infix';
}

export interface SkillSearchOptions {
  /** Prefer labels in this language when both match equally well. */
  lang?: Lang;
  /** Most hits to return; default 20, at most 200. */
  limit?: number;
}

interface IndexedLabel {
  concept: SkillConcept;
  label: string;
  lang: Lang;
  preferred: boolean;
  folded: string;
  words: string[];
}

const MATCH_SCORE = { exact: 400, prefix: 300, words: 200, infix: 100 } as const;
const MAX_QUERY_LENGTH = 200;

function matchLabel(
  entry: IndexedLabel,
  query: string,
  queryWords: string[],
): SkillMatch['match'] | undefined {
  if (entry.folded === query) return 'exact';
  if (entry.folded.startsWith(query)) return 'prefix';
  if (queryWords.every((q) => entry.words.some((w) => w.startsWith(q)))) return 'words';
  // Dutch compounds ("magazijnmaterialen") hide words inside words; match those for longer queries.
  if (query.length >= 4 && queryWords.every((q) => entry.words.some((w) => w.includes(q)))) return 'infix';
  return undefined;
}

/**
 * An in-memory skills framework (ESCO, CompetentNL or a custom one), searchable by label in Dutch and
 * English. Built once from parsed concepts; lookups by URI and searches are read-only.
 */
export class SkillTaxonomy {
  readonly #byUri = new Map<string, SkillConcept>();
  readonly #labels: IndexedLabel[] = [];

  private constructor(concepts: Iterable<SkillConcept>) {
    for (const concept of concepts) {
      if (this.#byUri.has(concept.uri)) {
        throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `The skill ${concept.uri} appears twice.`);
      }
      this.#byUri.set(concept.uri, concept);
      for (const lang of ['nl', 'en'] as const) {
        const labels = [
          ...(concept.labels[lang] === undefined ? [] : [{ label: concept.labels[lang], preferred: true }]),
          ...concept.altLabels[lang].map((label) => ({ label, preferred: false })),
        ];
        for (const { label, preferred } of labels) {
          const folded = foldForSearch(label);
          if (folded.length > 0) {
            this.#labels.push({ concept, label, lang, preferred, folded, words: folded.split(' ') });
          }
        }
      }
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
   * Finds skills by label in Dutch or English, preferred and alternative labels alike; case and
   * diacritics do not matter. Each concept appears once, with its best-matching label; exact
   * matches first, then label prefixes, then labels where every query word starts a word, then
   * words found inside words.
   */
  search(query: string, options: SkillSearchOptions = {}): SkillMatch[] {
    const folded = foldForSearch(query.slice(0, MAX_QUERY_LENGTH));
    if (folded.length === 0) return [];
    const queryWords = folded.split(' ');
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 200);
    const best = new Map<string, { hit: SkillMatch; score: number }>();
    for (const entry of this.#labels) {
      const match = matchLabel(entry, folded, queryWords);
      if (match === undefined) continue;
      const score =
        MATCH_SCORE[match] +
        (entry.preferred ? 20 : 0) +
        (options.lang === entry.lang ? 10 : 0) -
        entry.label.length / 1000;
      const previous = best.get(entry.concept.uri);
      if (previous === undefined || score > previous.score) {
        best.set(entry.concept.uri, {
          hit: { concept: entry.concept, label: entry.label, lang: entry.lang, match },
          score,
        });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.hit.label.localeCompare(b.hit.label))
      .slice(0, limit)
      .map((entry) => entry.hit);
  }
}
