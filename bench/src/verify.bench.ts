import { nodeEd25519Verify } from '@skills-passport/service-kit';
import { didKeyFromPublicKey } from '@skills-passport/core';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import {
  createOrganisation,
  createStaff,
  issueCredential,
  requestFromExample,
  signingKey,
  veramoPorts,
} from '@skills-passport/issuer';
import {
  createDidResolver,
  createGuardedFetch,
  createStatusListService,
  verifyCredential,
  verifyPresentation,
  type VerificationDeps,
} from '@skills-passport/verifier';
import { pairedMs, pairedRates } from './measure.js';
import { openInProcessIssuer } from './in-process-issuer.js';
import type { Figure } from './results.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Verifies the signature part of a compact JWS with node:crypto only: the physical limit. */
function rawVerifier(jwt: string, publicKeyRaw: Buffer) {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKeyRaw.toString('base64url') },
    format: 'jwk',
  });
  const cut = jwt.lastIndexOf('.');
  const input = Buffer.from(jwt.slice(0, cut));
  const signature = Buffer.from(jwt.slice(cut + 1), 'base64url');
  return () => {
    if (!verify(null, input, key, signature)) throw new Error('raw verify failed');
  };
}

/**
 * verify and presentation: our full verification path in-process — parse, EdDSA signature against
 * the issuer's did:web key (DID document from cache), holder binding, dates, schema, status from a
 * cached list, trust — against raw node:crypto verifications of the same bytes. The issuer runs
 * in-process on a loopback port, so the first lookups are real HTTP; the figures are with warm
 * caches (status lists reused within their ttl: VERIFIER_STATUS_REUSE_SECONDS). Ours and the raw
 * baseline run in alternating rounds, each ratio the median of the per-round ratios.
 */
export async function verifyBench(): Promise<Figure[]> {
  const issuer = await openInProcessIssuer('verify', { serve: true });
  const { runtime } = issuer;
  try {
    const system = { kind: 'system' as const, id: 'bench' };
    const org = await createOrganisation(
      runtime.deps,
      { slug: 'bench-evc', name: 'Bench EVC', kind: 'evc-provider' },
      system,
    );
    const staff = await createStaff(runtime.deps, org.slug, { name: 'Bench', role: 'assessor' }, system);
    const key = await signingKey(runtime.deps, org.slug);
    const signer = veramoPorts(runtime.veramo).signer;

    const holderKeys = generateKeyPairSync('ed25519');
    const holderRaw = Buffer.from(holderKeys.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const holderDid = didKeyFromPublicKey(holderRaw);
    const credentials: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const { result } = await issueCredential(runtime.deps, org, requestFromExample(evcExample), {
        ...system,
        id: staff.id,
      });
      const row = await runtime.db.get<{ document: string }>(
        'SELECT document FROM credentials WHERE id = ?',
        [result.credential.id],
      );
      const document = JSON.parse(row!.document) as Record<string, unknown> & {
        credentialSubject: Record<string, unknown>;
      };
      document.credentialSubject = { id: holderDid, ...document.credentialSubject };
      credentials.push(await signer.sign(document, org.did, key));
    }

    const fetch = createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 5000 });
    const resolveDid = createDidResolver({ fetch, allowInsecureLocalhost: true, now: Date.now });
    const deps = (reuseForMs: number): VerificationDeps => ({
      resolveDid,
      statusLists: createStatusListService({
        fetch,
        resolveDid,
        verifySignature: nodeEd25519Verify,
        now: Date.now,
        clockSkewSeconds: 60,
        reuseForMs,
      }),
      trustedIssuers: {
        get: (did) =>
          Promise.resolve(
            did === org.did
              ? { did, name: org.name, kind: 'evc-provider', accreditedTypes: ['EVCCredential'] }
              : undefined,
          ),
      },
      verifySignature: nodeEd25519Verify,
      now: Date.now,
      clockSkewSeconds: 60,
    });
    const warm = deps(300_000);
    const cold = deps(0);
    const one = credentials[0]!;
    for (const d of [warm, cold]) {
      const first = await verifyCredential({ format: 'jwt_vc_json', jwt: one }, d, { holder: holderDid });
      if (!first.verified)
        throw new Error(
          `bench credential did not verify: ${JSON.stringify(first.checks.filter((c) => c.status !== 'pass'))}`,
        );
    }

    const issuerRaw = Buffer.from(key.publicKeyHex, 'hex');
    const raw = rawVerifier(one, issuerRaw);
    // Each figure against raw verifications in alternating rounds (see pairedRates).
    const ours = await pairedRates(
      () => verifyCredential({ format: 'jwt_vc_json', jwt: one }, warm, { holder: holderDid }),
      raw,
    );
    const revalidating = await pairedRates(
      () => verifyCredential({ format: 'jwt_vc_json', jwt: one }, cold, { holder: holderDid }),
      raw,
      { rounds: 3 },
    );
    const baseline = (rate: number) => ({
      label: 'raw node:crypto Ed25519 verify',
      value: rate,
      unit: 'verify/s',
    });

    const presentationFigures: Figure[] = [];
    for (const n of [1, 10, 50]) {
      const payload = {
        iss: holderDid,
        aud: 'decentralized_identifier:did:web:bench.example',
        nonce: 'bench-nonce',
        iat: Math.floor(Date.now() / 1000),
        vp: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiablePresentation'],
          verifiableCredential: credentials.slice(0, n),
        },
      };
      const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: `${holderDid}#${holderDid.slice(8)}` })}.${b64(payload)}`;
      const vp = `${input}.${sign(null, Buffer.from(input), holderKeys.privateKey).toString('base64url')}`;
      const check = await verifyPresentation(vp, { nonce: 'bench-nonce', audience: payload.aud }, warm);
      if (!check.verified)
        throw new Error(
          `bench presentation of ${n} did not verify: ${JSON.stringify(check.checks.filter((c) => c.status !== 'pass'))}`,
        );
      const raws = [
        rawVerifier(vp, holderRaw),
        ...credentials.slice(0, n).map((c) => rawVerifier(c, issuerRaw)),
      ];
      const timed = await pairedMs(
        () => verifyPresentation(vp, { nonce: 'bench-nonce', audience: payload.aud }, warm),
        () => raws.forEach((r) => r()),
        n === 50 ? 15 : 31,
      );
      presentationFigures.push({
        key: n === 10 ? 'presentation' : `presentation_${n}`,
        label: `verify a presentation of ${n} credential${n === 1 ? '' : 's'} (warm caches)`,
        value: timed.ms,
        unit: 'ms',
        ratio: timed.ratio,
        baseline: { label: `${n + 1} raw verifications`, value: timed.baselineMs, unit: 'ms' },
        ...(n === 10 ? { target: 'ratio <= 2', met: timed.ratio <= 2 } : {}),
      });
    }
    return [
      {
        key: 'verify',
        label: 'verify a credential in-process (full path, DID and status list from cache)',
        value: ours.rate,
        unit: 'cred/s',
        ratio: ours.ratio,
        baseline: baseline(ours.baselineRate),
        target: 'ratio >= 0.5',
        met: ours.ratio >= 0.5,
      },
      {
        key: 'verify_revalidate',
        label: 'the same, asking the issuer about the status list each time (verifier default; 304s)',
        value: revalidating.rate,
        unit: 'cred/s',
        ratio: revalidating.ratio,
        baseline: baseline(revalidating.baselineRate),
      },
      ...presentationFigures,
    ];
  } finally {
    await issuer.close();
  }
}
