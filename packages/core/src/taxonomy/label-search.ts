import { foldForSearch } from './normalize.js';
import type { Lang } from './skill-concept.js';

/** Anything named by preferred and alternative labels in Dutch and English: a skill, an occupation. */
export interface Labelled {
  uri: string;
  labels: Partial<Record<Lang, string>>;
  altLabels: Record<Lang, string[]>;
}

/**
 * How a label matched, best first: the whole label, the label's beginning, or every query word
 * starting a word of the label. Never a match inside a word: "eten" must not find "wetenschappelijk".
 */
export type LabelMatchKind = 'exact' | 'prefix' | 'words';

/** One concept found, with the label that matched it best. */
export interface LabelHit<T extends Labelled> {
  concept: T;
  label: string;
  lang: Lang;
  /** True when `label` is the concept's preferred label, false for an alternative label. */
  preferred: boolean;
  match: LabelMatchKind;
}

/**
 * What a search found. `no-match` and `empty-query` are told apart so a page can say "no match"
 * without saying it before anything was typed.
 */
export type LabelSearchResult<T extends Labelled> =
  { outcome: 'found'; hits: LabelHit<T>[] } | { outcome: 'no-match' | 'empty-query'; hits: [] };

export interface LabelSearchOptions {
  /** The page's language: its labels come first when two match equally well. */
  lang?: Lang;
  /** Most hits to return; default 20, at most 200. */
  limit?: number;
}

interface IndexedLabel<T extends Labelled> {
  concept: T;
  label: string;
  lang: Lang;
  preferred: boolean;
  /** The folded label between spaces, so " " + word finds a word start and " " + word + " " a whole word. */
  spaced: string;
}

const MAX_QUERY_LENGTH = 200;

// Exact label > start of the preferred label > start of an alternative label: an alternative label
// that merely contains the words ranks below any preferred label that does.
function rankOf(match: LabelMatchKind, preferred: boolean): number {
  if (match === 'exact') return preferred ? 6 : 5;
  if (preferred) return match === 'prefix' ? 4 : 3;
  return match === 'prefix' ? 2 : 1;
}

/** A query folded for matching: the whole of it and its words, each between spaces as in an index entry. */
interface PreparedQuery {
  spaced: string;
  wordStarts: string[];
  wholeWords: string[];
}

function prepareQuery(folded: string): PreparedQuery {
  const words = folded.split(' ');
  return {
    spaced: ` ${folded} `,
    wordStarts: words.map((w) => ` ${w}`),
    wholeWords: words.map((w) => ` ${w} `),
  };
}

function matchLabel<T extends Labelled>(
  entry: IndexedLabel<T>,
  query: PreparedQuery,
): LabelMatchKind | undefined {
  if (entry.spaced === query.spaced) return 'exact';
  if (!query.wordStarts.every((start) => entry.spaced.includes(start))) return undefined;
  return entry.spaced.startsWith(query.wordStarts.join('')) ? 'prefix' : 'words';
}

/**
 * Labels grouped by the first two letters of each of their words: a query's first word can only
 * start a word in its own group, so a search reads a small part of the whole ESCO's 171,000 labels.
 */
type LabelsByWordInitial<T extends Labelled> = Map<string, IndexedLabel<T>[]>;

const initialOf = (word: string): string => word.slice(0, 2);

/** The labels that may hold a word starting with `word` (a one-letter word reads every group it starts). */
function labelsStartingWith<T extends Labelled>(
  byInitial: LabelsByWordInitial<T>,
  word: string,
): Iterable<IndexedLabel<T>> {
  if (word.length >= 2) return byInitial.get(initialOf(word)) ?? [];
  return [...byInitial].filter(([initial]) => initial.startsWith(word)).flatMap(([, labels]) => labels);
}

