/**
 * Every non-empty combination of `ids`, the largest first; combinations of one size keep the
 * order of `ids`. DCQL lists alternatives this way (credential sets, claim sets): a wallet takes
 * the first it can satisfy, so the largest it can satisfy comes first.
 */
export function combinations(ids: readonly string[]): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask += 1)
    all.push(ids.filter((_, i) => (mask & (1 << i)) !== 0));
  return all.sort((x, y) => y.length - x.length); // stable: equals keep the order of `ids`
}
