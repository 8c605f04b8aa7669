import { randomBytes } from 'node:crypto';
import { EnvReader, type ServiceConfig } from '@skills-passport/service-kit';

/** Everything the verifier reads from its environment, validated once at start-up. */
export interface VerifierConfig extends ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** The URL wallets and employers reach this service at; the verifier's did:web derives from it. */
  readonly publicUrl: URL;
  /** Directory holding `verifier.sqlite`. */
  readonly dataDir: string;
  /** Bearer token for the admin API (trusted issuers, employers). */
  readonly adminToken: string;
  /** Local development: did:web and status lists may be fetched over http from localhost / 127.0.0.1. */
  readonly allowInsecureLocalhost: boolean;
  /** Demo mode: the admin token may be generated and kept in the data directory. */
  readonly demo: boolean;
  /** How long a skills request can be answered. */
  readonly requestTtlSeconds: number;
  /** Tolerated clock difference with issuers and wallets. */
  readonly clockSkewSeconds: number;
  /** Deadline for fetching a DID document or status list. */
  readonly fetchTimeoutMs: number;
  /**
   * How long a verified status list is reused without asking its issuer again, capped by the list's
   * own ttl. 0 (default): every check asks (a conditional request), so a revocation counts at once.
   */
  readonly statusReuseSeconds: number;
  /**
   * Requests per minute per client address to each OpenID4VP endpoint (failed API-key attempts: a
   * quarter of it, at least 10). 0 = no limit.
   */
  readonly rateLimitPerMinute: number;
  /** JSON file with trusted issuers to load at start-up (see README), if any. */
  readonly trustedIssuersFile: string | undefined;
  readonly logLevel: string;
}

/**
 * Reads and validates the verifier's configuration from `env` (the only reader of
 * `process.env`). Every problem is collected and reported at once (`ERR_CONFIG_INVALID`, one
 * issue per variable); the result is frozen.
 *
 * Variables: VERIFIER_PORT (3002), VERIFIER_HOST (127.0.0.1), VERIFIER_PUBLIC_URL
 * (http://localhost:<port>), VERIFIER_DATA_DIR (./data/verifier), VERIFIER_ADMIN_TOKEN (required
 * unless VERIFIER_DEMO=true), VERIFIER_ALLOW_INSECURE_LOCALHOST, VERIFIER_REQUEST_TTL_SECONDS (600),
 * VERIFIER_CLOCK_SKEW_SECONDS (60), VERIFIER_FETCH_TIMEOUT_MS (5000), VERIFIER_STATUS_REUSE_SECONDS (0),
 * VERIFIER_RATE_LIMIT_PER_MINUTE (120), VERIFIER_TRUSTED_ISSUERS_FILE, LOG_LEVEL (info).
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): VerifierConfig {
  const read = new EnvReader(env, cwd);
  const port = read.integer('VERIFIER_PORT', { fallback: 3002, min: 1, max: 65535 });
  const host = read.text('VERIFIER_HOST', '127.0.0.1');
  const demo = read.flag('VERIFIER_DEMO');
  const allowInsecureLocalhost = read.flag('VERIFIER_ALLOW_INSECURE_LOCALHOST');
  const publicUrl = read.publicUrl('VERIFIER_PUBLIC_URL', `http://localhost:${port}`, { allowPath: true });
  const dataDir = read.path('VERIFIER_DATA_DIR', 'data/verifier');
  const adminToken = read.secret(
    'VERIFIER_ADMIN_TOKEN',
    { test: (v) => v.length >= 16, description: 'at least 16 characters (or set VERIFIER_DEMO=true)' },
    demo ? { dataDir, file: 'admin-token', make: () => randomBytes(24).toString('base64url') } : undefined,
  );
  const requestTtlSeconds = read.integer('VERIFIER_REQUEST_TTL_SECONDS', {
    fallback: 600,
    min: 30,
    max: 86_400,
  });
  const clockSkewSeconds = read.integer('VERIFIER_CLOCK_SKEW_SECONDS', { fallback: 60, min: 0, max: 600 });
  const fetchTimeoutMs = read.integer('VERIFIER_FETCH_TIMEOUT_MS', { fallback: 5000, min: 100, max: 60_000 });
  const statusReuseSeconds = read.integer('VERIFIER_STATUS_REUSE_SECONDS', {
    fallback: 0,
    min: 0,
    max: 86_400,
  });
  const rateLimitPerMinute = read.integer('VERIFIER_RATE_LIMIT_PER_MINUTE', {
    fallback: 120,
    min: 0,
    max: 1_000_000,
  });
  const logLevel = read.logLevel();
  const trustedIssuersFile = read.existingPath('VERIFIER_TRUSTED_ISSUERS_FILE');
  read.finish('verifier');
  return Object.freeze({
    port,
    host,
    publicUrl,
    dataDir,
    adminToken,
    allowInsecureLocalhost,
    demo,
    requestTtlSeconds,
    clockSkewSeconds,
    fetchTimeoutMs,
    statusReuseSeconds,
    rateLimitPerMinute,
    trustedIssuersFile,
    logLevel,
  });
}
