import type { StatusPurpose, StoredStatusList } from '../../ports.js';

/** Every list number holds one bitstring per purpose. */
export const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export type ListBitsRow = { purpose: string; bits: Buffer; version: number };

/** A list's two bitstrings, or undefined when either is missing. */
export function toStoredList(rows: readonly ListBitsRow[]): StoredStatusList | undefined {
  const revoked = rows.find((r) => r.purpose === 'revocation');
  const suspended = rows.find((r) => r.purpose === 'suspension');
  if (revoked === undefined || suspended === undefined) return undefined;
  return {
    revoked: new Uint8Array(revoked.bits),
    suspended: new Uint8Array(suspended.bits),
    // Each row's version only grows, so their sum does too.
    version: revoked.version + suspended.version,
  };
}
