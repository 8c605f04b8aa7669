import { z } from 'zod';
import { allowedUrl, fetchJson } from '../verify/http.js';
import { onTrustListChange, trustListInUse } from './trust-list-choice.js';

/** A trust list names organisations, each in a few hundred bytes: far below this. */
const MAX_TRUST_LIST_BYTES = 512 * 1024;
const MAX_ENTRIES = 2000;
const TIMEOUT_MS = 10_000;

const serviceUrl = z
  .string()
  .max(2000)
  .refine((url) => allowedUrl(url) !== undefined, 'https, or plain http on loopback only');

const entrySchema = z.strictObject({
  did: z.string().min(1).max(500),
  name: z.string().min(1).max(500),
  // Kinds grow (a learn-work desk, …): any short word is taken; the wallet looks for the services.
  kind: z.string().min(1).max(100),
  accreditedTypes: z.array(z.string().max(200)).max(50),
  catalogue: serviceUrl.optional(),
  intake: serviceUrl.optional(),
});

/** What a verifier's `GET /api/trust-list` answers (contract B), checked strictly. */
const trustListSchema = z.strictObject({ issuers: z.array(entrySchema).max(MAX_ENTRIES) });

/**
 * One recognised organisation: its DID and name as the trust list says, its kind, the credential
 * types it is recognised for, and the services it offers (a training provider's module
 * `catalogue`, an EVC provider's `intake`).
 */
export type TrustListEntry = z.infer<typeof entrySchema>;

/**
 * Reads a trust list at `url`: one GET (https, or plain http on loopback; no credentials; 10 s;
 * 512 kB), revalidated with the server (its ETag) when the browser has a copy. Throws a
 * {@link WalletError}: `ERR_INSECURE_URL`, `ERR_TRUST_LIST_UNREACHABLE` (no answer, an error
 * status, too large) or `ERR_TRUST_LIST_INVALID` (not a trust list).
 */
export async function fetchTrustList(url: string): Promise<TrustListEntry[]> {
  const list = await fetchJson(url, trustListSchema, {
    unreachable: 'ERR_TRUST_LIST_UNREACHABLE',
    invalid: 'ERR_TRUST_LIST_INVALID',
    maxBytes: MAX_TRUST_LIST_BYTES,
    timeoutMs: TIMEOUT_MS,
    cache: 'no-cache',
  });
  return list.issuers;
}

let session: { url: string; entries: Promise<TrustListEntry[]> } | undefined;
onTrustListChange(() => {
  session = undefined;
});

/**
 * The organisations of the trust list in use (the learner's choice in Settings, else the wallet's
 * `wallet-config.json`), read once per visit; an empty list when none is set. A failed read is not
 * kept: the next call tries again. Throws as {@link fetchTrustList}.
 */
export async function readTrustList(): Promise<TrustListEntry[]> {
  const { url } = await trustListInUse();
  if (url === undefined) return [];
  if (session?.url !== url) {
    const entries = fetchTrustList(url);
    session = { url, entries };
    entries.catch(() => {
      if (session?.entries === entries) session = undefined;
    });
  }
  return session.entries;
}
