// The PostgreSQL cluster `./sp start --scale N` owns: Debian's server binaries, its files under
// <data>/pg, made on the first start and reused afterwards, listening on loopback only. The services
// log in over TCP as one role with a generated password; the superuser has no password and is
// reached only through the cluster's own socket directory, which only its owner can enter.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROLE = 'skills_passport';

/**
 * Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<major>/bin; the newest with both. The
 * lookup service-kit/testing's postgresBinDir makes: the root scripts cannot import that package
 * (the root depends on core only), nor may reach into its files.
 */
function binDir(base = '/usr/lib/postgresql') {
  if (!existsSync(base)) return undefined;
  return readdirSync(base)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => join(base, major, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

/** initdb and the server refuse root: as root they run as Debian's `postgres` system user. */
function clusterOwner() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { stdio: 'pipe' }).toString().trim());
    return { name: 'postgres', uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root, and there is no "postgres" user to run PostgreSQL as (install Debian\'s postgresql package).',
    );
  }
}

/** Why no cluster can run here (the message for a person), or undefined. */
export function postgresMissing() {
  return binDir() === undefined
    ? 'PostgreSQL is not installed: run ./sp setup, or install Debian\'s "postgresql" package.'
    : undefined;
}

/** The value kept in `file` (made with `make` and stored, readable by its owner only, when absent). */
export function keptSecret(file, make) {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Starts the cluster in `dir` on 127.0.0.1:`port` with `maxConnections`, creating it first when
 * there is none, and makes each of `databases` (owned by the services' role) when missing.
 * Returns `url(database)` (a DATABASE_URL; it holds the password) and `stop()`.
 */
export async function startCluster({ dir, port, databases, maxConnections }) {
  const bin = binDir();
  if (bin === undefined) throw new Error(postgresMissing());
  const owner = clusterOwner();
  const cluster = join(dir, 'cluster');
  const sockets = join(dir, 'run');
  const log = join(dir, 'server.log');
  mkdirSync(sockets, { recursive: true });
  chmodSync(dir, 0o700);
  chmodSync(sockets, 0o700);
  if (owner !== undefined) {
    for (const path of [dir, sockets]) chownSync(path, owner.uid, owner.gid);
    if (existsSync(log)) chownSync(log, owner.uid, owner.gid);
    // The postgres user must pass through the data directory to reach its cluster.
    const parent = dirname(dir);
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o711);
    try {
      execFileSync('runuser', ['-u', owner.name, '--', 'test', '-w', dir], { stdio: 'ignore' });
    } catch {
      throw new Error(
        `The postgres user cannot reach ${dir}: every directory above it must let others pass (chmod o+x), or move the data with SP_DATA_DIR.`,
      );
    }
  }
  const tool = (name, args, options = {}) =>
    owner === undefined
      ? run(join(bin, name), args, { cwd: dir, ...options })
      : run('runuser', ['-u', owner.name, '--', join(bin, name), ...args], { cwd: dir, ...options });
  const pgCtl = (...args) => tool('pg_ctl', ['-D', cluster, '-w', '-t', '60', ...args]);

  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    await tool('initdb', [
      '-D',
      cluster,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-instructions',
    ]);
  }
  // A server left running by a start that was killed outright: stop it, then start with today's options.
  if (existsSync(join(cluster, 'postmaster.pid'))) await pgCtl('-m', 'fast', 'stop').catch(() => undefined);
  const options = [
    `-p ${port}`,
    `-k ${sockets}`,
    "-c listen_addresses='127.0.0.1'",
    `-c max_connections=${maxConnections}`,
  ].join(' ');
  try {
    await pgCtl('-o', options, '-l', log, 'start');
  } catch {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-8).join('\n') : '';
    throw new Error(
      `PostgreSQL did not start on port ${port} (SP_PG_PORT chooses another; see ${log}):\n${tail}`,
    );
  }

  // The services' role and password (kept beside the cluster), and their databases.
  const password = keptSecret(join(dir, 'password'), () => randomBytes(24).toString('hex'));
  const script = [
    `SELECT 'CREATE ROLE ${ROLE} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}')\\gexec`,
    `ALTER ROLE ${ROLE} PASSWORD '${password}';`,
    ...databases.map(
      (name) =>
        `SELECT 'CREATE DATABASE ${name} OWNER ${ROLE}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${name}')\\gexec`,
    ),
  ].join('\n');
  const psql = tool('psql', [
    '-h',
    sockets,
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    'postgres',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
  ]);
  psql.child.stdin.end(`${script}\n`);
  await psql;

  let stopped;
  return {
    port,
    url: (database) => `postgres://${ROLE}:${password}@127.0.0.1:${port}/${database}`,
    /** The URL without the password, to print. */
    shownUrl: (database) => `postgres://${ROLE}@127.0.0.1:${port}/${database}`,
    passwordFile: join(dir, 'password'),
    stop: () => (stopped ??= pgCtl('-m', 'fast', 'stop').then(() => undefined)),
  };
}
