import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDataDir, withClass } from '@skills-passport/service-kit/testing';
import request from 'supertest';
import { startVerifier, type Harness } from './test-support/harness.js';
import { newRequest, postToken, SKILL, trust, type Session } from './test-support/response-endpoint.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Answers in the `ldp_vc` envelope (an ldp_vp holding Data Integrity credentials, both signed by
// the @digitalbazaar libraries), answers mixing both envelopes, and other issuers' Open Badges:
// the per-skill report reads the same whatever the envelope. The stand-in issuer's did:web and
// status lists are on loopback (http), the one thing no other host can give here.

let h: Harness;
let issuer: StandInIssuer;
const holder = new TestHolder();

beforeAll(async () => {
  h = await startVerifier();
  issuer = await new StandInIssuer(() => h.clock.t).start();
  await trust(h, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'), 'evc-provider', ['EVCCredential']);
  await trust(h, issuer.addOrg('opleiding', 'ROC Opleiding'), 'training-provider', ['ModuleCredential']);
  // A university that issues its own Open Badges: trusted, for none of our types.
  await trust(h, issuer.addOrg('universiteit', 'Universiteit Utrecht'), 'other', []);
  issuer.addOrg('onbekend', 'Onbekende Organisatie');
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

const created = () => new Date(h.clock.t - 30_000);
const evcDoc = (index?: number) =>
  issuer.document('evc-zorg', 'EVCCredential', {
    holder: holder.did,
    ...(index === undefined ? {} : { index }),
  });
const ldpEvc = (index?: number) => issuer.issueLdp('evc-zorg', evcDoc(index));
const jwtEvc = () => issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did });
const presentLdp = (
  s: Session,
  credentials: Record<string, unknown>[],
  options: { nonce?: string; audience?: string; mutate?: (vp: Record<string, any>) => void } = {},
) =>
  holder.presentLdp(credentials, {
    nonce: options.nonce ?? s.nonce,
    audience: options.audience ?? s.audience,
    created: created(),
    contextOrigin: issuer.origin,
    ...(options.mutate === undefined ? {} : { mutate: options.mutate }),
  });
const presentJwt = (s: Session, jwts: string[]) =>
  holder.present(jwts, { nonce: s.nonce, audience: s.audience, iat: Math.floor(h.clock.t / 1000) });
const stored = async (s: Session) =>
  (await request(h.app).get(`/api/requests/${s.id}`).set('Authorization', `Bearer ${h.apiKey}`).expect(200))
    .body;

/** One of 1EdTech's Open Badges examples, re-issued by `slug` to the holder, aligned to the requested ESCO skill. */
function badge(slug: string): Record<string, any> {
  const doc = JSON.parse(readFileSync(join(testDataDir('vectors'), 'ob3-example-basic.json'), 'utf8'));
  const org = issuer.orgs.get(slug)!;
  doc.id = `urn:uuid:${crypto.randomUUID()}`;
  doc.issuer = { ...doc.issuer, id: org.did, name: org.name };
  doc.validFrom = new Date(h.clock.t - 86_400_000).toISOString();
  doc.credentialSubject.id = holder.did;
  // Re-shaped for the test: 1EdTech's example aligns to nothing; this one to the ESCO skill asked for.
  doc.credentialSubject.achievement.alignment = [
    {
      type: ['Alignment'],
      targetName: 'Teamwork',
      targetUrl: SKILL,
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
  ];
  return doc;
}

describe('answers in the ldp_vc envelope', () => {
  it('accepts an ldp_vp of Data Integrity credentials, and the report reads as for the same credential as a JWT', async () => {
    const viaLdp = await newRequest(h);
    await postToken(viaLdp, { skills_ldp_vc: [await presentLdp(viaLdp, [await ldpEvc()])] }).expect(200);
    const viaJwt = await newRequest(h);
    await postToken(viaJwt, { skills_jwt_vc_json: [presentJwt(viaJwt, [jwtEvc()])] }).expect(200);

    const [ldp, jwt] = [(await stored(viaLdp)).result, (await stored(viaJwt)).result];
    expect(ldp).toMatchObject({ accepted: true, outcome: 'verified' });
    const checks = ldp.report.presentations[0].credentials[0].checks as { id: string; status: string }[];
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(ldp.report.presentations[0].credentials[0].format).toBe('ldp_vc');
    // The same per-skill answer, whatever the envelope (credential ids differ: two issuances).
    const strip = (match: any) =>
      JSON.parse(JSON.stringify(match).replace(/"credentialId":"[^"]+"/g, '"credentialId":"…"'));
    expect(strip(ldp.report.match)).toEqual(strip(jwt.report.match));
    expect(ldp.report.match.skills[0]).toMatchObject({ uri: SKILL, status: 'proven' });
  });

  it('accepts one answer mixing both envelopes, and counts a credential sent in both once', async () => {
    const s = await newRequest(h);
    const doc = evcDoc();
    const ldp = await issuer.issueLdp('evc-zorg', structuredClone(doc));
    const module = issuer.issue('opleiding', 'ModuleCredential', { holder: holder.did });
    // The same EVC as a JWT, beside its Data Integrity twin: same id.
    const jwt = issuer.issue('evc-zorg', 'EVCCredential', {
      holder: holder.did,
      mutate: (d) => (d.id = doc.id),
    });
    await postToken(s, {
      skills_jwt_vc_json: [presentJwt(s, [jwt, module])],
      skills_ldp_vc: [await presentLdp(s, [ldp])],
    }).expect(200);
    const result = (await stored(s)).result;
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    const proofs = result.report.match.skills[0].proofs as { credentialId: string }[];
    expect(proofs.filter((p) => p.credentialId === doc.id)).toHaveLength(1);
  });

  it('counts an Open Badge of a trusted issuer toward the skill it aligns to, showing what it says', async () => {
    const s = await newRequest(h);
    const secured = await issuer.issueLdp('universiteit', badge('universiteit'));
    await postToken(s, { skills_ldp_vc: [await presentLdp(s, [secured])] }).expect(200);
    const result = (await stored(s)).result;
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    expect(result.report.match.skills[0]).toMatchObject({ uri: SKILL, status: 'proven' });
    expect(result.report.match.skills[0].proofs[0]).toMatchObject({
      type: 'OpenBadgeCredential',
      title: 'Teamwork',
      issuerName: 'Universiteit Utrecht',
      counts: true,
    });
  });

  it('[issuer spoofing and holder binding] shows an Open Badge of an unknown issuer without counting it', async () => {
    const s = await newRequest(h);
    const secured = await issuer.issueLdp('onbekend', badge('onbekend'));
    await postToken(s, { skills_ldp_vc: [await presentLdp(s, [secured])] }).expect(200);
    const result = (await stored(s)).result;
    expect(result).toMatchObject({ accepted: true, outcome: 'issuer_not_recognised' });
    expect(result.report.match.skills[0].status).not.toBe('proven');
    expect(result.report.match.coverage.proven).toBe(0);
    expect(result.report.match.skills[0].proofs[0]).toMatchObject({ counts: false });
  });
});

interface Row {
  name: string;
  check: string;
  code: string;
  token: (s: Session) => Promise<Record<string, unknown>>;
}

const rows: Row[] = [
  {
    name: 'an ldp_vp made for another request (its challenge)',
    check: 'presentation_nonce',
    code: 'ERR_PROOF_CHALLENGE_MISMATCH',
    token: async (s) => ({
      skills_ldp_vc: [await presentLdp(s, [await ldpEvc()], { nonce: 'another-nonce' })],
    }),
  },
  {
    name: 'an ldp_vp made for another verifier (its domain)',
    check: 'presentation_audience',
    code: 'ERR_PROOF_DOMAIN_MISMATCH',
    token: async (s) => ({
      skills_ldp_vc: [
        await presentLdp(s, [await ldpEvc()], { audience: 'decentralized_identifier:did:web:other.example' }),
      ],
    }),
  },
  {
    name: 'an ldp_vp replayed to a second request',
    check: 'presentation_nonce',
    code: 'ERR_PROOF_CHALLENGE_MISMATCH',
    token: async (s) => {
      const first = await newRequest(h);
      const vp = await presentLdp(first, [await ldpEvc()]);
      await postToken(first, { skills_ldp_vc: [vp] }).expect(200);
      void s;
      return { skills_ldp_vc: [vp] };
    },
  },
  {
    name: 'an ldp_vp whose credential was changed after the holder signed',
    check: 'presentation_signature',
    code: 'ERR_SIGNATURE_INVALID',
    token: async (s) => {
      const vp = (await presentLdp(s, [await ldpEvc()])) as Record<string, any>;
      vp.verifiableCredential[0].credentialSubject.result[0].status = 'Completed';
      return { skills_ldp_vc: [vp] };
    },
  },
  {
    name: 'a Data Integrity credential changed before the holder signed (tampering)',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    token: async (s) => {
      const credential = (await ldpEvc()) as Record<string, any>;
      credential.credentialSubject.result[0].achievedLevel =
        credential.credentialSubject.result[0].achievedLevel.replace(/#\d$/, '#4');
      return { skills_ldp_vc: [await presentLdp(s, [credential])] };
    },
  },
  {
    name: 'an ldp_vp with two proofs',
    check: 'presentation_signature',
    code: 'ERR_PROOF_MULTIPLE',
    token: async (s) => {
      const vp = (await presentLdp(s, [await ldpEvc()])) as Record<string, any>;
      vp.proof = [vp.proof, vp.proof];
      return { skills_ldp_vc: [vp] };
    },
  },
  {
    name: 'an ldp_vp naming a context outside the map',
    check: 'presentation_format',
    code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
    token: async (s) => {
      const vp = (await presentLdp(s, [await ldpEvc()])) as Record<string, any>;
      vp['@context'] = [...vp['@context'], 'https://evil.example/context.jsonld'];
      return { skills_ldp_vc: [vp] };
    },
  },
  {
    name: 'an ldp_vp of another holder than the one who signed',
    check: 'presentation_signature',
    code: 'ERR_ISSUER_MISMATCH',
    token: async (s) => ({
      skills_ldp_vc: [
        await presentLdp(s, [await ldpEvc()], { mutate: (vp) => (vp.holder = new TestHolder().did) }),
      ],
    }),
  },
  {
    name: 'a revoked Data Integrity credential (read from the Data Integrity status list)',
    check: 'revocation_status',
    code: 'ERR_CREDENTIAL_REVOKED',
    token: async (s) => {
      issuer.setStatus('evc-zorg', 'revocation', 301, true);
      return { skills_ldp_vc: [await presentLdp(s, [await ldpEvc(301)])] };
    },
  },
  {
    name: 'a JWT sent in answer to the ldp_vc query',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    token: (s) => Promise.resolve({ skills_ldp_vc: [presentJwt(s, [jwtEvc()])] }),
  },
];

describe('the response endpoint refuses bad ldp_vp answers', () => {
  it.each(withClass(rows))('[$class] $name → $code ($check)', async (row) => {
    const s = await newRequest(h);
    const res = await postToken(s, await row.token(s)).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', code: row.code });
    if (row.check !== '') {
      const report = (await stored(s)).result.report;
      const checks = [
        ...report.presentations.flatMap((p: any) => p.checks),
        ...report.presentations.flatMap((p: any) => p.credentials.flatMap((c: any) => c.checks)),
      ];
      expect(checks).toContainEqual(
        expect.objectContaining({ id: row.check, status: 'fail', code: row.code }),
      );
    }
  });
});
