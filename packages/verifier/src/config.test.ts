import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults for everything but the admin token', () => {
    const config = loadConfig({ VERIFIER_ADMIN_TOKEN: 'a-long-enough-admin-token' }, '/srv');
    expect(config).toMatchObject({
      port: 3002,
      dataDir: '/srv/data/verifier',
      allowInsecureLocalhost: false,
      // A week (was 10 minutes: issue 15 found the demo request expired before anyone used it).
      requestTtlSeconds: 604_800,
      clockSkewSeconds: 60,
    });
    expect(config.publicUrl.href).toBe('http://localhost:3002/');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast, listing every problem at once', () => {
    let caught: any;
    try {
      loadConfig({
        VERIFIER_PORT: '99999',
        VERIFIER_PUBLIC_URL: 'http://verifier.example.org',
        VERIFIER_ALLOW_INSECURE_LOCALHOST: 'maybe',
        VERIFIER_REQUEST_TTL_SECONDS: '5',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught?.code).toBe('ERR_CONFIG_INVALID');
    expect(caught.issues.map((i: any) => i.message.split(' ')[0])).toEqual([
      'VERIFIER_PORT',
      'VERIFIER_ALLOW_INSECURE_LOCALHOST',
      'VERIFIER_PUBLIC_URL',
      'VERIFIER_ADMIN_TOKEN',
      'VERIFIER_REQUEST_TTL_SECONDS',
      'LOG_LEVEL',
    ]);
  });

  it('takes a request lifetime up to 30 days, and no more', () => {
    const env = { VERIFIER_ADMIN_TOKEN: 'a-long-enough-admin-token' };
    expect(loadConfig({ ...env, VERIFIER_REQUEST_TTL_SECONDS: '2592000' }).requestTtlSeconds).toBe(2_592_000);
    expect(() => loadConfig({ ...env, VERIFIER_REQUEST_TTL_SECONDS: '2592001' })).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }),
    );
  });

  it("takes the web wallet a vacancy's page opens, if any; not a plain-http wallet elsewhere than localhost", () => {
    const env = { VERIFIER_ADMIN_TOKEN: 'a-long-enough-admin-token' };
    expect(loadConfig(env).walletUrl).toBeUndefined();
    expect(loadConfig({ ...env, VERIFIER_WALLET_URL: 'http://localhost:3000' }).walletUrl?.href).toBe(
      'http://localhost:3000/',
    );
    expect(
      loadConfig({ ...env, VERIFIER_WALLET_URL: 'https://wallet.example.org/app/' }).walletUrl?.href,
    ).toBe('https://wallet.example.org/app/');
    expect(() => loadConfig({ ...env, VERIFIER_WALLET_URL: 'http://wallet.example.org' })).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }),
    );
  });

  it('keeps a generated admin token in the data directory in demo mode only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-config-'));
    const first = loadConfig({ VERIFIER_DEMO: 'true', VERIFIER_DATA_DIR: dir });
    const second = loadConfig({ VERIFIER_DEMO: 'true', VERIFIER_DATA_DIR: dir });
    expect(first.adminToken.length).toBeGreaterThanOrEqual(16);
    expect(second.adminToken).toBe(first.adminToken);
  });
});
