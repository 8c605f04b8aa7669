// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="../jsonld/context-packages.d.ts" />
import jsonld, { type CanonizeSignal } from 'jsonld';
import type { ErrorCode } from '../errors.js';
import { JSONLD_LIMITS } from '../jsonld/expand.js';
import { describeJsonLdFailure, type JsonLdFailure } from '../jsonld/failure.js';
import { guardJson } from '../validation/json-guard.js';
import { canonicalizationLoader, contextOriginsOf } from './context-loader.js';

/** Bounds and documents for {@link canonicalize}. */
export interface CanonicalizeOptions {
  /**
   * Documents the caller holds already, by URL, besides the static contexts (a context from a
   * test suite, say). Never documents the input itself points to: nothing is fetched.
   */
  extraDocuments?: ReadonlyMap<string, unknown>;
  /**
   * Origins whose copy of our context the document may name; by default those of
   * {@link contextOriginsOf} (its issuer's, and those of the credentials a presentation embeds).
   * A proof configuration, which has no issuer, takes those of the document it secures.
   */
  contextOrigins?: readonly string[];
  /**
   * Bound on RDFC-1.0's blank-node work: at most n^maxWorkFactor deep iterations for n blank nodes
   * that cannot be told apart by their own statements. Default 1, as in rdf-canonize and the
   * Digital Bazaar cryptosuites: credentials need none, poison graphs need n! of them.
   */
  maxWorkFactor?: number;
  /** Time the blank-node work may take before it is abandoned, in milliseconds; default 2000. */
  timeLimitMs?: number;
}

/** The outcome of {@link canonicalize}. */
export type CanonicalizeResult =
  { ok: true; nquads: string } | { ok: false; code: ErrorCode; reason: string };

/** Default of {@link CanonicalizeOptions.timeLimitMs}. */
export const DEFAULT_CANONICALIZE_TIME_LIMIT_MS = 2_000;

interface Clock {
  performance?: { now(): number };
}

/** A monotonic clock where there is one (browsers, Node), the wall clock otherwise. */
function monotonicNow(): number {
  return (globalThis as Clock).performance?.now() ?? Date.now();
}

/**
 * rdf-canonize polls `signal.aborted` between blank-node permutations. A deadline read from the
 * clock at each poll stops it on time; a timer-driven AbortSignal could only fire when the event
 * loop gets a turn, and would leave a timer behind.
 */
function deadlineSignal(limitMs: number): CanonizeSignal {
  const deadline = monotonicNow() + limitMs;
  return {
    get aborted() {
      return monotonicNow() >= deadline;
    },
    reason: `time limit of ${limitMs} ms reached`,
  };
}

function describeCanonicalizationFailure(error: unknown): JsonLdFailure {
  const message = error instanceof Error ? error.message : '';
  // rdf-canonize signals both bounds with plain errors; their messages are all there is to match.
  if (message.startsWith('Maximum deep iterations exceeded')) {
    return {
      ok: false,
      code: 'ERR_JSONLD_TOO_COMPLEX',
      reason: 'the document has blank nodes that take more work to tell apart than a credential ever needs.',
    };
  }
  if (message.startsWith('Abort signal received')) {
    return {
      ok: false,
      code: 'ERR_JSONLD_TOO_COMPLEX',
      reason: 'canonicalizing the document took longer than its time limit.',
    };
  }
  return describeJsonLdFailure(error);
}

/**
 * The RDFC-1.0 canonical N-Quads of a JSON-LD document (`jsonld.canonize`, safe mode), as Data
 * Integrity signs them. Bounded: {@link JSONLD_LIMITS} first (`ERR_INPUT_TOO_LARGE`,
 * `ERR_INPUT_TOO_DEEP`), then blank-node work and time (`ERR_JSONLD_TOO_COMPLEX`). Contexts come
 * from the static map only, with our context at the origin of the issuer (of the document, or of
 * each credential a presentation embeds; see {@link CanonicalizeOptions.contextOrigins})
 * (`ERR_JSONLD_CONTEXT_UNKNOWN`); a term no context
 * defines or a protected term redefined is `ERR_JSONLD_INVALID`. Nothing is cached per document.
 * Never throws.
 */
export async function canonicalize(
  document: unknown,
  options: CanonicalizeOptions = {},
): Promise<CanonicalizeResult> {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { ok: false, code: 'ERR_NOT_AN_OBJECT', reason: 'The document is not a JSON object.' };
  const guarded = guardJson(document, JSONLD_LIMITS);
  if (guarded !== undefined) return { ok: false, code: guarded.code, reason: guarded.issue.message };
  const record = document as Record<string, unknown>;
  try {
    const nquads = await jsonld.canonize(record, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      base: null,
      safe: true,
      // As the eddsa-rdfc-2022 cryptosuites of Digital Bazaar do; without it safe mode refuses
      // any value with a base direction.
      rdfDirection: 'i18n-datatype',
      documentLoader: canonicalizationLoader(
        options.contextOrigins ?? contextOriginsOf(record),
        options.extraDocuments,
      ),
      canonizeOptions: {
        maxWorkFactor: options.maxWorkFactor ?? 1,
        signal: deadlineSignal(options.timeLimitMs ?? DEFAULT_CANONICALIZE_TIME_LIMIT_MS),
      },
    });
    return { ok: true, nquads };
  } catch (error) {
    return describeCanonicalizationFailure(error);
  }
}
