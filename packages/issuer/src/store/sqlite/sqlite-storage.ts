import { SqliteDatabase, Turns, type Queries } from '@skills-passport/service-kit';
import type { IssuerStorage, IssuerStores } from '../../ports.js';
import { SqliteAuditLog, SqliteIdempotency } from './audit.js';
import { SqliteCatalogue } from './catalogue.js';
import { SqliteCohorts } from './cohorts.js';
import { SqliteCredentials } from './credentials.js';
import { SqliteDeliveries } from './deliveries.js';
import { SqliteIntakes } from './intakes.js';
import { migrate } from './migrations.js';
import { SqliteNonces } from './nonces.js';
import { SqliteAccessTokens, SqliteOffers } from './offers.js';
import { SqliteOrganisations } from './organisations.js';
import { SqliteStaff } from './staff.js';
import { SqliteStatusLists } from './status-lists.js';

/** Every store over one set of queries: the database itself, or one transaction. */
function storesOver(q: Queries): IssuerStores {
  return {
    organisations: new SqliteOrganisations(q),
    staff: new SqliteStaff(q),
    credentials: new SqliteCredentials(q),
    offers: new SqliteOffers(q),
    deliveries: new SqliteDeliveries(q),
    accessTokens: new SqliteAccessTokens(q),
    nonces: new SqliteNonces(q),
    statusLists: new SqliteStatusLists(q),
    cohorts: new SqliteCohorts(q),
    audit: new SqliteAuditLog(q),
    idempotency: new SqliteIdempotency(q),
    intakes: new SqliteIntakes(q),
    catalogue: new SqliteCatalogue(q),
  };
}

/** The issuer's storage on one SQLite file; `db` is there for tests and tools that inspect it. */
export interface SqliteIssuerStorage extends IssuerStorage {
  readonly db: SqliteDatabase;
}

/**
 * Opens the issuer's tables in a SQLite file (WAL, full synchronous commits, grouped commits; see
 * `SqliteDatabase`) and brings them up to the newest migration.
 */
export async function openSqliteStorage(file: string): Promise<SqliteIssuerStorage> {
  const db = await SqliteDatabase.open(file);
  try {
    await migrate(db);
    // One process serves a SQLite file: a cohort lease still held now is a previous process's,
    // which has ended, so the cohort is free to continue at once.
    await db.run("UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE state = 'processing'");
  } catch (error) {
    await db.close();
    throw error;
  }
  // One process, so turns within it are all the exclusion needed.
  const turns = new Turns();
  return {
    ...storesOver(db),
    db,
    transaction: (body) => db.transaction((tx) => body(storesOver(tx))),
    oneAtATime: (name, body) => turns.take(name, body),
    close: () => db.close(),
  };
}
