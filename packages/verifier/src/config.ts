import {
  EnvReader,
  withoutUnset,
  type DatabaseConfig,
  type ServiceConfig,
} from '@skills-passport/service-kit';
import { REQUEST_LIFETIME } from './domain/skills-requests.js';

/** Everything the verifier reads from its environment, validated once at start-up. */
export interface VerifierConfig extends ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** The URL wallets and employers reach this service at; the verifier's did:web derives from it. */
  readonly publicUrl: URL;
  /** Directory holding `verifier.sqlite` (and the demo files). */
  readonly dataDir: string;
  /**
   * The PostgreSQL database every instance of the verifier shares (`DATABASE_URL`), instead of
   * `verifier.sqlite`, which one process owns.
   */
  readonly database?: DatabaseConfig;
  /** Bearer token for the admin API (trusted issuers, employers). */
  readonly adminToken: string;
  /** Local development: did:web and status lists may be fetched over http from localhost / 127.0.0.1. */
  readonly allowInsecureLocalhost: boolean;
  /** Demo mode: the admin token may be generated and kept in the data directory. */
  readonly demo: boolean;
  /** How long a skills request can be answered when its employer names no lifetime. */
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
  /** Reverse proxies in front whose `X-Forwarded-For` names the client (`TRUST_PROXY_HOPS`, 0). */
  readonly trustProxyHops?: number;
  /** JSON file with trusted issuers to load at start-up (see README), if any. */
  readonly trustedIssuersFile: string | undefined;
  /** The web wallet a vacancy's page offers to open the vacancy in, if any. */
  readonly walletUrl?: URL;
  readonly logLevel: string;
}

/** The verifier's variables for its store (`VERIFIER_DATA_DIR` and its default), for `readStoreLocation`. */
export const VERIFIER_STORE = { name: 'verifier', prefix: 'VERIFIER', dataDir: 'data/verifier' } as const;

/**
 * Reads and validates the verifier's configuration from `env` (the only reader of
 * `process.env`). Every problem is collected and reported at once (`ERR_CONFIG_INVALID`, one
 * issue per variable); the result is frozen.
 *
 * Variables: VERIFIER_PORT (3002), VERIFIER_HOST (127.0.0.1), VERIFIER_PUBLIC_URL
 * (http://localhost:<port>), VERIFIER_DATA_DIR (./data/verifier), VERIFIER_ADMIN_TOKEN (required
 * unless VERIFIER_DEMO=true), VERIFIER_ALLOW_INSECURE_LOCALHOST, VERIFIER_REQUEST_TTL_SECONDS (604800,
 * a week; at most 30 days),
 * VERIFIER_CLOCK_SKEW_SECONDS (60), VERIFIER_FETCH_TIMEOUT_MS (5000), VERIFIER_STATUS_REUSE_SECONDS (0),
 * VERIFIER_RATE_LIMIT_PER_MINUTE (120), VERIFIER_TRUSTED_ISSUERS_FILE, VERIFIER_WALLET_URL (none: the web
 * wallet a published vacancy's page opens; https, or http for localhost), DATABASE_URL (none: the
 * SQLite file under the data directory; postgres://… for a database shared by several instances),
 * DATABASE_POOL_SIZE (10), TRUST_PROXY_HOPS (0; behind a load balancer 1), LOG_LEVEL (info).
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): VerifierConfig {
  const read = new EnvReader(env, cwd);
  const basics = read.basics('VERIFIER', { port: 3002, dataDir: VERIFIER_STORE.dataDir });
  const allowInsecureLocalhost = read.flag('VERIFIER_ALLOW_INSECURE_LOCALHOST');
  const publicUrl = read.publicUrl('VERIFIER_PUBLIC_URL', `http://localhost:${basics.port}`, {
    allowPath: true,
  });
  const adminToken = read.adminToken('VERIFIER', 16, basics, 'admin-token');
  const seconds = (name: string, fallback: number, min: number, max: number) =>
    read.integer(`VERIFIER_${name}`, { fallback, min, max });
  // The default an employer's request stays open when it names no lifetime: a week, time for a
  // candidate to answer a vacancy; at most the longest an employer may choose.
  const requestTtlSeconds = seconds('REQUEST_TTL_SECONDS', 7 * 86_400, 30, REQUEST_LIFETIME.max);
  const clockSkewSeconds = seconds('CLOCK_SKEW_SECONDS', 60, 0, 600);
  const fetchTimeoutMs = read.integer('VERIFIER_FETCH_TIMEOUT_MS', { fallback: 5000, min: 100, max: 60_000 });
  const statusReuseSeconds = seconds('STATUS_REUSE_SECONDS', 0, 0, 86_400);
  const rateLimitPerMinute = read.rateLimit('VERIFIER');
  const trustProxyHops = read.trustProxyHops();
  const walletUrl = read.optionalPublicUrl('VERIFIER_WALLET_URL', { allowPath: true });
  const logLevel = read.logLevel();
  const trustedIssuersFile = read.existingPath('VERIFIER_TRUSTED_ISSUERS_FILE');
  const database = read.database();
  read.finish('verifier');
  return Object.freeze({
    ...basics,
    publicUrl,
    adminToken,
    allowInsecureLocalhost,
    requestTtlSeconds,
    clockSkewSeconds,
    fetchTimeoutMs,
    statusReuseSeconds,
    rateLimitPerMinute,
    trustProxyHops,
    trustedIssuersFile,
    logLevel,
    ...withoutUnset({ walletUrl, database }),
  });
}
