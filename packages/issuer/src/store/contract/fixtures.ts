// Fresh records for the port contract suites: each call returns new objects with unique ids.
import { randomUUID } from 'node:crypto';
import type {
  CredentialRecord,
  IssuerStorage,
  OfferRecord,
  Organisation,
  OrgKeyType,
  PublishedKey,
  StaffMember,
} from '../../ports.js';

/** How a contract suite gets storage: a fresh, empty store each time, and how to let go of it. */
export type OpenStorage = () => Promise<{ storage: IssuerStorage; close: () => Promise<void> }>;

export const T0 = Date.parse('2027-03-01T09:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function organisation(slug = `org-${randomUUID().slice(0, 8)}`): Organisation {
  return {
    slug,
    name: `Org ${slug}`,
    kind: 'employer',
    did: `did:web:issuer.example:orgs:${slug}`,
    url: null,
    createdAt: iso(T0),
  };
}

export function key(fragment = 'key-1', createdAt = iso(T0), type: OrgKeyType = 'Ed25519'): PublishedKey {
  const publicKeyHex = type === 'Ed25519' ? 'ab'.repeat(32) : `02${'cd'.repeat(32)}`;
  return { fragment, type, kid: randomUUID().replace(/-/g, ''), publicKeyHex, createdAt };
}

export function member(orgSlug: string): StaffMember {
  return { id: randomUUID(), orgSlug, name: 'Marleen de Vries', role: 'assessor', createdAt: iso(T0) };
}

export function credential(orgSlug: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    id: `urn:uuid:${randomUUID()}`,
    orgSlug,
    type: 'WorkplaceLearningCredential',
    learnerName: 'Fatima el Amrani',
    learnerContact: 'fatima@example.nl',
    document: JSON.stringify({ name: 'Praktijkverklaring' }),
    status: 'offered',
    listNo: 1,
    statusIndex: Math.floor(Math.random() * 131_072),
    holderDid: null,
    createdBy: 'staff-1',
    createdAt: iso(T0),
    issuedAt: null,
    revokedAt: null,
    revocationReason: null,
    suspendedAt: null,
    batchId: null,
    ...overrides,
  };
}

export function offer(c: CredentialRecord, overrides: Partial<OfferRecord> = {}): OfferRecord {
  return {
    id: randomUUID(),
    credentialId: c.id,
    orgSlug: c.orgSlug,
    codeHash: randomUUID(),
    txCodeRequired: false,
    failedTxAttempts: 0,
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    redeemedAt: null,
    withdrawnAt: null,
    claimHash: randomUUID(),
    openedAt: null,
    mail: null,
    ...overrides,
  };
}

/** An organisation with its first key, stored. */
export async function storedOrganisation(storage: IssuerStorage): Promise<Organisation> {
  const org = organisation();
  await storage.transaction((tx) => tx.organisations.insert(org, key()));
  return org;
}

/** A credential with its offer, stored (status list 1 of the organisation opened first). */
export async function storedCredential(
  storage: IssuerStorage,
  orgSlug: string,
  overrides: Partial<CredentialRecord> = {},
  offerOverrides: Partial<OfferRecord> = {},
): Promise<{ credential: CredentialRecord; offer: OfferRecord }> {
  const c = credential(orgSlug, overrides);
  const o = offer(c, offerOverrides);
  await storage.transaction(async (tx) => {
    await tx.credentials.insert(c);
    await tx.offers.insert(o);
  });
  return { credential: c, offer: o };
}
