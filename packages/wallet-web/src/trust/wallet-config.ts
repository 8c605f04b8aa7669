import { z } from 'zod';
import { WalletError } from '../errors.js';
import { allowedUrl } from '../verify/http.js';

/** The file is a line of JSON; anything near this size is not it. */
const MAX_CONFIG_BYTES = 16 * 1024;

const configSchema = z.strictObject({
  trustList: z
    .string()
    .max(2000)
    .refine((url) => allowedUrl(url) !== undefined, 'https, or plain http on this computer only')
    .optional(),
});

/**
 * What whoever hosts the wallet configures in `wallet-config.json` beside it (optional):
 * `trustList`, the verifier's `GET /api/trust-list` the wallet reads recognised training and EVC
 * providers from, unless the learner chose another in Settings.
 */
export type WalletConfig = z.infer<typeof configSchema>;

/** The configuration, or why the file that is there cannot be used (then none applies). */
export type WalletConfigRead = { config: WalletConfig } | { config: WalletConfig; error: WalletError };

let reading: Promise<WalletConfigRead> | undefined;

async function read(): Promise<WalletConfigRead> {
  let response: Response;
  try {
    response = await fetch(new URL('wallet-config.json', location.href), {
      headers: { accept: 'application/json' },
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    // Offline, or no such file where the host answers nothing: no configuration.
    return { config: {} };
  }
  // A host without the file answers 404, or (serving a single-page app) its index.html.
  if (!response.ok || !/^application\/(.+\+)?json\b/.test(response.headers.get('content-type') ?? ''))
    return { config: {} };
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    if (text.length > MAX_CONFIG_BYTES) throw new Error('too large');
    json = JSON.parse(text);
  } catch {
    return { config: {}, error: new WalletError('ERR_WALLET_CONFIG_INVALID', 'not JSON') };
  }
  const parsed = configSchema.safeParse(json);
  return parsed.success
    ? { config: parsed.data }
    : { config: {}, error: new WalletError('ERR_WALLET_CONFIG_INVALID', parsed.error.issues[0]?.message) };
}

/** Reads the wallet's own `./wallet-config.json` once per visit (same origin; optional; strict). */
export function walletConfig(): Promise<WalletConfigRead> {
  reading ??= read();
  return reading;
}
