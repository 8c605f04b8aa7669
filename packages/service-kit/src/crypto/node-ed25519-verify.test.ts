import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDataDir } from '../testing/paths.js';
import { nodeEd25519Verify } from './node-ed25519-verify.js';

// Every verifier of ours must agree with Wycheproof's Ed25519 vectors (testdata/vectors).
const suite = JSON.parse(
  readFileSync(join(testDataDir('vectors'), 'wycheproof-ed25519_test.json'), 'utf8'),
) as {
  numberOfTests: number;
  testGroups: {
    publicKey: { pk: string };
    tests: { tcId: number; comment: string; msg: string; sig: string; result: string }[];
  }[];
};
const cases = suite.testGroups.flatMap((g) => g.tests.map((t) => ({ pk: g.publicKey.pk, ...t })));
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

describe('node:crypto Ed25519 verification agrees with Wycheproof', () => {
  it('covers all 151 vectors', () => expect(cases).toHaveLength(151));

  // Only the invalid vectors are negative cases; the valid ones keep the verifier honest.
  it.each(cases.map((c) => ({ ...c, tag: c.result === 'valid' ? '' : '[JOSE attacks]' })))(
    '$tag tcId $tcId ($result) $comment',
    async ({ pk, msg, sig, result }) => {
      // Run twice: the second time the key comes from the cache.
      for (let i = 0; i < 2; i += 1)
        expect(await nodeEd25519Verify(hex(pk), hex(msg), hex(sig))).toBe(result === 'valid');
    },
  );
});
