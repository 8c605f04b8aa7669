import { RESULTS_MEMBER, SD_JWT_CLAIM_LABELS, type ClaimPath, type Lang } from '@skills-passport/core';

// Selective disclosure on the wallet side (OpenID4VP 1.0 §6.3, DCQL `claims` and `claim_sets`):
// which claims of an SD-JWT VC a credential query asks for, which of those the learner may
// withhold, and, for the consent screen, what stays behind. Pure functions: no DOM, no keys.

type Json = Record<string, unknown>;

/** One claim a query asks for, as the consent screen offers it. */
export interface ClaimChoice {
  /** The claims path as the verifier named it (`null` stands for every element of an array). */
  path: ClaimPath;
  /**
   * Whether an answer without it would not satisfy the query: it is in every `claim_sets` option
   * (or the query has no `claim_sets`). The learner's name is never required: the learner may
   * always keep it, and the verifier then decides.
   */
  required: boolean;
}

/** A DCQL credential query, as far as disclosure reads it. */
export interface ClaimsQuery {
  claims?: readonly { id?: string; path: ClaimPath }[];
  claim_sets?: readonly (readonly string[])[];
}

/** The learner's name: `credentialSubject.identifier` (core's layout). */
const NAME_PATH: ClaimPath = ['credentialSubject', 'identifier'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `claims` has a value at `path` (`null`: some element of an array). */
export function hasClaim(claims: unknown, path: ClaimPath): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return claims !== undefined;
  if (head === null) return Array.isArray(claims) && claims.some((item) => hasClaim(item, rest));
  if (typeof head === 'number') return Array.isArray(claims) && hasClaim(claims[head], rest);
  return isObject(claims) && Object.hasOwn(claims, head) && hasClaim(claims[head], rest);
}

/** A path as a string key, to compare paths. */
export const pathKey = (path: ClaimPath): string => JSON.stringify(path);

/** Whether two paths are the same claim, or one lies inside the other (`null` matches any index). */
function overlaps(a: ClaimPath, b: ClaimPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === null && (y === null || typeof y === 'number')) continue;
    if (y === null && typeof x === 'number') continue;
    if (x !== y) return false;
  }
  return true;
}

/**
 * The claims a query asks of a credential whose (full) claims are `claims`: without `claim_sets`
 * every claim of the query, with them the first option whose claims the credential all has;
 * `undefined` when it can satisfy none. A query without `claims` asks for none: only what is
 * always visible is presented.
 */
export function claimsAsked(query: ClaimsQuery, claims: Json): ClaimChoice[] | undefined {
  const asked = query.claims ?? [];
  if (asked.length === 0) return [];
  const sets = query.claim_sets;
  const byId = new Map(asked.flatMap((c) => (c.id === undefined ? [] : [[c.id, c] as const])));
  let chosen: readonly { id?: string; path: ClaimPath }[];
  if (sets === undefined || sets.length === 0) {
    chosen = asked;
  } else {
    const option = sets
      .map((ids) => ids.map((id) => byId.get(id)))
      .find((option) => option.every((c) => c !== undefined && hasClaim(claims, c.path)));
    if (option === undefined) return undefined;
    chosen = option as { id?: string; path: ClaimPath }[];
  }
  if (!chosen.every((c) => hasClaim(claims, c.path))) return undefined;
  const inEvery = (c: { id?: string }) =>
    sets === undefined ||
    sets.length === 0 ||
    (c.id !== undefined && sets.every((ids) => ids.includes(c.id!)));
  return chosen.map((c) => ({
    path: c.path,
    required: inEvery(c) && !overlaps(c.path, NAME_PATH),
  }));
}

/** The skill URI a claims path names (`credentialSubject.results.<uri>`), if it names one. */
export function skillOfPath(path: ClaimPath): string | undefined {
  return path.length === 3 &&
    path[0] === 'credentialSubject' &&
    path[1] === RESULTS_MEMBER &&
    typeof path[2] === 'string'
    ? path[2]
    : undefined;
}

/** Whether a path is the learner's name. */
export const isNamePath = (path: ClaimPath): boolean => pathKey(path) === pathKey(NAME_PATH);

/** What a presentation that discloses `disclosed` keeps back of a credential with `claims`. */
export interface Withheld {
  /** How many skill results stay behind. */
  otherSkills: number;
  /** Whether the learner's name stays behind. */
  name: boolean;
  /** Every other disclosable claim the credential has that stays behind, labelled. */
  others: string[];
}

/**
 * What stays behind: every selectively disclosable claim of the credential (core's
 * SD_JWT_CLAIM_LABELS) that no disclosed path reaches. Skill results are counted, the name is
 * said apart, the rest is named in `lang`.
 */
export function withheldClaims(claims: Json, disclosed: readonly ClaimPath[], lang: Lang): Withheld {
  const subject = isObject(claims.credentialSubject) ? claims.credentialSubject : {};
  const results = isObject(subject[RESULTS_MEMBER]) ? Object.keys(subject[RESULTS_MEMBER]) : [];
  const shownSkills = new Set(disclosed.flatMap((p) => skillOfPath(p) ?? []));
  const reached = (path: ClaimPath) => disclosed.some((d) => overlaps(d, path));
  const others: string[] = [];
  for (const label of SD_JWT_CLAIM_LABELS) {
    if (!label.disclosable || label.path[1] === RESULTS_MEMBER || isNamePath(label.path)) continue;
    if (hasClaim(claims, label.path) && !reached(label.path)) others.push(label.label[lang]);
  }
  return {
    otherSkills: results.filter((uri) => !shownSkills.has(uri)).length,
    name: hasClaim(claims, NAME_PATH) && !reached(NAME_PATH),
    others: [...new Set(others)],
  };
}
