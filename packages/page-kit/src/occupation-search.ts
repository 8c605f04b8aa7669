// The search box of "start from an ESCO occupation", shared by the assessor page and the employer
// page: searched as the person types (or at once on Enter), answers to an older search dropped,
// "no match" said in the status line, each hit a list row with its skill counts and a "Choose"
// button named by the occupation. What a pick does is each page's own.
import { el, rowButton } from './dom.js';

/** One occupation found by label, as both services' `GET /api/occupations` answer it. */
export interface OccupationSearchHit {
  uri: string;
  essentialCount: number;
  optionalCount: number;
}

export interface OccupationSearchOptions<H extends OccupationSearchHit> {
  box: HTMLInputElement;
  /** Where "no match" and failures are said (a live region in the page's markup). */
  status: HTMLElement;
  /** The list the hits go into. */
  list: HTMLElement;
  /** Searches the service; throws an Error whose message a person can read when it cannot. */
  find(query: string): Promise<{ outcome: string; occupations: H[] }>;
  /** Called when the person chooses a hit; the box is emptied and the hits cleared first. */
  onPick(hit: H): void;
  /** Milliseconds of typing pause before a search. */
  delayMs: number;
  /** The page's words (read at each render, so a language switch shows at the next render). */
  words: {
    label(hit: H): string;
    noMatch(query: string): string;
    counts(hit: H): string;
    choose(): string;
    chooseNamed(label: string): string;
  };
  /** Class names of a row's label and of its counts, as each page's stylesheet has them. */
  classes: { label?: string; counts: string };
}

export interface OccupationSearch {
  /** Draws the hits again (after a language switch). */
  render(): void;
  /** Forgets the query and the hits. */
  clear(): void;
  /** Says a failure in the status line. */
  fail(message: string): void;
}

/** Wires the search box; the page keeps the returned handle for re-rendering and clearing. */
export function occupationSearch<H extends OccupationSearchHit>(
  options: OccupationSearchOptions<H>,
): OccupationSearch {
  const { box, status, list, words } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts searches, so an answer that arrives after a newer search began is dropped. */
  let seq = 0;
  let lastQuery = '';
  let hits: H[] = [];
  let noMatch = false;

  function render(): void {
    status.textContent = noMatch ? words.noMatch(lastQuery) : '';
    list.replaceChildren(
      ...hits.map((hit) => {
        const label = words.label(hit);
        return el(
          'li',
          { 'data-uri': hit.uri },
          el(
            'span',
            { class: options.classes.label ?? false },
            label,
            ' ',
            el('span', { class: options.classes.counts }, words.counts(hit)),
          ),
          rowButton(words.choose(), words.chooseNamed(label), () => {
            clear();
            options.onPick(hit);
          }),
        );
      }),
    );
  }

  function clear(): void {
    seq += 1;
    [lastQuery, hits, noMatch] = ['', [], false];
    box.value = '';
    render();
  }

  function fail(message: string): void {
    [hits, noMatch] = [[], false];
    render();
    status.textContent = message;
  }

  async function search(): Promise<void> {
    const query = box.value.trim();
    const mine = ++seq;
    if (query.length < 2) {
      [hits, noMatch] = [[], false];
      render();
      return;
    }
    try {
      const found = await options.find(query);
      if (mine !== seq) return;
      [lastQuery, hits, noMatch] = [query, found.occupations, found.outcome === 'no-match'];
      render();
    } catch (error) {
      if (mine === seq) fail(error instanceof Error ? error.message : String(error));
    }
  }

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), options.delayMs);
  });
  box.addEventListener('keydown', (event) => {
    // Enter searches now; it never submits a form from this box.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    void search();
  });
  return { render, clear, fail };
}
