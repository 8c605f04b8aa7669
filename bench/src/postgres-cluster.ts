import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  isRoot,
  PgDatabase,
  postgresBinDir,
  postgresUnavailable,
  postgresUser,
  type PgRow,
} from '@skills-passport/service-kit';

const run = promisify(execFile);

/**
 * The bench's throwaway PostgreSQL cluster, from Debian's binaries, DURABLE: fsync, synchronous
 * commit and full-page writes on (PostgreSQL's defaults), as the issuer's SQLite syncs its WAL
 * before it answers — every figure beside SQLite's pays for the same promise. The test suites'
 * `startPostgres()` (service-kit/testing) turns durability off and imports jest, so the bench
 * starts its own.
 */
export interface BenchPostgres {
  /** `DATABASE_URL` of the database the issuers share. */
  readonly url: string;
  /** The durability and size settings the server reports (`SHOW`), for the bench's output. */
  readonly settings: Record<string, string>;
  /** The postmaster's pid: its children are the backends, the WAL writer and the checkpointer. */
  postmasterPid(): number;
  /** One query on the cluster's database (the bench's own connection, outside the issuers' pools). */
  query<Row extends PgRow>(sql: string): Promise<Row[]>;
  stop(): Promise<void>;
}

/** Why no cluster can be started here, or undefined when it can. */
export const benchPostgresUnavailable = (): string | undefined => postgresUnavailable();

/** Leads every statement the bench itself runs on the cluster. */
export const BENCH_MARK = '/* bench */';

/** The settings printed with the figures: what a commit costs and what the server may use. */
const REPORTED = [
  'server_version',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_sync_method',
  'shared_buffers',
  'max_connections',
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a fresh durable cluster in a temp dir (as the `postgres` user when this process is root:
 * initdb refuses root) with one database, `bench`. `pg_stat_statements` is loaded, so a profile
 * can name the statements that cost the time.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const unavailable = benchPostgresUnavailable();
  if (unavailable !== undefined) throw new Error(unavailable);
  const bin = postgresBinDir()!;
  const owner = isRoot() ? postgresUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const command = (name: string, args: string[]): [string, string[]] =>
    owner === undefined
      ? [join(bin, name), args]
      : ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]];
  const tool = (name: string, args: string[]) => run(...command(name, args), { cwd: dir });
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    // Durable, stated rather than left to the defaults.
    '-c fsync=on',
    '-c synchronous_commit=on',
    '-c full_page_writes=on',
    '-c max_connections=100',
    '-c shared_preload_libraries=pg_stat_statements',
    // pg_stat_wal's wal_sync_time: how long the commits' fsyncs took.
    '-c track_wal_io_timing=on',
  ].join(' ');
  const immediateStop = () => {
    try {
      execFileSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    } catch {
      // Not running.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
    await tool('pg_ctl', [
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-o',
      options,
      '-l',
      join(dir, 'server.log'),
      'start',
    ]);
  } catch (error) {
    immediateStop();
    throw error;
  }
  // A bench that dies without stop() must not leave a server behind.
  process.once('exit', immediateStop);

  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/bench`;
  const once = async (on: string, sql: string) => {
    const db = await PgDatabase.open({ url: on, poolSize: 1 });
    try {
      await db.run(sql);
    } finally {
      await db.close();
    }
  };
  await once(admin, 'CREATE DATABASE bench');
  await once(url, 'CREATE EXTENSION pg_stat_statements');
  // The bench's own connection for its readings, outside the issuers' pools.
  const db = await PgDatabase.open({ url, poolSize: 1 });
  const settings: Record<string, string> = {};
  for (const name of REPORTED) {
    const row = await db.get<Record<string, string>>(`SHOW ${name}`);
    settings[name] = Object.values(row!)[0]!.split(' ')[0]!;
  }
  return {
    url,
    settings,
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    // Marked, so pg_stat_statements' figures can leave the bench's own readings out.
    query: (sql) => db.all(`${BENCH_MARK} ${sql}`),
    async stop() {
      process.removeListener('exit', immediateStop);
      await db.close();
      await tool('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', 'fast', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
