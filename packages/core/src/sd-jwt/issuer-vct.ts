import { isCredentialTypeName, type CredentialTypeName } from '../credential-types.js';
import { integrityOfSync, typeMetadataText, VCT_PATH } from './vct.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The `host[:port]` a did:web lives at (`did:web:localhost%3A3001:orgs:a` → `localhost:3001`). */
function authorityOf(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const host = did.slice('did:web:'.length).split(':')[0];
  return host === undefined || host === '' ? undefined : host.replace(/%3[aA]/, ':');
}

/** Type Metadata hashes per origin and type: the same few for every credential verified. */
const integrities = new Map<string, string>();
const MAX_INTEGRITIES = 256;

function integrityOfType(origin: string, type: CredentialTypeName): string {
  const key = `${origin} ${type}`;
  let found = integrities.get(key);
  if (found === undefined) {
    found = integrityOfSync(typeMetadataText(origin, type));
    if (integrities.size >= MAX_INTEGRITIES) integrities.delete(integrities.keys().next().value!);
    integrities.set(key, found);
  }
  return found;
}

export type VctReading =
  | { ok: true; type: CredentialTypeName; origin: string }
  | { ok: false; code: 'ERR_VCT_UNKNOWN' | 'ERR_VCT_INTEGRITY'; reason: string };

/**
 * Which of our credential types an SD-JWT VC's `vct` names: it must be `<issuer origin>/vct/<type>`
 * on the host of the issuer's did:web (https; http only on localhost), so an issuer cannot pass off
 * another's type. `vct#integrity`, when given, must be the hash of that type's metadata as our
 * issuers serve it: the metadata is known here, never fetched.
 */
export function readIssuerVct(vct: unknown, integrity: unknown, issuer: string): VctReading {
  const unknown = (reason: string): VctReading => ({ ok: false, code: 'ERR_VCT_UNKNOWN', reason });
  if (typeof vct !== 'string') return unknown('The credential names no type (vct).');
  let url: URL;
  try {
    url = new URL(vct);
  } catch {
    return unknown(`The credential type ${JSON.stringify(vct)} is not a URL.`);
  }
  const authority = authorityOf(issuer);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  const name = url.pathname.startsWith(VCT_PATH) ? url.pathname.slice(VCT_PATH.length) : '';
  if (
    authority === undefined ||
    url.host !== authority ||
    !secure ||
    url.search !== '' ||
    url.hash !== '' ||
    !isCredentialTypeName(name)
  )
    return unknown(`The credential type ${vct} is not one this verifier knows from this issuer.`);
  if (integrity !== undefined && integrity !== integrityOfType(url.origin, name))
    return {
      ok: false,
      code: 'ERR_VCT_INTEGRITY',
      reason: `The type metadata of ${vct} does not match its vct#integrity.`,
    };
  return { ok: true, type: name, origin: url.origin };
}
