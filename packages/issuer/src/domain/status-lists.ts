import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  isSkillsPassportError,
  skillsPassportContextUrl,
  SkillsPassportError,
  VC_V2_CONTEXT,
  type CredentialFormat,
} from '@skills-passport/core';
import type { IssuerStores, StatusListFormat, StoredStatusList } from '../ports.js';
import type { IssuerDeps } from './deps.js';
import { getOrganisation, multikeyFragment, signingKey } from './organisations.js';

/** Every list holds 131,072 entries (16 KiB), the minimum Bitstring Status List sets for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;
/** A list is closed for new credentials when this many of its indexes are taken, keeping random picks cheap. */
const LIST_FILL_LIMIT = STATUS_LIST_LENGTH / 2;

/**
 * The public URL of one status list credential, in the envelope of the credentials it serves: a
 * VC-JWT at `/status/<org>/<n>`, with a Data Integrity proof at `/status/<org>/<n>/ldp` (Data
 * Integrity verifiers cannot read a JWT status list). Both carry the same bits.
 */
export function statusListUrl(
  publicUrl: URL,
  orgSlug: string,
  listNo: number,
  format: BitstringListFormat = 'jwt_vc_json',
): string {
  return new URL(`/status/${orgSlug}/${listNo}${format === 'ldp_vc' ? '/ldp' : ''}`, publicUrl).href;
}

/**
 * The public URL of one list's IETF Token Status List token (for SD-JWT VC): `/status/<org>/<n>/token`.
 * Exactly the `status.status_list.uri` credentials carry, and the token's `sub`.
 */
export function statusListTokenUrl(publicUrl: URL, orgSlug: string, listNo: number): string {
  return new URL(`/status/${orgSlug}/${listNo}/token`, publicUrl).href;
}

/** `encodedList`: multibase base64url (`u` prefix, no padding) of the GZIP-compressed bitstring. */
export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/**
 * Picks a random free index for a new credential, in the organisation's current list (a new list
 * is opened when the current one is half full). Runs inside the caller's transaction; the unique
 * constraint on (organisation, list, index) makes a duplicate impossible even across processes.
 */
export async function allocateStatusIndex(
  tx: IssuerStores,
  orgSlug: string,
): Promise<{ listNo: number; index: number }> {
  let current = await tx.statusLists.currentList(orgSlug);
  if (current === undefined || current.used >= LIST_FILL_LIMIT) {
    const listNo = current === undefined ? 1 : current.listNo + 1;
    await tx.statusLists.openList(orgSlug, listNo, STATUS_LIST_LENGTH);
    current = { listNo, used: 0 };
  }
  const { listNo } = current;
  let index: number;
  do index = randomInt(STATUS_LIST_LENGTH);
  while (await tx.statusLists.isIndexTaken(orgSlug, listNo, index));
  await tx.statusLists.countUse(orgSlug, listNo);
  return { listNo, index };
}

/** A published status list: the signed document and the version of the list it reflects. */
export interface SignedStatusList {
  document: string;
  version: number;
  /** Tells signed copies apart (for ETag): the list's version, and when the copy expires, when it does. */
  revision: string;
}

/** Each byte of `a` OR-ed with the same byte of `b`. */
function union(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((byte, i) => byte | (b[i] ?? 0));
}

/**
 * The status list credential (VC Data Model 2.0) of one list. Its bits say which credentials are
 * not valid now: revoked for good, or suspended until the suspension is lifted. `suspended` (our
 * context's term) says which of those are suspensions, so our wallet and verifier can tell the
 * two apart; every other verifier refuses both, which is right for both.
 */
export function statusListDocument(
  deps: IssuerDeps,
  org: { did: string },
  url: string,
  list: StoredStatusList,
): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT, skillsPassportContextUrl(deps.config.publicUrl.origin)],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: org.did,
    validFrom: deps.now().toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeList(union(list.revoked, list.suspended)),
      suspended: encodeList(list.suspended),
      ttl: deps.config.statusListTtlMs,
    },
  };
}

/**
 * The envelopes whose credentials name a Bitstring Status List; an SD-JWT VC names the same list
 * as an IETF Token Status List token instead (see status-list-token.ts).
 */
