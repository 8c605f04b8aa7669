import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { escoFromAssetBytes } from './esco-bytes.js';

// The asset core ships, read from its folder as the wallet's build copies it.
const gz = readFileSync(join(import.meta.dirname, '../../../core/data/esco/esco-v1.2.json.gz'));

describe('the ESCO asset as the browser receives it', () => {
  it.each([
    ['as the gzip file itself', new Uint8Array(gz)],
    ['already unzipped by the browser (sent with Content-Encoding: gzip)', new Uint8Array(gunzipSync(gz))],
  ])('reads it %s', async (_how, bytes) => {
    const esco = await escoFromAssetBytes(bytes);
    expect([esco.skills.size, esco.occupations.size]).toEqual([13_939, 3_039]);
  });

  it('refuses bytes that are neither', async () => {
    await expect(escoFromAssetBytes(new TextEncoder().encode('{"format":"x"}'))).rejects.toMatchObject({
      code: 'ERR_TAXONOMY_FORMAT',
    });
  });
});
