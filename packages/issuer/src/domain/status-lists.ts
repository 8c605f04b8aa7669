import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SkillsPassportError, isSkillsPassportError } from '@skills-passport/core';
import type { IssuerStores, StatusPurpose } from '../ports.js';
import type { IssuerDeps } from './deps.js';
import { getOrganisation, signingKey } from './organisations.js';

/** Every list holds 131,072 entries (16 KiB), the minimum Bitstring Status List sets for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;
/** A list is closed for new credentials when this many of its indexes are taken, keeping random picks cheap. */
const LIST_FILL_LIMIT = STATUS_LIST_LENGTH / 2;

export type { StatusPurpose } from '../ports.js';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** The public URL of one status list credential. */
export function statusListUrl(
  publicUrl: URL,
  orgSlug: string,
  listNo: number,
  purpose: StatusPurpose,
): string {
  return new URL(`/status/${orgSlug}/${purpose}-${listNo}`, publicUrl).href;
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

/** A published status list: the signed credential and the version it reflects (for ETag). */
export interface PublishedStatusList {
  jwt: string;
  version: number;
}

/**
 * The status list credential, signed by the organisation. Signing happens on the first request
 * after a change and is cached per version, so what is served always reflects every committed
 * revocation and suspension (the "bounded delay" is zero).
 */
export async function publishedStatusList(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
  purpose: StatusPurpose,
): Promise<PublishedStatusList> {
  const list = await deps.store.statusLists.find(orgSlug, listNo, purpose);
  if (list === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such status list.');
  if (list.signedVersion === list.version && list.signed !== null)
    return { jwt: list.signed, version: list.version };

  const org = await getOrganisation(deps, orgSlug);
  const key = await signingKey(deps, orgSlug);
  const url = statusListUrl(deps.config.publicUrl, orgSlug, listNo, purpose);
  const jwt = await deps.signer.sign(
    {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/status/v1'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: org.did,
      issuanceDate: deps.now().toISOString(),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        encodedList: encodeList(list.bits),
        ttl: deps.config.statusListTtlMs,
      },
    },
    org.did,
    key,
  );
  // Only store if nothing changed meanwhile; a newer version gets signed on its own request. The
  // stored copy is a cache: when storage refuses it (disk full), the list is served all the same,
  // because verifiers must keep seeing every revocation.
  try {
    await deps.store.statusLists.saveSigned(orgSlug, listNo, purpose, list.version, jwt);
  } catch (error) {
    if (!isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) throw error;
    deps.logger.warn({ orgSlug, listNo, purpose }, 'status list served without caching: storage unavailable');
  }
  return { jwt, version: list.version };
}
