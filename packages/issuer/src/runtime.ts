import { join } from 'node:path';
import {
  ensureWritableDataDir,
  type Logger,
  type PgDatabase,
  type SqliteDatabase,
} from '@skills-passport/service-kit';
import { veramoPorts } from './agent/org-keys.js';
import { createVeramoRuntime, type IssuerAgent, type VeramoRuntime } from './agent/veramo-agent.js';
import type { IssuerConfig } from './config.js';
import { resumeBatches, stopCohorts } from './domain/cohorts.js';
import { resumeOfferMails, stopOfferMails } from './domain/offer-mail.js';
import { createMailer } from './mail/create-mailer.js';
import type { IssuerDeps } from './domain/deps.js';
import { ensureP256Keys } from './domain/org-signing-keys.js';
import type { IssuerStorage } from './ports.js';
import { openPgStorage } from './store/pg/pg-storage.js';
import { openSqliteStorage } from './store/sqlite/sqlite-storage.js';

/** The issuer's dependencies on its store, and how to let go of them. */
export interface IssuerRuntime {
  deps: IssuerDeps;
  /** The Veramo agent itself, for tests and benchmarks only; service code uses the ports in `deps`. */
  agent: IssuerAgent;
  /** The agent and its key manager's signer, as {@link veramoPorts} takes them (tests and benchmarks). */
  veramo: Pick<VeramoRuntime, 'agent' | 'signBytes'>;
  /**
   * The SQLite file's database (`issuer.sqlite`), for tests and tools that inspect what is stored.
   * Under PostgreSQL (`config.database`) there is no such file: reading `db` throws a TypeError
   * naming {@link pg}, so a SQLite-only inspection fails loudly instead of reading nothing.
   */
  readonly db: SqliteDatabase;
  /**
   * Under PostgreSQL: the pool over the issuer's own tables (the one the stores use; its SQL takes
   * `$1` placeholders), for tests and tools. Undefined on SQLite.
   */
  readonly pg: PgDatabase | undefined;
  close(): Promise<void>;
}

/** The issuer's own tables and Veramo's, on the one store the configuration names. */
interface OpenedStore {
  store: IssuerStorage;
  veramo: VeramoRuntime;
  sqlite?: SqliteDatabase;
  pg?: PgDatabase;
}

/** `issuer.sqlite` in the data directory: our tables and Veramo's in one file one process owns. */
async function openSqlite(config: IssuerConfig): Promise<OpenedStore> {
  ensureWritableDataDir(config.dataDir, 'issuer.sqlite');
  const file = join(config.dataDir, 'issuer.sqlite');
  const store = await openSqliteStorage(file);
  try {
    const veramo = await createVeramoRuntime({ kind: 'sqlite', file }, config.kmsSecret);
    return { store, veramo, sqlite: store.db };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The PostgreSQL database every instance shares: our tables (pool of `poolSize`) and Veramo's
 * (a pool of its own, see `VERAMO_POOL_SIZE`), each migrated once under an advisory lock however
 * many instances start together. The data directory still holds the outbox and the demo files.
 */
async function openPostgres(
  config: IssuerConfig,
  database: NonNullable<IssuerConfig['database']>,
  logger: Logger,
): Promise<OpenedStore> {
  ensureWritableDataDir(config.dataDir);
  const store = await openPgStorage({
    url: database.url,
    poolSize: database.poolSize,
    // A pooled connection the server cut (a restart): dropped and made again on the next query.
    onIdleError: (error) => logger.warn({ err: error }, 'PostgreSQL connection lost; it is made again'),
  });
  try {
    const veramo = await createVeramoRuntime({ kind: 'postgres', url: database.url }, config.kmsSecret);
    return { store, veramo, pg: store.db };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Opens the issuer on its store — the SQLite file in the data directory, or the PostgreSQL database
 * `config.database` names — with the Veramo agent behind narrow ports, a P-256 key for each
 * organisation that has none yet, and any cohort uploads and offer e-mails a previous process left
 * unfinished.
 */
export async function openIssuer(
  config: IssuerConfig,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<IssuerRuntime> {
  const { store, veramo, sqlite, pg } =
    config.database === undefined
      ? await openSqlite(config)
      : await openPostgres(config, config.database, logger);
  const { orgKeys, signer, dataIntegritySigner, jwsSigner } = veramoPorts(veramo);
  const mailer = createMailer(config, now);
  const deps: IssuerDeps = {
    config,
    store,
    orgKeys,
    signer,
    dataIntegritySigner,
    jwsSigner,
    mailer,
    logger,
    now,
  };
  const close = async () => {
    await stopCohorts(deps);
    await stopOfferMails(deps);
    await store.close();
    await veramo.dataSource.destroy();
  };
  try {
    // Organisations made before P-256 keys existed get theirs now, so their DID documents list it.
    const withNewKeys = await ensureP256Keys(deps);
    if (withNewKeys > 0) logger.info({ organisations: withNewKeys }, 'added P-256 keys');
    const resumed = await resumeBatches(deps);
    if (resumed > 0) logger.info({ resumed }, 'resuming cohort uploads');
    const mails = await resumeOfferMails(deps);
    if (mails > 0) logger.info({ mails }, 'sending offer e-mails a previous run left');
  } catch (error) {
    await close();
    throw error;
  }
  return {
    deps,
    agent: veramo.agent,
    veramo,
    get db(): SqliteDatabase {
      if (sqlite === undefined)
        throw new TypeError('This issuer runs on PostgreSQL: it has no SQLite database; use runtime.pg.');
      return sqlite;
    },
    pg,
    close,
  };
}
