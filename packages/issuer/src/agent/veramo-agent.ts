import {
  createAgent,
  type IDIDManager,
  type IKeyManager,
  type IResolver,
  type ICredentialPlugin,
  type TAgent,
} from '@veramo/core';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { CredentialProviderJWT } from '@veramo/credential-jwt';
import { DIDStore, Entities, KeyStore, PrivateKeyStore, migrations } from '@veramo/data-store';
import { DIDManager } from '@veramo/did-manager';
import { KeyDIDProvider, getDidKeyResolver } from '@veramo/did-provider-key';
import { WebDIDProvider } from '@veramo/did-provider-web';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager } from '@veramo/key-manager';
import { SecretBox } from '@veramo/kms-local';
import Database from 'better-sqlite3';
import { Resolver } from 'did-resolver';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CachedKeyStore } from './cached-key-store.js';
import { NodeCryptoKms } from './node-crypto-kms.js';
import { withStorageFaults } from './veramo-storage-faults.js';

export type IssuerAgent = TAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>;

/**
 * Signs `data` — text signed as its UTF-8 bytes, or bytes given in hex (`base16`) — with the key
 * manager's key `keyRef`; the signature comes back base64url-encoded (ES256: `r || s`, low-S). The
 * key never leaves the key manager.
 */
export type KeySigner = (
  keyRef: string,
  data: string,
  algorithm: 'EdDSA' | 'ES256',
  encoding?: 'utf-8' | 'base16',
) => Promise<string>;

/** The Veramo agent, its key manager as a {@link KeySigner}, and the TypeORM connection it keeps its keys and identifiers in. */
export interface VeramoRuntime {
  agent: IssuerAgent;
  /**
   * The key manager's `keyManagerSign`, called on the plugin rather than through the agent: every
   * agent call makes two `debug` loggers (each asking whether stderr is a terminal) and
   * stringifies its result for them, about 7–10 µs of a 60 µs Ed25519 signature (measured with
   * `node:crypto` signing 7 kB, 20,000 calls each way).
   */
  signBytes: KeySigner;
  dataSource: DataSource;
}

/** Where Veramo keeps its tables: the issuer's SQLite file, or the PostgreSQL database all instances share. */
export type VeramoDatabase = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Connections Veramo's own pool holds per instance under PostgreSQL. Veramo is read when an
 * organisation is made or rotates a key and at a key's first signature in a process (key handles
 * and key metadata are cached after that), so a few are plenty; they come on top of
 * `DATABASE_POOL_SIZE`. Two at least: the migration lock holds one while the migrations use another.
 */
export const VERAMO_POOL_SIZE = 3;

/** The advisory lock that lets one instance at a time run Veramo's migrations (a 64-bit key). */
const VERAMO_MIGRATION_LOCK = "hashtext('skills-passport:migrate:veramo')";

function dataSourceOptions(database: VeramoDatabase): DataSourceOptions {
  const common = { synchronize: false, migrations, entities: Entities, logging: false } as const;
  if (database.kind === 'sqlite')
    return {
      ...common,
      // The binding our own tables use (service-kit's SqliteDatabase): two copies of the SQLite
      // library in one process do not see each other's locks on the file they share.
      type: 'better-sqlite3',
      driver: Database,
      database: database.file,
      enableWAL: true,
      timeout: 5000,
      // Run below, where the names of those applied are known (one process owns the file).
      migrationsRun: false,
    };
  return {
    ...common,
    type: 'postgres',
    // pnpm's strict layout: TypeORM cannot require('pg') itself, so it is handed the driver.
    driver: pg,
    url: database.url,
    extra: { max: VERAMO_POOL_SIZE },
    // A server that does not answer is a storage fault after 5 s, not a request that waits forever.
    connectTimeoutMS: 5000,
    // Veramo's entities need no extension; a database role without the right to create one works.
    installExtensions: false,
    // Beside the issuer's and the verifier's tables: name whose migrations these are.
    migrationsTableName: 'veramo_migrations',
    // Run below, under a lock: instances that start together must not race to create the tables.
    migrationsRun: false,
  };
}

/**
 * Veramo's migrations on PostgreSQL, one instance at a time: a session advisory lock held on one
 * connection while TypeORM migrates on another. The next instance, once it holds the lock, finds
 * every migration applied. Returns the names of the migrations applied now.
 */
async function migrateVeramoPg(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${VERAMO_MIGRATION_LOCK})`);
    try {
      return (await dataSource.runMigrations()).map((m) => m.name);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${VERAMO_MIGRATION_LOCK})`);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Opens Veramo's TypeORM connection and brings its tables up to date with Veramo's own migrations:
 * returns it with the names of the migrations applied now.
 */
export async function openVeramoDataSource(
  database: VeramoDatabase,
): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = new DataSource(dataSourceOptions(database));
  await dataSource.initialize();
  try {
    if (database.kind === 'postgres') return { dataSource, applied: await migrateVeramoPg(dataSource) };
    const applied = (await dataSource.runMigrations()).map((m) => m.name);
    await dataSource.query('PRAGMA synchronous = FULL');
    return { dataSource, applied };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Builds the Veramo agent: keys in kms-local, private keys encrypted at rest with `kmsSecret`
 * (SecretBox), Ed25519 and P-256 signatures by node:crypto from cached key handles
 * ({@link NodeCryptoKms}), identifiers and keys stored by TypeORM with Veramo's own migrations —
 * in the issuer's SQLite file, or in the PostgreSQL database every instance shares — did:web and
 * did:key providers, and the JWT credential provider (EdDSA for Ed25519). A storage fault in
 * Veramo's stores reaches callers as `ERR_STORAGE_UNAVAILABLE`, as from our own stores.
 * This module is the only one that sees the agent; the rest of the issuer gets narrow ports.
 */
export async function createVeramoRuntime(
  database: VeramoDatabase,
  kmsSecret: string,
): Promise<VeramoRuntime> {
  const { dataSource } = await openVeramoDataSource(database);

  const keyManager = new KeyManager({
    store: new CachedKeyStore(withStorageFaults(new KeyStore(dataSource))),
    // 'local': kms-local's key creation and encrypted storage, EdDSA and ES256 signing by node:crypto.
    kms: {
      local: new NodeCryptoKms(withStorageFaults(new PrivateKeyStore(dataSource, new SecretBox(kmsSecret)))),
    },
  });
  const agent = createAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>({
    plugins: [
      keyManager,
      new DIDManager({
        store: withStorageFaults(new DIDStore(dataSource)),
        defaultProvider: 'did:web',
        providers: {
          'did:web': new WebDIDProvider({ defaultKms: 'local' }),
          'did:key': new KeyDIDProvider({ defaultKms: 'local' }),
        },
      }),
      // The issuer resolves holders' did:key identifiers only; organisations' did:web documents
      // are its own and come from its database.
      new DIDResolverPlugin({ resolver: new Resolver({ ...getDidKeyResolver() }) }),
      new CredentialPlugin([new CredentialProviderJWT()]),
    ],
  });
  const signBytes: KeySigner = (keyRef, data, algorithm, encoding = 'utf-8') =>
    keyManager.keyManagerSign({ keyRef, data, algorithm, encoding });
  return { agent, signBytes, dataSource };
}
