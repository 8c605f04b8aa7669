import { SkillsPassportError, type CredentialTypeName } from '@skills-passport/core';
import { recordAudit } from './audit.js';
import type { Actor, IssuerDeps } from './deps.js';

/** Kinds of organisation, and which credential types each may issue. */
export const ORG_KINDS = ['evc-provider', 'training-provider', 'employer'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Only recognised EVC providers issue Ervaringscertificaten; employers attest workplace learning and in-company modules. */
export const ALLOWED_TYPES: Readonly<Record<OrgKind, readonly CredentialTypeName[]>> = {
  'evc-provider': ['EVCCredential'],
  'training-provider': ['ModuleCredential'],
  employer: ['WorkplaceLearningCredential', 'ModuleCredential'],
};

export interface Organisation {
  slug: string;
  name: string;
  kind: OrgKind;
  did: string;
  url: string | null;
  createdAt: string;
}

interface OrgRow extends Record<string, string | null> {
  slug: string;
  name: string;
  kind: string;
  did: string;
  url: string | null;
  created_at: string;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

function fromRow(row: OrgRow): Organisation {
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind as OrgKind,
    did: row.did,
    url: row.url,
    createdAt: row.created_at,
  };
}

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

export async function findOrganisation(deps: IssuerDeps, slug: string): Promise<Organisation | undefined> {
  const row = await deps.db.get<OrgRow>('SELECT * FROM organisations WHERE slug = ?', [slug]);
  return row === undefined ? undefined : fromRow(row);
}

export async function getOrganisation(deps: IssuerDeps, slug: string): Promise<Organisation> {
  const org = await findOrganisation(deps, slug);
  if (org === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such organisation.');
  return org;
}

export async function listOrganisations(deps: IssuerDeps): Promise<Organisation[]> {
  const rows = await deps.db.all<OrgRow>('SELECT * FROM organisations ORDER BY created_at, slug');
  return rows.map(fromRow);
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
 * key material: a retry after a crash finds the identifier Veramo already made.
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
  if ((await findOrganisation(deps, input.slug)) !== undefined) {
    throw new SkillsPassportError('ERR_CONFLICT', 'An organisation with this slug exists.');
  }
  const did = orgDid(deps.config.publicUrl, input.slug);
  const [firstKey] = await deps.orgKeys.ensureIdentifier(did);
  if (firstKey === undefined) throw new Error('the new identifier has no Ed25519 key');
  const now = deps.now().toISOString();
  await deps.db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO organisations (slug, name, kind, did, url, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [input.slug, input.name, input.kind, did, input.url ?? null, now],
    );
    await tx.run(
      'INSERT INTO org_keys (org_slug, fragment, kid, public_key_hex, created_at) VALUES (?, ?, ?, ?, ?)',
      [input.slug, 'key-1', firstKey.kid, firstKey.publicKeyHex, now],
    );
    await recordAudit(tx, actor, 'organisation.create', input.slug, deps.now(), { kind: input.kind });
  });
  return getOrganisation(deps, input.slug);
}

/** One key of an organisation's DID document. */
export interface PublishedKey {
  fragment: string;
  kid: string;
  publicKeyHex: string;
  createdAt: string;
}

export async function orgKeysOf(deps: IssuerDeps, slug: string): Promise<PublishedKey[]> {
  const rows = await deps.db.all<Record<string, string>>(
    'SELECT fragment, kid, public_key_hex, created_at FROM org_keys WHERE org_slug = ? ORDER BY created_at, rowid',
    [slug],
  );
  return rows.map((r) => ({
    fragment: r.fragment!,
    kid: r.kid!,
    publicKeyHex: r.public_key_hex!,
    createdAt: r.created_at!,
  }));
}

/** The key new credentials are signed with: the newest. */
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
  await deps.db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO org_keys (org_slug, fragment, kid, public_key_hex, created_at) VALUES (?, ?, ?, ?, ?)',
      [slug, fragment, key.kid, key.publicKeyHex, deps.now().toISOString()],
    );
    await recordAudit(tx, actor, 'organisation.rotate_key', slug, deps.now(), { fragment });
  });
  return signingKey(deps, slug);
}

function base64url(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** The organisation's DID document (did:web), listing every key it ever signed with. */
export async function didDocument(deps: IssuerDeps, slug: string): Promise<Record<string, unknown>> {
  const org = await getOrganisation(deps, slug);
  const keys = await orgKeysOf(deps, slug);
  const ids = keys.map((k) => `${org.did}#${k.fragment}`);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: org.did,
    verificationMethod: keys.map((k) => ({
      id: `${org.did}#${k.fragment}`,
      type: 'JsonWebKey2020',
      controller: org.did,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: base64url(k.publicKeyHex) },
    })),
    assertionMethod: ids,
    authentication: ids,
  };
}
