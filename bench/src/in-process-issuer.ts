import { createLogger } from '@skills-passport/service-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, openIssuer } from '@skills-passport/issuer';

/** An issuer opened in this process over a SQLite file in a temp dir, silent, with no rate limit. */
export interface InProcessIssuer {
  runtime: Awaited<ReturnType<typeof openIssuer>>;
  /** Stops serving (when it served), closes the issuer and removes its data dir. */
  close(): Promise<void>;
}

/**
 * Opens the issuer for a bench in this process. With `serve`, it also answers HTTP on a loopback
 * port, which its public URL names (DID documents and status lists are then fetched for real);
 * without, nothing listens.
 */
export async function openInProcessIssuer(
  name: string,
  options: { serve: boolean },
): Promise<InProcessIssuer> {
  const dataDir = mkdtempSync(join(tmpdir(), `sp-bench-${name}-`));
  const server = options.serve ? createServer() : undefined;
  if (server !== undefined) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server === undefined ? 0 : (server.address() as { port: number }).port;
  const runtime = await openIssuer(
    {
      port,
      host: '127.0.0.1',
      publicUrl: new URL(server === undefined ? 'http://localhost:3001' : `http://localhost:${port}`),
      dataDir,
      kmsSecret: 'c'.repeat(64),
      adminToken: 'bench-admin-token-0123456789',
      demo: false,
      offerTtlSeconds: 3600,
      statusListTtlMs: 300_000,
      rateLimitPerMinute: 0,
      logLevel: 'silent',
    },
    createLogger('bench', 'silent'),
  );
  server?.on('request', createApp(runtime.deps));
  return {
    runtime,
    async close() {
      if (server !== undefined) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
