import { nodeEd25519Verify } from '@skills-passport/service-kit';
import {
  verifyDataIntegrityProof,
  type CredentialVerificationDeps,
  verifyCredential,
} from '@skills-passport/core';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import {
  buildDocument,
  createOrganisation,
  envelopeDocument,
  multikeyFragment,
  requestFromExample,
  signingKey,
} from '@skills-passport/issuer';
import { createDidResolver, createGuardedFetch, createStatusListService } from '@skills-passport/verifier';
import { opsPerSecond } from './measure.js';
import { rawEd25519 } from './raw-ed25519.js';
import { openInProcessIssuer } from './in-process-issuer.js';
import type { Figure } from './results.js';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
/** Distinct credentials verified in turn, so that nothing per document could be reused. */
const DISTINCT = 64;

/**
 * sign_ldp and verify_ldp: a typical EVC credential (schemas/examples zorghulp) secured with a
 * Data Integrity proof (eddsa-rdfc-2022) by the issuer's own signing path, and verified by our
 * pipeline (proof, dates, schema, status from a warm cache, trust) — against raw Ed25519 over the
 * 64 bytes the proof signs, and against the DCC's @digitalcredentials/verifier-core (what the
 * Learner Credential Wallet and VerifierPlus use) verifying the same credentials in this run.
 *
 * verifier-core keeps no cache: per credential it fetches the issuer's DID document, our context
 * and the status list (over loopback here; its did:web resolver wants https, so this process's
 * fetch sends https://localhost to http — the one shim) and verifies the list's proof again. The
 * figure `verify_ldp_proof` compares like with like: our proof check alone.
 */
export async function ldpBench(): Promise<Figure[]> {
  const issuer = await openInProcessIssuer('ldp', { serve: true });
  const { runtime } = issuer;
  const realFetch = globalThis.fetch;
  try {
    const org = await createOrganisation(
      runtime.deps,
      { slug: 'bench-evc', name: 'Bench EVC', kind: 'evc-provider' },
      { kind: 'system', id: 'bench' },
    );
    const key = await signingKey(runtime.deps, org.slug);
    const proof = {
      verificationMethod: `${org.did}#${multikeyFragment(key.fragment)}`,
      keyRef: key.kid,
    };
    const request = requestFromExample(evcExample);
    let n = 0;
    const makeDocument = () => {
      n += 1;
      const document = buildDocument(org, 'EVCCredential', request, {
        id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        listNo: 1,
        index: n,
        publicUrl: runtime.deps.config.publicUrl,
      }) as Record<string, unknown> & { credentialSubject: Record<string, unknown> };
      document.credentialSubject = { id: HOLDER, ...document.credentialSubject };
      return envelopeDocument(runtime.deps.config.publicUrl, document, 'ldp_vc');
    };
    // The status list: opened by hand, as issuing through the API would.
    await runtime.deps.store.transaction((tx) => tx.statusLists.openList(org.slug, 1, 131_072));
    const sign = () =>
      runtime.deps.dataIntegritySigner.sign(makeDocument(), {
        ...proof,
        created: new Date(Date.now() - 60_000),
      });

    const credentials: Record<string, unknown>[] = [];
    for (let i = 0; i < DISTINCT; i += 1) credentials.push(await sign());
    const raw = await rawEd25519(Buffer.alloc(64, 7));
    const signed = await opsPerSecond(sign, { rounds: 3 });

    const guarded = createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 5000 });
    const resolveDid = createDidResolver({ fetch: guarded, allowInsecureLocalhost: true, now: Date.now });
    const deps: CredentialVerificationDeps = {
      resolveDid,
      statusLists: createStatusListService({
        fetch: guarded,
        resolveDid,
        verifySignature: nodeEd25519Verify,
        now: Date.now,
        clockSkewSeconds: 60,
        reuseForMs: 300_000,
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
    };
    let next = 0;
    const take = () => credentials[next++ % DISTINCT]!;
    for (const credential of credentials) {
      const checked = await verifyCredential({ format: 'ldp_vc', credential }, deps, { holder: HOLDER });
      if (!checked.verified)
        throw new Error(
          `bench ldp_vc did not verify: ${JSON.stringify(checked.checks.filter((c) => c.status !== 'pass'))}`,
        );
    }
    const ours = await opsPerSecond(
      () => verifyCredential({ format: 'ldp_vc', credential: take() }, deps, { holder: HOLDER }),
      {
        rounds: 3,
      },
    );
    const proofOnly = await opsPerSecond(
      () =>
        verifyDataIntegrityProof(take(), {
          expectedProofPurpose: 'assertionMethod',
          expectedController: org.did,
          resolveDid,
          verifySignature: nodeEd25519Verify,
          now: Date.now,
        }),
      { rounds: 3 },
    );

    // verifier-core, on the same credentials, with https://localhost sent to http (see above).
    const local = new URL(runtime.deps.config.publicUrl).host;
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      if (url.host !== local) return Promise.resolve(new Response('not on this machine', { status: 404 }));
      url.protocol = 'http:';
      return realFetch(url, init);
    };
    const { verifyCredential: theirVerify } = await import('@digitalcredentials/verifier-core');
    const quiet = console.error;
    console.error = () => undefined; // it prints its failed fetch of 1EdTech's schema URL
    let theirs: number;
    try {
      const first = (await theirVerify({ credential: credentials[0] as never, knownDIDRegistries: [] })) as {
        log?: { id: string; valid: boolean }[];
      };
      const log = Object.fromEntries((first.log ?? []).map((e) => [e.id, e.valid]));
      if (log.valid_signature !== true || log.revocation_status !== true)
        throw new Error(`verifier-core did not verify the bench credential: ${JSON.stringify(first.log)}`);
      theirs = await opsPerSecond(
        () => theirVerify({ credential: take() as never, knownDIDRegistries: [] }),
        {
          rounds: 3,
          warmupMs: 500,
        },
      );
    } finally {
      console.error = quiet;
      globalThis.fetch = realFetch;
    }

    const rawVerify = {
      label: 'raw node:crypto Ed25519 verify',
      value: raw.verifyPerSecond,
      unit: 'verify/s',
    };
    return [
      {
        key: 'sign_ldp',
        label: 'issue an ldp_vc in-process: Data Integrity proof (eddsa-rdfc-2022) through the Veramo key',
        value: signed,
        unit: 'cred/s',
        ratio: signed / raw.signPerSecond,
        baseline: { label: 'raw node:crypto Ed25519 sign', value: raw.signPerSecond, unit: 'sign/s' },
      },
      {
        key: 'verify_ldp',
        label: 'verify an ldp_vc: the whole pipeline (proof, schema, status from cache, trust)',
        value: ours,
        unit: 'cred/s',
        ratio: ours / theirs,
        baseline: {
          label: '@digitalcredentials/verifier-core, same credentials',
          value: theirs,
          unit: 'cred/s',
        },
        target: 'ratio >= 2',
        met: ours / theirs >= 2,
        details: { versusRawEd25519: Number((ours / raw.verifyPerSecond).toFixed(4)) },
      },
      {
        key: 'verify_ldp_proof',
        label: 'our Data Integrity proof check alone (canonicalize twice, hash, Ed25519)',
        value: proofOnly,
        unit: 'cred/s',
        ratio: proofOnly / raw.verifyPerSecond,
        baseline: rawVerify,
      },
    ];
  } finally {
    globalThis.fetch = realFetch;
    await issuer.close();
  }
}
