import { generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import {
  integrityOf,
  issueSdJwtVc,
  presentSdJwtVc,
  skillResultPath,
  typeMetadataText,
  vctFor,
  verifyCredential,
  verifyStatusListCredential,
  type CredentialVerificationDeps,
  type EVCCredential,
  type JwsSigner,
  type StatusListLookup,
} from '@skills-passport/core';
import { nodeEd25519Verify, nodeP256Verify } from '@skills-passport/service-kit';
import { pairedRates } from './measure.js';
import type { Figure } from './results.js';

// sign_sdjwt and verify_sdjwt: an EVC credential with 30 selectively disclosable claims (23 skill
// results, 5 other subject members, 2 pieces of evidence), issued as an SD-JWT VC and presented
// with 10 of them disclosed and a Key Binding JWT. The issuer's keys are node:crypto keys here,
// signing exactly as the issuer's KMS does (ES256 in IEEE P1363 form, low S); the DID document and
// the status list token are in memory, as a verifier holds them once cached. Each is compared,
// in alternating rounds, with raw node:crypto signatures over the same bytes.
//
// Beside each, for ES256, a floor: the least work any SD-JWT implementation in this runtime does
// for the same token — JSON, base64url and SHA-256 of the same disclosures and payload and the
// signatures, nothing laid out, salted, bounded or checked. Its ratio is what a perfect
// implementation would reach; ours is read against it.

const ORIGIN = 'https://issuer.example';
const ISSUER = 'did:web:issuer.example:orgs:bench';
const ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const STATUS_URI = `${ORIGIN}/status/bench/1/token`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function lowS(signature: Buffer): Buffer {
  const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
  if (s <= ORDER / 2n) return signature;
  return Buffer.concat([
    signature.subarray(0, 32),
    Buffer.from((ORDER - s).toString(16).padStart(64, '0'), 'hex'),
  ]);
}
const es256 = (input: string, key: KeyObject) =>
  lowS(sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })).toString('base64url');
const eddsa = (input: string, key: KeyObject) => sign(null, Buffer.from(input), key).toString('base64url');

