import { createServer, request as httpRequest } from 'node:http';
import { freePort } from './free-port.js';

/** A stand-in for the load balancer in front of several instances; see {@link startFront}. */
export interface Front {
  /** The public URL every instance is configured with. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The front of instances that share one public URL, as a load balancer stands there: each request
 * goes to the instance `target()` names at that moment (its own base URL), so a test chooses which
 * instance serves each step of a flow. Bodies and headers pass unchanged, both ways.
 */
export async function startFront(target: () => string): Promise<Front> {
  const server = createServer((req, res) => {
    const to = new URL(target());
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
