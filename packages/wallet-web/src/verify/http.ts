import { WalletError, type WalletErrorCode } from '../errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Whether the wallet may talk to `url`: https anywhere, plain http only on loopback (local
 * development, like the libraries' `allowInsecureUrls`). Anything else is refused.
 */
export function allowedUrl(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  return undefined;
}

export interface FetchOptions {
  /** Code to throw when the server cannot be reached or answers with an error status. */
  unreachable: WalletErrorCode;
  accept?: string;
  maxBytes?: number;
  timeoutMs?: number;
  /** The browser HTTP cache mode (`no-cache`: revalidate with the server before using a copy). */
  cache?: RequestCache;
  /**
   * What an error status means, when the server says (a problem+json `code`, an OAuth `error`):
   * the learner is told what happened, not that the server cannot be reached. `undefined` falls
   * back to `unreachable`.
   */
  refusal?: (status: number, body: string) => WalletError | undefined;
}

/** The `code` and OAuth `error` of an error answer's JSON body (RFC 9457 / RFC 6749), if any. */
export function errorBody(text: string): { code?: string; error?: string } {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
    const { code, error } = body as Record<string, unknown>;
    return {
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof error === 'string' ? { error } : {}),
    };
  } catch {
    return {};
  }
}

/** GETs a URL the wallet is allowed to reach and returns its body as text, bounded in size. */
export async function fetchText(url: string, options: FetchOptions): Promise<string> {
  if (allowedUrl(url) === undefined) throw new WalletError('ERR_INSECURE_URL', url);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: options.accept ?? 'application/json' },
      redirect: 'error',
      credentials: 'omit',
      ...(options.cache === undefined ? {} : { cache: options.cache }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (cause) {
    throw new WalletError(options.unreachable, url, { cause });
  }
  if (!response.ok) {
    const text = options.refusal === undefined ? '' : await response.text().catch(() => '');
    const refused = text.length > 64 * 1024 ? undefined : options.refusal?.(response.status, text);
    throw refused ?? new WalletError(options.unreachable, `${url}: HTTP ${response.status}`);
  }
  const body = await response.text();
  if (body.length > (options.maxBytes ?? DEFAULT_MAX_BYTES))
    throw new WalletError(options.unreachable, `${url}: too large`);
  return body;
}

/** The `fetch` handed to the OpenID4VC libraries: same rules on which URLs may be reached. */
export const guardedFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (allowedUrl(url) === undefined) return Promise.reject(new WalletError('ERR_INSECURE_URL', url));
  return fetch(input, { ...init, credentials: 'omit', signal: init?.signal ?? AbortSignal.timeout(15_000) });
};
