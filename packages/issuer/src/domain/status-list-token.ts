import { deflateSync } from 'node:zlib';
import type { StoredStatusList } from '../ports.js';
import type { IssuerDeps } from './deps.js';
import { getOrganisation, signingKeyFor } from './organisations.js';
import { keptOrSigned, statusListTokenUrl, type SignedStatusList } from './status-lists.js';

// IETF Token Status List (draft-ietf-oauth-status-list), the status mechanism of SD-JWT VC: the same
// records as the Bitstring Status List credentials, two bits per credential.

/** Status Type values (draft-ietf-oauth-status-list, "Status Types"). */
export const TOKEN_STATUS = { VALID: 0x00, INVALID: 0x01, SUSPENDED: 0x02 } as const;

/** Two bits per credential: VALID, INVALID (revoked) and SUSPENDED all fit. */
export const TOKEN_STATUS_BITS = 2;

export const STATUS_LIST_TOKEN_TYPE = 'statuslist+jwt';

/**
 * The Status List byte array of one list: the status of credential `i` in bits `2(i mod 4)` and
 * `2(i mod 4) + 1` of byte `floor(i / 4)`, counted from the least significant bit. Revocation wins
 * over suspension (a suspended credential may be revoked; revocation is final). The Bitstring lists
 * it reads count bits from the most significant bit.
 */
export function tokenStatusBytes(list: StoredStatusList): Uint8Array {
  const entries = list.revoked.length * 8;
  const bytes = new Uint8Array((entries * TOKEN_STATUS_BITS) / 8);
  for (let b = 0; b < list.revoked.length; b++) {
    const revoked = list.revoked[b]!;
    const suspended = list.suspended[b] ?? 0;
    // Most bytes are all clear: nothing to write.
    if ((revoked | suspended) === 0) continue;
    for (let k = 0; k < 8; k++) {
      const mask = 0x80 >> k;
      const status =
        revoked & mask
          ? TOKEN_STATUS.INVALID
          : suspended & mask
            ? TOKEN_STATUS.SUSPENDED
            : TOKEN_STATUS.VALID;
      const index = b * 8 + k;
      bytes[index >> 2]! |= status << ((index & 3) * TOKEN_STATUS_BITS);
    }
  }
  return bytes;
}

/** `lst`: base64url of the byte array compressed with DEFLATE in the ZLIB format (RFC 1950), at the highest level as the draft recommends. */
export function encodeTokenStatusList(bytes: Uint8Array): string {
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}

/** `ttl` in seconds: how long a holder or verifier may cache the token (a positive number). */
function ttlSeconds(deps: IssuerDeps): number {
  return Math.max(1, Math.floor(deps.config.statusListTtlMs / 1000));
}

/** The claims of a kept token we signed ourselves (no verification: it comes from our own store). */
function claimsOf(token: string): { iat?: unknown; exp?: unknown } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iat?: unknown;
      exp?: unknown;
    };
  } catch {
    return {};
  }
}

/**
 * The Status List Token (JWT) of one list: `typ: statuslist+jwt`, ES256 by the organisation's
 * newest P-256 key (`kid` its DID URL), `sub` the token's own URL, `iss` the organisation's DID (the
 * `iss` of the credentials it covers), `iat`, `ttl`, and `exp` two ttl later. Kept per list version
 * like the other envelopes, and signed again once less than one ttl of its validity is left, so a
 * copy cached for ttl never expires in a cache. Code: `ERR_NOT_FOUND`.
 */
export function publishedStatusListToken(
  deps: IssuerDeps,
  orgSlug: string,
  listNo: number,
): Promise<SignedStatusList> {
  const ttl = ttlSeconds(deps);
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
  return keptOrSigned(deps, orgSlug, listNo, 'tsl', {
    fresh(document) {
      const { exp } = claimsOf(document);
      return typeof exp === 'number' && exp - nowSeconds() > ttl;
    },
    revision(version, document) {
      return `v${version}-${String(claimsOf(document).iat)}`;
    },
    async sign(list) {
      const org = await getOrganisation(deps, orgSlug);
      const key = await signingKeyFor(deps, orgSlug, 'ES256');
      const iat = nowSeconds();
      return deps.jwsSigner.sign(
        { typ: STATUS_LIST_TOKEN_TYPE, kid: `${org.did}#${key.fragment}` },
        {
          iss: org.did,
          sub: statusListTokenUrl(deps.config.publicUrl, orgSlug, listNo),
          iat,
          exp: iat + 2 * ttl,
          ttl,
          status_list: { bits: TOKEN_STATUS_BITS, lst: encodeTokenStatusList(tokenStatusBytes(list)) },
        },
        key,
      );
    },
  });
}
