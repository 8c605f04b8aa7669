import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Where Debian's PostgreSQL tools are and who may run them: what the test suites' throwaway
// clusters and the bench's durable one both need. No jest here, so the bench can use it.

/** Debian's binaries: `/usr/lib/postgresql/<major>/bin`, the newest with both tools. */
export function postgresBinDir(base = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return majors
    .map((major) => join(base, major, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

/** The `postgres` system user's uid and gid, when there is one (Debian's package creates it). */
export function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { stdio: 'pipe' }).toString().trim()),
    );
    return { uid: uid!, gid: gid! };
  } catch {
    return undefined;
  }
}

/** Whether this process runs as root: initdb and postgres refuse to, so they run as `postgres`. */
export const isRoot = (): boolean => process.getuid?.() === 0;

/** Why no cluster can be started here, or undefined when it can; `base` is where to look. */
export function postgresUnavailable(base?: string): string | undefined {
  if (postgresBinDir(base) === undefined)
    return 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin (install Debian\'s "postgresql" package)';
  if (isRoot() && postgresUser() === undefined) return 'running as root and there is no "postgres" user';
  return undefined;
}
