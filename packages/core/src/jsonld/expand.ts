// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="./context-packages.d.ts" />
import jsonld, { type JsonLdEvent } from 'jsonld';
import type { ErrorCode } from '../errors.js';
import { isSkillsPassportError } from '../errors.js';
import { DEFAULT_JSON_LIMITS, guardJson, type JsonLimits } from '../validation/json-guard.js';
import { contextOriginOf } from './contexts.js';
import { staticDocumentLoader } from './document-loader.js';

/** The outcome of {@link checkJsonLd}. */
export type JsonLdCheck = { ok: true } | { ok: false; code: ErrorCode; reason: string };

/**
 * Bounds on a document before JSON-LD processing, which (with canonicalization after it) costs far
 * more per node than parsing: a credential is a few hundred nodes, so these leave room and refuse
 * documents built to make processing slow.
 */
export const JSONLD_LIMITS: JsonLimits = Object.freeze({
  ...DEFAULT_JSON_LIMITS,
  maxDepth: 16,
  maxNodes: 5_000,
  maxTotalChars: 200_000,
});

function issuerOf(document: Record<string, unknown>): string | undefined {
  const issuer = document.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return undefined;
}

const REASONS: Record<string, string> = {
  'invalid property': 'a property does not expand to a term any of its contexts define',
  'invalid type value': 'a type does not expand to a term any of its contexts define',
  'relative @id reference': 'an id is not an absolute IRI',
  'relative @type reference': 'a type is not an absolute IRI',
};

/**
 * Checks that a credential (or presentation) is sound JSON-LD: every context comes from the static
 * map (`ERR_JSONLD_CONTEXT_UNKNOWN`), no context redefines a protected term and every property and
 * type expands to an IRI in safe mode (`ERR_JSONLD_INVALID`), within {@link JSONLD_LIMITS}
 * (`ERR_INPUT_TOO_LARGE`, `ERR_INPUT_TOO_DEEP`). Never throws.
 */
export async function checkJsonLd(document: Record<string, unknown>): Promise<JsonLdCheck> {
  const guarded = guardJson(document, JSONLD_LIMITS);
  if (guarded !== undefined) return { ok: false, code: guarded.code, reason: guarded.issue.message };
  const issuer = issuerOf(document);
  const documentLoader = staticDocumentLoader({
    issuerOrigin: issuer === undefined ? undefined : contextOriginOf(issuer),
  });
  try {
    await jsonld.expand(document, { documentLoader, safe: true });
    return { ok: true };
  } catch (error) {
    return describeFailure(error);
  }
}

function describeFailure(error: unknown): JsonLdCheck {
  const cause = (error as { details?: { cause?: unknown } } | null)?.details?.cause;
  for (const candidate of [error, cause]) {
    if (isSkillsPassportError(candidate))
      return { ok: false, code: candidate.code, reason: candidate.message };
  }
  const details = (error as { details?: { event?: JsonLdEvent; code?: string } } | null)?.details;
  const event = details?.event;
  if (event !== undefined) {
    const property = (event.details as { property?: string; type?: unknown } | undefined)?.property;
    const why = REASONS[event.code] ?? event.message;
    return {
      ok: false,
      code: 'ERR_JSONLD_INVALID',
      reason: `${why}${property === undefined ? '' : `: "${property}"`}.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    code: 'ERR_JSONLD_INVALID',
    reason: /protected term redefinition/i.test(message)
      ? 'a context redefines a term another context protects.'
      : `the document is not valid JSON-LD (${message.slice(0, 200)}).`,
  };
}
