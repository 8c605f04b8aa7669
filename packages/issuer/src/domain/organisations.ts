import { encodeEd25519Multibase, SkillsPassportError, type CredentialTypeName } from '@skills-passport/core';
import type { Organisation, OrgKind, PublishedKey } from '../ports.js';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';
import { ALGORITHM_OF, keyFragment, publicJwk, signingKeyFor } from './org-signing-keys.js';

export { ORG_KINDS, type Organisation, type OrgKeyType, type OrgKind, type PublishedKey } from '../ports.js';
export { signingKeyFor, type SigningAlgorithm } from './org-signing-keys.js';

/** Only recognised EVC providers issue Ervaringscertificaten; employers attest workplace learning and in-company modules. */
export const ALLOWED_TYPES: Readonly<Record<OrgKind, readonly CredentialTypeName[]>> = {
  'evc-provider': ['EVCCredential'],
  'training-provider': ['ModuleCredential'],
  employer: ['WorkplaceLearningCredential', 'ModuleCredential'],
  // A learn-work desk (Leerwerkloket) advises; it records plans, never proves skills.
  'learn-work-desk': ['DevelopmentPlanCredential'],
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
 * Creates an organisation with its own did:web identifier and first keys, Ed25519 `key-1` and P-256
 * `key-1-p256`. Idempotent for the key material: a retry after a crash finds the identifier and
 * keys the key manager already made.
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
  // One creation of a slug at a time, in this process or any instance on the same database: the
  // second finds the first's organisation, instead of both making the DID's keys in Veramo.
  return deps.store.oneAtATime(`organisation:${input.slug}`, () => insertOrganisation(deps, input, actor));
}

async function insertOrganisation(
  deps: IssuerDeps,
  input: NewOrganisation,
  actor: Actor,
): Promise<Organisation> {
  if ((await deps.store.organisations.find(input.slug)) !== undefined) {
    throw new SkillsPassportError('ERR_CONFLICT', 'An organisation with this slug exists.');
  }
  const did = orgDid(deps.config.publicUrl, input.slug);
  const keys = await deps.orgKeys.ensureIdentifier(did);
  const ed25519 = keys.find((key) => key.type === 'Ed25519');
  const p256 = keys.find((key) => key.type === 'P-256');
  if (ed25519 === undefined || p256 === undefined) throw new Error('the new identifier lacks a key');
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
    await tx.organisations.insert(org, {
      fragment: keyFragment(1, 'Ed25519'),
      ...ed25519,
      createdAt: org.createdAt,
    });
    await tx.organisations.addKey(org.slug, {
      fragment: keyFragment(1, 'P-256'),
      ...p256,
      createdAt: org.createdAt,
    });
    await recordAudit(tx, actor, 'organisation.create', input.slug, now, { kind: input.kind });
  });
  return org;
}

/** The organisation's keys, oldest first. */
export function orgKeysOf(deps: IssuerDeps, slug: string): Promise<PublishedKey[]> {
  return deps.store.organisations.keys(slug);
}

/**
 * The Ed25519 key new VC-JWTs and Data Integrity proofs are signed with: the newest.
 * Code: `ERR_NOT_FOUND`.
 */
export function signingKey(deps: IssuerDeps, slug: string): Promise<PublishedKey> {
  return signingKeyFor(deps, slug, 'EdDSA');
}

/**
 * Rotates the organisation's signing keys: a new generation `n`, an Ed25519 key `key-<n>` and a
 * P-256 key `key-<n>-p256`, signs from now on; older keys stay in the DID document so credentials
 * signed earlier still verify. Returns the new Ed25519 key.
 */
export async function rotateKey(deps: IssuerDeps, slug: string, actor: Actor): Promise<PublishedKey> {
  const org = await getOrganisation(deps, slug);
  const ed25519 = await deps.orgKeys.addKey(org.did, 'Ed25519');
  const p256 = await deps.orgKeys.addKey(org.did, 'P-256');
  const generation = (await orgKeysOf(deps, slug)).filter((key) => key.type === 'Ed25519').length + 1;
  const fragment = keyFragment(generation, 'Ed25519');
  const now = deps.now();
  const createdAt = now.toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.organisations.addKey(slug, { fragment, ...ed25519, createdAt });
    await tx.organisations.addKey(slug, { fragment: keyFragment(generation, 'P-256'), ...p256, createdAt });
    await recordAudit(tx, actor, 'organisation.rotate_key', slug, now, { fragment });
  });
  return signingKey(deps, slug);
}

/** The DID URL fragment of a key's Multikey verification method (`key-1` → `key-1-multikey`). */
export function multikeyFragment(fragment: string): string {
  return `${fragment}-multikey`;
}

/**
 * The organisation's DID document (did:web), listing every key it ever signed with, for assertions
 * and authentication. Each Ed25519 key twice: as `JsonWebKey2020` (`#key-n`, the `kid` of its
 * VC-JWTs) and as `Multikey` (`#key-n-multikey`, the verification method of its Data Integrity
 * proofs); each P-256 key as `JsonWebKey2020` with an EC JWK (`#key-n-p256`, the `kid` of its ES256
 * signatures: SD-JWT VCs and status list tokens).
 */
export async function didDocument(deps: IssuerDeps, slug: string): Promise<Record<string, unknown>> {
  const org = await getOrganisation(deps, slug);
  const keys = await orgKeysOf(deps, slug);
  const methods = keys.flatMap((k) => {
    const jsonWebKey = {
      id: `${org.did}#${k.fragment}`,
      type: 'JsonWebKey2020',
      controller: org.did,
      publicKeyJwk: publicJwk(k),
    };
    if (k.type === 'P-256') return [jsonWebKey];
    return [
      jsonWebKey,
      {
        id: `${org.did}#${multikeyFragment(k.fragment)}`,
        type: 'Multikey',
        controller: org.did,
        publicKeyMultibase: encodeEd25519Multibase(Buffer.from(k.publicKeyHex, 'hex')),
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

/**
 * Every public key of the organisation as JWK, `kid` its DID URL, with the algorithm it signs
 * (`ES256` / `EdDSA`) and `use: sig`: the `jwks` of its JWT VC Issuer Metadata.
 */
export async function publicJwks(deps: IssuerDeps, org: Organisation): Promise<Record<string, unknown>[]> {
  return (await orgKeysOf(deps, org.slug)).map((key) => ({
    ...publicJwk(key),
    kid: `${org.did}#${key.fragment}`,
    alg: ALGORITHM_OF[key.type],
    use: 'sig',
  }));
}
