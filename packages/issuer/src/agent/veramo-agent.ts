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
import { DataSource } from 'typeorm';
import { CachedKeyStore } from './cached-key-store.js';
import { NodeCryptoKms } from './node-crypto-kms.js';

export type IssuerAgent = TAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>;

/** The Veramo agent and the TypeORM connection it keeps its keys and identifiers in. */
export interface VeramoRuntime {
  agent: IssuerAgent;
  dataSource: DataSource;
}

/**
 * Builds the Veramo agent: keys in kms-local, private keys encrypted at rest with `kmsSecret`
 * (SecretBox), Ed25519 and P-256 signatures by node:crypto from cached key handles ({@link NodeCryptoKms}), identifiers and keys stored by TypeORM in the issuer's SQLite file with Veramo's own
 * migrations, did:web and did:key providers, and the JWT credential provider (EdDSA for Ed25519).
 * This module is the only one that sees the agent; the rest of the issuer gets narrow ports.
 */
export async function createVeramoRuntime(databaseFile: string, kmsSecret: string): Promise<VeramoRuntime> {
  const dataSource = new DataSource({
    // The binding our own tables use (service-kit's SqliteDatabase): two copies of the SQLite
    // library in one process do not see each other's locks on the file they share.
    type: 'better-sqlite3',
    driver: Database,
    database: databaseFile,
    enableWAL: true,
    timeout: 5000,
    synchronize: false,
    migrationsRun: true,
    migrations,
    entities: Entities,
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.query('PRAGMA synchronous = FULL');

  const agent = createAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>({
    plugins: [
      new KeyManager({
        store: new CachedKeyStore(new KeyStore(dataSource)),
        // 'local': kms-local's key creation and encrypted storage, EdDSA and ES256 signing by node:crypto.
        kms: { local: new NodeCryptoKms(new PrivateKeyStore(dataSource, new SecretBox(kmsSecret))) },
      }),
      new DIDManager({
        store: new DIDStore(dataSource),
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
  return { agent, dataSource };
}
