import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SkillsPassportError } from '@skills-passport/core';
import { ensureWritableDataDir } from '@skills-passport/core/node';

/** Everything the verifier reads from its environment, validated once at start-up. */
export interface VerifierConfig {
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
  /** JSON file with trusted issuers to load at start-up (see README), if any. */
  readonly trustedIssuersFile: string | undefined;
  readonly logLevel: string;
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

function flag(raw: string | undefined, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return false;
}

/**
 * Reads and validates the verifier's configuration from `env` (the only reader of
 * `process.env`). Every problem is collected and reported at once (`ERR_CONFIG_INVALID`, one
 * issue per variable); the result is frozen.
 *
 * Variables: VERIFIER_PORT (3002), VERIFIER_HOST (127.0.0.1), VERIFIER_PUBLIC_URL
 * (http://localhost:<port>), VERIFIER_DATA_DIR (./data/verifier), VERIFIER_ADMIN_TOKEN (required
 * unless VERIFIER_DEMO=true), VERIFIER_ALLOW_INSECURE_LOCALHOST, VERIFIER_REQUEST_TTL_SECONDS (600),
 * VERIFIER_CLOCK_SKEW_SECONDS (60), VERIFIER_FETCH_TIMEOUT_MS (5000), VERIFIER_STATUS_REUSE_SECONDS (0), VERIFIER_TRUSTED_ISSUERS_FILE,
 * VERIFIER_LOG_LEVEL (info).
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): VerifierConfig {
  const problems: string[] = [];
  const port = integer(env.VERIFIER_PORT, 3002, 'VERIFIER_PORT', 1, 65535, problems);
  const host = env.VERIFIER_HOST ?? '127.0.0.1';
  const demo = flag(env.VERIFIER_DEMO, 'VERIFIER_DEMO', problems);
  const allowInsecureLocalhost = flag(
    env.VERIFIER_ALLOW_INSECURE_LOCALHOST,
    'VERIFIER_ALLOW_INSECURE_LOCALHOST',
    problems,
  );

  let publicUrl = new URL(`http://localhost:${port}`);
  if (env.VERIFIER_PUBLIC_URL !== undefined && env.VERIFIER_PUBLIC_URL !== '') {
    try {
      publicUrl = new URL(env.VERIFIER_PUBLIC_URL);
      if (publicUrl.search !== '' || publicUrl.hash !== '' || publicUrl.username !== '') {
        problems.push('VERIFIER_PUBLIC_URL must have no query, fragment or credentials');
      }
    } catch {
      problems.push(`VERIFIER_PUBLIC_URL is not a URL (got "${env.VERIFIER_PUBLIC_URL}")`);
    }
  }
  const local = ['localhost', '127.0.0.1'].includes(publicUrl.hostname);
  if (publicUrl.protocol !== 'https:' && !(publicUrl.protocol === 'http:' && local)) {
    problems.push('VERIFIER_PUBLIC_URL must be https (http only for localhost)');
  }

  const rawDir = env.VERIFIER_DATA_DIR ?? 'data/verifier';
  const dataDir = isAbsolute(rawDir) ? rawDir : resolve(cwd, rawDir);

  let adminToken = env.VERIFIER_ADMIN_TOKEN ?? '';
  if (adminToken === '' && demo && problems.length === 0) {
    const path = join(dataDir, 'admin-token');
    if (existsSync(path)) {
      adminToken = readFileSync(path, 'utf8').trim();
    } else {
      ensureWritableDataDir(dataDir, 'verifier.sqlite');
      adminToken = randomBytes(24).toString('base64url');
      writeFileSync(path, `${adminToken}\n`, { mode: 0o600 });
    }
  }
  if (adminToken === '' && !demo)
    problems.push('VERIFIER_ADMIN_TOKEN is required (or set VERIFIER_DEMO=true)');
  else if (adminToken !== '' && adminToken.length < 16)
    problems.push('VERIFIER_ADMIN_TOKEN must be at least 16 characters');

  const requestTtlSeconds = integer(
    env.VERIFIER_REQUEST_TTL_SECONDS,
    600,
    'VERIFIER_REQUEST_TTL_SECONDS',
    30,
    86_400,
    problems,
  );
  const clockSkewSeconds = integer(
    env.VERIFIER_CLOCK_SKEW_SECONDS,
    60,
    'VERIFIER_CLOCK_SKEW_SECONDS',
    0,
    600,
    problems,
  );
  const fetchTimeoutMs = integer(
    env.VERIFIER_FETCH_TIMEOUT_MS,
    5000,
    'VERIFIER_FETCH_TIMEOUT_MS',
    100,
    60_000,
    problems,
  );
  const statusReuseSeconds = integer(
    env.VERIFIER_STATUS_REUSE_SECONDS,
    0,
    'VERIFIER_STATUS_REUSE_SECONDS',
    0,
    86_400,
    problems,
  );
  const logLevel = env.VERIFIER_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`VERIFIER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const rawTrusted = env.VERIFIER_TRUSTED_ISSUERS_FILE;
  const trustedIssuersFile =
    rawTrusted === undefined || rawTrusted === ''
      ? undefined
      : isAbsolute(rawTrusted)
        ? rawTrusted
        : resolve(cwd, rawTrusted);
  if (trustedIssuersFile !== undefined && !existsSync(trustedIssuersFile))
    problems.push(`VERIFIER_TRUSTED_ISSUERS_FILE ${trustedIssuersFile} does not exist`);

  if (problems.length > 0) {
    throw new SkillsPassportError(
      'ERR_CONFIG_INVALID',
      `Invalid verifier configuration:\n  - ${problems.join('\n  - ')}`,
      {
        issues: problems.map((message) => ({ pointer: '', rule: 'config', message })),
      },
    );
  }
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
    trustedIssuersFile,
    logLevel,
  });
}
