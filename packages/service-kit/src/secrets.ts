import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 in hex: how API keys and other high-entropy tokens are stored (a fast hash suffices). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** HMAC-SHA-256 in base64url: derives reproducible secrets (offer codes, PINs) without storing them. */
export function hmacBase64url(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/**
 * Compares two secrets in constant time: the one comparison every service uses. Both are hashed
 * first, so neither where they differ nor their lengths leak.
 */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
