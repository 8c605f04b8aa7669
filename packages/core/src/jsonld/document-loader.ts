// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="./context-packages.d.ts" />
import type { DocumentLoader } from 'jsonld';
import { SkillsPassportError } from '../errors.js';
import { knownContext } from './contexts.js';

/**
 * A JSON-LD document loader over the static context map: it answers from the map and refuses any
 * other URL with `ERR_JSONLD_CONTEXT_UNKNOWN`, never fetching. `issuerOrigin` admits our context
 * at the issuer's own origin (see `contextOriginOf`). `extra` adds documents the caller holds
 * already, such as a DID document it resolved itself.
 */
export function staticDocumentLoader(
  options: { issuerOrigin?: string | undefined; extra?: ReadonlyMap<string, unknown> } = {},
): DocumentLoader {
  return (url: string) => {
    const document = knownContext(url, options.issuerOrigin) ?? options.extra?.get(url);
    if (document === undefined) {
      return Promise.reject(
        new SkillsPassportError(
          'ERR_JSONLD_CONTEXT_UNKNOWN',
          `The JSON-LD context ${url} is not one this service knows; contexts are never fetched.`,
        ),
      );
    }
    return Promise.resolve({ contextUrl: null, documentUrl: url, document });
  };
}