export type BitstringListFormat = Exclude<CredentialFormat, 'dc+sd-jwt'>;

/** How the signed copies of each envelope are kept. */
const KEPT_AS: Record<BitstringListFormat, StatusListFormat> = { jwt_vc_json: 'jwt', ldp_vc: 'di' };

/**
 * The status list credential, signed by the organisation in the envelope `format` serves: a JWT,
 * or the JSON document with a Data Integrity proof. Signing happens on the first request after a
 * change and is kept per version, so what is served always reflects every committed revocation
 * and suspension (the "bounded delay" is zero).
 */
export function publishedStatusList(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
  format: BitstringListFormat,
): Promise<SignedStatusList> {
  return keptOrSigned(deps, orgSlug, listNo, KEPT_AS[format], {
    fresh: () => true,
    revision: (version) => `v${version}`,
    async sign(list) {
      const org = await getOrganisation(deps, orgSlug);
      const key = await signingKey(deps, orgSlug);
      const url = statusListUrl(deps.config.publicUrl, orgSlug, listNo, format);
      const unsigned = statusListDocument(deps, org, url, list);
      if (format === 'jwt_vc_json') return deps.signer.sign(unsigned, org.did, key);
      return JSON.stringify(
        await deps.dataIntegritySigner.sign(unsigned, {
          verificationMethod: `${org.did}#${multikeyFragment(key.fragment)}`,
          keyRef: key.kid,
          created: deps.now(),
        }),
      );
    },
  });
}

/** How one publication format is signed, how long a signed copy stays fresh, and how copies are told apart. */
export interface Publication {
  sign(list: StoredStatusList): Promise<string>;
  /** Whether a kept copy of the current version may still be served. */
  fresh(document: string): boolean;
  revision(version: number, document: string): string;
}

/**
 * The kept signed copy of a list in one format while it reflects the list's current version and is
 * fresh; otherwise a new one, signed now and kept. One signer at a time per list and format, across
 * every instance on the storage: the others wait, then serve the copy it kept, so a burst of
 * requests after a change signs once. The kept copy is a cache: when storage refuses it (disk
 * full), the list is served all the same, because verifiers must keep seeing every revocation.
 * Code: `ERR_NOT_FOUND`.
 */
export async function keptOrSigned(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
  format: StatusListFormat,
  publication: Publication,
): Promise<SignedStatusList> {
  const current = await keptIfCurrent(deps, orgSlug, listNo, format, publication);
  if ('document' in current) return current;
  return deps.store.oneAtATime(`status-list:${orgSlug}:${listNo}:${format}`, async () => {
    // Read again under the lock: the signer before this one may have kept a copy of this version,
    // or the list may have changed again meanwhile.
    const now = await keptIfCurrent(deps, orgSlug, listNo, format, publication);
    return 'document' in now ? now : signAndKeep(deps, orgSlug, listNo, format, publication, now.list);
  });
}

/** The kept copy when it reflects the list's current version and is fresh; else the list to sign. */
async function keptIfCurrent(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
  format: StatusListFormat,
  publication: Publication,
): Promise<SignedStatusList | { list: StoredStatusList }> {
  const list = await deps.store.statusLists.find(orgSlug, listNo);
  if (list === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such status list.');
  const kept = await deps.store.statusLists.published(orgSlug, listNo, format);
  if (kept !== undefined && kept.version === list.version && publication.fresh(kept.document))
    return { ...kept, revision: publication.revision(kept.version, kept.document) };
  return { list };
}

async function signAndKeep(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
  format: StatusListFormat,
  publication: Publication,
  list: StoredStatusList,
): Promise<SignedStatusList> {
  const document = await publication.sign(list);
  // Only kept if nothing changed meanwhile; a newer version gets signed on its own request.
  try {
    await deps.store.statusLists.savePublished(orgSlug, listNo, format, { version: list.version, document });
  } catch (error) {
    if (!isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) throw error;
    deps.logger.warn({ orgSlug, listNo, format }, 'status list served without caching: storage unavailable');
  }
  return { document, version: list.version, revision: publication.revision(list.version, document) };
}
