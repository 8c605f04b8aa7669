import { WalletError } from '../errors.js';
import type { StoredCredential, WalletDb } from '../store/db.js';
import { allowedUrl, errorBody } from '../verify/http.js';
import { publishedForm } from './export-file.js';

// Publishing a verification link: the learner hands chosen credentials, as issued, to a
// publication service (the verifier's `POST /api/publications`), which checks them and serves a
// public page at `/p/<id>` until the learner withdraws it (`DELETE` with the withdraw token) or it
// expires. The wallet keeps each link with its withdraw token in IndexedDB (`settings`), so the
// learner can withdraw it later.

/** At most this many credentials per link (the service's limit). */
export const MAX_PUBLISHED = 20;

declare const __WALLET_PUBLICATION_SERVICE__: string | undefined;

/**
 * The publication service used unless the learner chose another: set when the wallet is built
 * (`WALLET_PUBLICATION_SERVICE`), else the verifier of a local start.
 */
export const DEFAULT_PUBLICATION_SERVICE =
  typeof __WALLET_PUBLICATION_SERVICE__ === 'string' && __WALLET_PUBLICATION_SERVICE__ !== ''
    ? __WALLET_PUBLICATION_SERVICE__
    : 'http://localhost:3002';

const SERVICE_SETTING = 'publicationService';
const PUBLICATIONS_SETTING = 'publications';

/** A published verification link as the wallet keeps it. */
export interface Publication {
  id: string;
  url: string;
  /** The service's origin it was published with (where it is withdrawn). */
  service: string;
  /** The bearer token that withdraws it: only this wallet has it. */
  withdrawToken: string;
  createdAt: string;
  expiresAt: string;
  /** The credentials on it, by id and title as the learner chose them. */
  credentials: { id: string; name: string }[];
}

/**
 * The service's origin for an address the learner typed or the build set: https, or plain http on
 * loopback only; path, query and fragment dropped. `undefined` when it is not allowed.
 */
export function serviceOrigin(address: string): string | undefined {
  const url = allowedUrl(address.trim());
  return url === undefined ? undefined : url.origin;
}

/** The publication service this wallet uses. */
export async function publicationService(db: WalletDb): Promise<string> {
  const chosen = await db.setting(SERVICE_SETTING);
  // A build default that is not https or loopback is never used: the learner is offered localhost.
  return (
    (chosen === undefined ? undefined : serviceOrigin(chosen)) ??
    serviceOrigin(DEFAULT_PUBLICATION_SERVICE) ??
    'http://localhost:3002'
  );
}

/** Records the publication service; refused (`ERR_INSECURE_URL`) unless https or loopback. */
export async function setPublicationService(db: WalletDb, address: string): Promise<string> {
  const origin = serviceOrigin(address);
  if (origin === undefined) throw new WalletError('ERR_INSECURE_URL', address);
  await db.putSetting(SERVICE_SETTING, origin);
  return origin;
}

/**
 * A publication as kept (or as a backup carries it), with exactly the members the wallet uses;
 * `undefined` for anything else, also for a link that does not lead to its own service.
 */
export function readPublication(value: unknown): Publication | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const p = value as Record<string, unknown>;
  const { id, url, service, withdrawToken, createdAt, expiresAt, credentials } = p;
  if (
    typeof id !== 'string' ||
    typeof url !== 'string' ||
    typeof service !== 'string' ||
    typeof withdrawToken !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof expiresAt !== 'string' ||
    !Array.isArray(credentials) ||
    serviceOrigin(service) !== service ||
    allowedUrl(url)?.origin !== service
  )
    return undefined;
  const named = credentials.filter(
    (c): c is { id: string; name: string } =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as Record<string, unknown>).id === 'string' &&
      typeof (c as Record<string, unknown>).name === 'string',
  );
  if (named.length !== credentials.length) return undefined;
  return {
    id,
    url,
    service,
    withdrawToken,
    createdAt,
    expiresAt,
    credentials: named.map(({ id: cid, name }) => ({ id: cid, name })),
  };
}

/**
 * This wallet's links and those of a backup, each once (by service and id; this wallet's copy
 * first), newest first: a restore never loses a withdraw token.
 */
