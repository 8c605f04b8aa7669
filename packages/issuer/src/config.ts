import { randomBytes } from 'node:crypto';
import {
  EnvReader,
  withoutUnset,
  type DatabaseConfig,
  type ServiceConfig,
} from '@skills-passport/service-kit';

/** Everything the issuer reads from its environment, validated once at start-up. */
export interface IssuerConfig extends ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** The URL the world reaches this service at; organisations' did:web identifiers derive from it. */
  readonly publicUrl: URL;
  /**
   * Directory holding `issuer.sqlite` (without `database`), the outbox of offer e-mails and, in demo
   * mode, the generated secrets and the demo summary.
   */
  readonly dataDir: string;
  /**
   * The PostgreSQL database every instance of the issuer shares (`DATABASE_URL`): the issuer's
   * tables and Veramo's, instead of `issuer.sqlite`, which one process owns.
   */
  readonly database?: DatabaseConfig;
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
  /** Reverse proxies in front whose `X-Forwarded-For` names the client (`TRUST_PROXY_HOPS`, 0). */
  readonly trustProxyHops?: number;
  /**
   * Where offer e-mails go: an SMTP server (`smtp://user:pass@host:587`, or `smtps://` for TLS from
   * the start). Absent: each mail is written to the outbox under the data directory instead.
   * Holds a password: never logged.
   */
  readonly smtpUrl?: URL;
  /** The From of offer e-mails; absent: `Skills Passport <no-reply@<public host>>`. */
  readonly mailFrom?: string;
  /** The learner's web wallet, for the claim page's "open in my web wallet" button; absent: no button. */
  readonly walletUrl?: URL;
  /**
   * How long a learner's own EVC intake request (from the public intake) can be answered, and how
   * long one staff ask for (an adviser's, an assessor's), in seconds. Absent: 30 minutes and 24 hours.
   */
  readonly intakeTtlSeconds?: number;
  readonly staffIntakeTtlSeconds?: number;
  /**
   * Issuers beside this service's own organisations whose credentials an intake recognises: a JSON
   * file in the verifier's trusted-issuers format (VERIFIER_TRUSTED_ISSUERS_FILE), read at start.
   */
  readonly trustedIssuersFile?: string;
  readonly logLevel: string;
  /**
   * How long an instance's claim on an unfinished cohort lasts without renewal (each chunk renews
   * it); every instance looks for cohorts whose claim ran out every third of it. Absent: 30 seconds.
   */
  readonly cohortLeaseMs?: number;
}

/**
 * How long a status list may be cached by default: one minute. A revocation is served at once (a
 * list is signed again on the first request after a change), so a cached copy is the only delay:
 * at most one ttl. One minute leaves a wallet or verifier four of the five minutes within which a
 * revocation must show for its own re-check, and an unchanged list costs a 304 to revalidate.
 */
export const DEFAULT_STATUS_LIST_TTL_MS = 60_000;

/** The issuer's variables for its store (`ISSUER_DATA_DIR` and its default), for `readStoreLocation`. */
export const ISSUER_STORE = { name: 'issuer', prefix: 'ISSUER', dataDir: './data/issuer' } as const;

