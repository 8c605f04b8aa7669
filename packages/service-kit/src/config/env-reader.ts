import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SkillsPassportError } from '@skills-passport/core';
import { ensureWritableDataDir } from '../store/data-dir.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What {@link EnvReader.basics} reads. */
export interface ServiceBasics {
  port: number;
  host: string;
  demo: boolean;
  dataDir: string;
}

/** Where a service's shared store is: a PostgreSQL database (see {@link EnvReader.database}). */
export interface DatabaseConfig {
  /** `postgres://` or `postgresql://` URL; it may hold a password, so it is never logged or echoed. */
  url: string;
  /** Connections this instance holds at most. */
  poolSize: number;
}

/** A secret generated on first start in demo mode and kept beside the data, so restarts reuse it. */
export interface DemoSecret {
  dataDir: string;
  file: string;
  make(): string;
}

/**
 * Reads a service's variables from an environment and collects every problem, so a bad
 * configuration is refused at start-up with all of its faults listed at once. Each message starts
 * with the variable's name. Call {@link EnvReader.finish} after the last read.
 */
export class EnvReader {
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #problems: string[] = [];

  constructor(
    env: Readonly<Record<string, string | undefined>>,
    private readonly cwd: string = process.cwd(),
  ) {
    this.#env = env;
  }

  /** The raw value; `undefined` when unset or empty. */
  raw(name: string): string | undefined {
    const value = this.#env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  text(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** Records a problem found by a service's own rule; the message should start with the variable. */
  problem(message: string): void {
    this.#problems.push(message);
  }

  integer(name: string, options: { fallback: number; min: number; max: number }): number {
    const raw = this.raw(name);
    if (raw === undefined) return options.fallback;
    const value = Number(raw);
    if (
      !/^-?\d+$/.test(raw.trim()) ||
      !Number.isSafeInteger(value) ||
      value < options.min ||
      value > options.max
    ) {
      this.problem(`${name} must be a whole number from ${options.min} to ${options.max} (got "${raw}")`);
      return options.fallback;
    }
    return value;
  }

  /** `true`/`1` or `false`/`0`; anything else is a problem. */
  flag(name: string, fallback = false): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problem(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** A directory or file path, made absolute against the working directory. */
  path(name: string, fallback: string): string {
    const raw = this.text(name, fallback);
    return isAbsolute(raw) ? raw : resolve(this.cwd, raw);
  }

  /** An optional path that must exist when given. */
  existingPath(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const path = isAbsolute(raw) ? raw : resolve(this.cwd, raw);
    if (!existsSync(path)) this.problem(`${name} ${path} does not exist`);
    return path;
  }

  /**
   * The URL the world reaches a service at: https, or http for localhost / 127.0.0.1 only (local
   * development); no query, fragment or user info; a path only where the service allows one.
   */
  publicUrl(name: string, fallback: string, options: { allowPath?: boolean } = {}): URL {
    const raw = this.raw(name);
    let url: URL;
    try {
      url = new URL(raw ?? fallback);
    } catch {
      this.problem(`${name} is not a URL (got "${raw}")`);
      return new URL(fallback);
    }
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      this.problem(`${name} must use https (http only for localhost)`);
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      this.problem(`${name} must have no query, fragment or credentials`);
    } else if (options.allowPath !== true && url.pathname !== '/') {
      this.problem(`${name} must be an origin without a path`);
    }
    return url;
  }

  /** A URL as {@link EnvReader.publicUrl} takes it, for a setting that may be left unset (`undefined`). */
  optionalPublicUrl(name: string, options: { allowPath?: boolean } = {}): URL | undefined {
    return this.raw(name) === undefined ? undefined : this.publicUrl(name, 'http://localhost/', options);
  }

  /**
   * A secret. Unset in demo mode, it is generated once and kept in the data directory; unset
   * otherwise, it is a problem. `rule` says what a valid value looks like.
   */
  secret(
    name: string,
    rule: { test(value: string): boolean; description: string },
    demo?: DemoSecret,
  ): string {
    let value = this.raw(name);
    if (value === undefined && demo !== undefined) value = this.#demoSecret(demo);
    if (value === undefined) {
      this.problem(`${name} is required: ${rule.description}`);
      return '';
    }
    if (!rule.test(value)) this.problem(`${name} must be ${rule.description}`);
    return value;
  }

  /**
   * A data directory that cannot be written is a storage fault, not a configuration problem: it is
   * thrown at once (`ERR_STORAGE_UNAVAILABLE`, one sentence naming the directory).
   */
  #demoSecret(demo: DemoSecret): string {
    const path = join(demo.dataDir, demo.file);
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
    ensureWritableDataDir(demo.dataDir);
    const value = demo.make();
    writeFileSync(path, `${value}\n`, { mode: 0o600 });
    return value;
  }

