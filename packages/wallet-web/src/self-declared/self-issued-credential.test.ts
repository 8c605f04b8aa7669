// The Open Badge a wallet issues to itself for a self-declared skill (contract D): its shape, and
// that core's verification pipeline (what the verifier and the issuer's intakes run) verifies its
// signature and reads it as a valid Open Badge by the holder about the holder. And the rule every
// screen rests on: in core's career check a self-declared skill is listed, never proven, and the
// ranking of occupations does not count it.
import { describe, expect, it } from '@jest/globals';
import {
  computeGap,
  decodeBase64url,
  demoEsco,
  didKeyDocument,
  didKeyFromPublicKey,
  encodeBase64url,
  HolderSkills,
  normalizeCredentialJwt,
  OccupationIndex,
  occupationWants,
  parseCompactJws,
  PROFICIENCY_4_ID,
  verifyCredential,
  webCryptoEd25519Verify,
  type CredentialVerificationDeps,
} from '@skills-passport/core';
import { heldSkills } from '../career/held-skills.js';
import { selfDeclaredSkill, type SelfDeclaredSkill } from './self-declared-skill.js';
import { issueSelfDeclared, SELF_DECLARED_TAG } from './self-issued-credential.js';

const CARE = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const NOW = new Date('2026-12-07T10:00:00Z');

async function holder(): Promise<{ did: string; signingKey: CryptoKey }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { did: didKeyFromPublicKey(raw), signingKey: pair.privateKey };
}

const skill = (level?: number): SelfDeclaredSkill =>
  selfDeclaredSkill(
    {
      uri: CARE,
      label: 'verpleegkundigen ondersteunen',
      ...(level === undefined ? {} : { level }),
      evidence:
        'Drie jaar mantelzorg voor mijn moeder, 2022–2025; de wijkverpleegkundige kan het bevestigen.',
    },
    NOW,
  );

const deps = (now: Date): CredentialVerificationDeps => ({
  resolveDid: (did) => Promise.resolve(didKeyDocument(did)),
  verifySignature: webCryptoEd25519Verify,
  statusLists: {
    lookup: () => Promise.reject(new Error('a self-issued credential names no status list')),
  },
  now: () => now.getTime(),
  clockSkewSeconds: 60,
});

function payloadOf(jwt: string): Record<string, unknown> {
  const parsed = parseCompactJws(jwt);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.jws.payload;
}

describe('the credential a wallet issues to itself for a self-declared skill', () => {
  it('is an Open Badge by the holder about the holder, its achievement the skill and its evidence described', async () => {
    const key = await holder();
    const issued = await issueSelfDeclared(skill(), key, 'nl', NOW);
    const payload = payloadOf(issued.jwt);
    expect(payload).toMatchObject({ iss: key.did, sub: key.did, jti: issued.id, nbf: NOW.getTime() / 1000 });
    const normalized = normalizeCredentialJwt(payload);
    if (!normalized.ok) throw new Error(normalized.reason);
    const document = normalized.value.credential as Record<string, any>;
    expect(document.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(document.issuer.id).toBe(key.did);
    expect(document.credentialSubject.id).toBe(key.did);
    expect(document.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      achievementType: 'Competency',
      name: 'verpleegkundigen ondersteunen',
      criteria: { narrative: skill().evidence },
      tag: [SELF_DECLARED_TAG],
      alignment: [
        {
          type: ['Alignment'],
          targetUrl: CARE,
          targetName: 'verpleegkundigen ondersteunen',
          targetFramework: 'ESCO',
          targetType: 'ext:ESCOSkill',
        },
      ],
    });
    expect(document.credentialSubject.achievement.id).toMatch(/^urn:uuid:/);
    // No level given: no result, no scale.
    expect(document.credentialSubject).not.toHaveProperty('result');
    // A fresh credential per share.
    expect((await issueSelfDeclared(skill(), key, 'nl', NOW)).id).not.toBe(issued.id);
  });

  it("passes core's checks (signed by the holder's did:key, bound to the holder, a valid Open Badge with its level) and is read as self-declared", async () => {
    const key = await holder();
    const issued = await issueSelfDeclared(skill(3), key, 'en', NOW);
    const result = await verifyCredential({ format: 'jwt_vc_json', jwt: issued.jwt }, deps(NOW), {
      holder: key.did,
    });
    expect(result.checks.filter((c) => c.status === 'fail')).toEqual([]);
    for (const id of ['signature', 'holder_binding', 'schema'])
      expect(result.checks.find((c) => c.id === id)?.status).toBe('pass');
    // Core's rule for every receiver (contract D): issuer = subject is self-declared, never proof.
    expect(result).toMatchObject({ verified: false, outcome: 'issuer_not_recognised', selfDeclared: true });
    expect(result.issuer).toBe(key.did);
    expect(result.subject).toBe(key.did);
    expect(result.badge?.achievement.achievementType).toBe('Competency');
    expect(result.badge?.skills).toEqual([
      expect.objectContaining({
        uri: CARE,
        framework: 'ESCO',
        level: expect.objectContaining({
          name: 'Proficient',
          scale: expect.objectContaining({ id: PROFICIENCY_4_ID }),
        }),
      }),
    ]);
  });

  it('fails the signature check when one byte of its signature changes, and holder binding for someone else', async () => {
    const key = await holder();
    const issued = await issueSelfDeclared(skill(), key, 'en', NOW);
    const [head, body, signature] = issued.jwt.split('.');
    const bytes = decodeBase64url(signature!)!;
    bytes[0]! ^= 1;
    const tampered = `${head}.${body}.${encodeBase64url(bytes)}`;
    const broken = await verifyCredential({ format: 'jwt_vc_json', jwt: tampered }, deps(NOW));
    expect(broken.verified).toBe(false);
    expect(broken.checks.find((c) => c.id === 'signature')).toMatchObject({
      status: 'fail',
      code: 'ERR_SIGNATURE_INVALID',
    });
    const other = await holder();
    const someoneElse = await verifyCredential({ format: 'jwt_vc_json', jwt: issued.jwt }, deps(NOW), {
      holder: other.did,
    });
    expect(someoneElse.checks.find((c) => c.id === 'holder_binding')).toMatchObject({
      status: 'fail',
      code: 'ERR_HOLDER_MISMATCH',
    });
  });
});

