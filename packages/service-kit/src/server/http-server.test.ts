import { describe, expect, it } from '@jest/globals';
import { request as httpRequest, Agent } from 'node:http';
import { listen } from './http-server.js';

/** A GET over a keep-alive agent; resolves with status, body and whether the server kept the connection. */
function get(
  port: number,
  path: string,
  agent: Agent,
): Promise<{ status: number; body: string; connection: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, connection: String(res.headers.connection) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listen', () => {
  it('[faults] on stop, finishes the requests in flight, then refuses new connections', async () => {
    let release!: () => void;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = await listen(
      (req, res) => {
        if (req.url === '/slow') {
          started();
          void gate.then(() => res.end('finished'));
        } else res.end('quick');
      },
      { port: 0, host: '127.0.0.1', timeouts: { drainMs: 5_000 } },
    );
    const agent = new Agent({ keepAlive: true });
    expect((await get(running.port, '/quick', agent)).body).toBe('quick');
    const slow = get(running.port, '/slow', agent);
    await inFlight;
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    await expect(get(running.port, '/quick', new Agent())).rejects.toThrow();
    release();
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: 'finished', connection: 'close' });
    await stopping;
    expect(stopped).toBe(true);
    agent.destroy();
  });

  it('[faults] cuts off requests still running after the drain deadline', async () => {
    const running = await listen(
      () => {
        // never answers
      },
      { port: 0, host: '127.0.0.1', timeouts: { drainMs: 200 } },
    );
    const hanging = get(running.port, '/hang', new Agent()).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await hanging).toMatch(/socket hang up|ECONNRESET/);
  });

  it('sets the request, header and keep-alive timeouts', async () => {
    const running = await listen((_req, res) => res.end(), {
      port: 0,
      host: '127.0.0.1',
      timeouts: { requestMs: 1234, headersMs: 567, keepAliveMs: 89 },
    });
    expect([
      running.server.requestTimeout,
      running.server.headersTimeout,
      running.server.keepAliveTimeout,
    ]).toEqual([1234, 567, 89]);
    await running.stop();
  });
});
