import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Everything the issuer reads from its environment, validated once at start-up. */
export interface IssuerConfig {
  readonly port: number;
  readonly host: string;
  /** The URL the world reaches this service at; organisations' did:web identifiers derive from it. */
  readonly publicUrl: URL;
  /** Directory holding `issuer.sqlite`. */
  readonly dataDir: string;
  /** 32-byte hex secret that encrypts private keys at rest. */
  readonly kmsSecret: string;
  /** Bearer token of the administrator who creates organisations and staff. */
  readonly adminToken: string;
  /** Demo mode: secrets may be generated and kept in the data directory. Never for production. */
  readonly demo: boolean;
  /** How long a credential offer stays redeemable. */
  readonly offerTtlSeconds: number;
  /** Time-to-live of published status lists, in milliseconds (also their Cache-Control max-age). */
  readonly statusListTtlMs: number;
  /**
   * Requests per minute per client address to each OpenID4VCI endpoint (failed API-key attempts:
   * a quarter of it, at least 10). 0 or absent = no limit; loadConfig sets 120 unless told otherwise.
   */
  readonly rateLimitPerMinute?: number;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid issuer configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(
  raw: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/** Demo secrets live beside the database so a restart keeps decrypting the same keys. */
function demoSecret(dataDir: string, file: string, make: () => string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Reads and validates the issuer's configuration. The only reader of `process.env` in the issuer;
 * throws {@link ConfigError} listing every problem at once.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | ISSUER_PORT | 3001 | port to listen on |
 * | ISSUER_HOST | 127.0.0.1 | interface to listen on |
 * | ISSUER_PUBLIC_URL | http://localhost:<port> | public base URL (https, or http for localhost) |
 * | ISSUER_DATA_DIR | ./data/issuer | SQLite directory |
 * | ISSUER_KMS_SECRET | (demo: generated) | 64 hex chars; encrypts private keys at rest |
 * | ISSUER_ADMIN_TOKEN | (demo: generated) | administrator bearer token, at least 24 characters |
 * | ISSUER_DEMO | false | demo mode |
 * | ISSUER_OFFER_TTL_SECONDS | 604800 | offer lifetime (7 days) |
 * | ISSUER_STATUS_LIST_TTL_MS | 300000 | status list time-to-live (5 minutes) |
 * | ISSUER_RATE_LIMIT_PER_MINUTE | 120 | per client address: requests to each OpenID4VCI endpoint, and failed API-key attempts (0 = off) |
 * | LOG_LEVEL | info | pino level |
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): IssuerConfig {
  const problems: string[] = [];
  const demo = env.ISSUER_DEMO === 'true' || env.ISSUER_DEMO === '1';
  const port = integer(env.ISSUER_PORT, 3001, 'ISSUER_PORT', 0, 65535, problems);
  const host = env.ISSUER_HOST ?? '127.0.0.1';
  const rawDataDir = env.ISSUER_DATA_DIR ?? './data/issuer';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(rawDataDir);

  let publicUrl = new URL(`http://localhost:${port}`);
  if (env.ISSUER_PUBLIC_URL !== undefined) {
    try {
      publicUrl = new URL(env.ISSUER_PUBLIC_URL);
      const local = publicUrl.hostname === 'localhost' || publicUrl.hostname === '127.0.0.1';
      if (publicUrl.protocol !== 'https:' && !(publicUrl.protocol === 'http:' && local)) {
        problems.push('ISSUER_PUBLIC_URL must use https (http only for localhost)');
      }
      if (publicUrl.pathname !== '/' || publicUrl.search || publicUrl.hash) {
        problems.push('ISSUER_PUBLIC_URL must be an origin without path, query or fragment');
      }
    } catch {
      problems.push(`ISSUER_PUBLIC_URL is not a URL (got "${env.ISSUER_PUBLIC_URL}")`);
    }
  }

  let kmsSecret = env.ISSUER_KMS_SECRET ?? '';
  if (kmsSecret === '' && demo)
    kmsSecret = demoSecret(dataDir, 'demo-kms-secret', () => randomBytes(32).toString('hex'));
  if (!/^[0-9a-fA-F]{64}$/.test(kmsSecret)) {
    problems.push('ISSUER_KMS_SECRET must be 64 hex characters (32 bytes); it encrypts private keys at rest');
  }
  let adminToken = env.ISSUER_ADMIN_TOKEN ?? '';
  if (adminToken === '' && demo)
    adminToken = demoSecret(dataDir, 'demo-admin-token', () => randomBytes(24).toString('base64url'));
  if (adminToken.length < 24) problems.push('ISSUER_ADMIN_TOKEN must be at least 24 characters');

  const offerTtlSeconds = integer(
    env.ISSUER_OFFER_TTL_SECONDS,
    7 * 24 * 3600,
    'ISSUER_OFFER_TTL_SECONDS',
    60,
    90 * 24 * 3600,
    problems,
  );
  const statusListTtlMs = integer(
    env.ISSUER_STATUS_LIST_TTL_MS,
    300_000,
    'ISSUER_STATUS_LIST_TTL_MS',
    1000,
    86_400_000,
    problems,
  );
  const rateLimitPerMinute = integer(
    env.ISSUER_RATE_LIMIT_PER_MINUTE,
    120,
    'ISSUER_RATE_LIMIT_PER_MINUTE',
    0,
    1_000_000,
    problems,
  );
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    publicUrl,
    dataDir,
    kmsSecret,
    adminToken,
    demo,
    offerTtlSeconds,
    statusListTtlMs,
    rateLimitPerMinute,
    logLevel,
  });
}
