import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { seedDemo } from './demo.js';
import { startVerifier, type Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startVerifier();
});
afterAll(async () => {
  await h.close();
});

describe('seedDemo', () => {
  const trustedIssuers = [
    {
      did: 'did:web:localhost%3A3001:orgs:evc-zorg-nl',
      name: 'EVC Centrum Zorg Nederland',
      kind: 'evc-provider' as const,
      accreditedTypes: ['EVCCredential' as const],
    },
  ];

  it('trusts the demo issuers, makes a demo employer and a vacancy request with a ready link', async () => {
    const seed = await seedDemo(h.deps, { trustedIssuers, occupation: 'healthcare assistant' });
    expect(seed.requestLink).toMatch(
      /^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A[^\s]+&request_uri=[^\s]+$/,
    );
    expect(await h.deps.store.get(trustedIssuers[0]!.did)).toMatchObject({
      name: 'EVC Centrum Zorg Nederland',
    });
    const view = (
      await request(h.app)
        .get(`/api/requests/${seed.requestId}`)
        .set('Authorization', `Bearer ${seed.apiKey}`)
        .expect(200)
    ).body;
    expect(view).toMatchObject({ title: 'Vacature: zorghulp', status: 'pending', link: seed.requestLink });
    expect(view.skills.filter((s: any) => s.required)).toHaveLength(6);
    expect(view.skills.every((s: any) => h.deps.taxonomy.get(s.uri) !== undefined)).toBe(true);
  });

  it('keeps the same employer and key on the next start, with a fresh request', async () => {
    const first = await seedDemo(h.deps, { trustedIssuers });
    const second = await seedDemo(h.deps, { trustedIssuers });
    expect(second.apiKey).toBe(first.apiKey);
    expect(second.employerId).toBe(first.employerId);
    expect(second.requestId).not.toBe(first.requestId);
    // The demo vacancy is published once, and again only once withdrawn.
    expect(second.vacancyPage).toBe(first.vacancyPage);
    await request(h.app).get(new URL(first.vacancyUrl).pathname).expect(200);
    await request(h.app).get(new URL(first.vacancyPage).pathname).expect(200);
    await request(h.app)
      .delete(new URL(first.vacancyUrl).pathname)
      .set('Authorization', `Bearer ${first.apiKey}`)
      .expect(204);
    const third = await seedDemo(h.deps, { trustedIssuers });
    expect(third.vacancyPage).not.toBe(first.vacancyPage);
    await request(h.app).get(new URL(third.vacancyUrl).pathname).expect(200);
  });
});

describe('trusted issuers from the configuration file', () => {
  it('are loaded at start-up, and a bad entry fails the start naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-trusted-'));
    const file = join(dir, 'trusted.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          did: 'did:web:evc.example.nl',
          name: 'EVC Nederland',
          kind: 'evc-provider',
          accreditedTypes: ['EVCCredential'],
        },
      ]),
    );
    const loaded = await startVerifier({ config: { trustedIssuersFile: file } });
    try {
      expect(await loaded.deps.store.get('did:web:evc.example.nl')).toEqual({
        did: 'did:web:evc.example.nl',
        name: 'EVC Nederland',
        kind: 'evc-provider',
        accreditedTypes: ['EVCCredential'],
      });
    } finally {
      await loaded.close();
    }
    writeFileSync(
      file,
      JSON.stringify([{ did: 'did:web:evc.example.nl', name: 'EVC', kind: 'bank', accreditedTypes: [] }]),
    );
    await expect(startVerifier({ config: { trustedIssuersFile: file } })).rejects.toMatchObject({
      code: 'ERR_CONFIG_INVALID',
    });
  });
});