/** The EVC example grown to 23 skill results (each also in the achievement's alignment). */
function thirtyClaimDocument(): EVCCredential {
  const doc = structuredClone(evcExample) as unknown as EVCCredential;
  doc['@context'] = doc['@context'].map((c) =>
    c.endsWith('/contexts/skills-passport/v1') ? `${ORIGIN}/contexts/skills-passport/v1` : c,
  );
  doc.issuer = { ...doc.issuer, id: ISSUER };
  delete doc.credentialStatus;
  const results = doc.credentialSubject.result;
  for (let i = results.length; i < 23; i += 1) {
    const copy = structuredClone(results[i % 3]!);
    copy.alignment[0].targetUrl = `http://data.europa.eu/esco/skill/00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    results.push(copy);
    doc.credentialSubject.achievement.alignment.push(structuredClone(copy.alignment[0]));
  }
  return doc;
}

const jsonOf = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const digestOf = (text: string) => hash('sha256', text, 'base64url');

/**
 * The floor of issuing `token`: serialise and hash each of its disclosures and serialise its
 * header and payload as any issuer must, then `sign` (the raw signature over the same input).
 */
function bareIssuance(token: string, sign: () => unknown): () => unknown {
  const [jwt, ...rest] = token.split('~');
  const [header, payload] = jwt!.split('.').slice(0, 2).map(jsonOf);
  const contents = rest.filter((part) => part !== '').map(jsonOf);
  return () => {
    for (const content of contents) digestOf(Buffer.from(JSON.stringify(content)).toString('base64url'));
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    if (`${b64(header)}.${b64(payload)}`.length === 0) throw new Error('unreachable');
    return sign();
  };
}

/**
 * The floor of verifying `presentation`: decode and parse each JSON part, hash each disclosure and
 * the `sd_hash` input, then `verify` (both raw signatures).
 */
function bareVerification(presentation: string, verify: () => unknown): () => unknown {
  const [jwt, ...rest] = presentation.split('~');
  const kb = rest.pop()!;
  return () => {
    const [header, payload] = jwt!.split('.');
    jsonOf(header!);
    jsonOf(payload!);
    for (const disclosure of rest) {
      jsonOf(disclosure);
      digestOf(disclosure);
    }
    const [kbHeader, kbPayload] = kb.split('.');
    jsonOf(kbHeader!);
    jsonOf(kbPayload!);
    digestOf(presentation.slice(0, presentation.lastIndexOf('~') + 1));
    return verify();
  };
}

/** A floor's figure: its rate and ratio against the same raw baseline as the figure it bounds. */
async function floorFigure(
  key: string,
  label: string,
  bare: () => unknown,
  raw: () => unknown,
  rawLabel: string,
): Promise<Figure> {
  const floor = await pairedRates(bare, raw);
  return {
    key,
    label,
    value: floor.rate,
    unit: '/s',
    ratio: floor.ratio,
    baseline: { label: rawLabel, value: floor.baselineRate, unit: '/s' },
  };
}

export async function sdJwtBench(): Promise<Figure[]> {
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed25519 = generateKeyPairSync('ed25519');
  const holder = generateKeyPairSync('ed25519');
  const kid = (n: string) => `${ISSUER}#${n}`;
  const didDocument = {
    id: ISSUER,
    verificationMethod: [
      {
        id: kid('key-1-p256'),
        type: 'JsonWebKey2020',
        controller: ISSUER,
        publicKeyJwk: p256.publicKey.export({ format: 'jwk' }),
      },
      {
        id: kid('key-1'),
        type: 'JsonWebKey2020',
        controller: ISSUER,
        publicKeyJwk: ed25519.publicKey.export({ format: 'jwk' }),
      },
    ],
    assertionMethod: [kid('key-1-p256'), kid('key-1')],
  };
  const signers: Record<'ES256' | 'EdDSA', JwsSigner> = {
    ES256: {
      alg: 'ES256',
      kid: kid('key-1-p256'),
      sign: (input) => Promise.resolve(es256(input, p256.privateKey)),
    },
    EdDSA: {
      alg: 'EdDSA',
      kid: kid('key-1'),
      sign: (input) => Promise.resolve(eddsa(input, ed25519.privateKey)),
    },
  };
  const holderSigner: JwsSigner = {
    alg: 'EdDSA',
    sign: (input) => Promise.resolve(eddsa(input, holder.privateKey)),
  };
  const document = thirtyClaimDocument();
  const unsigned = document as unknown as Record<string, unknown>;
  const binding = {
    vct: vctFor(ORIGIN, 'EVCCredential'),
    vctIntegrity: await integrityOf(typeMetadataText(ORIGIN, 'EVCCredential')),
    holderJwk: holder.publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    status: { idx: 7, uri: STATUS_URI },
    issuedAt: Math.floor(Date.now() / 1000),
  };
  const now = Date.now();
  const statusToken = (() => {
    const input = `${b64({ alg: 'ES256', typ: 'statuslist+jwt', kid: kid('key-1-p256') })}.${b64({
      sub: STATUS_URI,
      iat: Math.floor(now / 1000) - 60,
      ttl: 3600,
      status_list: { bits: 2, lst: deflateSync(new Uint8Array(32_768)).toString('base64url') },
    })}`;
    return `${input}.${es256(input, p256.privateKey)}`;
  })();
  const resolveDid: CredentialVerificationDeps['resolveDid'] = (did) =>
    Promise.resolve(
      did === ISSUER
        ? { ok: true, document: didDocument }
        : { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: did },
    );
  const verifiedList = await verifyStatusListCredential(STATUS_URI, statusToken, {
    resolveDid,
    verifySignature: nodeEd25519Verify,
    verifyP256: nodeP256Verify,
    now: () => now,
    clockSkewSeconds: 60,
  });
  if (!verifiedList.ok) throw new Error(`status list token: ${verifiedList.reason}`);
  const { ok: _ok, ...list } = verifiedList;
  const cachedList: StatusListLookup = {
    ok: true,
    fromCache: true,
    list: { url: STATUS_URI, fetchedAt: now, ...list },
  };
  const deps: CredentialVerificationDeps = {
    resolveDid,
    verifySignature: nodeEd25519Verify,
    verifyP256: nodeP256Verify,
    statusLists: { lookup: () => Promise.resolve(cachedList) },
    now: () => Date.now(),
    clockSkewSeconds: 60,
  };

  const figures: Figure[] = [];
  for (const alg of ['ES256', 'EdDSA'] as const) {
    const token = await issueSdJwtVc(unsigned, binding, signers[alg]);
    const jwt = token.split('~')[0]!;
    const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
    const raw =
      alg === 'ES256'
        ? () => sign('sha256', Buffer.from(signingInput), { key: p256.privateKey, dsaEncoding: 'ieee-p1363' })
        : () => sign(null, Buffer.from(signingInput), ed25519.privateKey);
    const signed = await pairedRates(() => issueSdJwtVc(unsigned, binding, signers[alg]), raw);
    figures.push({
      key: alg === 'ES256' ? 'sign_sdjwt' : 'sign_sdjwt_eddsa',
      label: `SD-JWT VC issued (30 disclosable claims, ${alg}), per second`,
      value: signed.rate,
      unit: '/s',
      ratio: signed.ratio,
      baseline: {
        label: `raw ${alg === 'ES256' ? 'P-256' : 'Ed25519'} sign, node:crypto`,
        value: signed.baselineRate,
        unit: '/s',
      },
      ...(alg === 'ES256' ? { target: 'ratio >= 0.5', met: signed.ratio >= 0.5 } : {}),
    });

    if (alg === 'ES256') {
      figures.push(
        await floorFigure(
          'sign_sdjwt_floor',
          'the least any SD-JWT issuer does for it: JSON, base64url, SHA-256 of the same parts, sign',
          bareIssuance(token, raw),
          raw,
          'raw P-256 sign, node:crypto',
        ),
      );
    }

    const disclosed = [
      ...document.credentialSubject.result.slice(0, 8).map((r) => skillResultPath(r.alignment[0].targetUrl)),
      ['credentialSubject', 'identifier'],
      ['evidence', 0],
    ];
    const nonce = 'bench-nonce';
    const audience = 'decentralized_identifier:did:web:verifier.example';
    const presentation = await presentSdJwtVc(
      token,
      disclosed,
      { nonce, audience, issuedAt: Math.floor(Date.now() / 1000) },
      holderSigner,
    );
    if (presentation.split('~').length !== 12)
      throw new Error('the bench presentation does not disclose 10 claims');
    const envelope = { format: 'dc+sd-jwt' as const, token: presentation, keyBinding: { nonce, audience } };
    const check = await verifyCredential(envelope, deps);
    if (!check.verified)
      throw new Error(`bench presentation does not verify: ${JSON.stringify(check.checks)}`);
    // The raw baseline: the two signatures a verifier cannot skip, issuer's and holder's.
    const kb = presentation.slice(presentation.lastIndexOf('~') + 1);
    const kbInput = Buffer.from(kb.slice(0, kb.lastIndexOf('.')));
    const kbSignature = Buffer.from(kb.slice(kb.lastIndexOf('.') + 1), 'base64url');
    const issuerSignature = Buffer.from(jwt.slice(jwt.lastIndexOf('.') + 1), 'base64url');
    const issuerInput = Buffer.from(signingInput);
    const issuerPublic = alg === 'ES256' ? p256.publicKey : ed25519.publicKey;
    const rawVerify = () => {
      const issuerOk =
        alg === 'ES256'
          ? verify('sha256', issuerInput, { key: issuerPublic, dsaEncoding: 'ieee-p1363' }, issuerSignature)
          : verify(null, issuerInput, issuerPublic, issuerSignature);
      if (!issuerOk || !verify(null, kbInput, holder.publicKey, kbSignature))
        throw new Error('raw verify failed');
    };
    const verified = await pairedRates(() => verifyCredential(envelope, deps), rawVerify);
    figures.push({
      key: alg === 'ES256' ? 'verify_sdjwt' : 'verify_sdjwt_eddsa',
      label: `SD-JWT VC presentation verified (10 of 30 claims, KB-JWT, issuer ${alg}), per second`,
      value: verified.rate,
      unit: '/s',
      ratio: verified.ratio,
      baseline: {
        label: `raw ${alg === 'ES256' ? 'P-256' : 'Ed25519'} + Ed25519 verify, node:crypto`,
        value: verified.baselineRate,
        unit: '/s',
      },
      ...(alg === 'ES256' ? { target: 'ratio >= 0.4', met: verified.ratio >= 0.4 } : {}),
    });
    if (alg === 'ES256') {
      figures.push(
        await floorFigure(
          'verify_sdjwt_floor',
          'the least any SD-JWT verifier does for it: base64url, JSON.parse, SHA-256, both signatures',
          bareVerification(presentation, rawVerify),
          rawVerify,
          'raw P-256 + Ed25519 verify, node:crypto',
        ),
      );
    }
  }
  return figures;
}
