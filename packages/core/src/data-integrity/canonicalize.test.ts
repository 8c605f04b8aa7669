import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createRequire } from 'node:module';
import { canonicalize } from './index.js';
import { OB3_EXAMPLES, readExample, readVector, schemaExamples } from './test-support/fixtures.js';

const base = () => readExample('evc-credential/zorghulp-ok.json');

/** Blank nodes all alike, each linked to every other: RDFC-1.0 needs n! permutations to order them. */
function poisonGraph(document: Record<string, any>, size: number): Record<string, any> {
  const ids = Array.from({ length: size }, (_, i) => `_:b${i}`);
  document.credentialSubject['https://example.org/ns#knows'] = ids.map((id) => ({
    '@id': id,
    'https://example.org/ns#knows': ids.filter((other) => other !== id).map((other) => ({ '@id': other })),
  }));
  return document;
}

describe('canonicalize', () => {
  it.each([...schemaExamples('-ok.json')])('gives the canonical N-Quads of %s', async (file) => {
    const result = await canonicalize(readExample(file));
    expect(result.ok).toBe(true);
    const nquads = result.ok ? result.nquads : '';
    expect(nquads.endsWith(' .\n')).toBe(true);
    // our context terms expanded under their own IRIs, nothing relative
    expect(nquads).not.toMatch(/<(?![a-z][a-z0-9+.-]*:)[^>]*>/);
  });

  it.each(OB3_EXAMPLES)('gives the canonical N-Quads of the Open Badges example %s', async (file) => {
    expect((await canonicalize(readVector(file))).ok).toBe(true);
  });

  it('is the same for the same content in another key order, and follows a change made in place', async () => {
    const document = base();
    const first = await canonicalize(document);
    const reordered = Object.fromEntries(Object.entries(base()).reverse());
    expect(await canonicalize(reordered)).toEqual(first);
    // The same object, changed after it was canonicalized: nothing may be served from a cache.
    document.credentialSubject.result[0].value = 'not-achieved';
    const second = await canonicalize(document);
    expect(second.ok && first.ok && second.nquads !== first.nquads).toBe(true);
    expect(second.ok && second.nquads).toContain('"not-achieved"');
  });

  it("admits our context at the origin of each credential's issuer inside a presentation", async () => {
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      verifiableCredential: [base(), readExample('module-credential/short-course-minimal-ok.json')],
    };
    expect((await canonicalize(presentation)).ok).toBe(true);
  });

  it('keeps its bounds configurable: a poison graph canonicalizes once allowed the work', async () => {
    const result = await canonicalize(poisonGraph(base(), 4), { maxWorkFactor: Infinity });
    expect(result.ok).toBe(true);
  });
});

describe('[JSON-LD and Data Integrity] canonicalize refuses, never fetching', () => {
  // There is no fetch to make: every network entry point fails the test if it is ever reached.
  const require = createRequire(import.meta.url);
  const http = require('node:http') as Record<string, unknown>;
  const https = require('node:https') as Record<string, unknown>;
  const network = jest.fn(() => {
    throw new Error('canonicalization reached the network');
  });
  const saved: [Record<string, unknown>, string, unknown][] = [];
  beforeAll(() => {
    for (const [module, name] of [
      [globalThis, 'fetch'],
      [http, 'request'],
      [http, 'get'],
      [https, 'request'],
      [https, 'get'],
    ] as [Record<string, unknown>, string][]) {
      saved.push([module, name, module[name]]);
      module[name] = network;
    }
  });
  afterAll(() => {
    for (const [module, name, value] of saved) module[name] = value;
    expect(network).not.toHaveBeenCalled();
  });

  // Tagged as a whole (core cannot import the service kit's `withClass`); the innermost tag counts.
  const rows: { name: string; make: () => unknown; options?: Record<string, number>; code: string }[] = [
    {
      name: 'a context URL outside the static map',
      make: () => ({ ...base(), '@context': [...base()['@context'], 'https://attacker.example/ctx.json'] }),
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
    },
    {
      name: 'our context at another host than the issuer',
      make: () => {
        const d = base();
        d['@context'][2] = 'https://attacker.example/contexts/skills-passport/v1';
        return d;
      },
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
    },
    {
      name: 'our context in a presentation whose credentials come from another issuer',
      make: () => {
        const credential = base();
        credential.issuer.id = 'did:web:issuer.example.nl';
        return {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [credential],
        };
      },
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
    },
    {
      name: 'a context that redefines a protected term',
      make: () => ({
        ...base(),
        '@context': [...base()['@context'], { name: 'https://attacker.example/name' }],
      }),
      code: 'ERR_JSONLD_INVALID',
    },
    {
      name: 'a property that does not expand',
      make: () => {
        const d = base();
        d.credentialSubject.shoeSize = 44;
        return d;
      },
      code: 'ERR_JSONLD_INVALID',
    },
    {
      name: 'a relative id',
      make: () => ({ ...base(), id: 'credentials/1' }),
      code: 'ERR_JSONLD_INVALID',
    },
    {
      name: 'a poison graph of blank nodes (past maxWorkFactor)',
      make: () => poisonGraph(base(), 10),
      code: 'ERR_JSONLD_TOO_COMPLEX',
    },
    {
      name: 'a poison graph allowed all the work it wants, stopped by the time limit',
      make: () => poisonGraph(base(), 10),
      options: { maxWorkFactor: Infinity, timeLimitMs: 50 },
      code: 'ERR_JSONLD_TOO_COMPLEX',
    },
    {
      name: 'nesting deeper than JSON-LD processing allows',
      make: () => {
        const d = base();
        let node: Record<string, any> = d.credentialSubject;
        for (let i = 0; i < 20; i += 1) node = node['https://example.org/ns#next'] = {};
        return d;
      },
      code: 'ERR_INPUT_TOO_DEEP',
    },
    {
      name: 'more nodes than JSON-LD processing allows',
      make: () => ({
        ...base(),
        evidence: Array.from({ length: 1500 }, (_, i) => ({ type: ['Evidence'], name: `e${i}` })),
      }),
      code: 'ERR_INPUT_TOO_LARGE',
    },
    { name: 'a document that is not an object', make: () => [base()], code: 'ERR_NOT_AN_OBJECT' },
  ];

  // A poison graph of 10 unbounded takes minutes; the test's own timeout proves the bound holds.
  it.each(rows)(
    'refuses $name with $code',
    async ({ make, options, code }) => {
      const result = await canonicalize(make(), options);
      expect(result).toMatchObject({ ok: false, code });
      expect(result.ok === false && result.reason.length).toBeGreaterThan(10);
    },
    10_000,
  );
});
