import { encodeBase64url, encodeBase64urlText } from '../verification/bytes.js';
import type { DisclosureFrame } from './claims.js';
import { sdDigest } from './digest.js';

// Turning claims into an SD-JWT payload and its disclosures (RFC 9901 §4.2). `@sd-jwt/core`'s
// `pack` does the same, but spent most of an issuance in its base64 codec (js-base64) and an
// awaited hash per disclosure: 5–6 ms for 30 disclosures against 0.05 ms for the P-256 signature
// (`pnpm bench sdjwt`, sign_sdjwt). This one draws every salt from one random call, encodes
// natively where it can, and hashes synchronously; the output is the same standard form, and the
// independent check in the tests (@sd-jwt/sd-jwt-vc) reads it.

/**
 * Salts of 144 bits (RFC 9901 §9.3 asks for at least 128), drawn in batches: 18 bytes encode to
 * exactly 24 base64url characters, so one batch is encoded once and cut into salts.
 */
class SaltPool {
  #text = '';
  #at = 0;

  next(): string {
    if (this.#at + 24 > this.#text.length) {
      const bytes = new Uint8Array(18 * 32);
      (
        globalThis as unknown as { crypto: { getRandomValues(b: Uint8Array): Uint8Array } }
      ).crypto.getRandomValues(bytes);
      this.#text = encodeBase64url(bytes);
      this.#at = 0;
    }
    const salt = this.#text.slice(this.#at, this.#at + 24);
    this.#at += 24;
    return salt;
  }
}

/** A packed payload and its disclosures, in the order they were made. */
export interface Packed {
  payload: Record<string, unknown>;
  disclosures: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Replaces each claim (object member) and element (array index) the frame lists under `_sd` by a
 * digest of its disclosure: `_sd` (sorted, so the issuer's order is hidden) in objects,
 * `{"...": digest}` in arrays. Frames nest like the claims; a disclosed value is packed first, so
 * disclosures may hold digests of their own.
 */
export function packClaims(claims: Record<string, unknown>, frame: DisclosureFrame): Packed {
  const salts = new SaltPool();
  const disclosures: string[] = [];
  const disclose = (content: unknown[]): string => {
    const encoded = encodeBase64urlText(JSON.stringify(content));
    disclosures.push(encoded);
    return sdDigest(encoded);
  };
  const pack = (value: unknown, node: DisclosureFrame | undefined): unknown => {
    if (node === undefined) return value;
    const hidden = new Set(node._sd ?? []);
    const child = (key: string | number) => {
      const sub = node[String(key)];
      return Array.isArray(sub) ? undefined : sub;
    };
    if (Array.isArray(value))
      return value.map((item, i) => {
        const packed = pack(item, child(i));
        return hidden.has(i) ? { '...': disclose([salts.next(), packed]) } : packed;
      });
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    const digests: string[] = [];
    for (const [name, member] of Object.entries(value)) {
      const packed = pack(member, child(name));
      if (hidden.has(name)) digests.push(disclose([salts.next(), name, packed]));
      else out[name] = packed;
    }
    if (digests.length > 0) out._sd = digests.sort();
    return out;
  };
  return { payload: pack(claims, frame) as Record<string, unknown>, disclosures };
}
