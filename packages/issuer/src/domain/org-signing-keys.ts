import { randomInt } from 'node:crypto';
import { SkillsPassportError } from '@skills-passport/core';
import { p256JwkFromHex, type P256PublicJwk } from '../crypto/p256.js';
import type { Organisation, OrgKeyType, PublishedKey } from '../ports.js';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';

/** The JWS algorithms an organisation signs with, each bound to one key type. */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

export const KEY_TYPE_FOR: Readonly<Record<SigningAlgorithm, OrgKeyType>> = {
  EdDSA: 'Ed25519',
  ES256: 'P-256',
};
export const ALGORITHM_OF: Readonly<Record<OrgKeyType, SigningAlgorithm>> = {
  Ed25519: 'EdDSA',
  'P-256': 'ES256',
};

const SYSTEM: Actor = { kind: 'system', id: 'issuer' };

/**
 * The DID URL fragment of a key: each rotation generation `n` has an Ed25519 key `key-<n>` and its
 * P-256 sibling `key-<n>-p256`.
 */
export function keyFragment(generation: number, type: OrgKeyType): string {
  return type === 'Ed25519' ? `key-${generation}` : `key-${generation}-p256`;
}

/** The rotation generation a fragment belongs to (`key-3`, `key-3-p256` → 3). */
export function generationOf(fragment: string): number {
  return Number(/^key-(\d+)/.exec(fragment)?.[1] ?? 0);
}

/** The newest key of one type among an organisation's keys (oldest first), if any. */
export function newestOfType(keys: readonly PublishedKey[], type: OrgKeyType): PublishedKey | undefined {
  return keys.filter((key) => key.type === type).at(-1);
}

/** A published key as public JWK: OKP for Ed25519, EC for P-256; never with `d`. */
export function publicJwk(key: PublishedKey): { kty: 'OKP'; crv: 'Ed25519'; x: string } | P256PublicJwk {
  return key.type === 'Ed25519'
    ? { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKeyHex, 'hex').toString('base64url') }
    : p256JwkFromHex(key.publicKeyHex);
}

/**
 * The key new signatures of `algorithm` are made with: the organisation's newest key of its type.
 * An organisation made before P-256 keys existed gets its P-256 key here, if start-up has not given
 * it one yet. Code: `ERR_NOT_FOUND`.
 */
export async function signingKeyFor(
  deps: IssuerDeps,
  slug: string,
  algorithm: SigningAlgorithm,
): Promise<PublishedKey> {
  const type = KEY_TYPE_FOR[algorithm];
  const newest = newestOfType(await deps.store.organisations.keys(slug), type);
  if (newest !== undefined) return newest;
  const org = await deps.store.organisations.find(slug);
  if (org === undefined || type === 'Ed25519')
    throw new SkillsPassportError('ERR_NOT_FOUND', 'The organisation has no key.');
  return ensureP256Key(deps, org);
}

/**
 * Gives an organisation made before P-256 keys existed a P-256 key for its current generation
 * (`key-<n>-p256` beside `key-<n>`); returns its newest P-256 key. Idempotent, and safe when two
 * processes do it at once: a key is made first and published only if no one published one at that
 * fragment meanwhile (the database decides); the loser's unpublished key is discarded. The key
 * manager's own writes may meet the other process's (SQLite busy): then it looks again and retries.
 */
export async function ensureP256Key(deps: IssuerDeps, org: Organisation): Promise<PublishedKey> {
  for (let attempt = 1; ; attempt++) {
    const published = newestOfType(await deps.store.organisations.keys(org.slug), 'P-256');
    if (published !== undefined) return published;
    try {
      await publishP256Key(deps, org);
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      await delay(50 * attempt + randomInt(50));
    }
  }
}

const RETRIES = 4;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function publishP256Key(deps: IssuerDeps, org: Organisation): Promise<void> {
  const keys = await deps.store.organisations.keys(org.slug);
  const generation = generationOf(newestOfType(keys, 'Ed25519')?.fragment ?? 'key-1') || 1;
  const made = await deps.orgKeys.addKey(org.did, 'P-256');
  const now = deps.now();
  const key: PublishedKey = {
    fragment: keyFragment(generation, 'P-256'),
    ...made,
    createdAt: now.toISOString(),
  };
  const published = await deps.store.transaction(async (tx) => {
    const added = await tx.organisations.addKeyIfAbsent(org.slug, key);
    if (added)
      await recordAudit(tx, SYSTEM, 'organisation.add_p256_key', org.slug, now, { fragment: key.fragment });
    return added;
  });
  if (!published) await deps.orgKeys.discardKey(org.did, made.kid);
}

/** At start-up: every organisation without a P-256 key gets one. Returns how many did. */
export async function ensureP256Keys(deps: IssuerDeps): Promise<number> {
  let added = 0;
  for (const org of await deps.store.organisations.list()) {
    if (newestOfType(await deps.store.organisations.keys(org.slug), 'P-256') !== undefined) continue;
    try {
      await ensureP256Key(deps, org);
      added += 1;
    } catch (error) {
      // Not fatal: the first ES256 signature of the organisation tries again (signingKeyFor).
      deps.logger.warn({ err: error, orgSlug: org.slug }, 'could not add a P-256 key yet');
    }
  }
  return added;
}
