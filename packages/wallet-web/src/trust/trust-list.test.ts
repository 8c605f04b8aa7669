// The trust list the wallet reads (contract B, the verifier's GET /api/trust-list) and the
// learner's choice of it: a loopback server answering as the verifier does (or does not), read
// with the wallet's own code in Node; the choice kept in an in-memory settings store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWalletError } from '../errors.js';
import { chooseTrustList, trustListInUse, useTrustListStore } from './trust-list-choice.js';
import { fetchTrustList, readTrustList } from './trust-list.js';

const entry = {
  did: 'did:web:roc.test',
  name: 'ROC Zorgopleidingen Midden',
  kind: 'training-provider',
  accreditedTypes: ['ModuleCredential'],
  catalogue: 'https://issuer.test/api/catalogues/zorgopleidingen',
};
const evc = {
  did: 'did:web:evc.test',
  name: 'EVC Centrum',
  kind: 'evc-provider',
  accreditedTypes: ['EVCCredential'],
  intake: 'https://issuer.test/api/intake/evc-zorg-nl',
};

const answers = new Map<string, [number, string]>();
const hits: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const [status, body] = answers.get(req.url ?? '') ?? [404, '{"code":"ERR_NOT_FOUND"}'];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  answers.set('/ok', [200, JSON.stringify({ issuers: [entry, evc] })]);
  answers.set('/other', [200, JSON.stringify({ issuers: [evc] })]);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    return isWalletError(error) ? error.code : `uncoded: ${String(error)}`;
  }
}

describe('fetchTrustList', () => {
  it('reads the organisations with their catalogue and intake services', async () => {
    await expect(fetchTrustList(`${base}/ok`)).resolves.toEqual([entry, evc]);
  });

  it.each([
    ['an extra member', { issuers: [{ ...entry, secret: 1 }] }, 'ERR_TRUST_LIST_INVALID'],
    [
      'a plain-http catalogue elsewhere',
      { issuers: [{ ...entry, catalogue: 'http://x.example/c' }] },
      'ERR_TRUST_LIST_INVALID',
    ],
    ['no name', { issuers: [{ ...entry, name: '' }] }, 'ERR_TRUST_LIST_INVALID'],
    ['an array', [entry], 'ERR_TRUST_LIST_INVALID'],
    ['not JSON', '<html>', 'ERR_TRUST_LIST_INVALID'],
  ])('refuses %s', async (_, body, code) => {
    const path = `/case-${hits.length}-${Math.random().toString(36).slice(2)}`;
    answers.set(path, [200, typeof body === 'string' ? body : JSON.stringify(body)]);
    await expect(codeOf(fetchTrustList(`${base}${path}`))).resolves.toBe(code);
  });

  it('says when the list cannot be reached, or is not https', async () => {
    await expect(codeOf(fetchTrustList(`${base}/missing`))).resolves.toBe('ERR_TRUST_LIST_UNREACHABLE');
    await expect(codeOf(fetchTrustList('http://trust.example.com/api/trust-list'))).resolves.toBe(
      'ERR_INSECURE_URL',
    );
  });
});

describe('readTrustList and the learner’s choice', () => {
  const settings = new Map<string, string>();
  beforeAll(() => {
    useTrustListStore({
      setting: (key) => Promise.resolve(settings.get(key)),
      putSetting: (key, value) => {
        settings.set(key, value);
        return Promise.resolve();
      },
    });
  });

  it('reads nothing without a configured or chosen list', async () => {
    // No wallet-config.json here (no page): the configuration is empty.
    await expect(trustListInUse()).resolves.toMatchObject({ from: 'config', choice: { kind: 'config' } });
    await expect(readTrustList()).resolves.toEqual([]);
  });

  it('reads the chosen list once per visit, again after the choice changes, and none once cleared', async () => {
    await chooseTrustList({ kind: 'url', url: ` ${base}/ok ` });
    await expect(trustListInUse()).resolves.toMatchObject({ url: `${base}/ok`, from: 'settings' });
    const before = hits.length;
    await expect(readTrustList()).resolves.toHaveLength(2);
    await expect(readTrustList()).resolves.toHaveLength(2);
    expect(hits.length - before).toBe(1);
    await chooseTrustList({ kind: 'url', url: `${base}/other` });
    await expect(readTrustList()).resolves.toEqual([evc]);
    await chooseTrustList({ kind: 'none' });
    await expect(readTrustList()).resolves.toEqual([]);
  });

  it('refuses a list that is not https, and keeps the choice it had', async () => {
    await chooseTrustList({ kind: 'url', url: `${base}/ok` });
    await expect(
      codeOf(chooseTrustList({ kind: 'url', url: 'http://trust.example.com/list' })),
    ).resolves.toBe('ERR_INSECURE_URL');
    await expect(trustListInUse()).resolves.toMatchObject({ url: `${base}/ok` });
  });

  it('does not keep a failed read', async () => {
    answers.set('/flaky', [503, '{}']);
    await chooseTrustList({ kind: 'url', url: `${base}/flaky` });
    await expect(codeOf(readTrustList())).resolves.toBe('ERR_TRUST_LIST_UNREACHABLE');
    answers.set('/flaky', [200, JSON.stringify({ issuers: [entry] })]);
    await expect(readTrustList()).resolves.toEqual([entry]);
  });
});
