import { parseStrictJson, type ErrorCode } from '@skills-passport/core';

/** A DCQL credential query (OpenID4VP 1.0, 6.1), as far as reading an answer needs it. */
export interface DcqlCredentialQuery {
  id: string;
  format: string;
  /** Several presentations may answer the query; `false` when omitted. */
  multiple?: boolean;
  meta: Record<string, unknown>;
}

/** A DCQL credential set query (6.2): one of `options` answers it; `required` is `true` when omitted. */
export interface DcqlCredentialSetQuery {
  options: string[][];
  required?: boolean;
}

/** A DCQL query (6). */
export interface DcqlQueryObject {
  credentials: DcqlCredentialQuery[];
  credential_sets?: DcqlCredentialSetQuery[];
}

/** Most presentations this verifier takes for one credential query. */
export const MAX_PRESENTATIONS_PER_QUERY = 10;

/** One presentation of an answer, with the credential query it answers. */
export interface AnsweredPresentation {
  queryId: string;
  /** A VP JWT (`jwt_vc_json`), an `ldp_vp` JSON object (`ldp_vc`), or an SD-JWT presentation (`dc+sd-jwt`). */
  presentation: string | Record<string, unknown>;
}

/** A presentation in the form its query's format has it: a string, or for `ldp_vc` a JSON object. */
function presentationFits(value: unknown, format: string): value is string | Record<string, unknown> {
  if (format === 'ldp_vc') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === 'string';
}

/**
 * What a `vp_token` is, read against the DCQL query it answers:
 * - `complete`: well-formed, and every required credential set answered;
 * - `incomplete`: no presentation at all, or a required credential set left unanswered — a wallet
 *   that cannot answer fully must send an error response instead (OpenID4VP 1.0 6.4.2 and 8.1,
 *   errata 1), so nothing in it is verified and the request stays open;
 * - `malformed`: not the object 8.1 prescribes (not JSON, a key that is no query id, a value that
 *   is not a list of 1 to {@link MAX_PRESENTATIONS_PER_QUERY} presentations in its query's form
 *   (JWT strings; JSON objects for `ldp_vc`), several
 *   presentations for a query without `multiple`).
 */
export type VpTokenReading =
  | { kind: 'complete'; presentations: AnsweredPresentation[] }
  | {
      kind: 'incomplete';
      reason: 'no_presentation' | 'required_credentials_missing';
      description: string;
    }
  | { kind: 'malformed'; description: string; code: ErrorCode };

const malformed = (description: string, code: ErrorCode = 'ERR_PRESENTATION_INVALID'): VpTokenReading => ({
  kind: 'malformed',
  description,
  code,
});

/**
 * Reads the `vp_token` of a `direct_post` answer against the DCQL query of its request. The
 * OpenID4VP library checks none of this on the verifier side (query ids, sets), so it is ours.
 * `raw` is the form value as received: `undefined` or `''` when the answer holds none.
 */
export function readVpToken(raw: unknown, query: DcqlQueryObject): VpTokenReading {
  if (raw === undefined || raw === '')
    return { kind: 'incomplete', reason: 'no_presentation', description: 'The answer holds no vp_token.' };
  if (typeof raw !== 'string') return malformed('vp_token must be sent once, as a JSON object.');
  // Strict: a query id given twice would otherwise be read as its last value only, so the
  // presentations verified could differ from those another reader of the same answer sees.
  const strict = parseStrictJson(raw, { maxLength: Number.MAX_SAFE_INTEGER });
  if (!strict.ok)
    return malformed(
      `vp_token is not the JSON object OpenID4VP 1.0 prescribes: ${strict.reason}`,
      strict.code === 'ERR_MALFORMED_JSON' ? 'ERR_PRESENTATION_INVALID' : strict.code,
    );
  const parsed = strict.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return malformed('vp_token must be a JSON object keyed by DCQL query id.');

  const queries = new Map(query.credentials.map((q) => [q.id, q]));
  const presentations: AnsweredPresentation[] = [];
  for (const [queryId, value] of Object.entries(parsed)) {
    const credentialQuery = queries.get(queryId);
    if (credentialQuery === undefined)
      return malformed(`vp_token answers "${queryId}", which this request did not ask for.`);
    const most = credentialQuery.multiple === true ? MAX_PRESENTATIONS_PER_QUERY : 1;
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      value.length > most ||
      !value.every((p) => presentationFits(p, credentialQuery.format))
    ) {
      return malformed(
        `vp_token["${queryId}"] must be a list of 1 to ${most} presentation${most === 1 ? '' : 's'} (${credentialQuery.format === 'ldp_vc' ? 'JSON objects' : credentialQuery.format === 'dc+sd-jwt' ? 'SD-JWT presentations' : 'JWTs'}).`,
      );
    }
    for (const presentation of value) presentations.push({ queryId, presentation });
  }
  if (presentations.length === 0)
    return {
      kind: 'incomplete',
      reason: 'no_presentation',
      description:
        'vp_token is empty. A wallet with nothing to share sends an error response instead (OpenID4VP 1.0, 8.1).',
    };

  const unanswered = unansweredSets(query, new Set(presentations.map((p) => p.queryId)));
  if (unanswered.length > 0)
    return {
      kind: 'incomplete',
      reason: 'required_credentials_missing',
      description: `The answer leaves required credentials out: ${unanswered.join('; ')}.`,
    };
  return { kind: 'complete', presentations };
}

/**
 * The required parts of the query an answer leaves out, described (6.4.2): with credential sets,
 * every set that is required (`required` true or omitted) must be answered by one of its options
 * in full; without them, every credential query is required.
 */
function unansweredSets(query: DcqlQueryObject, answered: ReadonlySet<string>): string[] {
  if (query.credential_sets === undefined)
    return query.credentials.filter((q) => !answered.has(q.id)).map((q) => `"${q.id}"`);
  return query.credential_sets
    .map((set, index) => ({ set, index }))
    .filter(
      ({ set }) =>
        set.required !== false && !set.options.some((option) => option.every((id) => answered.has(id))),
    )
    .map(
      ({ set, index }) =>
        `credential set ${index + 1} needs one of ${set.options.map((option) => option.join(' + ')).join(', ')}`,
    );
}
