import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_STATUS_LIST_TTL_MS, loadConfig } from './config.js';
import { statusListTokenUrl, statusListUrl } from './domain/status-lists.js';
import {
  ADMIN_TOKEN,
  KMS_SECRET,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { evcRequest } from './test-support/requests.js';
import { newHolder, redeemOffer } from './test-support/wallet.js';

/** A Bitstring Status List's bit (multibase `u` + base64url of GZIP, most significant bit first). */
function bitstringBit(encodedList: string, index: number): boolean {
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return ((bytes[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

/** Within this long a revocation must show in a wallet or verifier (issue 15, item 4). */
const FIVE_MINUTES_MS = 5 * 60_000;

describe('status list freshness with the default configuration', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  let offsetMs = 0;
  let ttlMs: number;

  beforeAll(async () => {
    // The default as an operator gets it: loadConfig with no ISSUER_STATUS_LIST_TTL_MS set.
    const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-config-'));
    try {
      ttlMs = loadConfig(
        { ISSUER_KMS_SECRET: KMS_SECRET, ISSUER_ADMIN_TOKEN: ADMIN_TOKEN },
        dir,
      ).statusListTtlMs;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    issuer = await startIssuer({
      now: () => new Date(Date.now() + offsetMs),
      config: { statusListTtlMs: ttlMs },
    });
    org = await provisionOrg(issuer, 'vers', 'evc-provider');
  });
  afterAll(() => issuer.destroy());

  it('is one minute by default: well inside five, with room for a wallet’s own re-check', () => {
    expect(ttlMs).toBe(DEFAULT_STATUS_LIST_TTL_MS);
    expect(ttlMs).toBe(60_000);
    expect(ttlMs).toBeLessThanOrEqual(FIVE_MINUTES_MS / 2);
  });

  it('serves every envelope with ttl and max-age of one minute, and the revocation on the next request', async () => {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    expect((await redeemOffer(created.body.credential.offer.uri, newHolder())).status).toBe(200);
    const record = (await issuer.runtime.deps.store.credentials.find('vers', created.body.credential.id))!;
    const publicUrl = issuer.runtime.deps.config.publicUrl;
    const urls = {
      jwt: statusListUrl(publicUrl, 'vers', record.listNo, 'jwt_vc_json'),
      ldp: statusListUrl(publicUrl, 'vers', record.listNo, 'ldp_vc'),
      token: statusListTokenUrl(publicUrl, 'vers', record.listNo),
    };

    /** Each envelope's bit for the credential, checking the lifetimes it announces on the way. */
    const read = async () => {
      const out: Record<string, { revoked: boolean; etag: string }> = {};
      for (const [name, url] of Object.entries(urls)) {
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('public, max-age=60');
        const body = await response.text();
        let revoked: boolean;
        if (name === 'token') {
          const claims = decodeJwt(body);
          expect(claims.ttl).toBe(60);
          expect(claims.exp! - claims.iat!).toBe(120);
          revoked = getListFromStatusListJWT(body).getStatus(record.statusIndex) === 1;
        } else {
          const document: any = name === 'jwt' ? decodeJwt(body) : JSON.parse(body);
          const subject = document.vc?.credentialSubject ?? document.credentialSubject;
          expect(subject.ttl).toBe(60_000);
          expect(subject.encodedList).toMatch(/^u/);
          revoked = bitstringBit(subject.encodedList, record.statusIndex);
        }
        out[name] = { revoked, etag: response.headers.get('etag')! };
      }
      return out;
    };

    const before = await read();
    expect(Object.values(before).map((e) => e.revoked)).toEqual([false, false, false]);
    const revoke = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(created.body.credential.id)}/revoke`,
      { token: org.apiKey, body: { reason: 'issued in error' } },
    );
    expect(revoke.status).toBe(200);

    // No waiting: the very next request in each envelope has the bit, and a cache that revalidates
    // its old copy (If-None-Match) gets the new one, not a 304.
    const after = await read();
    expect(Object.values(after).map((e) => e.revoked)).toEqual([true, true, true]);
    for (const name of Object.keys(urls) as (keyof typeof urls)[]) {
      expect(after[name]!.etag).not.toBe(before[name]!.etag);
      const revalidated = await fetch(urls[name], { headers: { 'if-none-match': before[name]!.etag } });
      expect(revalidated.status).toBe(200);
    }

    // A token is signed again once less than one ttl of its validity is left, so no cached copy
    // outlives its exp: a minute and a second later the token is new.
    const first = decodeJwt(await (await fetch(urls.token)).text());
    offsetMs += 61_000;
    const later = decodeJwt(await (await fetch(urls.token)).text());
    expect(later.iat!).toBeGreaterThan(first.iat!);
    expect(later.exp! - later.iat!).toBe(120);
  });
});
