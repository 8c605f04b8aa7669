import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import {
  createStatusBitstring,
  decodeStatusList,
  encodeStatusList,
  parseStatusIndex,
  setStatusBit,
  statusBit,
} from './status-list.js';

const encode = (bytes: Uint8Array): string => `u${Buffer.from(gzipSync(bytes)).toString('base64url')}`;

describe('Bitstring Status List', () => {
  it('puts index 0 in the most significant bit of the first byte', async () => {
    const bytes = new Uint8Array(16_384);
    bytes[0] = 0b1000_0000;
    bytes[1] = 0b0000_0001;
    const decoded = await decodeStatusList(encode(bytes));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.list.length).toBe(131_072);
    expect([0, 1, 7, 8, 15].map((i) => statusBit(decoded.list, i))).toEqual([1, 0, 0, 0, 1]);
    expect(statusBit(decoded.list, 131_072)).toBeUndefined();
  });

  it('[property tests] status list: encode then decode keeps exactly the set indexes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat({ max: 131_071 }), { maxLength: 50 }), async (indexes) => {
        const list = createStatusBitstring();
        for (const index of indexes) setStatusBit(list, index, true);
        const decoded = await decodeStatusList(await encodeStatusList(list));
        if (!decoded.ok) throw new Error(decoded.reason);
        const set = new Set(indexes);
        for (const index of [...indexes, 0, 1, 131_071])
          expect(statusBit(decoded.list, index)).toBe(set.has(index) ? 1 : 0);
        expect(Buffer.from(decoded.list.bytes).equals(Buffer.from(list.bytes))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('[property tests] status list: a list expanding past the bound is refused, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.nat({ max: 255 }), async (extraKiB, fill) => {
        const bound = 64 * 1024;
        const bytes = new Uint8Array(bound + extraKiB * 1024).fill(fill);
        const decoded = await decodeStatusList(encode(bytes), { maxBytes: bound });
        expect(decoded).toMatchObject({ ok: false, code: 'ERR_STATUS_LIST_TOO_LARGE' });
      }),
      { numRuns: 10 },
    );
  });

  // Making the bomb (compressing 16 MiB) is the slow part; under a loaded machine it may pass 5 s.
  it('[status lists] refuses a small gzip bomb under the default bound', async () => {
    const bomb = encode(new Uint8Array(16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(50_000);
    expect(await decodeStatusList(bomb)).toMatchObject({ ok: false, code: 'ERR_STATUS_LIST_TOO_LARGE' });
  }, 30_000);

  it.each([
    [
      'no multibase prefix',
      Buffer.from(gzipSync(new Uint8Array(16_384))).toString('base64url'),
      'ERR_STATUS_LIST_INVALID',
    ],
    ['not a string', 42, 'ERR_STATUS_LIST_INVALID'],
    ['not base64url', 'u+/+/', 'ERR_STATUS_LIST_INVALID'],
    ['not gzip', `u${Buffer.from('hello world').toString('base64url')}`, 'ERR_STATUS_LIST_INVALID'],
    ['shorter than 131072 entries', encode(new Uint8Array(1024)), 'ERR_STATUS_LIST_INVALID'],
  ])('[status lists] refuses %s', async (_name, encoded, code) => {
    expect(await decodeStatusList(encoded)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['0', 0],
    ['94567', 94_567],
    [12, 12],
    ['-1', undefined],
    ['01', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['', undefined],
    [1.5, undefined],
    [null, undefined],
  ])('reads statusListIndex %p as %p', (value, expected) => {
    expect(parseStatusIndex(value)).toBe(expected);
  });
});
