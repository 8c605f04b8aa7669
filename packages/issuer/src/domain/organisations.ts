import { encodeEd25519Multibase, SkillsPassportError, type CredentialTypeName } from '@skills-passport/core';
import type { Organisation, OrgKind, PublishedKey } from '../ports.js';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';

export { ORG_KINDS, type Organisation, type OrgKind, type PublishedKey } from '../ports.js';

/** Only recognised EVC providers issue Ervaringscertificaten; employers attest workplace learning and in-company modules. */
export const ALLOWED_TYPES: Readonly<Record<OrgKind, readonly CredentialTypeName[]>> = {
  'evc-provider': ['EVCCredential'],
  'training-provider': ['ModuleCredential'],
  employer: ['WorkplaceLearningCredential', 'ModuleCredential'],
};

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

/**
 * The did:web identifier of an organisation hosted on this issuer: `did:web:<host>:orgs:<slug>`,
 * with a port percent-encoded as did:web requires (`localhost%3A3001`).
 */
export function orgDid(publicUrl: URL, slug: string): string {
  const host = publicUrl.port ? `${publicUrl.hostname}%3A${publicUrl.port}` : publicUrl.hostname;
  return `did:web:${host}:orgs:${slug}`;
}

/** The organisation's credential issuer identifier (OpenID4VCI): an https URL with a path. */
export function orgIssuerUrl(publicUrl: URL, slug: string): string {
  return new URL(`/orgs/${slug}`, publicUrl).href;
}

/** Code: `ERR_NOT_FOUND`. */
export async function getOrganisation(deps: IssuerDeps, slug: string): Promise<Organisation> {
  const org = await deps.store.organisations.find(slug);
  if (org === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such organisation.');
  return org;
}

export function listOrganisations(deps: IssuerDeps): Promise<Organisation[]> {
  return deps.store.organisations.list();
}

/** The input to {@link createOrganisation}, as checked by the HTTP layer's validator. */
export interface NewOrganisation {
  slug: string;
  name: string;
  kind: OrgKind;
  url?: string;
}

/**
 * Creates an organisation with its own did:web identifier and first Ed25519 key. Idempotent for the
 * key material: a retry after a crash finds the identifier the key manager already made.
 * Codes: `ERR_VALIDATION` (slug), `ERR_CONFLICT` (slug taken).
 */
export async function createOrganisation(
  deps: IssuerDeps,
  input: NewOrganisation,
  actor: Actor,
): Promise<Organisation> {
  if (!SLUG.test(input.slug)) {
    throw new SkillsPassportError(
      'ERR_VALIDATION',
      'The slug must be 1-50 lower-case letters, digits or dashes.',
      {
        issues: [
          {
            pointer: '/slug',
            rule: 'pattern',
            message: 'Use lower-case letters, digits and dashes, e.g. evc-zorg.',
          },
        ],
      },
    );
  }
  if ((await deps.store.organisations.find(input.slug)) !== undefined) {
    throw new SkillsPassportError('ERR_CONFLICT', 'An organisation with this slug exists.');
  }
  const did = orgDid(deps.config.publicUrl, input.slug);
  const [firstKey] = await deps.orgKeys.ensureIdentifier(did);
  if (firstKey === undefined) throw new Error('the new identifier has no Ed25519 key');
  const now = deps.now();
  const org: Organisation = {
    slug: input.slug,
    name: input.name,
    kind: input.kind,
    did,
    url: input.url ?? null,
    createdAt: now.toISOString(),
  };
  await deps.store.transaction(async (tx) => {
    await tx.organisations.insert(org, { fragment: 'key-1', ...firstKey, createdAt: org.createdAt });
    await recordAudit(tx, actor, 'organisation.create', input.slug, now, { kind: input.kind });
  });
  return org;
}

/** The organisation's keys, oldest first. */
export function orgKeysOf(deps: IssuerDeps, slug: string): Promise<PublishedKey[]> {
  return deps.store.organisations.keys(slug);
}

/** The key new credentials are signed with: the newest. Code: `ERR_NOT_FOUND`. */
export async function signingKey(deps: IssuerDeps, slug: string): Promise<PublishedKey> {
  const keys = await orgKeysOf(deps, slug);
  const newest = keys[keys.length - 1];
  if (newest === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'The organisation has no key.');
  return newest;
}

/**
 * Rotates the organisation's signing key: a new key signs from now on; older keys stay in the DID
 * document so credentials signed earlier still verify.
 */
export async function rotateKey(deps: IssuerDeps, slug: string, actor: Actor): Promise<PublishedKey> {
  const org = await getOrganisation(deps, slug);
  const key = await deps.orgKeys.addKey(org.did);
  const fragment = `key-${(await orgKeysOf(deps, slug)).length + 1}`;
  const now = deps.now();
  await deps.store.transaction(async (tx) => {
    await tx.organisations.addKey(slug, { fragment, ...key, createdAt: now.toISOString() });
    await recordAudit(tx, actor, 'organisation.rotate_key', slug, now, { fragment });
  });
  return signingKey(deps, slug);
}

/** The DID URL fragment of a key's Multikey verification method (`key-1` → `key-1-multikey`). */
export function multikeyFragment(fragment: string): string {
  return `${fragment}-multikey`;
}

/**
 * The organisation's DID document (did:web), listing every key it ever signed with, each twice:
 * as `JsonWebKey2020` (`#key-n`, the `kid` of its VC-JWTs) and as `Multikey` (`#key-n-multikey`, the
 * verification method of its Data Integrity proofs), both for assertions and authentication.
 */
export async function didDocument(deps: IssuerDeps, slug: string): Promise<Record<string, unknown>> {
  const org = await getOrganisation(deps, slug);
  const keys = await orgKeysOf(deps, slug);
  const methods = keys.flatMap((k) => {
    const publicKey = Buffer.from(k.publicKeyHex, 'hex');
    return [
      {
        id: `${org.did}#${k.fragment}`,
        type: 'JsonWebKey2020',
        controller: org.did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
      },
      {
        id: `${org.did}#${multikeyFragment(k.fragment)}`,
        type: 'Multikey',
        controller: org.did,
        publicKeyMultibase: encodeEd25519Multibase(publicKey),
      },
    ];
  });
  const ids = methods.map((m) => m.id);
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/suites/jws-2020/v1',
      'https://w3id.org/security/multikey/v1',
    ],
    id: org.did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
