import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SkillsPassportError, isSkillsPassportError } from '@skills-passport/core';
import type { Queries } from '@skills-passport/service-kit';
import type { IssuerDeps } from './deps.js';
import { getOrganisation, signingKey } from './organisations.js';

/** Every list holds 131,072 entries (16 KiB), the minimum Bitstring Status List sets for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;
/** A list is closed for new credentials when this many of its indexes are taken, keeping random picks cheap. */
const LIST_FILL_LIMIT = STATUS_LIST_LENGTH / 2;

export type StatusPurpose = 'revocation' | 'suspension';
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

/** Bit `index` of the list: bit 0 is the most significant bit of the first byte (Bitstring Status List 1.0). */
export function readBit(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

function writeBit(bits: Uint8Array, index: number, value: boolean): void {
  const mask = 0x80 >> (index & 7);
  const byte = index >> 3;
  bits[byte] = value ? (bits[byte] ?? 0) | mask : (bits[byte] ?? 0) & ~mask;
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
  tx: Queries,
  orgSlug: string,
): Promise<{ listNo: number; index: number }> {
  // How full the current list is, kept as a counter: counting credentials per issuance would grow
  // with the table.
  let current = await tx.get<{ list_no: number; used: number }>(
    'SELECT list_no, used FROM status_list_usage WHERE org_slug = ? ORDER BY list_no DESC LIMIT 1',
    [orgSlug],
  );
  if (current === undefined || current.used >= LIST_FILL_LIMIT) {
    const listNo = current === undefined ? 1 : current.list_no + 1;
    await ensureLists(tx, orgSlug, listNo);
    await tx.run('INSERT INTO status_list_usage (org_slug, list_no, used) VALUES (?, ?, 0)', [
      orgSlug,
      listNo,
    ]);
    current = { list_no: listNo, used: 0 };
  }
  const listNo = current.list_no;
  for (;;) {
    const index = randomInt(STATUS_LIST_LENGTH);
    const taken = await tx.get(
      'SELECT 1 FROM credentials WHERE org_slug = ? AND list_no = ? AND status_index = ?',
      [orgSlug, listNo, index],
    );
    if (taken === undefined) {
      await tx.run('UPDATE status_list_usage SET used = used + 1 WHERE org_slug = ? AND list_no = ?', [
        orgSlug,
        listNo,
      ]);
      return { listNo, index };
    }
  }
}

async function ensureLists(tx: Queries, orgSlug: string, listNo: number): Promise<void> {
  const empty = Buffer.alloc(STATUS_LIST_LENGTH / 8);
  for (const purpose of STATUS_PURPOSES) {
    await tx.run(
      'INSERT OR IGNORE INTO status_lists (org_slug, list_no, purpose, bits, version) VALUES (?, ?, ?, ?, 1)',
      [orgSlug, listNo, purpose, empty],
    );
  }
}

/** Sets or clears one credential's bit and bumps the list's version, in the caller's transaction. */
export async function setStatusBit(
  tx: Queries,
  orgSlug: string,
  listNo: number,
  purpose: StatusPurpose,
  index: number,
  value: boolean,
): Promise<void> {
  const row = await tx.get<{ bits: Buffer }>(
    'SELECT bits FROM status_lists WHERE org_slug = ? AND list_no = ? AND purpose = ?',
    [orgSlug, listNo, purpose],
  );
  if (row === undefined) throw new Error(`status list ${orgSlug}/${purpose}-${listNo} is missing`);
  const bits = new Uint8Array(row.bits);
  writeBit(bits, index, value);
  await tx.run(
    'UPDATE status_lists SET bits = ?, version = version + 1 WHERE org_slug = ? AND list_no = ? AND purpose = ?',
    [Buffer.from(bits), orgSlug, listNo, purpose],
  );
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
  const row = await deps.db.get<{
    bits: Buffer;
    version: number;
    signed_version: number | null;
    jwt: string | null;
  }>(
    'SELECT bits, version, signed_version, jwt FROM status_lists WHERE org_slug = ? AND list_no = ? AND purpose = ?',
    [orgSlug, listNo, purpose],
  );
  if (row === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such status list.');
  if (row.signed_version === row.version && row.jwt !== null) return { jwt: row.jwt, version: row.version };

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
        encodedList: encodeList(row.bits),
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
    await deps.db.run(
      'UPDATE status_lists SET jwt = ?, signed_version = ? WHERE org_slug = ? AND list_no = ? AND purpose = ? AND version = ?',
      [jwt, row.version, orgSlug, listNo, purpose, row.version],
    );
  } catch (error) {
    if (!isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) throw error;
    deps.logger.warn({ orgSlug, listNo, purpose }, 'status list served without caching: storage unavailable');
  }
  return { jwt, version: row.version };
}
