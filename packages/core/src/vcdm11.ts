import { STATUS_V1_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from './credential-types.js';

// Our credentials are VC Data Model 2.0 documents, as Open Badges 3.0 defines them. OpenID4VCI
// 1.0's `jwt_vc_json` carries a VC Data Model 1.1 credential in the JWT's `vc` claim (VCDM 1.1
// §6.3.1), and the wallets that take it (Credo, did-jwt-vc) want the 1.1 context first. The
// rendering below is exactly what Open Badges 3.0 §8.2 says a verifier converts back: the v1
// context (with the status list context, which v1 lacks) instead of v2, and `issuanceDate` /
// `expirationDate` instead of `validFrom` / `validUntil`. Nothing else changes, so the same
// document expands under either set of contexts.

type Doc = Record<string, unknown>;

/** Renames keys in place of their position, so the rendering reads like the original. */
function renamed(doc: Doc, names: Readonly<Record<string, string>>): Doc {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [names[key] ?? key, value]));
}

/** The VC Data Model 1.1 rendering of one of our VC Data Model 2.0 credentials. */
export function toVcdm11(document: Doc): Doc {
  const contexts = Array.isArray(document['@context']) ? (document['@context'] as unknown[]) : [];
  const out = renamed(document, { validFrom: 'issuanceDate', validUntil: 'expirationDate' });
  out['@context'] = contexts.flatMap((c) => (c === VC_V2_CONTEXT ? [VC_V1_CONTEXT, STATUS_V1_CONTEXT] : [c]));
  return out;
}

/** True when a credential document is written in VC Data Model 1.1 (its first context is v1). */
export function isVcdm11(document: Doc): boolean {
  return Array.isArray(document['@context']) && document['@context'][0] === VC_V1_CONTEXT;
}

/** The VC Data Model 2.0 document a 1.1 rendering stands for (the inverse of {@link toVcdm11}). */
export function fromVcdm11(document: Doc): Doc {
  if (!isVcdm11(document)) return document;
  const contexts = document['@context'] as unknown[];
  const out = renamed(document, { issuanceDate: 'validFrom', expirationDate: 'validUntil' });
  out['@context'] = [
    VC_V2_CONTEXT,
    ...contexts.filter((c) => c !== VC_V1_CONTEXT && c !== STATUS_V1_CONTEXT),
  ];
  return out;
}
