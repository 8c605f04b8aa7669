import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the server waits for clients, and for in-flight requests when it stops. */
export interface ServerTimeouts {
  /** A whole request, headers and body, must arrive within this. */
  requestMs: number;
  /** The headers must arrive within this (slow-loris). */
  headersMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** On stop, requests still running after this are cut off. */
  drainMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  keepAliveMs: 5_000,
  drainMs: 10_000,
};

/** A listening HTTP server that can stop gracefully. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /**
   * Stops accepting connections, lets every request in flight finish (closing each connection as
   * its response ends), and resolves once none is left — or cuts the rest off after `drainMs`.
   */
  stop(): Promise<void>;
}

/** Listens on `host:port` (0 = any free port) with the given timeouts. */
export async function listen(
  handler: RequestListener,
  options: { port: number; host: string; timeouts?: Partial<ServerTimeouts> },
): Promise<RunningServer> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const server = createServer(handler);
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;

  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    // Once stopping, no connection is kept for another request.
    if (stopping) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight.delete(res);
      if (stopping) server.closeIdleConnections();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let stopped: Promise<void> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        for (const res of inFlight) res.shouldKeepAlive = false;
        const deadline = setTimeout(() => server.closeAllConnections(), timeouts.drainMs);
        deadline.unref();
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}
