// The processes of a started platform: each service a child of the start script, stopped with it
// (Ctrl-C, SIGTERM), and what must be stopped after them (the PostgreSQL cluster).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port nothing listens on now, on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 2xx; throws naming the service after `timeoutMs`. */
export async function waitForHealth(name, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

/**
 * The platform's children. A child that stops on its own stops the platform, unless it belongs
 * to a group (the instances of one service) with a member still running: then the others serve.
 */
export function platformProcesses({ root }) {
  const children = [];
  const groups = new Map();
  /** Run after every child has exited, before the script exits (stopping the cluster). */
  const afterChildren = [];
  let stopping = false;

  function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    for (const { child } of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const exited = Promise.all(
      children.map(({ child }) =>
        child.exitCode !== null || child.signalCode !== null
          ? undefined
          : new Promise((resolve) => child.once('exit', resolve)),
      ),
    );
    // A child that ignores SIGTERM is killed after 10 s: what comes after it must still run.
    const late = setTimeout(() => {
      for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
    }, 10_000);
    late.unref();
    exited
      .then(async () => {
        clearTimeout(late);
        for (const after of afterChildren) await after().catch((error) => console.error(error.message));
      })
      .finally(() => process.exit(code));
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  /** Spawns the Node script `script` (with this Node) as the child `name`; see {@link adopt}. */
  function start(name, { script, args = [], env = {}, stdout = 'ignore', cwd = root, group, dataDir }) {
    if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', stdout, 'inherit'],
    });
    return adopt(name, child, group);
  }

  /** Makes a spawned `child` one of the platform's, in `group` (a service's instances) if given. */
  function adopt(name, child, group) {
    const entry = { name, child, group };
    children.push(entry);
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), entry]);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ?? `exit code ${code}`;
      const running = (e) => e !== entry && e.child.exitCode === null && e.child.signalCode === null;
      const others = (groups.get(group) ?? []).filter(running);
      if (others.length > 0) {
        console.error(`${name} stopped (${how}); ${others.map((e) => e.name).join(', ')} still serving.`);
        return;
      }
      console.error(`${name} stopped (${how}); stopping the platform.`);
      stop(1);
    });
    return child;
  }

  return { start, adopt, stop, afterChildren };
}