describe('self-declared skills in the career check', () => {
  const esco = demoEsco();
  const index = new OccupationIndex(esco.occupations);
  const occupation = esco.occupations.concepts().find((o) => o.essentialSkills.length >= 2)!;
  const [first, second] = occupation.essentialSkills as [string, string];
  const declared = (uri: string, level?: number): SelfDeclaredSkill =>
    selfDeclaredSkill(
      { uri, label: uri, evidence: 'Thuis, elke week.', ...(level === undefined ? {} : { level }) },
      NOW,
    );
  const credential = (uri: string) => ({
    id: 'urn:uuid:module',
    type: 'ModuleCredential' as const,
    state: 'valid' as const,
    summary: {
      name: 'Module',
      issuerName: 'ROC',
      date: '2026-01-01',
      claims: [{ alignment: { targetUrl: uri, targetName: uri, targetFramework: 'ESCO' } }],
    },
  });

  it('lists a self-declared skill on its gap line, at the level the learner gave, never as proven', () => {
    const holderSkills = new HolderSkills(
      heldSkills([], [declared(first, 4), declared(second)]),
      esco.skills,
    );
    const gap = computeGap(occupationWants(esco.occupations, occupation.uri)!, holderSkills, esco.skills);
    const line = gap.lines.find((l) => l.uri === first)!;
    expect(line.status).not.toBe('proven');
    expect(line.proven).toEqual([]);
    expect(line.selfDeclared).toEqual([
      expect.objectContaining({
        uri: first,
        source: { kind: 'self-declared', description: 'Thuis, elke week.' },
        level: { rank: 4, of: 4, defaultScale: true },
      }),
    ]);
    expect(gap.essential.proven).toBe(0);
    expect(holderSkills.provenUris.size).toBe(0);
  });

  it('ranks occupations by proven skills only: self-declared ones add nothing', () => {
    const everything = occupation.essentialSkills.map((uri) => declared(uri));
    const onlyDeclared = index.rank(new HolderSkills(heldSkills([], everything), esco.skills), {
      lang: 'en',
    });
    expect(onlyDeclared.every((fit) => fit.essentialProven === 0 && fit.share === 0)).toBe(true);
    const mixed = index.rank(new HolderSkills(heldSkills([credential(first)], everything), esco.skills), {
      lang: 'en',
    });
    const fit = mixed.find((f) => f.occupation.uri === occupation.uri)!;
    expect(fit.essentialProven).toBe(1);
    expect(fit.missing).toContain(second);
  });
});
