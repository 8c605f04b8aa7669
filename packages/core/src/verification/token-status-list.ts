import type { ErrorCode } from '../errors.js';
import { decodeBase64url } from './bytes.js';
import {
  createStatusBitstring,
  MAX_STATUS_LIST_BYTES,
  setStatusBit,
  transform,
  type StatusBitstring,
} from './status-list.js';

/** The `typ` of an IETF Token Status List token (draft-ietf-oauth-status-list). */
export const STATUS_LIST_TOKEN_TYPE = 'statuslist+jwt';

/** Token Status List values (draft-ietf-oauth-status-list §7.1). */
const VALID = 0;
const SUSPENDED = 2;

export type TokenStatusListDecodeResult =
  | { ok: true; list: StatusBitstring; suspended: StatusBitstring }
  | { ok: false; code: ErrorCode; reason: string };

/**
 * Reads a Token Status List's `status_list` (`bits` per entry, least significant first within each
 * byte; `lst` base64url of the ZLIB-compressed bytes) as the two bitstrings the status checks
 * read: set where a credential is not valid, and set where that is a suspension (status 0x02).
 * Every other non-zero status (0x01 invalid, 0x03 and above) counts as revoked. Decompression
 * stops past `maxBytes`. Never throws.
 */
export async function decodeTokenStatusList(
  statusList: unknown,
  maxBytes = MAX_STATUS_LIST_BYTES,
): Promise<TokenStatusListDecodeResult> {
  const invalid = (reason: string): TokenStatusListDecodeResult => ({
    ok: false,
    code: 'ERR_STATUS_LIST_INVALID',
    reason,
  });
  if (typeof statusList !== 'object' || statusList === null || Array.isArray(statusList))
    return invalid('The token has no status_list object.');
  const { bits, lst } = statusList as { bits?: unknown; lst?: unknown };
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8)
    return invalid('status_list.bits is not 1, 2, 4 or 8.');
  if (typeof lst !== 'string') return invalid('status_list.lst is not a string.');
  const compressed = decodeBase64url(lst);
  if (compressed === undefined) return invalid('status_list.lst is not base64url.');
  const bytes = await transform('DecompressionStream', compressed, maxBytes, 'deflate');
  if (bytes === 'too_large')
    return {
      ok: false,
      code: 'ERR_STATUS_LIST_TOO_LARGE',
      reason: 'The status list expands beyond the accepted size.',
    };
  if (bytes === 'invalid') return invalid('status_list.lst is not ZLIB-compressed data.');
  const entries = (bytes.length * 8) / bits;
  const list = createStatusBitstring(Math.max(8, Math.ceil(entries / 8) * 8));
  list.length = entries;
  const suspended = createStatusBitstring(list.bytes.length * 8);
  suspended.length = entries;
  const mask = (1 << bits) - 1;
  const perByte = 8 / bits;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    // Nearly every entry is valid: whole bytes of zeros are skipped.
    if (byte === 0) continue;
    for (let slot = 0; slot < perByte; slot++) {
      const value = (byte >> (slot * bits)) & mask;
      if (value === VALID) continue;
      const index = at * perByte + slot;
      setStatusBit(list, index, true);
      if (value === SUSPENDED) setStatusBit(suspended, index, true);
    }
  }
  return { ok: true, list, suspended };
}
