import { describe, expect, it } from '@jest/globals';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test-support/test-data.js';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { verifyCredential } from '../verification/pipeline/verify-credential.js';
import type { CredentialEnvelope } from '../verification/pipeline/envelope.js';
import { issueSdJwtVc, sdHasher } from './issue.js';
import { skillResultPath } from './layout.js';
import { presentSdJwtVc } from './present.js';
import {
  AUDIENCE,
  ED25519_KID,
  NONCE,
  NOW,
  ORIGIN,
  P256_KID,
  STATUS_INDEX,
  depsFor,
  disclosure,
  eddsa,
  es256,
  evcWithSixSkills,
  issueEvc,
  issuerJwt,
  partsOf,
  sdJwtWorld,
  skillUris,
  statusListToken,
  withKeyBinding,
  type SdJwtWorld,
} from './test-support/sd-jwt-fixtures.js';
import { vctFor } from './vct.js';

// SD-JWT VC end to end in core, with real keys: issued with ES256 through @sd-jwt/core, presented
// with 2 of 6 skills and a Key Binding JWT, verified by the one pipeline; then every malformed or
// replayed form the issue's bad-input table names, each refused with its stable code.

const world = sdJwtWorld();
const doc = evcWithSixSkills();
const uris = skillUris(doc);
const token = await issueEvc(world, doc);
const keyBinding = { nonce: NONCE, audience: AUDIENCE };
const present = (paths = [skillResultPath(uris[0]!), skillResultPath(uris[3]!)]) =>
  presentSdJwtVc(token, paths, { ...keyBinding, issuedAt: Math.floor(NOW / 1000) }, world.holder.signer);

async function verdict(
  envelopeToken: string,
  deps = depsFor(world),
  kb: typeof keyBinding | null = keyBinding,
) {
  const envelope: CredentialEnvelope = {
    format: 'dc+sd-jwt',
    token: envelopeToken,
    ...(kb ? { keyBinding: kb } : {}),
  };
  return verifyCredential(envelope, deps);
}

const firstFailure = (v: Awaited<ReturnType<typeof verdict>>) =>
  v.checks.find((c) => c.status === 'fail')?.code;

/** A presentation whose issuer JWT payload (and header) were changed and signed again. */
async function resigned(
  change: (payload: Record<string, any>, header: Record<string, any>) => void | Promise<void>,
  options: { disclosures?: string[]; sign?: (input: string) => string; w?: SdJwtWorld } = {},
): Promise<string> {
  const { header, payload, disclosures } = partsOf(token);
  await change(payload, header);
  const jwt = issuerJwt(options.w ?? world, header, payload, options.sign);
  return withKeyBinding(world, `${[jwt, ...(options.disclosures ?? disclosures.slice(0, 1))].join('~')}~`);
}

