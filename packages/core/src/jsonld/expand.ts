// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="./context-packages.d.ts" />
import jsonld from 'jsonld';
import type { ErrorCode } from '../errors.js';
import { DEFAULT_JSON_LIMITS, guardJson, type JsonLimits } from '../validation/json-guard.js';
import { contextOriginOf } from './contexts.js';
import { staticDocumentLoader } from './document-loader.js';
import { issuerIdOf } from './document-issuer.js';
import { describeJsonLdFailure } from './failure.js';

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

/**
 * Checks that a credential (or presentation) is sound JSON-LD: every context comes from the static
 * map (`ERR_JSONLD_CONTEXT_UNKNOWN`), no context redefines a protected term and every property and
 * type expands to an IRI in safe mode (`ERR_JSONLD_INVALID`), within {@link JSONLD_LIMITS}
 * (`ERR_INPUT_TOO_LARGE`, `ERR_INPUT_TOO_DEEP`). Never throws.
 */
export async function checkJsonLd(document: Record<string, unknown>): Promise<JsonLdCheck> {
  const guarded = guardJson(document, JSONLD_LIMITS);
  if (guarded !== undefined) return { ok: false, code: guarded.code, reason: guarded.issue.message };
  const issuer = issuerIdOf(document);
  const documentLoader = staticDocumentLoader({
    issuerOrigin: issuer === undefined ? undefined : contextOriginOf(issuer),
  });
  try {
    await jsonld.expand(document, { documentLoader, safe: true });
    return { ok: true };
  } catch (error) {
    return describeJsonLdFailure(error);
  }
}
