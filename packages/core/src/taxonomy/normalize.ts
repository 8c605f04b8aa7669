/**
 * Folds a label or query for matching: Unicode-decomposed with diacritics removed ("patiënten" ->
 * "patienten"), lower case, punctuation turned into spaces, spaces collapsed.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
