import { afterEach, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import Database from 'better-sqlite3';
import { compactVerify, importJWK } from 'jose';
import { join } from 'node:path';
import { isHighS, toLowS } from './crypto/p256.js';
import {
  ADMIN_TOKEN,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { ensureP256Key, signingKeyFor } from './domain/org-signing-keys.js';
import { getOrganisation, signingKey } from './domain/organisations.js';

// Each organisation signs with an Ed25519 key (EdDSA) and a P-256 key (ES256, for SD-JWT VC), both
// in its DID document, both rotated together; organisations from before get their P-256 key.

let issuer: RunningIssuer | undefined;
afterEach(async () => {
  await issuer?.destroy();
  issuer = undefined;
});

const didDocumentOf = async (running: RunningIssuer, slug: string) =>
  (await call(running.url, 'GET', `/orgs/${slug}/did.json`)).body as {
    verificationMethod: { id: string; type: string; publicKeyJwk?: Record<string, unknown> }[];
    assertionMethod: string[];
    authentication: string[];
  };

describe('organisation keys', () => {
  it('lists an Ed25519 and a P-256 key per generation in the DID document, before and after rotation', async () => {
    issuer = await startIssuer();
    const { did } = await provisionOrg(issuer, 'keys-org', 'evc-provider');
    const first = await didDocumentOf(issuer, 'keys-org');
    expect(first.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-1-multikey`, `${did}#key-1-p256`]);
    const p256 = first.verificationMethod.find((m) => m.id === `${did}#key-1-p256`)!;
    expect(p256.type).toBe('JsonWebKey2020');
    expect(Object.keys(p256.publicKeyJwk!).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(p256.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });

    const rotated = await call(issuer.url, 'POST', '/admin/organisations/keys-org/keys', {
      token: ADMIN_TOKEN,
    });
    expect(rotated.body.fragment).toBe('key-2');
    const after = await didDocumentOf(issuer, 'keys-org');
    const ids = [
      `${did}#key-1`,
      `${did}#key-1-multikey`,
      `${did}#key-1-p256`,
      `${did}#key-2`,
      `${did}#key-2-multikey`,
      `${did}#key-2-p256`,
    ];
    expect(after.assertionMethod).toEqual(ids);
    expect(after.authentication).toEqual(ids);

    const deps = issuer.runtime.deps;
    expect((await signingKeyFor(deps, 'keys-org', 'ES256')).fragment).toBe('key-2-p256');
    expect((await signingKeyFor(deps, 'keys-org', 'EdDSA')).fragment).toBe('key-2');
    expect((await signingKey(deps, 'keys-org')).fragment).toBe('key-2');
  });

  it('signs ES256 in the key manager: verifies with node:crypto and jose, and is always low-S', async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'es256-org', 'evc-provider');
    const key = await signingKeyFor(issuer.runtime.deps, 'es256-org', 'ES256');
    const jwk = (await didDocumentOf(issuer, 'es256-org')).verificationMethod.find((m) =>
      m.id.endsWith('#key-1-p256'),
    )!.publicKeyJwk!;
    const publicKey = createPublicKey({ key: jwk as never, format: 'jwk' });
    const joseKey = await importJWK(jwk as never, 'ES256');
    const header = Buffer.from(JSON.stringify({ alg: 'ES256' })).toString('base64url');
    for (let i = 0; i < 200; i++) {
      const signingInput = `${header}.${Buffer.from(`message ${i}`).toString('base64url')}`;
      const signature = await issuer.runtime.agent.keyManagerSign({
        keyRef: key.kid,
        data: signingInput,
        algorithm: 'ES256',
        encoding: 'utf-8',
      });
      const bytes = Buffer.from(signature, 'base64url');
      expect(bytes).toHaveLength(64);
      expect(isHighS(bytes)).toBe(false);
      expect(
        nodeVerify('sha256', Buffer.from(signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, bytes),
      ).toBe(true);
      // A few through jose: it is slower, and one disagreement is enough to fail.
      if (i % 20 === 0)
        await expect(compactVerify(`${signingInput}.${signature}`, joseKey)).resolves.toBeDefined();
    }
  });

  it('normalises a high-S signature to its low twin, which still verifies', async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'lows-org', 'evc-provider');
    const key = await signingKeyFor(issuer.runtime.deps, 'lows-org', 'ES256');
    const data = 'low and high';
    const low = Buffer.from(
      await issuer.runtime.agent.keyManagerSign({
        keyRef: key.kid,
        data,
        algorithm: 'ES256',
        encoding: 'utf-8',
      }),
      'base64url',
    );
    const order = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const high = Buffer.from(low);
    high.set(
      Buffer.from(
        (order - BigInt(`0x${low.subarray(32).toString('hex')}`)).toString(16).padStart(64, '0'),
        'hex',
      ),
      32,
    );
    expect(isHighS(high)).toBe(true);
    expect(Buffer.from(toLowS(high))).toEqual(low);
  });

  it('refuses to sign with an algorithm of the other key type', async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'mixed-org', 'evc-provider');
    const deps = issuer.runtime.deps;
    const p256 = await signingKeyFor(deps, 'mixed-org', 'ES256');
    const ed25519 = await signingKeyFor(deps, 'mixed-org', 'EdDSA');
    const sign = (kid: string, algorithm: string) =>
      issuer!.runtime.agent.keyManagerSign({ keyRef: kid, data: 'x', algorithm, encoding: 'utf-8' });
    await expect(sign(p256.kid, 'EdDSA')).rejects.toThrow(/not_supported/);
    await expect(sign(ed25519.kid, 'ES256')).rejects.toThrow(/not_supported/);
  });

  it('gives an organisation from a database made before P-256 keys one at start-up, once', async () => {
    issuer = await startIssuer();
    const { did } = await provisionOrg(issuer, 'old-org', 'evc-provider');
    const { dataDir } = issuer;
    const port = Number(new URL(issuer.url).port);
    await issuer.stop();

    // The schema before migration 5: org_keys without key_type, holding only the Ed25519 key.
    const db = new Database(join(dataDir, 'issuer.sqlite'));
    db.exec(`
      DELETE FROM org_keys WHERE fragment <> 'key-1';
      CREATE TABLE org_keys_old (
        org_slug TEXT NOT NULL REFERENCES organisations(slug),
        fragment TEXT NOT NULL,
        kid TEXT NOT NULL,
        public_key_hex TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (org_slug, fragment)
      );
      INSERT INTO org_keys_old SELECT org_slug, fragment, kid, public_key_hex, created_at FROM org_keys;
      DROP TABLE org_keys;
      ALTER TABLE org_keys_old RENAME TO org_keys;
      -- Nor what later migrations added (7: offers.withdrawn_at; 8: claim pages and offer e-mails;
      -- 9: module catalogues; 10: intakes; 12: cohort leases); 6 and 11 rebuild their tables and
      -- are repeatable.
      ALTER TABLE batches DROP COLUMN lease_owner;
      ALTER TABLE batches DROP COLUMN lease_until;
      DROP TABLE catalogue_modules;
      DROP TABLE intakes;
      DROP TABLE intake_standards;
      ALTER TABLE offers DROP COLUMN withdrawn_at;
      DROP INDEX offers_claim_hash;
      DROP INDEX offers_mail_pending;
      ALTER TABLE offers DROP COLUMN claim_hash;
      ALTER TABLE offers DROP COLUMN opened_at;
      ALTER TABLE offers DROP COLUMN mail_state;
      ALTER TABLE offers DROP COLUMN mail_at;
      ALTER TABLE offers DROP COLUMN mail_reason;
      PRAGMA user_version = 4;
    `);
    db.close();

    issuer = await startIssuer({ dataDir, port });
    const doc = await didDocumentOf(issuer, 'old-org');
    expect(doc.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-1-multikey`, `${did}#key-1-p256`]);
    const p256 = await signingKeyFor(issuer.runtime.deps, 'old-org', 'ES256');
    expect(p256).toMatchObject({ fragment: 'key-1-p256', type: 'P-256' });
    // The key signs: it is in the key manager, not only in the document.
    await expect(
      issuer.runtime.agent.keyManagerSign({
        keyRef: p256.kid,
        data: 'x',
        algorithm: 'ES256',
        encoding: 'utf-8',
      }),
    ).resolves.toHaveLength(86);

    await issuer.stop();
    issuer = await startIssuer({ dataDir, port });
    expect((await didDocumentOf(issuer, 'old-org')).assertionMethod).toHaveLength(3);
  });

  it('publishes one P-256 key when two requests add it at once, and discards the other', async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'race-org', 'evc-provider');
    const deps = issuer.runtime.deps;
    const org = await getOrganisation(deps, 'race-org');
    await issuer.runtime.db.run("DELETE FROM org_keys WHERE key_type = 'P-256'");
    const veramoP256 = async () =>
      (await deps.orgKeys.keys(org.did)).filter((k) => k.type === 'P-256').map((k) => k.kid);
    const before = await veramoP256();

    const keys = await Promise.all([
      ensureP256Key(deps, org),
      ensureP256Key(deps, org),
      signingKeyFor(deps, 'race-org', 'ES256'),
    ]);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const stored = await deps.store.organisations.keys('race-org');
    expect(stored.filter((k) => k.type === 'P-256')).toEqual([keys[0]]);
    // Of the keys the race made, the key manager keeps the published one only.
    const made = (await veramoP256()).filter((kid) => !before.includes(kid));
    expect(made).toEqual([keys[0]!.kid]);
  });
});
