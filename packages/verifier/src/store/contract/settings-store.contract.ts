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

    it('inTurn runs the work of instances one at a time under one name, each seeing what the one before stored', async () => {
      const name = freshId('turn');
      const key = freshId('key');
      const events: string[] = [];
      await withInstance(open, async (b) => {
        const work = (who: string, stores: typeof b) => async () => {
          events.push(`${who} in`);
          // The first in stores the value; every later one finds it stored.
          const found = await stores.setting(key);
          if (found === undefined) await stores.settingOnce(key, who);
          events.push(`${who} out`);
          return found ?? 'seeded';
        };
        const results = await Promise.all([
          a.stores.inTurn(name, work('a1', a.stores)),
          b.inTurn(name, work('b1', b)),
          a.stores.inTurn(name, work('a2', a.stores)),
          b.inTurn(name, work('b2', b)),
        ]);
        expect(results.filter((r) => r === 'seeded')).toHaveLength(1);
        const seeder = await a.stores.setting(key);
        expect(results.filter((r) => r === seeder)).toHaveLength(3);
      });
      // Never two inside at once: every "in" is followed by its own "out".
      for (let i = 0; i < events.length; i += 2)
        expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    });

    it("inTurn passes the work's error on and ends the turn, so the next one runs", async () => {
      const name = freshId('turn');
      await expect(a.stores.inTurn(name, () => Promise.reject(new Error('work failed')))).rejects.toThrow(
        'work failed',
      );
      await withInstance(open, async (b) => {
        await expect(b.inTurn(name, () => Promise.resolve('next'))).resolves.toBe('next');
      });
      await expect(a.stores.inTurn(name, () => Promise.resolve('again'))).resolves.toBe('again');
    });

    it('inTurn under different names does not wait', async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = a.stores.inTurn(freshId('turn'), () => held);
      await withInstance(open, async (b) => {
        await expect(b.inTurn(freshId('turn'), () => Promise.resolve('other'))).resolves.toBe('other');
      });
      release();
      await first;
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
