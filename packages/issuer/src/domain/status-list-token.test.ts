import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatusList, getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { evcRequest } from '../test-support/requests.js';
import { newHolder, redeemOffer } from '../test-support/wallet.js';
import type { StoredStatusList } from '../ports.js';
import { STATUS_LIST_LENGTH, statusListTokenUrl } from './status-lists.js';
import { encodeTokenStatusList, tokenStatusBytes } from './status-list-token.js';

// The IETF Token Status List token of each list (for SD-JWT VC), from the same records as the
// Bitstring lists: checked with @sd-jwt/jwt-status-list directly and against the draft's example.

/** Bitstring lists (most significant bit first) with the given indexes set. */
function storedList(revoked: number[], suspended: number[], length = 64): StoredStatusList {
  const bits = (indexes: number[]) => {
    const bytes = new Uint8Array(length / 8);
    for (const i of indexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
    return bytes;
  };
  return { revoked: bits(revoked), suspended: bits(suspended), version: 1 };
}

describe('token status list encoding', () => {
  it('compresses as the draft’s 2-bit example does (ZLIB, highest level)', () => {
    // draft-ietf-oauth-status-list, "Status List Token with 2-Bit Status Values": bytes C9 44 F9.
    expect(encodeTokenStatusList(Uint8Array.from([0xc9, 0x44, 0xf9]))).toBe('eNo76fITAAPfAgc');
  });

  it('packs two bits per credential, least significant first; revocation wins over suspension', () => {
    const list = storedList([0, 5, 7, 9], [1, 9, 11]);
    const bytes = tokenStatusBytes(list);
    expect(bytes).toHaveLength(16);
    // Index 0 = 1, 1 = 2, 5 = 1, 7 = 1, 9 = 1 (revoked and suspended), 11 = 2.
    expect([...bytes.subarray(0, 3)]).toEqual([0b00001001, 0b01000100, 0b10000100]);
    const decoded = StatusList.decompressStatusList(encodeTokenStatusList(bytes), 2);
    expect(decoded.statusList.slice(0, 12)).toEqual([1, 2, 0, 0, 0, 1, 0, 1, 0, 1, 0, 2]);
  });

  it('covers every entry of a full list', () => {
    const list = storedList([STATUS_LIST_LENGTH - 1], [STATUS_LIST_LENGTH - 2], STATUS_LIST_LENGTH);
    const decoded = StatusList.decompressStatusList(encodeTokenStatusList(tokenStatusBytes(list)), 2);
    expect(decoded.statusList).toHaveLength(STATUS_LIST_LENGTH);
    expect(decoded.getStatus(STATUS_LIST_LENGTH - 1)).toBe(1);
    expect(decoded.getStatus(STATUS_LIST_LENGTH - 2)).toBe(2);
  });
});

describe('GET /status/:slug/:list/token', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  beforeAll(async () => {
    issuer = await startIssuer({ config: { statusListTtlMs: 120_000 } });
    org = await provisionOrg(issuer, 'tsl-org', 'evc-provider');
  });
  afterAll(() => issuer.destroy());

  async function issued() {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    expect((await redeemOffer(created.body.credential.offer.uri, newHolder())).status).toBe(200);
    const record = await issuer.runtime.deps.store.credentials.find('tsl-org', created.body.credential.id);
    return { id: created.body.credential.id as string, listNo: record!.listNo, index: record!.statusIndex };
  }
  const change = (id: string, action: 'revoke' | 'suspend' | 'unsuspend') =>
    call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(id)}/${action}`, {
      token: org.apiKey,
      body: action === 'revoke' ? { reason: 'issued in error' } : {},
    });

  async function verifiedToken(listNo: number) {
    const url = statusListTokenUrl(issuer.runtime.deps.config.publicUrl, 'tsl-org', listNo);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/statuslist+jwt');
    expect(response.headers.get('cache-control')).toBe('public, max-age=120');
    const token = await response.text();
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ typ: 'statuslist+jwt', alg: 'ES256', kid: `${org.did}#key-1-p256` });
    const did = await call(issuer.url, 'GET', '/orgs/tsl-org/did.json');
    const method = did.body.verificationMethod.find((m: { id: string }) => m.id === header.kid);
    expect(did.body.assertionMethod).toContain(header.kid);
    await compactVerify(token, await importJWK(method.publicKeyJwk, 'ES256'));
    return { token, url, etag: response.headers.get('etag')! };
  }

  it('shows VALID, INVALID and SUSPENDED after revoke, suspend and reinstate through the admin routes', async () => {
    const untouched = await issued();
    const revoked = await issued();
    const suspended = await issued();
    expect(new Set([untouched.listNo, revoked.listNo, suspended.listNo]).size).toBe(1);
    expect((await change(revoked.id, 'revoke')).status).toBe(200);
    expect((await change(suspended.id, 'suspend')).status).toBe(200);

    const { token, url } = await verifiedToken(untouched.listNo);
    const claims = decodeJwt(token);
    expect(claims.sub).toBe(url);
    expect(url).toBe(`${issuer.url}/status/tsl-org/${untouched.listNo}/token`);
    expect(claims).toMatchObject({ iss: org.did, ttl: 120, status_list: { bits: 2 } });
    expect(claims.exp! - claims.iat!).toBe(240);
    const list = getListFromStatusListJWT(token);
    expect(list.getBitsPerStatus()).toBe(2);
    expect(list.statusList).toHaveLength(STATUS_LIST_LENGTH);
    expect(list.getStatus(untouched.index)).toBe(0x00);
    expect(list.getStatus(revoked.index)).toBe(0x01);
    expect(list.getStatus(suspended.index)).toBe(0x02);

    expect((await change(suspended.id, 'unsuspend')).status).toBe(200);
    const reinstated = getListFromStatusListJWT((await verifiedToken(untouched.listNo)).token);
    expect(reinstated.getStatus(suspended.index)).toBe(0x00);
    expect(reinstated.getStatus(revoked.index)).toBe(0x01);
  });

  it('answers 304 to its ETag while the list is unchanged, and a new token after a change', async () => {
    const credential = await issued();
    const first = await verifiedToken(credential.listNo);
    const again = await fetch(first.url, { headers: { 'if-none-match': first.etag } });
    expect(again.status).toBe(304);
    await change(credential.id, 'suspend');
    const after = await verifiedToken(credential.listNo);
    expect(after.etag).not.toBe(first.etag);
    expect(getListFromStatusListJWT(after.token).getStatus(credential.index)).toBe(0x02);
  });

  it('signs with the newest P-256 key after a rotation', async () => {
    const credential = await issued();
    await call(issuer.url, 'POST', '/admin/organisations/tsl-org/keys', {
      token: 'test-admin-token-0123456789abcdef',
    });
    await change(credential.id, 'revoke');
    const url = statusListTokenUrl(issuer.runtime.deps.config.publicUrl, 'tsl-org', credential.listNo);
    expect(decodeProtectedHeader(await (await fetch(url)).text()).kid).toBe(`${org.did}#key-2-p256`);
  });

  it.each([
    ['an unknown list', '/status/tsl-org/99/token'],
    ['a list number that is no number', '/status/tsl-org/x1/token'],
    ['an unknown organisation', '/status/nobody/1/token'],
  ])('[access control] answers 404 for %s', async (_name, path) => {
    const response = await call(issuer.url, 'GET', path);
    expect(response).toMatchObject({ status: 404, body: { code: 'ERR_NOT_FOUND' } });
  });
});
