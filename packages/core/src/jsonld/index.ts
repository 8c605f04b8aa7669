export { knownContext, contextOriginOf, SKILLS_PASSPORT_CONTEXT } from './contexts.js';
export { staticDocumentLoader } from './document-loader.js';
export { checkJsonLd, JSONLD_LIMITS, type JsonLdCheck } from './expand.js';