export function mergePublications(
  held: readonly Publication[],
  restored: readonly Publication[],
): Publication[] {
  const seen = new Set<string>();
  const all: Publication[] = [];
  for (const p of [...held, ...restored]) {
    const key = `${p.service} ${p.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(p);
  }
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The settings record that keeps the links (written by a restore in its one transaction). */
export function publicationsSetting(list: readonly Publication[]): { key: string; value: string } {
  return { key: PUBLICATIONS_SETTING, value: JSON.stringify(list) };
}

/** The links this wallet published and has not withdrawn, newest first. */
export async function publications(db: WalletDb): Promise<Publication[]> {
  const stored = await db.setting(PUBLICATIONS_SETTING);
  if (stored === undefined) return [];
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.flatMap((p) => readPublication(p) ?? []) : [];
  } catch {
    return [];
  }
}

async function savePublications(db: WalletDb, list: Publication[]): Promise<void> {
  const { key, value } = publicationsSetting(list);
  await db.putSetting(key, value);
}

/** The problem+json `detail` of an answer, for the learner's "technical details". */
function problemDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return typeof body.detail === 'string' ? body.detail.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      redirect: 'error',
      credentials: 'omit',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new WalletError('ERR_PUBLICATION_UNREACHABLE', url, { cause });
  }
}

/**
 * Publishes the chosen credentials, each as issued ({@link publishedForm}), and keeps the link
 * with its withdraw token. Refused before sending when none or too many are chosen.
 */
export async function publish(
  db: WalletDb,
  service: string,
  chosen: readonly StoredCredential[],
): Promise<Publication> {
  if (chosen.length === 0) throw new WalletError('ERR_NOTHING_SELECTED');
  if (chosen.length > MAX_PUBLISHED) throw new WalletError('ERR_PUBLICATION_TOO_MANY');
  const origin = serviceOrigin(service);
  if (origin === undefined) throw new WalletError('ERR_INSECURE_URL', service);
  const response = await call(`${origin}/api/publications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ credentials: chosen.map(publishedForm) }),
  });
  const text = await response.text().catch(() => '');
  if (response.status !== 201) {
    const { code } = errorBody(text);
    if (response.status === 422 || code === 'ERR_PUBLICATION_INVALID')
      throw new WalletError('ERR_PUBLICATION_INVALID', problemDetail(text));
    throw new WalletError('ERR_PUBLICATION_UNREACHABLE', `${origin}: HTTP ${response.status}`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new WalletError('ERR_PUBLICATION_UNREACHABLE', 'not JSON', { cause });
  }
  const { id, url, withdrawToken, createdAt, expiresAt } = body;
  // The link must lead to the service it was published with: anything else is not this publication.
  if (
    typeof id !== 'string' ||
    typeof url !== 'string' ||
    allowedUrl(url)?.origin !== origin ||
    typeof withdrawToken !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof expiresAt !== 'string'
  )
    throw new WalletError('ERR_PUBLICATION_UNREACHABLE', 'unexpected answer');
  const publication: Publication = {
    id,
    url,
    service: origin,
    withdrawToken,
    createdAt,
    expiresAt,
    credentials: chosen.map((c) => ({ id: c.id, name: c.document.name })),
  };
  await savePublications(db, [publication, ...(await publications(db))]);
  return publication;
}

/**
 * Withdraws a published link: afterwards its page answers 410. One the service no longer knows
 * (`ERR_PUBLICATION_UNKNOWN`) or has already withdrawn or let expire (`ERR_PUBLICATION_WITHDRAWN`)
 * is dropped from the wallet's list too (nobody can see it any more), and the error says which.
 */
export async function withdraw(db: WalletDb, publication: Publication): Promise<void> {
  const response = await call(
    `${publication.service}/api/publications/${encodeURIComponent(publication.id)}`,
    {
      method: 'DELETE',
      headers: { authorization: `Bearer ${publication.withdrawToken}`, accept: 'application/json' },
    },
  );
  const gone =
    response.status === 404
      ? 'ERR_PUBLICATION_UNKNOWN'
      : response.status === 410
        ? 'ERR_PUBLICATION_WITHDRAWN'
        : undefined;
  if (response.status !== 204 && gone === undefined)
    throw new WalletError('ERR_PUBLICATION_UNREACHABLE', `${publication.service}: HTTP ${response.status}`);
  await savePublications(
    db,
    (await publications(db)).filter((p) => p.id !== publication.id || p.service !== publication.service),
  );
  if (gone !== undefined) throw new WalletError(gone);
}

/** The newest link that has not expired, for the printed passport. */
export function currentPublication(list: readonly Publication[], now = Date.now()): Publication | undefined {
  return list.find((p) => Date.parse(p.expiresAt) > now);
}