function addLabel<T extends Labelled>(
  byInitial: LabelsByWordInitial<T>,
  concept: T,
  label: string,
  lang: Lang,
  preferred: boolean,
): void {
  const folded = foldForSearch(label);
  if (folded.length === 0) return;
  const indexed: IndexedLabel<T> = { concept, label, lang, preferred, spaced: ` ${folded} ` };
  // Plain loops and a short list rather than spreads and a Set: this runs 171,000 times for ESCO.
  const initials: string[] = [];
  for (const word of folded.split(' ')) {
    const initial = initialOf(word);
    if (initials.includes(initial)) continue;
    initials.push(initial);
    const group = byInitial.get(initial);
    if (group === undefined) byInitial.set(initial, [indexed]);
    else group.push(indexed);
  }
}

function indexLabels<T extends Labelled>(concepts: Iterable<T>): LabelsByWordInitial<T> {
  const byInitial: LabelsByWordInitial<T> = new Map();
  for (const concept of concepts) {
    for (const lang of ['nl', 'en'] as const) {
      const preferred = concept.labels[lang];
      if (preferred !== undefined) addLabel(byInitial, concept, preferred, lang, true);
      for (const label of concept.altLabels[lang]) addLabel(byInitial, concept, label, lang, false);
    }
  }
  return byInitial;
}

/**
 * Label search over a set of concepts, in Dutch and English, preferred and alternative labels alike.
 * Case, diacritics and punctuation do not matter (hygiëne = hygiene, cliënt = client); each query
 * word must start a word of the label. The index is built on the first search, so loading a large
 * taxonomy costs nothing until someone searches it.
 */
export class LabelIndex<T extends Labelled> {
  readonly #concepts: () => Iterable<T>;
  #byInitial: LabelsByWordInitial<T> | undefined;

  constructor(concepts: () => Iterable<T>) {
    this.#concepts = concepts;
  }

  search(query: string, options: LabelSearchOptions = {}): LabelSearchResult<T> {
    const folded = foldForSearch(query.slice(0, MAX_QUERY_LENGTH));
    if (folded.length === 0) return { outcome: 'empty-query', hits: [] };
    const prepared = prepareQuery(folded);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 200);
    this.#byInitial ??= indexLabels(this.#concepts());
    const best = new Map<string, Ranked<T>>();
    // A label may come twice for a one-letter query; `best` keeps each concept once all the same.
    for (const entry of labelsStartingWith(this.#byInitial, folded.split(' ')[0]!)) {
      const match = matchLabel(entry, prepared);
      if (match === undefined) continue;
      const { concept, label, lang, preferred } = entry;
      const candidate = {
        hit: { concept, label, lang, preferred, match },
        rank: rankOf(match, preferred),
        wholeWords: prepared.wholeWords.every((word) => entry.spaced.includes(word)),
      };
      const previous = best.get(concept.uri);
      if (previous === undefined || compareHits(candidate, previous, options.lang) < 0) {
        best.set(concept.uri, candidate);
      }
    }
    if (best.size === 0) return { outcome: 'no-match', hits: [] };
    const hits = [...best.values()]
      .sort((a, b) => compareHits(a, b, options.lang))
      .slice(0, limit)
      .map((entry) => entry.hit);
    return { outcome: 'found', hits };
  }
}

interface Ranked<T extends Labelled> {
  hit: LabelHit<T>;
  rank: number;
  /** Every query word is a whole word of the label ("hygiëne waarborgen", not "hygiënenormen"). */
  wholeWords: boolean;
}

// Better rank first; then labels in the page's language (so a Dutch page shows Dutch labels where
// they match as well); then labels holding the query's words whole ("hygiëne waarborgen" before
// "hygiënenormen toepassen"); then shorter labels (the closer fit); then alphabetical, so a query
// always lists the same order.
function compareHits<T extends Labelled>(a: Ranked<T>, b: Ranked<T>, lang: Lang | undefined): number {
  return (
    b.rank - a.rank ||
    Number(b.hit.lang === lang) - Number(a.hit.lang === lang) ||
    Number(b.wholeWords) - Number(a.wholeWords) ||
    a.hit.label.length - b.hit.label.length ||
    a.hit.label.localeCompare(b.hit.label)
  );
}
