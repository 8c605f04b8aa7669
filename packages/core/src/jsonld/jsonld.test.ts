import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import { toVcdm11 } from '../vcdm11.js';
import { repoRoot, testDataDir } from '../test-support/test-data.js';
import { checkJsonLd, contextOriginOf, staticDocumentLoader } from './index.js';

const examplesDir = join(repoRoot, 'schemas/examples');
const okExamples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(examplesDir, d.name))
      .filter((f) => f.endsWith('-ok.json'))
      .map((f) => `${d.name}/${f}`),
  );
const read = (file: string) =>
  JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Record<string, any>;

// 1EdTech's Open Badges 3.0 AchievementCredential schema (JSON Schema 2019-09), vendored in testdata.
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const ob3Schema = JSON.parse(
  readFileSync(join(testDataDir('vectors'), 'ob3-achievementcredential.schema.json'), 'utf8'),
) as object;
const validateOb3 = ajv.compile(ob3Schema);

describe('our credentials as JSON-LD', () => {
  it.each(okExamples)('%s expands in safe mode, as VC 2.0 and in its VC 1.1 rendering', async (file) => {
    const doc = read(file);
    expect(await checkJsonLd(doc)).toEqual({ ok: true });
    expect(await checkJsonLd(toVcdm11(doc))).toEqual({ ok: true });
  });

  it.each(okExamples)(
    "%s validates against 1EdTech's Open Badges 3.0 AchievementCredential schema",
    (file) => {
      const valid = validateOb3(read(file));
      expect(validateOb3.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('names our context at the host of the issuer did:web, http only for localhost', () => {
    expect(contextOriginOf('did:web:localhost%3A3001:orgs:evc')).toBe('http://localhost:3001');
    expect(contextOriginOf('did:web:issuer.example.nl:orgs:evc')).toBe('https://issuer.example.nl');
    expect(contextOriginOf('did:key:z6Mkexample')).toBeUndefined();
    expect(contextOriginOf('did:web:evil.example%2Fpath')).toBeUndefined();
  });
});

describe('[JSON-LD and Data Integrity] JSON-LD refusals', () => {
  const base = read('evc-credential/zorghulp-ok.json');
  const cases: [string, (d: Record<string, any>) => void, string][] = [
    [
      'a context outside the static map',
      (d) => d['@context'].push('https://attacker.example/context.json'),
      'ERR_JSONLD_CONTEXT_UNKNOWN',
    ],
    [
      'our context at another host than the issuer',
      (d) => (d['@context'][2] = 'https://other.example/contexts/skills-passport/v1'),
      'ERR_JSONLD_CONTEXT_UNKNOWN',
    ],
    [
      'an inline context that redefines a protected term',
      (d) => d['@context'].push({ name: 'https://attacker.example/name' }),
      'ERR_JSONLD_INVALID',
    ],
    ['a property no context defines', (d) => (d.credentialSubject.shoeSize = 44), 'ERR_JSONLD_INVALID'],
    ['a type no context defines', (d) => d.type.push('SuperCredential'), 'ERR_JSONLD_INVALID'],
    [
      'nesting built to make processing slow',
      (d) => {
        let node: Record<string, any> = {};
        d.credentialSubject.deep = node;
        for (let i = 0; i < 30; i += 1) node = node.next = {};
      },
      'ERR_INPUT_TOO_DEEP',
    ],
    [
      'many nodes built to make processing slow',
      (d) => (d.evidence = Array.from({ length: 2000 }, (_, i) => ({ type: ['Evidence'], name: `e${i}` }))),
      'ERR_INPUT_TOO_LARGE',
    ],
  ];
  it.each(cases)('refuses %s, never fetching', async (_name, mutate, code) => {
    const doc = structuredClone(base);
    mutate(doc);
    const checked = await checkJsonLd(doc);
    expect(checked.ok).toBe(false);
    expect(checked.ok === false && checked.code).toBe(code);
  });

  it('the document loader refuses any URL outside the map, with a code', async () => {
    await expect(
      staticDocumentLoader()('https://www.w3.org/2018/credentials/examples/v1'),
    ).rejects.toMatchObject({
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
    });
    await expect(staticDocumentLoader()('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({
      documentUrl: 'https://www.w3.org/ns/credentials/v2',
    });
  });
});
