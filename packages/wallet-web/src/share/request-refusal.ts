import { WalletError } from '../errors.js';
import { errorBody } from '../verify/http.js';

/**
 * What a verifier's error answer to fetching its request object says happened, in the wallet's
 * codes: expired or already answered (our verifier's problem+json `code`), no longer open (410
 * with an OAuth-style `error` or no reason), or unknown (404). Anything else is left to the
 * caller ("cannot be reached"): a 5xx may pass.
 */
export function requestRefusal(status: number, text: string): WalletError | undefined {
  const { code, error } = errorBody(text);
  const detail = [code, error, `HTTP ${status}`].filter(Boolean).join(', ');
  if (code === 'ERR_REQUEST_EXPIRED' || code === 'ERR_REQUEST_ALREADY_ANSWERED')
    return new WalletError(code, detail);
  if (status === 410) return new WalletError('ERR_REQUEST_CLOSED', detail);
  if (status === 404 || code === 'ERR_NOT_FOUND') return new WalletError('ERR_REQUEST_UNKNOWN', detail);
  return undefined;
}

/** The verifier's `code` for refusing an answer because the request is no longer open, if it is that. */
export function closedRequestCode(
  code: unknown,
): 'ERR_REQUEST_EXPIRED' | 'ERR_REQUEST_ALREADY_ANSWERED' | undefined {
  return code === 'ERR_REQUEST_EXPIRED' || code === 'ERR_REQUEST_ALREADY_ANSWERED' ? code : undefined;
}
