import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';
import type { StoredCredential } from '../store/db.js';
import { WalletError } from '../errors.js';
import type { ClaimChoice } from './disclosure.js';

// The learner chooses credentials, not envelopes: which query of a request each chosen credential
// answers, and in which envelope, is decided here (a module of its own, so the share screen can
// use it without loading the presentation code).

/** The envelopes the wallet presents. */
export type PresentedFormat = 'jwt_vc_json' | 'ldp_vc' | 'dc+sd-jwt';

/** One credential query of the request. */
export interface RequestedCredential {
  id: string;
  format: string;
  /** Our type names or other VC types the verifier accepts (any of them). */
  types: string[];
  multiple: boolean;
}

/** A credential of the wallet that answers the request, and every way it can (query, envelope). */
export interface ShareCandidate {
  credential: StoredCredential;
  answers: Answer[];
}

/** One way a credential answers a request: a query, an envelope and, for `dc+sd-jwt`, the claims asked. */
export interface Answer {
  queryId: string;
  format: PresentedFormat;
  /** What a `dc+sd-jwt` query asks this credential to disclose (see disclosure.ts). */
  claims?: ClaimChoice[];
  /** For `dc+sd-jwt`: the SD-JWT VC's full claims, to say what stays behind. */
  holderClaims?: Record<string, unknown>;
}

/** The verified request parameters the wallet acts on. */
export interface VerifiedRequest {
  client_id: string;
  response_uri: string;
  nonce: string;
  state?: string;
  dcql_query: unknown;
  client_metadata?: Record<string, unknown>;
  purpose?: string;
}

export interface RequestPreview {
  request: VerifiedRequest;
  clientId: string;
  verifierName: string;
  verifierOrigin: string;
  purpose?: string;
  queries: RequestedCredential[];
  /** The wallet's credentials that answer some query, each once: the learner chooses among these. */
  candidates: ShareCandidate[];
  /**
   * The learner's self-declared skills the request takes, each as an Open Badge the wallet issues
   * to itself at share time (a `jwt_vc_json` query that accepts `OpenBadgeCredential`), with the
   * query each goes in. Never pre-selected.
   */
  selfDeclared: { skill: SelfDeclaredSkill; queryId: string }[];
}

/**
 * Which envelope a chosen credential goes in, when the request would take it in more than one.
 * First the SD-JWT VC: it discloses only the claims asked for, so the learner shares less (the
 * whole credential goes in either of the others). Then the
 * VC-JWT. Both carry the same credential, and a request that asks for both accepts both; the JWT
 * is verified with one signature per credential and no JSON-LD processing, where a Data
 * Integrity presentation costs a canonicalization of every credential twice over (its own proof
 * and the presentation's, about 50 ms each on a server for one of ours) at the verifier and once
 * in the learner's browser, and rests on both sides holding the same JSON-LD contexts. So a
 * credential goes as ldp_vc when that is the only way the request takes it (an ldp_vc-only query,
 * or a credential the wallet holds only as a Data Integrity credential).
 */
const PREFERRED_FORMATS: readonly PresentedFormat[] = ['dc+sd-jwt', 'jwt_vc_json', 'ldp_vc'];

/** The query and envelope each chosen credential goes in, each credential once. */
export function assignEnvelopes(
  preview: RequestPreview,
  chosen: StoredCredential[],
): ({ credential: StoredCredential } & Answer)[] {
  const takesMany = new Map(preview.queries.map((q) => [q.id, q.multiple]));
  const used = new Set<string>();
  return chosen.map((credential) => {
    const answers = preview.candidates.find((c) => c.credential.id === credential.id)?.answers ?? [];
    const ways = [...answers].sort(
      (a, b) => PREFERRED_FORMATS.indexOf(a.format) - PREFERRED_FORMATS.indexOf(b.format),
    );
    // A query without `multiple` takes one credential.
    const way = ways.find((w) => takesMany.get(w.queryId) === true || !used.has(w.queryId));
    if (way === undefined) throw new WalletError('ERR_TOO_MANY_CREDENTIALS', credential.document.name);
    used.add(way.queryId);
    return { credential, ...way };
  });
}
