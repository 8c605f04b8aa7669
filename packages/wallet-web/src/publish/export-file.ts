import type { StoredCredential } from '../store/db.js';

/** The envelope a credential is exported in. */
export type ExportFormat = 'ldp_vc' | 'jwt_vc_json' | 'dc+sd-jwt';

/** A credential as a file to download: exactly as the issuer sent it, never re-encoded. */
export interface ExportFile {
  format: ExportFormat;
  name: string;
  type: string;
  text: string;
}

/**
 * A file name from a credential's title: ASCII letters, digits, dashes and underscores kept
 * (accents dropped), anything else one space, at most 80 characters; `credential` when nothing is
 * left (no dots or slashes: never a path or a hidden file).
 */
export function fileBase(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, ' ')
    .replace(/^[\s._-]+|[\s._-]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 80)
    .trim();
  return base === '' ? 'credential' : base;
}

/**
 * The file a credential is exported as: its Open Badges 3.0 credential (VC Data Model 2.0 with its
 * Data Integrity proof, `ldp_vc`) as JSON when the wallet holds it; else its VC-JWT (`.jwt`); else
 * its SD-JWT VC with every disclosure (`.sd-jwt`). Each is what the issuer signed, the tokens byte
 * for byte as received, the JSON as parsed and written again (its proof signs the canonical form,
 * not the bytes).
 */
export function exportFile(credential: StoredCredential): ExportFile {
  const base = fileBase(credential.document.name);
  if (credential.ldp !== undefined)
    return {
      format: 'ldp_vc',
      name: `${base}.json`,
      type: 'application/json',
      text: `${JSON.stringify(credential.ldp, null, 2)}\n`,
    };
  if (credential.jwt !== undefined)
    return { format: 'jwt_vc_json', name: `${base}.jwt`, type: 'text/plain', text: credential.jwt };
  if (credential.sdJwt !== undefined)
    return { format: 'dc+sd-jwt', name: `${base}.sd-jwt`, type: 'text/plain', text: credential.sdJwt };
  throw new TypeError('a stored credential holds at least one envelope');
}

/** What a credential is published as: the same envelope the export takes (a JWT string or the JSON). */
export function publishedForm(credential: StoredCredential): string | Record<string, unknown> {
  return credential.ldp ?? credential.jwt ?? credential.sdJwt!;
}
