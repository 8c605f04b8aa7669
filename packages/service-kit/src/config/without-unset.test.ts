import { describe, expect, it } from '@jest/globals';
import { withoutUnset } from './without-unset.js';

describe('withoutUnset', () => {
  it('keeps the settings that are set, falsy ones too, and leaves out the unset ones', () => {
    const url = new URL('https://wallet.example/');
    const kept = withoutUnset({ url, none: undefined, zero: 0, empty: '', off: false });
    expect(kept).toStrictEqual({ url, zero: 0, empty: '', off: false });
    expect(Object.keys(kept)).not.toContain('none');
  });
});
