import { Agent, request } from 'node:http';

/** A response read whole. */
export interface Reply {
  status: number;
  text: string;
  json<T>(): T;
}

/**
 * The load generator's HTTP client: node:http on kept-alive connections, as autocannon is for
 * http_issue. On this 2-core machine the load shares the cores with the issuer, so what the
 * client spends is taken from what is measured, and `fetch` (undici) spends about four times as
 * much (see the redeem bench); a wallet on its own device costs the issuer's machine nothing.
 */
export function keepAliveClient(connections: number): {
  call(
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Reply>;
  close(): void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return {
    call(url, init = {}) {
      const { method = 'GET', headers = {}, body } = init;
      return new Promise<Reply>((resolve, reject) => {
        const sent = request(
          url,
          {
            method,
            agent,
            headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: response.statusCode ?? 0, text, json: <T>() => JSON.parse(text) as T });
            });
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
