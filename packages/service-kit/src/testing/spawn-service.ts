import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot } from './paths.js';

/** A built service running as its own process. */
export interface SpawnedService {
  readonly child: ChildProcess;
  readonly url: string;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM (or the given signal), then waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node <entry>` (a service's built `dist/server.js`) with `env` on top of this process's,
 * and waits until `<url>/health` answers. Fails with the service's stderr when it exits first.
 */
export async function spawnService(
  entry: string,
  env: Record<string, string>,
  url: string,
  options: { stdout?: 'ignore' | 'pipe'; timeoutMs?: number } = {},
): Promise<SpawnedService> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` (tsc -b) first`);
  const child = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${entry} exited before it was healthy: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}
