import { failed, pass, warning, type VerificationCheck } from '../checks.js';
import { credentialStatusAt, parseStatusIndex } from '../status-list.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { StatusListLookup } from './status-lists.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "according to a copy from N minutes ago" when the issuer could not be reached just now. */
function stalePrefix(found: Extract<StatusListLookup, { ok: true }>, now: number): string | undefined {
  if (found.fetchError === undefined) return undefined;
  const minutes = Math.max(0, Math.round((now - found.list.fetchedAt) / 60_000));
  return `according to a copy of the status list from ${minutes} minute(s) ago; the issuer could not be reached just now`;
}

/**
 * The checks one status entry yields. A `revocation` entry whose list says which set bits are
 * suspensions (ours do: one entry serves both) answers for revocation and suspension; any other
 * entry answers for its own purpose, a set bit meaning just that.
 */
function statusVerdict(
  purpose: 'revocation' | 'suspension',
  status: 'valid' | 'revoked' | 'suspended',
  tellsSuspensions: boolean,
  stale: string | undefined,
): VerificationCheck[] {
  const notSet = (what: string, id: 'revocation_status' | 'suspension_status') =>
    stale === undefined
      ? pass(id, `Not ${what}.`)
      : warning(id, 'ERR_STATUS_LIST_UNREACHABLE', `Not ${what} ${stale}.`);
  const revoked = failed(
    'revocation_status',
    'ERR_CREDENTIAL_REVOKED',
    'The issuer has revoked this credential.',
  );
  const suspended = failed(
    'suspension_status',
    'ERR_CREDENTIAL_SUSPENDED',
    'The issuer has suspended this credential.',
  );
  if (purpose === 'suspension')
    return [status === 'valid' ? notSet('suspended', 'suspension_status') : suspended];
  if (!tellsSuspensions) return [status === 'valid' ? notSet('revoked', 'revocation_status') : revoked];
  if (status === 'revoked') return [revoked];
  return [
    notSet('revoked', 'revocation_status'),
    status === 'suspended' ? suspended : notSet('suspended', 'suspension_status'),
  ];
}

/** Bounds of one credential's status check, shared across the credentials of one answer. */
export interface StatusCheckOptions {
  memo: Map<string, Promise<StatusListLookup>>;
  /** Most distinct lists `memo` may come to hold; a credential naming more fails its check. */
  maxLists: number;
}

/**
 * The status checks of a credential (VC 2.0 `credentialStatus`, passed as `raw`: one entry or a
 * few; an SD-JWT VC's Token Status List reference comes as such an entry, see
 * {@link tokenStatusEntry}): each entry a
 * BitstringStatusListEntry for revocation or suspension, its list signed by the credential's own
 * issuer, its bit read. A list that cannot be had fails the check, unless a recent verified copy
 * stands in (a warning).
 */
export async function statusChecks(
  raw: unknown,
  issuer: string,
  deps: CredentialVerificationDeps,
  options: StatusCheckOptions,
): Promise<VerificationCheck[]> {
  if (raw === undefined) return [];
  const entries = Array.isArray(raw) ? raw : [raw];
  if (entries.length === 0 || entries.length > 4)
    return [
      failed(
        'status_entry',
        'ERR_STATUS_LIST_INVALID',
        'The credential lists an unusable number of status entries.',
      ),
    ];
  const checks: VerificationCheck[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') {
      checks.push(
        failed(
          'status_entry',
          'ERR_STATUS_TYPE_UNSUPPORTED',
          'The credential uses a kind of status entry this verifier cannot check, so its status is unknown.',
        ),
      );
      continue;
    }
    const purpose = entry.statusPurpose;
    if (purpose !== 'revocation' && purpose !== 'suspension') {
      checks.push(
        failed(
          'status_entry',
          'ERR_STATUS_TYPE_UNSUPPORTED',
          `The status purpose ${JSON.stringify(purpose)} is not one this verifier checks.`,
        ),
      );
      continue;
    }
    const id = purpose === 'revocation' ? 'revocation_status' : 'suspension_status';
    const index = parseStatusIndex(entry.statusListIndex);
    if (index === undefined || typeof entry.statusListCredential !== 'string') {
      checks.push(
        failed(id, 'ERR_STATUS_LIST_INVALID', 'The status entry has no valid list index or list address.'),
      );
      continue;
    }
    if (!options.memo.has(entry.statusListCredential) && options.memo.size >= options.maxLists) {
      checks.push(
        failed(
          id,
          'ERR_TOO_MANY_CREDENTIALS',
          `The credentials of one answer may name at most ${options.maxLists} status lists; this one names more.`,
        ),
      );
      continue;
    }
    const found = await deps.statusLists.lookup(entry.statusListCredential, options.memo);
    if (!found.ok) {
      checks.push(failed(id, found.code, found.reason));
      continue;
    }
    const list = found.list;
    if (list.issuer !== issuer) {
      checks.push(
        failed(
          id,
          'ERR_STATUS_LIST_ISSUER_MISMATCH',
          'The status list is signed by another organisation than the one that issued the credential.',
        ),
      );
      continue;
    }
    if (list.purpose !== purpose) {
      checks.push(
        failed(
          id,
          'ERR_STATUS_LIST_INVALID',
          `The list is for ${list.purpose}, but the entry says ${purpose}.`,
        ),
      );
      continue;
    }
    const status = credentialStatusAt(list.list, list.suspended, index);
    if (status === undefined) {
      checks.push(
        failed(id, 'ERR_STATUS_INDEX_OUT_OF_RANGE', 'The status index lies outside the status list.'),
      );
      continue;
    }
    checks.push(
      ...statusVerdict(purpose, status, list.suspended !== undefined, stalePrefix(found, deps.now())),
    );
  }
  return checks;
}

/**
 * An SD-JWT VC's `status.status_list` reference as the one entry {@link statusChecks} reads: its
 * list (a Token Status List token, whose 2-bit statuses `verifyStatusListCredential` reads as
 * revoked and suspended bits) answers for revocation and suspension alike.
 */
export function tokenStatusEntry(reference: { idx: unknown; uri: unknown }): Record<string, unknown> {
  return {
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: typeof reference.idx === 'number' ? String(reference.idx) : reference.idx,
    statusListCredential: reference.uri,
  };
}
