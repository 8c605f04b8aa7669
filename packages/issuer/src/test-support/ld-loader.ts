import { contextOriginOf, staticDocumentLoader } from '@skills-passport/core';

// A JSON-LD document loader for the @digitalbazaar libraries in tests: contexts from our static
// map (never fetched); DID documents, their verification methods and status lists fetched from
// the issuer under test. It runs on http://localhost — the one shim: did:web resolvers require
// https, and no other host can run here.

/** did:web → the URL of its DID document, http for localhost. */
function didWebDocumentUrl(did: string): string {
  const [host, ...path] = did.slice('did:web:'.length).split(':');
  const origin = `http://${decodeURIComponent(host!)}`;
  return path.length === 0 ? `${origin}/.well-known/did.json` : `${origin}/${path.join('/')}/did.json`;
}

export function localDocumentLoader(issuerDid: string) {
  const contexts = staticDocumentLoader({ issuerOrigin: contextOriginOf(issuerDid) });
  const issuerOrigin = new URL(didWebDocumentUrl(issuerDid)).origin;
  return async (url: string) => {
    if (url.startsWith(`${issuerOrigin}/status/`)) {
      const document: unknown = await (await fetch(url)).json();
      return { contextUrl: null, documentUrl: url, document };
    }
    if (!url.startsWith('did:web:')) return contexts(url);
    const [did, fragment] = url.split('#');
    const document = (await (await fetch(didWebDocumentUrl(did!))).json()) as {
      verificationMethod: { id: string }[];
    };
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
    const method = document.verificationMethod.find((m) => m.id === url);
    if (method === undefined) throw new Error(`${url} is not in the DID document`);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
    };
  };
}
