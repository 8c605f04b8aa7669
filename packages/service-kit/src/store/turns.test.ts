import { describe, expect, it } from '@jest/globals';
import { Turns } from './turns.js';

describe('Turns', () => {
  it('runs bodies under one name one after another, and others alongside', async () => {
    const turns = new Turns();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = turns.take('a', async () => {
      log.push('a1 start');
      await firstHeld;
      log.push('a1 end');
      return 1;
    });
    const second = turns.take('a', () => {
      log.push('a2 start');
      return Promise.resolve(2);
    });
    // Another name does not wait for 'a'.
    await turns.take('b', () => {
      log.push('b');
      return Promise.resolve();
    });
    expect(log).toEqual(['a1 start', 'b']);
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2 start']);
  });

  it('gives the next body its turn after one that failed', async () => {
    const turns = new Turns();
    const failed = turns.take('a', () => Promise.reject(new Error('no')));
    const next = turns.take('a', () => Promise.resolve('yes'));
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('yes');
  });
});
