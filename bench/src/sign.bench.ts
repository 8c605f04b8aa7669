import { generateKeyPairSync, sign } from 'node:crypto';
import { validateCredential } from '@skills-passport/core';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import {
  buildDocument,
  createOrganisation,
  requestFromExample,
  signingKey,
  veramoDefaultSigner,
  veramoPorts,
} from '@skills-passport/issuer';
import { opsPerSecond, pairedRates } from './measure.js';
import { openInProcessIssuer } from './in-process-issuer.js';
import type { Figure } from './results.js';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/**
 * sign: credentials issued per second in-process through our issuance path — build the document
 * and sign the JWT through the Veramo agent — against raw node:crypto
 * signatures over the same bytes. Veramo's default path is measured beside it for reference.
 */
export async function signBench(): Promise<Figure[]> {
  const issuer = await openInProcessIssuer('sign', { serve: false });
  const { runtime } = issuer;
  try {
    const org = await createOrganisation(
      runtime.deps,
      { slug: 'bench-evc', name: 'Bench EVC', kind: 'evc-provider' },
      { kind: 'system', id: 'bench' },
    );
    const key = await signingKey(runtime.deps, org.slug);
    const request = requestFromExample(evcExample);
    let n = 0;
    const makeDocument = () => {
      n += 1;
      const document = buildDocument(org, 'EVCCredential', request, {
        id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        validFrom: new Date().toISOString(),
        listNo: 1,
        index: n % 131_072,
        publicUrl: runtime.deps.config.publicUrl,
      }) as Record<string, unknown> & { credentialSubject: Record<string, unknown> };
      document.credentialSubject = { id: HOLDER, ...document.credentialSubject };
      return document;
    };
    if (!validateCredential(makeDocument(), { expectedType: 'EVCCredential' }).valid)
      throw new Error('bench document invalid');
    const validations = await opsPerSecond(
      () => validateCredential(makeDocument(), { expectedType: 'EVCCredential' }),
      { rounds: 3 },
    );
    const fast = veramoPorts(runtime.veramo).signer;
    const slow = veramoDefaultSigner(runtime.agent);
    const sample = await fast.sign(makeDocument(), org.did, key);
    const signingInput = Buffer.from(sample.slice(0, sample.lastIndexOf('.')));
    // Each against raw signs of the same bytes in alternating rounds (see pairedRates).
    const { privateKey } = generateKeyPairSync('ed25519');
    const rawSign = () => sign(null, signingInput, privateKey);
    const ours = await pairedRates(() => fast.sign(makeDocument(), org.did, key), rawSign);
    const veramo = await pairedRates(() => slow.sign(makeDocument(), org.did, key), rawSign, { rounds: 3 });
    const baseline = (rate: number) => ({
      label: 'raw node:crypto Ed25519 sign',
      value: rate,
      unit: 'sign/s',
    });
    return [
      {
        key: 'sign',
        label: 'issue in-process: build the credential + sign the JWT through the Veramo agent',
        value: ours.rate,
        unit: 'cred/s',
        ratio: ours.ratio,
        baseline: baseline(ours.baselineRate),
        target: 'ratio >= 0.5',
        met: ours.ratio >= 0.5,
        // Schema validation runs when staff submit a credential (in http_issue), not when signing.
        details: {
          signingInputBytes: signingInput.length,
          buildAndValidatePerSecond: Math.round(validations),
        },
      },
      {
        key: 'sign_veramo_default',
        label: 'the same through Veramo createVerifiableCredential (reference)',
        value: veramo.rate,
        unit: 'cred/s',
        ratio: veramo.ratio,
        baseline: baseline(veramo.baselineRate),
      },
    ];
  } finally {
    await issuer.close();
  }
}