describe('SD-JWT VC: issued, presented with 2 of 6 skills, verified', () => {
  it('verifies, and the document holds exactly the two disclosed results', async () => {
    const v = await verdict(await present());
    expect(v.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(v.outcome).toBe('verified');
    expect(v.format).toBe('dc+sd-jwt');
    const subject0 = v.credential!.credentialSubject as unknown as {
      result: { alignment: { targetUrl: string }[] }[];
    };
    const results = subject0.result;
    // Digests are sorted, so the disclosed results come back in no particular order.
    expect(results.map((r) => r.alignment[0]!.targetUrl).sort()).toEqual([uris[0], uris[3]].sort());
    const subject = v.credential!.credentialSubject as unknown as Record<string, unknown>;
    expect(subject.identifier).toBeUndefined();
    expect(subject.source).toBeUndefined();
    expect(v.disclosure!.disclosed).toEqual(
      expect.arrayContaining([skillResultPath(uris[0]!), skillResultPath(uris[3]!)]),
    );
    expect(v.disclosure!.disclosed).toHaveLength(2);
    expect(v.disclosure!.withheld).toEqual([
      { path: ['credentialSubject', 'results'], count: 4 },
      { path: ['credentialSubject'], count: 5 },
      { path: ['evidence'], count: 2 },
    ]);
  });

  it('every personal claim is behind a disclosure; issuer, type, achievement and validity are in clear', () => {
    const { header, payload, disclosures } = partsOf(token);
    expect(header).toMatchObject({ typ: 'dc+sd-jwt', alg: 'ES256', kid: P256_KID });
    expect(payload._sd_alg).toBe('sha-256');
    expect(payload).toMatchObject({
      iss: doc.issuer.id,
      vct: vctFor(ORIGIN, 'EVCCredential'),
      nbf: expect.any(Number),
    });
    expect(payload.cnf.jwk).toEqual(world.holder.jwk);
    expect(payload.status).toEqual({ status_list: { idx: STATUS_INDEX, uri: expect.any(String) } });
    expect(payload.credentialSubject.achievement.name).toBe(doc.credentialSubject.achievement.name);
    // The achievement (and the skills it aligns to) is public; what the learner showed is not.
    expect(Object.keys(payload.credentialSubject.results)).toEqual(['_sd']);
    expect(Object.keys(payload.credentialSubject).sort()).toEqual(['_sd', 'achievement', 'results', 'type']);
    const clear = JSON.stringify(payload);
    for (const secret of [
      doc.credentialSubject.identifier[0].identityHash,
      doc.credentialSubject.source.name,
    ])
      expect(clear).not.toContain(secret);
    // 6 results, 5 subject members (identifier, source, route, assessmentDate, assessmentMethods), 2 evidence.
    expect(disclosures).toHaveLength(13);
  });

  it('discloses the name only when asked for it', async () => {
    const v = await verdict(await present([skillResultPath(uris[1]!), ['credentialSubject', 'identifier']]));
    expect(v.outcome).toBe('verified');
    expect((v.credential!.credentialSubject as unknown as Record<string, unknown>).identifier).toEqual(
      doc.credentialSubject.identifier,
    );
  });

  it('accepts decoy digests', async () => {
    const { encoded } = await disclosure(['salt', 'unused', 1]);
    const decoys = [(await disclosure(['a', 'b', 'c'])).digest, (await disclosure(['d', 'e', 'f'])).digest];
    const presentation = await resigned((payload) => {
      payload.credentialSubject.results._sd.push(...decoys);
    });
    expect(encoded).toBeDefined();
    expect((await verdict(presentation)).outcome).toBe('verified');
  });

  it('reads revocation and suspension from the Token Status List', async () => {
    const presentation = await present();
    const revoked = await verdict(
      presentation,
      depsFor(world, () => statusListToken(world, { [STATUS_INDEX]: 1 })),
    );
    expect(firstFailure(revoked)).toBe('ERR_CREDENTIAL_REVOKED');
    const suspended = await verdict(
      presentation,
      depsFor(world, () => statusListToken(world, { [STATUS_INDEX]: 2 })),
    );
    expect(firstFailure(suspended)).toBe('ERR_CREDENTIAL_SUSPENDED');
  });

  it('an EdDSA-signed SD-JWT VC verifies too', async () => {
    const signed = await issueEvc(world, doc, {
      alg: 'EdDSA',
      kid: ED25519_KID,
      sign: (input) => Promise.resolve(eddsa(input, world.ed25519.privateKey)),
    });
    const v = await verdict(signed, depsFor(world), null);
    expect(v.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('an independent verifier (@sd-jwt/sd-jwt-vc, used directly) accepts it with the published P-256 key', async () => {
    const publicKey = createPublicKey({ key: world.p256.jwk as never, format: 'jwk' });
    const holderKey = createPublicKey({ key: world.holder.jwk as never, format: 'jwk' });
    const independent = new SDJwtVcInstance({
      hasher: sdHasher,
      verifier: (data: string, signature: string) =>
        nodeVerify(
          'sha256',
          Buffer.from(data),
          { key: publicKey, dsaEncoding: 'ieee-p1363' },
          Buffer.from(signature, 'base64url'),
        ),
      kbVerifier: (data: string, signature: string) =>
        nodeVerify(null, Buffer.from(data), holderKey, Buffer.from(signature, 'base64url')),
      // The status list token is ours too (no network here); type metadata is checked by us.
      statusListFetcher: () => Promise.resolve(statusListToken(world)),
      loadTypeMetadataFormat: false,
    } as never);
    const result = await independent.verify(await present(), {
      keyBindingNonce: NONCE,
      currentDate: Math.floor(NOW / 1000),
    } as never);
    expect((result.payload as Record<string, any>).credentialSubject.results[uris[0]!]).toEqual(
      doc.credentialSubject.result[0],
    );
    expect(result.kb?.payload.aud).toBe(AUDIENCE);
  });
});

describe('SD-JWT VC for every example of every type', () => {
  const examples = ['evc-credential', 'module-credential', 'workplace-learning-credential'].flatMap((dir) =>
    readdirSync(join(repoRoot, 'schemas/examples', dir))
      .filter((file) => file.endsWith('-ok.json'))
      .map((file) => [dir, file] as const),
  );

  it.each(examples)('%s/%s: verifies with nothing disclosed, and with one skill', async (dir, file) => {
    const example = JSON.parse(readFileSync(join(repoRoot, 'schemas/examples', dir, file), 'utf8')) as Record<
      string,
      any
    >;
    example['@context'] = (example['@context'] as string[]).map((c) =>
      c.endsWith('/contexts/skills-passport/v1') ? `${ORIGIN}/contexts/skills-passport/v1` : c,
    );
    example.issuer = { ...example.issuer, id: doc.issuer.id };
    delete example.credentialStatus;
    const type = example.type[2] as 'EVCCredential';
    const issued = await issueSdJwtVc(
      example,
      { vct: vctFor(ORIGIN, type), holderJwk: world.holder.jwk, issuedAt: Math.floor(NOW / 1000) },
      world.issuerSigner,
    );
    const skill = (example.credentialSubject.result as any[]).find((r) => r.alignment !== undefined);
    for (const paths of [[], skill === undefined ? [] : [skillResultPath(skill.alignment[0].targetUrl)]]) {
      const presentation = await presentSdJwtVc(
        issued,
        paths,
        { ...keyBinding, issuedAt: Math.floor(NOW / 1000) },
        world.holder.signer,
      );
      const v = await verdict(presentation);
      expect(v.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      expect(v.type).toBe(type);
    }
  });
});

describe('SD-JWT VC bad input', () => {
  const cases: [string, () => Promise<string>, string][] = [
    [
      'a disclosure whose digest is not in _sd',
      async () => {
        const { header, payload } = partsOf(token);
        const extra = await disclosure(['salt-x', 'route', 'education']);
        return withKeyBinding(world, `${issuerJwt(world, header, payload)}~${extra.encoded}~`);
      },
      'ERR_DISCLOSURE_UNREFERENCED',
    ],
    [
      'the same digest twice in the payload',
      () =>
        resigned((payload) => {
          const first = payload.credentialSubject.results._sd[0];
          payload.credentialSubject._sd.push(first);
        }),
      'ERR_DISCLOSURE_DUPLICATE',
    ],
    [
      'the same disclosure presented twice',
      async () => {
        const { disclosures } = partsOf(token);
        return resigned(() => undefined, { disclosures: [disclosures[0]!, disclosures[0]!] });
      },
      'ERR_DISCLOSURE_DUPLICATE',
    ],
    [
      'a disclosed claim that is also in clear',
      async () => {
        const name = await disclosure(['salt-n', 'route', 'education']);
        return resigned(
          (payload) => {
            payload.credentialSubject.route = 'labour-market';
            payload.credentialSubject._sd.push(name.digest);
          },
          { disclosures: [name.encoded] },
        );
      },
      'ERR_DISCLOSURE_CLAIM_CLASH',
    ],
    [
      '_sd_alg sha-512',
      () => resigned((payload) => void (payload._sd_alg = 'sha-512')),
      'ERR_SD_JWT_HASH_ALG',
    ],
    [
      'a disclosure after the Key Binding JWT',
      async () => {
        const presentation = await present();
        const parts = presentation.split('~');
        const kb = parts.pop()!;
        return `${parts[0]}~${kb}~${parts.slice(1).join('~')}`;
      },
      'ERR_SD_JWT_MALFORMED',
    ],
    ['no Key Binding JWT', async () => (await present()).replace(/[^~]+$/, ''), 'ERR_KB_JWT_MISSING'],
    [
      'a KB-JWT for another request (replayed nonce)',
      () =>
        resigned(() => undefined).then(async () =>
          withKeyBinding(world, `${token.split('~')[0]}~`, { nonce: 'old-nonce' }),
        ),
      'ERR_NONCE_INVALID',
    ],
    [
      'a KB-JWT for another verifier',
      () => withKeyBinding(world, `${token.split('~')[0]}~`, { aud: 'x509_san_dns:evil.example' }),
      'ERR_AUDIENCE_INVALID',
    ],
    [
      'a stale KB-JWT',
      () => withKeyBinding(world, `${token.split('~')[0]}~`, { iat: Math.floor(NOW / 1000) - 3600 }),
      'ERR_PRESENTATION_STALE',
    ],
    [
      'a KB-JWT with a wrong sd_hash',
      () => withKeyBinding(world, `${token.split('~')[0]}~`, { sd_hash: 'AAAA' }),
      'ERR_KB_JWT_SD_HASH',
    ],
    [
      'a KB-JWT signed by another key than cnf',
      () => withKeyBinding(world, `${token.split('~')[0]}~`, { key: sdJwtWorld().holder.privateKey }),
      'ERR_KB_JWT_INVALID',
    ],
    [
      'a KB-JWT of another typ',
      () => withKeyBinding(world, `${token.split('~')[0]}~`, { typ: 'JWT' }),
      'ERR_KB_JWT_INVALID',
    ],
    ['no cnf', () => resigned((payload) => void delete payload.cnf), 'ERR_CNF_MISSING'],
    [
      'an unknown vct',
      () => resigned((payload) => void (payload.vct = 'https://issuer.example/vct/PersonIdentificationData')),
      'ERR_VCT_UNKNOWN',
    ],
    [
      'a vct of another host',
      () => resigned((payload) => void (payload.vct = 'https://other.example/vct/EVCCredential')),
      'ERR_VCT_UNKNOWN',
    ],
    [
      'type metadata that does not match vct#integrity',
      () => resigned((payload) => void (payload['vct#integrity'] = 'sha256-AAAA')),
      'ERR_VCT_INTEGRITY',
    ],
    [
      'a disclosure naming __proto__',
      async () => {
        const evil = await disclosure(['salt-p', '__proto__', { polluted: true }]);
        return resigned((payload) => void payload.credentialSubject._sd.push(evil.digest), {
          disclosures: [evil.encoded],
        });
      },
      'ERR_FORBIDDEN_KEY',
    ],
    [
      'an array element disclosure decoding to {"constructor": …}',
      async () => {
        const evil = await disclosure(['salt-c', { constructor: { prototype: { polluted: true } } }]);
        return resigned((payload) => void payload.evidence.push({ '...': evil.digest }), {
          disclosures: [evil.encoded],
        });
      },
      'ERR_FORBIDDEN_KEY',
    ],
    [
      'typ vc+sd-jwt',
      () => resigned((_payload, header) => void (header.typ = 'vc+sd-jwt')),
      'ERR_SD_JWT_TYP',
    ],
    [
      'an ES256 signature under alg EdDSA',
      () => resigned((_payload, header) => void (header.alg = 'EdDSA')),
      'ERR_JWS_ALG_KEY_MISMATCH',
    ],
    [
      'an EdDSA signature under alg ES256 (kid of the Ed25519 key)',
      () =>
        resigned((_payload, header) => void (header.kid = ED25519_KID), {
          sign: (input) => eddsa(input, world.ed25519.privateKey),
        }),
      'ERR_JWS_ALG_KEY_MISMATCH',
    ],
    [
      'a high-S ECDSA signature',
      () => resigned(() => undefined, { sign: (input) => es256(input, world.p256.privateKey, 'high') }),
      'ERR_SIGNATURE_NOT_CANONICAL',
    ],
    ['alg none', () => resigned((_payload, header) => void (header.alg = 'none')), 'ERR_JWS_ALG_NOT_ALLOWED'],
    [
      'alg ES256K',
      () => resigned((_payload, header) => void (header.alg = 'ES256K')),
      'ERR_JWS_ALG_NOT_ALLOWED',
    ],
  ];

  it.each(cases)('[SD-JWT VC] refuses %s', async (_name, build, code) => {
    expect(firstFailure(await verdict(await build()))).toBe(code);
  });

  const statusCases: [string, () => string, string][] = [
    [
      'a status list token for another address (sub)',
      () => statusListToken(world, {}, { sub: `${ORIGIN}/status/evc/2/token` }),
      'ERR_STATUS_LIST_INVALID',
    ],
    [
      'an expired status list token',
      () => statusListToken(world, {}, { exp: Math.floor(NOW / 1000) - 3600 }),
      'ERR_STATUS_LIST_INVALID',
    ],
    [
      'a status index beyond the list',
      () => statusListToken(world, {}, { entries: 4 }),
      'ERR_STATUS_INDEX_OUT_OF_RANGE',
    ],
  ];
  it.each(statusCases)('[status lists] refuses %s', async (_name, list, code) => {
    expect(firstFailure(await verdict(await present(), depsFor(world, list)))).toBe(code);
  });
});
