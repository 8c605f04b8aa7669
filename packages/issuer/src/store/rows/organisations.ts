import type { Organisation, OrgKeyType, OrgKind, PublishedKey } from '../../ports.js';

export type OrgRow = {
  slug: string;
  name: string;
  kind: string;
  did: string;
  url: string | null;
  created_at: string;
};

export const toOrganisation = (row: OrgRow): Organisation => ({
  slug: row.slug,
  name: row.name,
  kind: row.kind as OrgKind,
  did: row.did,
  url: row.url,
  createdAt: row.created_at,
});

/** The parameters of an `org_keys` insert, in its column order. */
export const keyParameters = (slug: string, key: PublishedKey) => [
  slug,
  key.fragment,
  key.type,
  key.kid,
  key.publicKeyHex,
  key.createdAt,
];

export type KeyRow = {
  fragment: string;
  key_type: string;
  kid: string;
  public_key_hex: string;
  created_at: string;
};

export const toPublishedKey = (row: KeyRow): PublishedKey => ({
  fragment: row.fragment,
  type: row.key_type as OrgKeyType,
  kid: row.kid,
  publicKeyHex: row.public_key_hex,
  createdAt: row.created_at,
});
