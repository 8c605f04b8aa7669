import { z } from 'zod';
import { isWalletError, WalletError, type WalletErrorCode } from '../errors.js';
import { allowedUrl } from '../verify/http.js';

// Some services hand out a fresh OpenID4VP request on demand: a verifier for a published vacancy
// (`POST /api/vacancies/:id/requests`), an EVC provider for an intake (`POST /api/intake/:slug/
// requests`). Both answer `{ requestLink, requestId?, expiresAt? }`; the wallet then opens the
// link on its share screen, where the request is checked and the learner consents.

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

const answerSchema = z.object({
  requestLink: z
    .string()
    .max(4000)
    .refine((s) => s.startsWith('openid4vp://')),
  requestId: z.string().optional(),
  expiresAt: z.string().optional(),
});

export interface RequestLinkOptions {
  /** The JSON body to send; none when absent. */
  body?: unknown;
  /** Code for no answer, or an error status the service does not explain. */
  unreachable: WalletErrorCode;
  /** Code for an answer that is not a request link. */
  invalid: WalletErrorCode;
  /** What an error status means, when the service says. */
  refusal?: (status: number, body: string) => WalletError | undefined;
}

/**
 * POSTs to `<base URL>/requests` (https, or plain http on loopback; no credentials or cookies; no
 * redirects; 10 s) and returns the `openid4vp://` link the service answers. Throws a
 * {@link WalletError}: `ERR_INSECURE_URL`, `refusal`'s, `unreachable` or `invalid`.
 */
export async function askForRequestLink(baseUrl: string, options: RequestLinkOptions): Promise<string> {
  const base = allowedUrl(baseUrl.trim());
  if (base === undefined) throw new WalletError('ERR_INSECURE_URL', baseUrl);
  const url = `${base.origin}${base.pathname.replace(/\/$/, '')}/requests`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      redirect: 'error',
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new WalletError(options.unreachable, url, { cause });
  }
  const body = await response.text().catch(() => '');
  if (!response.ok)
    throw (
      options.refusal?.(response.status, body.slice(0, MAX_ANSWER_BYTES)) ??
      new WalletError(options.unreachable, `${url}: HTTP ${response.status}`)
    );
  try {
    if (body.length > MAX_ANSWER_BYTES) throw new WalletError(options.invalid, 'too large');
    return answerSchema.parse(JSON.parse(body)).requestLink;
  } catch (cause) {
    throw isWalletError(cause) ? cause : new WalletError(options.invalid, 'not a request', { cause });
  }
}
