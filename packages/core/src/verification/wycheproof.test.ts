import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDataDir } from '../test-support/test-data.js';
import { decodeHex } from './bytes.js';
import { webCryptoEd25519Verify } from './ed25519.js';

interface Vector {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid';
}
interface Group {
  publicKey: { pk: string };
  tests: Vector[];
}

const suite = JSON.parse(
  readFileSync(join(testDataDir('vectors'), 'wycheproof-ed25519_test.json'), 'utf8'),
) as {
  numberOfTests: number;
  testGroups: Group[];
};
const cases = suite.testGroups.flatMap((group) =>
  group.tests.map((test) => ({ pk: group.publicKey.pk, ...test })),
);

describe('Wycheproof Ed25519 vectors through the default verifier', () => {
  it('covers every vector of the file', () => {
    expect(cases).toHaveLength(suite.numberOfTests);
    expect(cases).toHaveLength(151);
  });

  // Only the invalid vectors are negative cases; the valid ones keep the verifier honest.
  it.each(cases.map((c) => ({ ...c, tag: c.result === 'valid' ? '' : '[JOSE attacks]' })))(
    '$tag tcId $tcId ($result) $comment',
    async ({ pk, msg, sig, result }) => {
      const verified = await webCryptoEd25519Verify(decodeHex(pk)!, decodeHex(msg)!, decodeHex(sig)!);
      expect(verified).toBe(result === 'valid');
    },
  );
});
