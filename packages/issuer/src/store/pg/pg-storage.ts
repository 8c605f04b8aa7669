import { PgDatabase, PgRateCounters } from '@skills-passport/service-kit';
import type { PgQueries } from '@skills-passport/service-kit';
import type { IssuerStorage, IssuerStores } from '../../ports.js';
import { PgAuditLog, PgIdempotency } from './audit.js';
import { PgCatalogue } from './catalogue.js';
import { PgCohorts } from './cohorts.js';
import { PgCredentials } from './credentials.js';
import { PgDeliveries } from './deliveries.js';
import { PgIntakes } from './intakes.js';
import { migratePg } from './migrations.js';
import { PgNonces } from './nonces.js';
import { PgAccessTokens, PgOffers } from './offers.js';
import { PgOrganisations } from './organisations.js';
import { API_KEY_REVOCATIONS, PgStaff } from './staff.js';
import { PgStatusLists } from './status-lists.js';

/** Every store over one set of queries: the pool itself, or one transaction's connection. */
function storesOver(q: PgQueries): IssuerStores {
  return {
    organisations: new PgOrganisations(q),
    staff: new PgStaff(q),
    credentials: new PgCredentials(q),
    offers: new PgOffers(q),
    deliveries: new PgDeliveries(q),
    accessTokens: new PgAccessTokens(q),
    nonces: new PgNonces(q),
    statusLists: new PgStatusLists(q),
    cohorts: new PgCohorts(q),
    audit: new PgAuditLog(q),
    idempotency: new PgIdempotency(q),
    intakes: new PgIntakes(q),
    catalogue: new PgCatalogue(q),
  };
}

/** The issuer's storage in PostgreSQL; `db` is there for tests and tools that inspect it. */
export interface PgIssuerStorage extends IssuerStorage {
  readonly db: PgDatabase;
}

export interface PgStorageOptions {
  /** `DATABASE_URL`. */
  url: string;
  /** Connections this instance holds at most. */
  poolSize?: number;
  onIdleError?: (error: Error) => void;
}

/**
 * Opens the issuer's tables in PostgreSQL and brings them up to the newest migration (once, even
 * when several instances start together). Transactions are read committed; the stores take the
 * row locks their ports promise (`lock`, `lockByCode`, `lockProgress`, the status list
 * allocation) and make every single-use change one conditional statement.
 */
export async function openPgStorage(options: PgStorageOptions): Promise<PgIssuerStorage> {
  const db = await PgDatabase.open(options);
  try {
    await migratePg(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    ...storesOver(db),
    db,
    transaction: (body) => db.transaction((tx) => body(storesOver(tx))),
    oneAtATime: (name, body) => db.exclusively(name, body),
    rateCounters: (scope) => new PgRateCounters(db, scope),
    watchApiKeyRevocations(listener) {
      db.listen(API_KEY_REVOCATIONS, {
        notified: (keyId) => listener.revoked(keyId),
        listening: () => listener.missed(),
        failed: (error) => options.onIdleError?.(error),
      });
    },
    close: () => db.close(),
  };
}