/**
 * Reads and validates the issuer's configuration. The only reader of `process.env` in the issuer;
 * throws `ERR_CONFIG_INVALID` listing every problem at once (one issue per problem).
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | ISSUER_PORT | 3001 | port to listen on |
 * | ISSUER_HOST | 127.0.0.1 | interface to listen on |
 * | ISSUER_PUBLIC_URL | http://localhost:<port> | public base URL (https, or http for localhost) |
 * | ISSUER_DATA_DIR | ./data/issuer | SQLite file, outbox, demo files |
 * | TRUST_PROXY_HOPS | 0 | reverse proxies (a load balancer: 1) whose X-Forwarded-For names the client |
 * | DATABASE_URL | (none: SQLite) | postgres://… database shared by every instance (tables of the issuer and of Veramo) |
 * | DATABASE_POOL_SIZE | 10 | connections (at least 3) each instance holds at most for its own tables; Veramo's pool adds 3, the API-key revocation listener 1 |
 * | ISSUER_KMS_SECRET | (demo: generated) | 64 hex chars; encrypts private keys at rest |
 * | ISSUER_ADMIN_TOKEN | (demo: generated) | administrator bearer token, at least 24 characters |
 * | ISSUER_DEMO | false | demo mode |
 * | ISSUER_OFFER_TTL_SECONDS | 604800 | offer lifetime (7 days) |
 * | ISSUER_STATUS_LIST_TTL_MS | 60000 | status list time-to-live (1 minute): `ttl` and `max-age` of every status list |
 * | ISSUER_RATE_LIMIT_PER_MINUTE | 120 | per client address: requests to each OpenID4VCI endpoint, and failed API-key attempts (0 = off) |
 * | ISSUER_SMTP_URL | (none: the outbox) | SMTP server for offer e-mails, `smtp://user:pass@host:587` or `smtps://…` |
 * | ISSUER_MAIL_FROM | Skills Passport <no-reply@host> | sender of offer e-mails |
 * | ISSUER_WALLET_URL | (none) | the web wallet the claim page's button opens (https, or http for localhost) |
 * | ISSUER_INTAKE_TTL_SECONDS | 1800 | how long a learner's own EVC intake request can be answered |
 * | ISSUER_STAFF_INTAKE_TTL_SECONDS | 86400 | how long an intake request staff make can be answered |
 * | ISSUER_TRUSTED_ISSUERS_FILE | (none) | JSON list of further trusted issuers for intakes (the verifier's format) |
 * | LOG_LEVEL | info | pino level |
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): IssuerConfig {
  const read = new EnvReader(env, cwd);
  const basics = read.basics('ISSUER', { port: 3001, dataDir: ISSUER_STORE.dataDir });
  const publicUrl = read.publicUrl('ISSUER_PUBLIC_URL', `http://localhost:${basics.port}`);
  const kmsSecret = read.secret(
    'ISSUER_KMS_SECRET',
    {
      test: (v) => /^[0-9a-fA-F]{64}$/.test(v),
      description: '64 hex characters (32 bytes); it encrypts private keys at rest',
    },
    basics.demo
      ? { dataDir: basics.dataDir, file: 'demo-kms-secret', make: () => randomBytes(32).toString('hex') }
      : undefined,
  );
  const adminToken = read.adminToken('ISSUER', 24, basics, 'demo-admin-token');
  const day = 24 * 3600;
  const offerTtlSeconds = read.integer('ISSUER_OFFER_TTL_SECONDS', {
    fallback: 7 * day,
    min: 60,
    max: 90 * day,
  });
  const ttl = { fallback: DEFAULT_STATUS_LIST_TTL_MS, min: 1000, max: 86_400_000 };
  const statusListTtlMs = read.integer('ISSUER_STATUS_LIST_TTL_MS', ttl);
  const rateLimitPerMinute = read.rateLimit('ISSUER');
  const trustProxyHops = read.trustProxyHops();
  const smtpUrl = readSmtpUrl(read);
  const mailFrom = readMailFrom(read);
  const walletUrl = read.optionalPublicUrl('ISSUER_WALLET_URL', { allowPath: true });
  const intakeTtlSeconds = read.integer('ISSUER_INTAKE_TTL_SECONDS', {
    fallback: 1800,
    min: 60,
    max: 30 * day,
  });
  const staffIntakeTtlSeconds = read.integer('ISSUER_STAFF_INTAKE_TTL_SECONDS', {
    fallback: day,
    min: 60,
    max: 30 * day,
  });
  const trustedIssuersFile = read.existingPath('ISSUER_TRUSTED_ISSUERS_FILE');
  const logLevel = read.logLevel();
  const database = read.database();
  const cohortLeaseMs = read.integer('ISSUER_COHORT_LEASE_MS', {
    fallback: 30_000,
    min: 300,
    max: 3_600_000,
  });
  read.finish('issuer');
  return Object.freeze({
    ...basics,
    publicUrl,
    kmsSecret,
    adminToken,
    offerTtlSeconds,
    statusListTtlMs,
    rateLimitPerMinute,
    trustProxyHops,
    intakeTtlSeconds,
    staffIntakeTtlSeconds,
    logLevel,
    cohortLeaseMs,
    ...withoutUnset({ smtpUrl, mailFrom, walletUrl, trustedIssuersFile, database }),
  });
}

/**
 * `ISSUER_SMTP_URL`: smtp:// or smtps://, a host, a port if any from 1 to 65535, nothing after the
 * origin. A problem never repeats the value: it may hold a password.
 */
function readSmtpUrl(read: EnvReader): URL | undefined {
  const raw = read.raw('ISSUER_SMTP_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    read.problem('ISSUER_SMTP_URL is not a URL (expected smtp://user:password@host:587 or smtps://…)');
    return undefined;
  }
  const problems = [
    url.protocol === 'smtp:' || url.protocol === 'smtps:' ? null : 'must start with smtp:// or smtps://',
    url.hostname === '' ? 'must name a host' : null,
    url.pathname.replace(/^\/$/, '') !== '' || url.search !== '' || url.hash !== ''
      ? 'must have no path, query or fragment'
      : null,
  ].filter((p): p is string => p !== null);
  for (const problem of problems) read.problem(`ISSUER_SMTP_URL ${problem}`);
  return problems.length === 0 ? url : undefined;
}

/** `ISSUER_MAIL_FROM`: an address, or `Name <address>`. */
function readMailFrom(read: EnvReader): string | undefined {
  const raw = read.raw('ISSUER_MAIL_FROM');
  if (raw === undefined) return undefined;
  const address = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/.exec(raw.trim());
  const addr = address?.[1] ?? address?.[2];
  if (addr === undefined || !/^[^\s@]+@[^\s@]+$/.test(addr)) {
    read.problem(`ISSUER_MAIL_FROM must be an e-mail address or "Name <address>" (got "${raw}")`);
    return undefined;
  }
  return raw.trim();
}
