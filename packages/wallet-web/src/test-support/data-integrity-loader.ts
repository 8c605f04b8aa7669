// A JSON-LD document loader for @digitalbazaar/vc in the wallet's tests, so a Data Integrity
// credential or presentation the wallet holds or makes is checked by code we did not write.
import { didWebUrl, staticDocumentLoader } from '@skills-passport/core';

/**
 * A JSON-LD document loader for @digitalbazaar/vc: contexts from core's static map only; the
 * issuer's DID documents and status lists fetched from the issuer service; the wallet's did:key
 * expanded to its one Multikey verification method (did:key is its own document).
 */
export function loaderFor(issuerUrl: string) {
  const contexts = staticDocumentLoader({ issuerOrigin: new URL(issuerUrl).origin });
  const json = async (url: string) => ({
    contextUrl: null,
    documentUrl: url,
    document: (await (await fetch(url)).json()) as Record<string, any>,
  });
  return async (url: string) => {
    const [did, fragment] = url.split('#') as [string, string | undefined];
    if (url.startsWith(`${issuerUrl}/status/`)) return json(url);
    if (did.startsWith('did:web:')) {
      const where = didWebUrl(did, { allowInsecureLocalhost: true });
      if (!where.ok) throw new Error(where.reason);
      const { document } = await json(where.url);
      if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
      const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
      };
    }
    if (did.startsWith('did:key:z6Mk')) {
      const key = did.slice('did:key:'.length);
      const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
      const document =
        fragment === undefined
          ? {
              '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
              id: did,
              verificationMethod: [method],
              authentication: [method.id],
              assertionMethod: [method.id],
            }
          : { '@context': 'https://w3id.org/security/multikey/v1', ...method };
      return { contextUrl: null, documentUrl: url, document };
    }
    return contexts(url);
  };
}
