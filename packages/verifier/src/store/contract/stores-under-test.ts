// What the contract suites are given and share. They know the ports only, never an adapter.
import { randomUUID } from 'node:crypto';
import type { StoredRequest, VerifierStores } from '../../ports.js';

/** One instance of the adapter under test, open on the storage under test. */
export interface OpenedStores {
  stores: VerifierStores;
  /** Stops this instance as its service would on shutdown; it releases nothing else first. */
  close(): Promise<void>;
}

/**
 * Opens one more instance of the adapter under test on the same storage, as another process or
 * server instance of the verifier would: what one instance stores, every other reads, and several
 * may be open at once. The storage may hold what other suites stored: every case makes its own ids.
 */
export type OpenStores = () => Promise<OpenedStores>;

/** The suites' clock: a fixed instant, so that expiry is exact. */
export const T0 = Date.parse('2027-01-15T10:00:00Z');

/** A fresh id, unique across runs and instances. */
export function freshId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Runs `body` on an instance of its own, closed afterwards whatever happens. */
export async function withInstance<T>(
  open: OpenStores,
  body: (stores: VerifierStores) => Promise<T>,
): Promise<T> {
  const instance = await open();
  try {
    return await body(instance.stores);
  } finally {
    await instance.close();
  }
}

/** Adds a new employer with a fresh id and key hash; returns its id. */
export async function addFreshEmployer(stores: VerifierStores): Promise<string> {
  const id = freshId('employer');
  await stores.addEmployer(id, `Employer ${id}`, freshId('key-hash'), T0);
  return id;
}

/** A pending request of `employerId`, created at T0 and open for an hour, unless `overrides` say otherwise. */
export function aRequest(employerId: string, overrides: Partial<StoredRequest> = {}): StoredRequest {
  return {
    id: freshId('request'),
    employerId,
    title: 'Vacature: verpleegkundige',
    skills: [
      {
        uri: 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896',
        required: true,
        minimumLevel: 2,
      },
      { uri: 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064', required: false },
    ],
    acceptedTypes: ['EVCCredential', 'ModuleCredential'],
    acceptedIssuers: undefined,
    nonce: freshId('nonce'),
    state: freshId('state'),
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    status: 'pending',
    ...overrides,
  };
}

/** Adds a fresh request (see `aRequest`) and returns it as added. */
export async function addFreshRequest(
  stores: VerifierStores,
  employerId: string,
  overrides: Partial<StoredRequest> = {},
): Promise<StoredRequest> {
  const request = aRequest(employerId, overrides);
  await stores.addRequest(request);
  return request;
}
