// The wallet's one bounded GET (fetchText), in Node against a real loopback server (the same fetch
// the browser has): an answer past the size cap is refused without reading it all — an endless
// body is cut off at the cap — and a refusal's code still reaches the caller.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWalletError, WalletError } from '../errors.js';
import { errorBody, fetchText } from './http.js';

const KIB = 1024;
let server: Server;
let base: string;
/** Bytes the endless answer had written when the client went away. */
let endlessWritten = 0;

/** Writes `size` bytes of 'a' in 1 KiB chunks, with or without a Content-Length. */
function sendBytes(res: ServerResponse, size: number, declared: boolean): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(declared ? { 'content-length': String(size) } : {}),
  });
  for (let sent = 0; sent < size; sent += KIB) res.write('a'.repeat(Math.min(KIB, size - sent)));
  res.end();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const size = Number(url.searchParams.get('size') ?? 0);
    if (url.pathname === '/declared') return sendBytes(res, size, true);
    if (url.pathname === '/chunked') return sendBytes(res, size, false);
    if (url.pathname === '/endless') {
      endlessWritten = 0;
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'a'.repeat(16 * KIB);
      const more = () => {
        while (!res.destroyed && endlessWritten < 64 * 1024 * KIB) {
          endlessWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      return more();
    }
    if (url.pathname === '/refused') {
      res.writeHead(410, { 'content-type': 'application/problem+json' });
      return void res.end(JSON.stringify({ status: 410, code: 'ERR_VACANCY_WITHDRAWN' }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, maxBytes: number) =>
  fetchText(`${base}${path}`, { unreachable: 'ERR_ISSUER_UNREACHABLE', maxBytes });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isWalletError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'resolved';
}

describe('fetchText', () => {
  it('returns a body of exactly the cap, with or without a Content-Length', async () => {
    await expect(get(`/declared?size=${8 * KIB}`, 8 * KIB)).resolves.toHaveLength(8 * KIB);
    await expect(get(`/chunked?size=${8 * KIB}`, 8 * KIB)).resolves.toHaveLength(8 * KIB);
  });

  it('[faults] refuses a body one byte over the cap, declared or not', async () => {
    await expect(codeOf(get(`/declared?size=${8 * KIB + 1}`, 8 * KIB))).resolves.toMatch(
      /^ERR_ISSUER_UNREACHABLE: .*too large$/,
    );
    await expect(codeOf(get(`/chunked?size=${8 * KIB + 1}`, 8 * KIB))).resolves.toMatch(
      /^ERR_ISSUER_UNREACHABLE: .*too large$/,
    );
  });

  it('[faults] stops reading an endless body at the cap instead of holding it all', async () => {
    await expect(codeOf(get('/endless', 64 * KIB))).resolves.toMatch(/too large$/);
    // The server wrote what the socket buffers took before the wallet hung up, far below the 64 MiB
    // it would have sent to a reader of the whole body.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(endlessWritten).toBeLessThan(16 * 1024 * KIB);
  });

  it('hands a refusal’s body to the caller, who names what happened', async () => {
    const refusal = (status: number, text: string) =>
      status === 410 && errorBody(text).code === 'ERR_VACANCY_WITHDRAWN'
        ? new WalletError('ERR_VACANCY_WITHDRAWN', 'withdrawn')
        : undefined;
    await expect(
      codeOf(fetchText(`${base}/refused`, { unreachable: 'ERR_ISSUER_UNREACHABLE', refusal })),
    ).resolves.toMatch(/^ERR_VACANCY_WITHDRAWN/);
  });
});
