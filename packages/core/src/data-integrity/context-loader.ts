// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="../jsonld/context-packages.d.ts" />
import type { DocumentLoader } from 'jsonld';
import { SKILLS_PASSPORT_CONTEXT_PATH } from '../credential-types.js';
import { SKILLS_PASSPORT_CONTEXT, contextOriginOf, knownContext } from '../jsonld/contexts.js';
import { issuerIdOf } from '../jsonld/document-issuer.js';
import { staticDocumentLoader } from '../jsonld/document-loader.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The origins whose copy of our context a document may name: its issuer's, and for a
 * presentation the issuer's of each credential it embeds (their contexts are processed with it).
 */
export function contextOriginsOf(document: Record<string, unknown>): string[] {
  const embedded: unknown = document.verifiableCredential;
  const listed: unknown[] = Array.isArray(embedded) ? embedded : [embedded];
  const credentials = [document, ...listed].filter(isObject);
  const origins = new Set<string>();
  for (const credential of credentials) {
    const issuer = issuerIdOf(credential);
    const origin = issuer === undefined ? undefined : contextOriginOf(issuer);
    if (origin !== undefined) origins.add(origin);
  }
  return [...origins];
}

/**
 * The document loader canonicalization uses: {@link staticDocumentLoader} (the static map, never a
 * fetch), our context at each of `origins` (see {@link contextOriginsOf}), and `extra` documents
 * the caller holds.
 *
 * Contexts of the static map are answered with `tag: 'static'`, which lets jsonld keep their
 * resolved and processed forms in its process-wide cache (about a fifth of the cost of
 * canonicalizing a credential). That is safe because the cache is keyed by the context URL and
 * what is cached derives only from the context document: a URL of the static map names the same
 * document for every caller, for the life of the process, and the document being canonicalized
 * never enters the cache. Nothing else is tagged: our context at an issuer's origin is admitted for
 * that document only (a cached entry would admit it for documents from any issuer, skipping the
 * loader's refusal), and `extra` documents may differ from one caller to the next.
 */
export function canonicalizationLoader(
  origins: readonly string[],
  extra?: ReadonlyMap<string, unknown>,
): DocumentLoader {
  const documents = new Map<string, unknown>(extra);
  for (const origin of origins) {
    documents.set(`${origin}${SKILLS_PASSPORT_CONTEXT_PATH}`, SKILLS_PASSPORT_CONTEXT);
  }
  const load = staticDocumentLoader({ extra: documents });
  return async (url) => {
    const remote = await load(url);
    return knownContext(url) === undefined ? remote : { ...remote, tag: 'static' };
  };
}
