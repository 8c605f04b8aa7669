import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSkillsPassportError } from '@skills-passport/core';
import { EnvReader } from './env-reader.js';

function problemsOf(read: EnvReader): string[] {
  try {
    read.finish('test');
    return [];
  } catch (error) {
    if (!isSkillsPassportError(error, 'ERR_CONFIG_INVALID')) throw error;
    return error.issues.map((issue) => issue.message);
  }
}

describe('EnvReader', () => {
  it('[request bodies] lists every problem at once, each starting with its variable', () => {
    const read = new EnvReader({
      PORT: '99999',
      FLAG: 'maybe',
      URL: 'http://verifier.example.org',
      LOG_LEVEL: 'loud',
      TOKEN: 'short',
    });
    read.integer('PORT', { fallback: 1, min: 1, max: 65535 });
    read.flag('FLAG');
    read.publicUrl('URL', 'http://localhost:1');
    read.secret('TOKEN', { test: (v) => v.length >= 16, description: 'at least 16 characters' });
    read.secret('MISSING', { test: () => true, description: 'a secret' });
    read.logLevel();
    expect(problemsOf(read).map((m) => m.split(' ')[0])).toEqual([
      'PORT',
      'FLAG',
      'URL',
      'TOKEN',
      'MISSING',
      'LOG_LEVEL',
    ]);
  });

  it('reads defaults, whole numbers, flags and paths', () => {
    const read = new EnvReader({ N: '42', F: '1', P: 'data/x', LOG_LEVEL: 'warn' }, '/srv');
    expect(read.integer('N', { fallback: 0, min: 0, max: 100 })).toBe(42);
    expect(read.integer('UNSET', { fallback: 7, min: 0, max: 100 })).toBe(7);
    expect(read.flag('F')).toBe(true);
    expect(read.flag('UNSET')).toBe(false);
    expect(read.path('P', 'other')).toBe('/srv/data/x');
    expect(read.logLevel()).toBe('warn');
    expect(problemsOf(read)).toEqual([]);
  });

  it.each([
    ['https://issuer.example', {}, true],
    ['http://localhost:3001', {}, true],
    ['http://127.0.0.1:3001', {}, true],
    ['http://issuer.example', {}, false],
    ['https://issuer.example/path', {}, false],
    ['https://issuer.example/path', { allowPath: true }, true],
    ['https://issuer.example/?q=1', {}, false],
    ['https://user:pw@issuer.example', {}, false],
    ['not a url', {}, false],
  ])('[request bodies] public URL %s %j is accepted: %s', (url, options, ok) => {
    const read = new EnvReader({ URL: url });
    read.publicUrl('URL', 'http://localhost:1', options);
    expect(problemsOf(read).length === 0).toBe(ok);
  });

  it('[request bodies] reads an optional URL only when it is set, by the same rules', () => {
    const read = new EnvReader({ SET: 'https://wallet.example/app/', BAD: 'http://wallet.example' });
    expect(read.optionalPublicUrl('UNSET')).toBeUndefined();
    expect(read.optionalPublicUrl('SET', { allowPath: true })?.href).toBe('https://wallet.example/app/');
    read.optionalPublicUrl('BAD');
    expect(problemsOf(read).map((m) => m.split(' ')[0])).toEqual(['BAD']);
  });

  it('[request bodies] refuses numbers that are not whole or out of range', () => {
    for (const raw of ['1.5', '1e3', '-1', 'ten', '70000']) {
      const read = new EnvReader({ N: raw });
      read.integer('N', { fallback: 0, min: 0, max: 65535 });
      expect(problemsOf(read)).toHaveLength(1);
    }
  });

  it('generates a demo secret once and keeps it in the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-env-'));
    try {
      const demo = { dataDir: join(dir, 'data'), file: 'demo-token', make: () => 'x'.repeat(30) };
      const first = new EnvReader({}).secret('TOKEN', { test: () => true, description: '' }, demo);
      const again = new EnvReader({}).secret(
        'TOKEN',
        { test: () => true, description: '' },
        { ...demo, make: () => 'never used' },
      );
      expect(first).toBe('x'.repeat(30));
      expect(again).toBe(first);
      expect(readFileSync(join(dir, 'data', 'demo-token'), 'utf8')).toBe(`${first}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads how many reverse proxies may name the client (none unless told)', () => {
    expect(new EnvReader({}).trustProxyHops()).toBe(0);
    expect(new EnvReader({ TRUST_PROXY_HOPS: '1' }).trustProxyHops()).toBe(1);
    const read = new EnvReader({ TRUST_PROXY_HOPS: 'yes' });
    read.trustProxyHops();
    expect(() => read.finish('test')).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('reads the shared PostgreSQL database, and never echoes its URL in a problem', () => {
    expect(new EnvReader({}).database()).toBeUndefined();
    const url = 'postgres://issuer:s3cret@db.internal:5432/passport';
    expect(new EnvReader({ DATABASE_URL: url, DATABASE_POOL_SIZE: '25' }).database()).toEqual({
      url,
      poolSize: 25,
    });
    expect(new EnvReader({ DATABASE_URL: 'postgresql://db/passport' }).database()?.poolSize).toBe(10);
    const read = new EnvReader({ DATABASE_URL: 'mysql://root:s3cret@db/passport', DATABASE_POOL_SIZE: '0' });
    expect(read.database()).toBeUndefined();
    const problems = problemsOf(read);
    expect(problems.map((m) => m.split(' ')[0])).toEqual(['DATABASE_POOL_SIZE', 'DATABASE_URL']);
    expect(problems.join(' ')).not.toContain('s3cret');
    // A turn holds a connection while its work uses others: fewer than 3 could wait on itself.
    const small = new EnvReader({ DATABASE_URL: url, DATABASE_POOL_SIZE: '2' });
    small.database();
    expect(problemsOf(small).map((m) => m.split(' ')[0])).toEqual(['DATABASE_POOL_SIZE']);
  });
});
