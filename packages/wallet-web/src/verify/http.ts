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

/** Refusal bodies are read for their `code` only: a few kilobytes at most are worth reading. */
const MAX_REFUSAL_BYTES = 64 * 1024;

/**
 * The body as UTF-8 text, or undefined once it runs past `maxBytes`: read chunk by chunk and
 * cancelled there, so an endless or huge answer costs no more than the cap (a declared
 * Content-Length over the cap is refused before reading at all).
 */
async function cappedText(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
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
    const text =
      options.refusal === undefined
        ? undefined
        : await cappedText(response, MAX_REFUSAL_BYTES).catch(() => undefined);
    const refused = text === undefined ? undefined : options.refusal?.(response.status, text);
    throw refused ?? new WalletError(options.unreachable, `${url}: HTTP ${response.status}`);
  }
  let body: string | undefined;
  try {
    body = await cappedText(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (cause) {
    // The connection broke or the time ran out while the body was read.
    throw new WalletError(options.unreachable, url, { cause });
  }
  if (body === undefined) throw new WalletError(options.unreachable, `${url}: too large`);
  return body;
}

/** What {@link fetchJson} checks the answer against: a zod schema, or anything with its `safeParse`. */
interface AnswerSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * GETs a URL as {@link fetchText} does and reads the answer as JSON that must pass `schema`
 * strictly; an answer that is not JSON or not what the schema says throws `invalid`, naming the
 * first problem.
 */
export async function fetchJson<T>(
  url: string,
  schema: AnswerSchema<T>,
  options: FetchOptions & { invalid: WalletErrorCode },
): Promise<T> {
  const body = await fetchText(url, options);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new WalletError(options.invalid, `${url}: not JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new WalletError(options.invalid, `${url}: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The `fetch` handed to the OpenID4VC libraries: same rules on which URLs may be reached. */
export const guardedFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (allowedUrl(url) === undefined) return Promise.reject(new WalletError('ERR_INSECURE_URL', url));
  return fetch(input, { ...init, credentials: 'omit', signal: init?.signal ?? AbortSignal.timeout(15_000) });
};