  /**
   * What every service reads the same way: `<PREFIX>_PORT`, `<PREFIX>_HOST` (loopback by default),
   * `<PREFIX>_DEMO` and `<PREFIX>_DATA_DIR`.
   */
  basics(prefix: string, defaults: { port: number; dataDir: string }): ServiceBasics {
    return {
      port: this.integer(`${prefix}_PORT`, { fallback: defaults.port, min: 0, max: 65535 }),
      host: this.text(`${prefix}_HOST`, '127.0.0.1'),
      demo: this.flag(`${prefix}_DEMO`),
      dataDir: this.path(`${prefix}_DATA_DIR`, defaults.dataDir),
    };
  }

  /** `<PREFIX>_ADMIN_TOKEN`: required, or generated once in demo mode and kept beside the data. */
  adminToken(prefix: string, minLength: number, basics: ServiceBasics, demoFile: string): string {
    return this.secret(
      `${prefix}_ADMIN_TOKEN`,
      { test: (v) => v.length >= minLength, description: `at least ${minLength} characters` },
      basics.demo
        ? { dataDir: basics.dataDir, file: demoFile, make: () => randomBytes(24).toString('base64url') }
        : undefined,
    );
  }

  /**
   * `<PREFIX>_RATE_LIMIT_PER_MINUTE` (default 120): requests per client address and minute to each
   * protocol endpoint; 0 switches the limits off.
   */
  rateLimit(prefix: string): number {
    return this.integer(`${prefix}_RATE_LIMIT_PER_MINUTE`, { fallback: 120, min: 0, max: 1_000_000 });
  }

  /**
   * `DATABASE_URL` and `DATABASE_POOL_SIZE`, the same variables for every service: the PostgreSQL
   * database every instance shares, or `undefined` for the embedded SQLite file under the data
   * directory. A problem never quotes the URL (it may hold a password). At least 3 connections: work
   * done in turns across instances holds one for its lock while its queries use others, and a turn
   * may be taken inside another (the issuer's demo seed creates organisations, each in its turn).
   */
  database(): DatabaseConfig | undefined {
    const url = this.raw('DATABASE_URL');
    const poolSize = this.integer('DATABASE_POOL_SIZE', { fallback: 10, min: 3, max: 1000 });
    if (url === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      this.problem('DATABASE_URL must be a postgres:// or postgresql:// URL');
      return undefined;
    }
    return { url, poolSize };
  }

  /**
   * `TRUST_PROXY_HOPS` (0): how many reverse proxies in front of the service (a load balancer) may
   * name the client in `X-Forwarded-For`. 0 trusts none: the client is the connection's address, and
   * a client cannot choose its own rate-limit key by sending the header. Behind one balancer, 1: else
   * every client has the balancer's address and all share one allowance.
   */
  trustProxyHops(): number {
    return this.integer('TRUST_PROXY_HOPS', { fallback: 0, min: 0, max: 10 });
  }

  /** `LOG_LEVEL`, the same variable for every service. */
  logLevel(): LogLevel {
    const raw = this.text('LOG_LEVEL', 'info');
    if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
    this.problem(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
    return 'info';
  }

  /** Throws `ERR_CONFIG_INVALID` listing every problem, one issue each, when there were any. */
  finish(service: string): void {
    if (this.#problems.length === 0) return;
    throw new SkillsPassportError(
      'ERR_CONFIG_INVALID',
      `Invalid ${service} configuration:\n  - ${this.#problems.join('\n  - ')}`,
      { issues: this.#problems.map((message) => ({ pointer: '', rule: 'config', message })) },
    );
  }
}
