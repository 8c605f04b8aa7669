import { randomUUID } from 'node:crypto';
import { SkillsPassportError } from '@skills-passport/core';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';
import { getOrganisation, type Organisation } from './organisations.js';
import { randomToken, sameSecret, sha256Hex } from '@skills-passport/service-kit';

export interface StaffMember {
  id: string;
  orgSlug: string;
  name: string;
  role: string;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: string;
  staffId: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** The result of authenticating an API key: who is calling, for which organisation. */
export interface StaffPrincipal {
  staff: StaffMember;
  org: Organisation;
  keyId: string;
}

const KEY_PREFIX = 'spk';

/**
 * Authenticated keys, for a short while: two database reads per request cost more than the rest of
 * a typical request. Revocation evicts at once, in this process and, when instances share the
 * storage, in every other (the storage tells them); entries expire after 30 seconds regardless.
 */
const PRINCIPAL_TTL_MS = 30_000;

interface PrincipalCache {
  entries: Map<string, { principal: StaffPrincipal; expires: number }>;
  /**
   * Counts evictions: a lookup that began before one may have read the key before it was revoked,
   * so what it found is not remembered.
   */
  evictions: number;
}

const principalCaches = new WeakMap<IssuerDeps, PrincipalCache>();

function principalsOf(deps: IssuerDeps): PrincipalCache {
  let cache = principalCaches.get(deps);
  if (cache === undefined) {
    const created: PrincipalCache = { entries: new Map(), evictions: 0 };
    principalCaches.set(deps, created);
    deps.store.watchApiKeyRevocations?.({
      revoked: (keyId) => evictKey(deps, keyId),
      missed() {
        created.entries.clear();
        created.evictions += 1;
      },
    });
    cache = created;
  }
  return cache;
}

function evictKey(deps: IssuerDeps, keyId: string): void {
  const cache = principalsOf(deps);
  cache.evictions += 1;
  for (const [token, entry] of cache.entries)
    if (entry.principal.keyId === keyId) cache.entries.delete(token);
}

export async function createStaff(
  deps: IssuerDeps,
  orgSlug: string,
  input: { name: string; role: string },
  actor: Actor,
): Promise<StaffMember> {
  await getOrganisation(deps, orgSlug);
  const member: StaffMember = {
    id: randomUUID(),
    orgSlug,
    name: input.name,
    role: input.role,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.transaction(async (tx) => {
    await tx.staff.insertMember(member);
    await recordAudit(tx, actor, 'staff.create', member.id, deps.now(), { role: member.role });
  });
  return member;
}

/** Code: `ERR_NOT_FOUND` (also for another organisation's staff member). */
export async function getStaff(deps: IssuerDeps, orgSlug: string, staffId: string): Promise<StaffMember> {
  const member = await deps.store.staff.member(orgSlug, staffId);
  if (member === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such staff member.');
  return member;
}

export function listStaff(deps: IssuerDeps, orgSlug: string): Promise<StaffMember[]> {
  return deps.store.staff.members(orgSlug);
}

/**
 * Creates an API key for a staff member. The returned `token` is shown once; only its hash is kept.
 * Tokens read `spk_<id>_<secret>`: the id finds the row, the secret is compared in constant time.
 */
export async function createApiKey(
  deps: IssuerDeps,
  orgSlug: string,
  staffId: string,
  label: string | null,
  actor: Actor,
): Promise<ApiKeyInfo & { token: string }> {
  await getStaff(deps, orgSlug, staffId);
  const id = randomToken(9);
  const secret = randomToken(32);
  const info: ApiKeyInfo = { id, staffId, label, createdAt: deps.now().toISOString(), revokedAt: null };
  await deps.store.transaction(async (tx) => {
    await tx.staff.insertApiKey(info, sha256Hex(secret));
    await recordAudit(tx, actor, 'api_key.create', id, deps.now(), { staff: staffId });
  });
  return { ...info, token: `${KEY_PREFIX}_${id}_${secret}` };
}

export async function listApiKeys(deps: IssuerDeps, orgSlug: string, staffId: string): Promise<ApiKeyInfo[]> {
  await getStaff(deps, orgSlug, staffId);
  return deps.store.staff.apiKeys(staffId);
}

/** Revokes an API key at once; requests with it fail from then on. */
export async function revokeApiKey(
  deps: IssuerDeps,
  orgSlug: string,
  keyId: string,
  actor: Actor,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    if (!(await tx.staff.revokeApiKey(orgSlug, keyId, deps.now().toISOString())))
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such active API key.');
    await recordAudit(tx, actor, 'api_key.revoke', keyId, deps.now());
  });
  // After the commit: a lookup racing the transaction could otherwise re-cache the key.
  evictKey(deps, keyId);
}

/** Finds the staff member behind a bearer token; `undefined` for any unknown, malformed or revoked key. */
export async function authenticateApiKey(
  deps: IssuerDeps,
  token: string,
): Promise<StaffPrincipal | undefined> {
  const principals = principalsOf(deps);
  const cached = principals.entries.get(token);
  const now = deps.now().getTime();
  if (cached !== undefined && cached.expires > now) return cached.principal;
  const evictionsBefore = principals.evictions;
  const principal = await lookUpApiKey(deps, token);
  if (principal !== undefined && principals.evictions === evictionsBefore) {
    if (principals.entries.size >= 10_000) principals.entries.clear();
    principals.entries.set(token, { principal, expires: now + PRINCIPAL_TTL_MS });
  }
  return principal;
}

async function lookUpApiKey(deps: IssuerDeps, token: string): Promise<StaffPrincipal | undefined> {
  const match = /^spk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const stored = await deps.store.staff.apiKey(id);
  if (stored === undefined || !sameSecret(sha256Hex(secret), stored.secretHash) || stored.revokedAt !== null)
    return undefined;
  return { keyId: id, org: await getOrganisation(deps, stored.staff.orgSlug), staff: stored.staff };
}
