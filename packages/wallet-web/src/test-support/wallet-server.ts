// Builds the wallet once per test process (vite build into a temp dir) and serves it the way
// production does: static files with the wallet's security headers, on a loopback port.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../build/csp.mjs';

const packageDir = join(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

/** Runs `vite build` into a fresh temp dir (once per process) and returns the dir. */
export function buildWallet(): Promise<string> {
  built ??= new Promise((resolve, reject) => {
    const outDir = mkdtempSync(join(tmpdir(), 'wallet-dist-'));
    const vite = join(packageDir, 'node_modules/vite/bin/vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'error'], {
      cwd: packageDir,
      env: { ...process.env, WALLET_OUT_DIR: outDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(outDir) : reject(new Error(`vite build failed: ${stderr}`)),
    );
  });
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface WalletServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeWalletOptions {
  /**
   * Served as `/wallet-config.json` (contract C: `{ "trustList"?: url }`), as `./sp start` writes
   * it beside the built wallet; a string is served as it is (to serve a broken file). Without it
   * the path falls back to `index.html`, as for any unknown path.
   */
  config?: Record<string, unknown> | string;
}

/** Serves a built wallet on `localhost` (port 0 = any free port). */
export async function serveWallet(
  dir: string,
  port = 0,
  options: ServeWalletOptions = {},
): Promise<WalletServer> {
  const server: Server = createServer((req, res) => {
    if (
      options.config !== undefined &&
      new URL(req.url ?? '/', 'http://x').pathname === '/wallet-config.json'
    ) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(typeof options.config === 'string' ? options.config : JSON.stringify(options.config));
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(dir, path);
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) file = join(dir, 'index.html');
    } catch {
      file = join(dir, 'index.html');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Removes a build dir (tests call it in afterAll). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
