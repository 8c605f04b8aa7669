import { afterAll, beforeAll, describe } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { isRoot, postgresBinDir, postgresUnavailable, postgresUser } from '../store/pg/debian-binaries.js';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster of a test run, in a temp dir, listening on a free loopback port
 * (and a unix socket in the temp dir, so it never meets another cluster's). Durability is off
 * (fsync, synchronous commit): a test's cluster does not outlive the run.
 */
export interface RunningPostgres {
  /** `DATABASE_URL` of the cluster's `postgres` database. */
  readonly url: string;
  readonly port: number;
  /** A new, empty database of the cluster; its `DATABASE_URL`. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (`fast`: connections are cut, as when it crashes or is restarted), keeps the files. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port. */
  resume(): Promise<void>;
  /** Stops and starts the server: every open connection is cut. */
  restart(): Promise<void>;
  /** Stops the server and removes the cluster. */
  stop(): Promise<void>;
}

export { postgresBinDir, postgresUnavailable };

/**
 * Starts a fresh cluster; undefined when {@link postgresUnavailable} says it cannot be. Runs the
 * server as the `postgres` user when this process is root (initdb refuses root).
 */
export async function startPostgres(): Promise<RunningPostgres | undefined> {
  if (postgresUnavailable() !== undefined) return undefined;
  const bin = postgresBinDir()!;
  const owner = isRoot() ? postgresUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sp-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  // As root: `runuser -u postgres -- <tool>`; otherwise the tool itself.
  const tool = (name: string, args: string[]) =>
    owner === undefined
      ? run(join(bin, name), args, { cwd: dir })
      : run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args], { cwd: dir });
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    // Several test files run a cluster each at once; the default 128 MB each is more than needed.
    '-c shared_buffers=16MB',
  ].join(' ');
  const pgCtl = (...args: string[]) => tool('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const start = () => pgCtl('-o', serverOptions, '-l', join(dir, 'server.log'), 'start');
  const halt = async () => {
    await pgCtl('-m', 'fast', 'stop');
  };

  try {
    await tool('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // A test run that ends without stop() (a crash, forceExit) must not leave a server behind.
  const onExit = () => {
    try {
      execFileSync(
        owner === undefined ? join(bin, 'pg_ctl') : 'runuser',
        [
          ...(owner === undefined ? [] : ['-u', 'postgres', '--', join(bin, 'pg_ctl')]),
          '-D',
          data,
          '-m',
          'immediate',
          'stop',
        ],
        { stdio: 'ignore' },
      );
    } catch {
      // Stopped already.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    async createDatabase(name = `test_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    halt,
    resume: async () => {
      await start();
    },
    restart: async () => {
      await pgCtl('-m', 'fast', '-o', serverOptions, '-l', join(dir, 'server.log'), 'restart');
    },
    async stop() {
      process.removeListener('exit', onExit);
      try {
        await halt();
      } catch {
        // Halted already.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` when a PostgreSQL cluster can be started here, else `describe.skip` with the reason
 * printed: skipped, never passing without having run.
 */
export function describeWithPostgres(): typeof describe | typeof describe.skip {
  const unavailable = postgresUnavailable();
  if (unavailable === undefined) return describe;
  console.warn(`PostgreSQL tests skipped: ${unavailable}`);
  return describe.skip;
}

/** The cluster of a {@link describeOnCluster} block, from the block's first `beforeAll` on. */
export interface BlockCluster {
  /** The running cluster: `createDatabase()`, and `halt()` / `resume()` for fault tests. */
  readonly cluster: RunningPostgres;
  /** `DATABASE_URL` of an empty database made for the block. */
  readonly url: string;
}

/**
 * `describe` of cases on one throwaway PostgreSQL cluster and a database in it: started in the
 * block's first `beforeAll` (allowing 60 s), stopped in its last `afterAll` — after the block's own,
 * so what they close still has its server. Skipped with the reason printed where no cluster can be
 * started here, as {@link describeWithPostgres}.
 */
export function describeOnCluster(name: string, cases: (postgres: BlockCluster) => void): void {
  describeWithPostgres()(name, () => {
    let cluster: RunningPostgres | undefined;
    let url: string | undefined;
    const started = <T>(value: T | undefined): T => {
      if (value === undefined) throw new TypeError('the cluster is started in the block\u2019s beforeAll');
      return value;
    };
    beforeAll(async () => {
      cluster = (await startPostgres())!;
      url = await cluster.createDatabase();
    }, 60_000);
    cases({
      get cluster() {
        return started(cluster);
      },
      get url() {
        return started(url);
      },
    });
    // jest runs a block's afterAll hooks in the order they were declared: this one last.
    afterAll(() => cluster?.stop());
  });
}
