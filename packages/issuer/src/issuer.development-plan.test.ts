import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus as statusCheck } from '@digitalbazaar/vc-bitstring-status-list';
import {
  checkJsonLd,
  normalizeCredentialJwt,
  OPEN_BADGE_SCHEMA,
  verifyCredential as ourVerify,
  verifyStatusListCredential,
  webCryptoEd25519Verify,
  type CredentialVerificationDeps,
} from '@skills-passport/core';
import { SqliteDatabase } from '@skills-passport/service-kit';
import planExample from '@skills-passport/schemas/examples/development-plan-credential/zorghulp-plan-ok.json' with { type: 'json' };
import { Resolver } from 'did-resolver';
import { verifyCredential as didJwtVcVerify } from 'did-jwt-vc';
import { decodeJwt } from 'jose';
import { requestFromExample } from './demo/seed-demo.js';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { openSqliteStorage } from './store/sqlite/sqlite-storage.js';
import {
  ADMIN_TOKEN,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { localDocumentLoader } from './test-support/ld-loader.js';
import { evcRequest } from './test-support/requests.js';
import { localDidWebResolver, newHolder, redeemOffer, requestCredential } from './test-support/wallet.js';

// A learn-work desk (Leerwerkloket) issues development plans, and only those: in all three
// envelopes, each read by code we did not write (did-jwt-vc, @digitalbazaar/vc, 1EdTech's Open
// Badges 3.0 schema, JSON-LD safe mode) and by our own pipeline for the SD-JWT VC. Other kinds of
// organisation are refused a plan, the desk anything else; a plan with impossible dates is refused
// with the field named. And the storage: the migration that lets a desk exist keeps what was there.

const TYPE = 'DevelopmentPlanCredential';
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateOb3 = ajv.compile(OPEN_BADGE_SCHEMA as object);

/** The demo plan as an issue request, with a fresh copy of its content each time. */
function planRequest(): ReturnType<typeof requestFromExample> {
  return requestFromExample(structuredClone(planExample) as Record<string, unknown>);
}

function planOf(request: ReturnType<typeof requestFromExample>): Record<string, any> {
  return (request.credential.credentialSubject as Record<string, any>).developmentPlan;
}

describe('development plans from a learn-work desk', () => {
  let issuer: RunningIssuer;
  let desk: Awaited<ReturnType<typeof provisionOrg>>;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  let deps: CredentialVerificationDeps;

  beforeAll(async () => {
    issuer = await startIssuer();
    desk = await provisionOrg(
      issuer,
      'leerwerkloket-utrecht',
      'learn-work-desk',
      'Leerwerkloket Regio Utrecht',
    );
    evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    const resolveDid: CredentialVerificationDeps['resolveDid'] = async (did) => {
      const response = await fetch(`${issuer.url}/orgs/${did.split(':').at(-1)}/did.json`);
      return response.ok
        ? { ok: true, document: (await response.json()) as Record<string, unknown> as never }
        : { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: String(response.status) };
    };
    const base = {
      resolveDid,
      verifySignature: webCryptoEd25519Verify,
      now: () => Date.now(),
      clockSkewSeconds: 60,
    };
    deps = {
      ...base,
      statusLists: {
        async lookup(url) {
          const verified = await verifyStatusListCredential(url, await (await fetch(url)).text(), base);
          if (!verified.ok) return verified;
          const { ok: _ok, ...list } = verified;
          return { ok: true, fromCache: false, list: { url, fetchedAt: Date.now(), ...list } };
        },
      },
    };
  }, 60_000);
  afterAll(async () => issuer.destroy());

  const issue = (token: string, body: unknown) =>
    call(issuer.url, 'POST', '/api/credentials', { token, body });

  it('is a kind of organisation the admin can create, offering plans in all three envelopes', async () => {
    const orgs = await call(issuer.url, 'GET', '/admin/organisations', { token: ADMIN_TOKEN });
    expect(JSON.stringify(orgs.body)).toContain('learn-work-desk');
    const list = (
      Array.isArray(orgs.body) ? orgs.body : (orgs.body.items ?? orgs.body.organisations)
    ) as any[];
    expect(list.find((o) => o.slug === 'leerwerkloket-utrecht')).toMatchObject({
      kind: 'learn-work-desk',
      name: 'Leerwerkloket Regio Utrecht',
    });
    const metadata = (await (
      await fetch(`${issuer.url}/.well-known/openid-credential-issuer/orgs/leerwerkloket-utrecht`)
    ).json()) as any;
    expect(Object.keys(metadata.credential_configurations_supported).sort()).toEqual(
      [`${TYPE}_dc+sd-jwt`, `${TYPE}_jwt_vc_json`, `${TYPE}_ldp_vc`].sort(),
    );
    expect(
      metadata.credential_configurations_supported[`${TYPE}_ldp_vc`].credential_metadata.display.map(
        (d: any) => d.name,
      ),
    ).toEqual(['Ontwikkelplan (Leerwerkloket)', 'Development plan (learn-work desk)']);
  });

  it('hands a plan over as a VC-JWT and a Data Integrity credential, each read by code we did not write', async () => {
    const created = await issue(desk.apiKey, planRequest());
    expect(created.status).toBe(201);
    const holder = newHolder();
    const one = await redeemOffer(created.body.credential.offer.uri, holder, {
      configurationId: `${TYPE}_jwt_vc_json`,
    });
    expect(one.status).toBe(200);
    const two = await requestCredential(one.offer, one.metadata, one.accessToken!, holder, {
      configurationId: `${TYPE}_ldp_vc`,
    });
    expect(two.status).toBe(200);
    const jwt = one.body.credentials[0].credential as string;
    const ldp = two.body.credentials[0].credential as Record<string, any>;

    expect((await didJwtVcVerify(jwt, new Resolver(localDidWebResolver()))).verified).toBe(true);
    const verified = await vc.verifyCredential({
      credential: ldp,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: localDocumentLoader(desk.did),
      checkStatus: statusCheck,
    });
    expect(verified.error).toBeUndefined();
    expect(verified.verified).toBe(true);

    const normalized = normalizeCredentialJwt(decodeJwt(jwt));
    if (!normalized.ok) throw new Error(normalized.reason);
    for (const document of [normalized.value.credential, ldp]) {
      expect(await checkJsonLd(document)).toEqual({ ok: true });
      expect(validateOb3(document)).toBe(true);
    }
    expect(ldp.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential', TYPE]);
    expect(ldp.issuer).toMatchObject({ id: desk.did, name: 'Leerwerkloket Regio Utrecht' });
    expect(ldp.credentialSubject.id).toBe(holder.did);
    expect(ldp.credentialSubject.developmentPlan).toEqual(planOf(planRequest()));
    expect(ldp.credentialSubject.result).toBeUndefined();
  });

  it('hands a plan over as an SD-JWT VC whose plan the holder may withhold; our pipeline verifies it', async () => {
    const created = await issue(desk.apiKey, planRequest());
    const redeemed = await redeemOffer(created.body.credential.offer.uri, newHolder(), {
      configurationId: `${TYPE}_dc+sd-jwt`,
    });
    expect(redeemed.status).toBe(200);
    const token = redeemed.body.credentials[0].credential as string;
    const payload = decodeJwt(token.split('~')[0]!) as Record<string, any>;
    // The plan is a disclosure of its own, so the signed payload does not show it.
    expect(payload.credentialSubject.developmentPlan).toBeUndefined();
    expect(payload.credentialSubject.results).toBeUndefined();
    const verdict = await ourVerify({ format: 'dc+sd-jwt', token }, deps);
    expect(verdict.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(verdict.type).toBe(TYPE);
    expect((verdict.credential!.credentialSubject as any).developmentPlan).toEqual(planOf(planRequest()));
  });

  it('refuses a plan from any other kind of organisation, and anything but a plan from the desk', async () => {
    const fromEvc = await issue(evc.apiKey, planRequest());
    expect(fromEvc.status).toBe(403);
    expect(fromEvc.body).toMatchObject({
      code: 'ERR_CREDENTIAL_TYPE_NOT_ALLOWED',
      errors: [{ pointer: '/type', rule: 'allowed_types' }],
    });
    const fromDesk = await issue(desk.apiKey, evcRequest());
    expect(fromDesk.status).toBe(403);
    expect(fromDesk.body.code).toBe('ERR_CREDENTIAL_TYPE_NOT_ALLOWED');
    expect(fromDesk.body.errors[0].message).toMatch(/DevelopmentPlanCredential/);
  });

  it.each([
    ['agreed on a day to come', (p: any) => (p.agreedOn = '2999-01-01'), 'agreedOn', 'date_future'],
    ['agreed before 1950', (p: any) => (p.agreedOn = '1949-12-31'), 'agreedOn', 'date_range'],
    ['reviewed before it was agreed', (p: any) => (p.reviewOn = '2026-11-30'), 'reviewOn', 'date_order'],
    [
      'with a step due before it was agreed',
      (p: any) => (p.nextSteps[0].due = '2026-01-01'),
      'nextSteps/0/due',
      'date_order',
    ],
    ['with nothing to do', (p: any) => ((p.modules = []), (p.nextSteps = [])), 'nextSteps', 'empty_plan'],
    ['with a module twice', (p: any) => p.modules.push(p.modules[0]), 'modules/2/id', 'duplicate_id'],
    [
      'aimed at a skill, not an occupation',
      (p: any) => (p.targetOccupation.uri = p.modules[0].skills[0].uri),
      'targetOccupation/uri',
      'pattern',
    ],
    [
      'with a due day that does not exist',
      (p: any) => (p.nextSteps[0].due = '2027-02-30'),
      'nextSteps/0/due',
      'format',
    ],
  ])('refuses a plan %s, naming the field', async (_case, change, field, rule) => {
    const request = planRequest();
    change(planOf(request));
    const refused = await issue(desk.apiKey, request);
    expect(refused.status).toBe(422);
    expect(['ERR_VALIDATION', 'ERR_SCHEMA_INVALID']).toContain(refused.body.code);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({
        pointer: expect.stringMatching(new RegExp(`developmentPlan/${field}$`)),
        rule,
      }),
    );
  });
});

describe('the migration that brings learn-work desks', () => {
  it('keeps every organisation and what refers to it, and still enforces references and kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-desk-'));
    const file = join(dir, 'issuer.sqlite');
    // Migration 11 brings learn-work desks; later ones follow it.
    const before = 10;
    try {
      // A file as the issuer left it just before this migration, with an organisation and its staff.
      const old = await SqliteDatabase.open(file);
      for (const migration of MIGRATIONS.slice(0, before))
        await old.exec(typeof migration === 'string' ? migration : migration.rebuild);
      await old.exec(`PRAGMA user_version = ${before}`);
      await old.run(
        "INSERT INTO organisations (slug, name, kind, did, created_at) VALUES ('evc', 'EVC', 'evc-provider', 'did:web:x:orgs:evc', '2026-11-01T00:00:00.000Z')",
      );
      await old.run(
        "INSERT INTO staff (id, org_slug, name, role, created_at) VALUES ('s1', 'evc', 'Marleen', 'assessor', '2026-11-01T00:00:00.000Z')",
      );
      await expect(
        old.run(
          "INSERT INTO organisations (slug, name, kind, did, created_at) VALUES ('desk', 'Desk', 'learn-work-desk', 'did:web:x:orgs:desk', '2026-11-01T00:00:00.000Z')",
        ),
      ).rejects.toThrow(/CHECK/);
      await old.close();

      const storage = await openSqliteStorage(file);
      const db = storage.db;
      expect(await db.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
      expect(await db.all('SELECT slug, kind FROM organisations')).toEqual([
        { slug: 'evc', kind: 'evc-provider' },
      ]);
      expect(await db.all('SELECT id, org_slug FROM staff')).toEqual([{ id: 's1', org_slug: 'evc' }]);
      await db.run(
        "INSERT INTO organisations (slug, name, kind, did, created_at) VALUES ('desk', 'Desk', 'learn-work-desk', 'did:web:x:orgs:desk', '2026-11-01T00:00:00.000Z')",
      );
      await expect(
        db.run(
          "INSERT INTO organisations (slug, name, kind, did, created_at) VALUES ('odd', 'Odd', 'school', 'did:web:x:orgs:odd', '2026-11-01T00:00:00.000Z')",
        ),
      ).rejects.toThrow(/CHECK/);
      await expect(
        db.run(
          "INSERT INTO staff (id, org_slug, name, role, created_at) VALUES ('s2', 'nobody', 'X', 'adviser', '2026-11-01T00:00:00.000Z')",
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(await db.all('PRAGMA foreign_key_check')).toEqual([]);
      // The staff table still refers to the organisations table by its own name.
      const staffSql = await db.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'staff'");
      expect(staffSql?.sql).toMatch(/REFERENCES organisations\(slug\)/);
      await storage.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
