import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshId, withInstance, type OpenedStores, type OpenStores } from './stores-under-test.js';

/** Every guarantee of `SettingsStore`, against the adapter `open` opens. */
export function settingsStoreContract(open: OpenStores): void {
  describe('SettingsStore contract', () => {
    let a: OpenedStores;
    beforeAll(async () => {
      a = await open();
    });
    afterAll(async () => {
      await a.close();
    });

    it('has no value for a key never set', async () => {
      await expect(a.stores.setting(freshId('key'))).resolves.toBeUndefined();
    });

    it('settingOnce stores the value of a key not set yet and returns it', async () => {
      const key = freshId('key');
      await expect(a.stores.settingOnce(key, 'first')).resolves.toBe('first');
      await expect(a.stores.setting(key)).resolves.toBe('first');
    });

    it('settingOnce keeps the first value: a later value is ignored and the first returned', async () => {
      const key = freshId('key');
      await a.stores.settingOnce(key, 'first');
      await expect(a.stores.settingOnce(key, 'second')).resolves.toBe('first');
      await expect(a.stores.setting(key)).resolves.toBe('first');
    });

    it('instances racing to set a key all get the one value that is kept', async () => {
      const key = freshId('key');
      await withInstance(open, async (b) => {
        const values = ['a1', 'b1', 'a2', 'b2', 'a3', 'b3'];
        const returned = await Promise.all(
          values.map((value, i) => (i % 2 === 0 ? a.stores : b).settingOnce(key, value)),
        );
        expect(new Set(returned).size).toBe(1);
        expect(values).toContain(returned[0]);
        await expect(b.setting(key)).resolves.toBe(returned[0]);
        await expect(a.stores.setting(key)).resolves.toBe(returned[0]);
      });
    });

    it('keeps values for instances opened later', async () => {
      const key = freshId('key');
      await withInstance(open, (b) => b.settingOnce(key, 'kept'));
      await withInstance(open, async (c) => {
        await expect(c.setting(key)).resolves.toBe('kept');
        await expect(c.settingOnce(key, 'other')).resolves.toBe('kept');
      });
    });
  });
}
