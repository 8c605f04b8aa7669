import { join } from 'node:path';
import { ensureWritableDataDir, type Logger, type SqliteDatabase } from '@skills-passport/service-kit';
import { veramoPorts } from './agent/org-keys.js';
import { createVeramoRuntime, type IssuerAgent } from './agent/veramo-agent.js';
import type { IssuerConfig } from './config.js';
import { resumeBatches } from './domain/cohorts.js';
import { resumeOfferMails, stopOfferMails } from './domain/offer-mail.js';
import { createMailer } from './mail/create-mailer.js';
import type { IssuerDeps } from './domain/deps.js';
import { ensureP256Keys } from './domain/org-signing-keys.js';
import { openSqliteStorage } from './store/sqlite/sqlite-storage.js';

/** The issuer's dependencies on one data directory, and how to let go of them. */
export interface IssuerRuntime {
  deps: IssuerDeps;
  /** The Veramo agent itself, for tests and benchmarks only; service code uses the ports in `deps`. */
  agent: IssuerAgent;
  /** The SQLite file's database, for tests and tools that inspect what is stored. */
  db: SqliteDatabase;
  close(): Promise<void>;
}

/**
 * Opens the issuer on its data directory: the SQLite file (our tables and Veramo's), the Veramo
 * agent behind narrow ports, a P-256 key for each organisation that has none yet, and any cohort
 * uploads a previous process left unfinished.
 */
export async function openIssuer(
  config: IssuerConfig,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<IssuerRuntime> {
  ensureWritableDataDir(config.dataDir, 'issuer.sqlite');
  const file = join(config.dataDir, 'issuer.sqlite');
  const store = await openSqliteStorage(file);
  const veramo = await createVeramoRuntime(file, config.kmsSecret);
  const { orgKeys, signer, dataIntegritySigner, jwsSigner } = veramoPorts(veramo.agent);
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
  // Organisations made before P-256 keys existed get theirs now, so their DID documents list it.
  const withNewKeys = await ensureP256Keys(deps);
  if (withNewKeys > 0) logger.info({ organisations: withNewKeys }, 'added P-256 keys');
  const resumed = await resumeBatches(deps);
  if (resumed > 0) logger.info({ resumed }, 'resuming cohort uploads');
  const mails = await resumeOfferMails(deps);
  if (mails > 0) logger.info({ mails }, 'sending offer e-mails a previous run left');
  return {
    deps,
    agent: veramo.agent,
    db: store.db,
    async close() {
      await stopOfferMails(deps);
      await store.close();
      await veramo.dataSource.destroy();
    },
  };
}
