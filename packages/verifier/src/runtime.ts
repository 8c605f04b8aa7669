import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStrictJson, SkillsPassportError, type Esco } from '@skills-passport/core';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { ensureWritableDataDir, warmTaxonomySearch, type Logger } from '@skills-passport/service-kit';
import type { VerifierConfig } from './config.js';
import type { VerifierDeps } from './deps.js';
import { createVerificationDeps } from './domain/verification-deps.js';
import { generateSigningKeyPem, verifierIdentity } from './domain/verifier-identity.js';
import { parseTrustedIssuer, type TrustedIssuerRules } from './http/admin-routes.js';
import { createGuardedFetch } from './net/guarded-fetch.js';
import { PgVerifierStores } from './store/pg/pg-verifier-stores.js';
import { SqliteVerifierStores } from './store/sqlite/sqlite-verifier-stores.js';

/** The verifier's dependencies on one data directory, and how to let go of them. */
export interface VerifierRuntime {
  /** Its stores are the SQLite adapter's, for tools and tests that need the file itself. */
  deps: VerifierDeps & { store: SqliteVerifierStores | PgVerifierStores };
  /**
   * Builds the skill and occupation label indexes now (about 0.4 s each for the whole ESCO), which
   * the first search would otherwise build while an employer waits. Call it once listening.
   */
  warmSearch(): void;
  close(): Promise<void>;
}

/**
 * Reads a trusted-issuers file: `[{ "did", "name", "kind", "accreditedTypes", "catalogue"?,
 * "intake"? }]`, read as the admin API reads an entry. Throws `ERR_CONFIG_INVALID` naming the
 * entry at fault.
 */
export function readTrustedIssuersFile(path: string, rules?: TrustedIssuerRules) {
  const parsed = parseStrictJson(readFileSync(path, 'utf8'));
  if (!parsed.ok || !Array.isArray(parsed.value))
    throw new SkillsPassportError('ERR_CONFIG_INVALID', `${path} must hold a JSON list of trusted issuers.`);
  return parsed.value.map((entry: unknown, i) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    try {
      return parseTrustedIssuer(typeof record.did === 'string' ? record.did : '', record, rules);
    } catch (error) {
      throw new SkillsPassportError(
        'ERR_CONFIG_INVALID',
        `${path}: entry ${i} is not a valid trusted issuer.`,
        { cause: error },
      );
    }
  });
}

/**
 * Opens the verifier on its data directory: the SQLite file (WAL), or the PostgreSQL database every
 * instance shares when `config.database` names one, its signing key (made on first
 * start), the trusted issuers from the configured file, the verification pipeline with guarded,
 * cached resolution, and the whole ESCO v1.2 (about 0.3 s and 20 MB) unless `esco` is given: tests
 * pass `demoEsco()`, which builds in milliseconds.
 */
export async function openVerifier(
  config: VerifierConfig,
  logger: Logger,
  options: { now?: () => number; esco?: Esco } = {},
): Promise<VerifierRuntime> {
  const now = options.now ?? Date.now;
  // Read before the database opens, so a bad file fails the start without leaving a handle open.
  const trusted =
    config.trustedIssuersFile === undefined
      ? []
      : readTrustedIssuersFile(config.trustedIssuersFile, {
          allowInsecureLocalhost: config.allowInsecureLocalhost,
        });
  // A read-only volume is refused here in one sentence naming the directory; SQLite would open the
  // file read-only without a word and fail on the first write.
  if (config.database === undefined) ensureWritableDataDir(config.dataDir, 'verifier.sqlite');
  // Loaded before the database opens too: a broken ESCO file fails the start with nothing to close.
  const esco = options.esco ?? (await loadFullEsco());
  // PostgreSQL when configured: every instance shares it, the signing key below included.
  const store =
    config.database === undefined
      ? await SqliteVerifierStores.open(join(config.dataDir, 'verifier.sqlite'))
      : await PgVerifierStores.open(config.database);
  const keyPem = await store.settingOnce('signing_key_pem', generateSigningKeyPem());
  const identity = verifierIdentity(config.publicUrl, keyPem);
  for (const issuer of trusted) await store.putTrustedIssuer(issuer, now());
  const fetch = createGuardedFetch({
    allowInsecureLocalhost: config.allowInsecureLocalhost,
    timeoutMs: config.fetchTimeoutMs,
  });
  const deps: VerifierRuntime['deps'] = {
    config,
    store,
    identity,
    taxonomy: esco.skills,
    occupations: esco.occupations,
    logger,
    verification: createVerificationDeps({
      fetch,
      allowInsecureLocalhost: config.allowInsecureLocalhost,
      trustedIssuers: store,
      now,
      clockSkewSeconds: config.clockSkewSeconds,
      statusReuseMs: config.statusReuseSeconds * 1000,
    }),
  };
  const warmSearch = () => warmTaxonomySearch(esco, logger);
  return { deps, warmSearch, close: () => store.close() };
}
