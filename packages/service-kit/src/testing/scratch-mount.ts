import { describe } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small tmpfs of its own, for the storage-fault tests: a disk that really fills up (writes fail
 * with ENOSPC) and a file system that is really read-only (EROFS). Running as root, file permissions
 * would not stop SQLite, so only a mount gives a service these faults as they happen in production.
 * Needs root with CAP_SYS_ADMIN, which CI and the development machine have.
 */
export interface ScratchMount {
  readonly dir: string;
  /**
   * Writes a filler file until the disk is full, then gives `leaveFreeBytes` back (so writes go on
   * for a while and then fail part-way); returns the bytes the filler holds.
   */
  fill(leaveFreeBytes?: number): number;
  /** Deletes the filler, giving the space back. */
  free(): void;
  remountReadOnly(): void;
  remountWritable(): void;
  /** Unmounts and removes the mount point. */
  dispose(): void;
}

const FILLER = '.filler';

/** Why a scratch mount cannot be made here, or undefined when it can. */
export function scratchMountUnavailable(): string | undefined {
  let probe: ScratchMount | undefined;
  try {
    probe = mountScratch(1);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  } finally {
    probe?.dispose();
  }
}

/** Mounts a fresh tmpfs of `sizeMiB` on a new temp directory. */
export function mountScratch(sizeMiB: number): ScratchMount {
  const dir = mkdtempSync(join(tmpdir(), 'sp-scratch-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const remount = (mode: 'ro' | 'rw') =>
    execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
  return {
    dir,
    fill(leaveFreeBytes = 0) {
      const fd = openSync(join(dir, FILLER), 'a');
      const chunk = Buffer.alloc(64 * 1024, 0x5a);
      let written = 0;
      try {
        // Large chunks first, then single pages, so no usable space is left behind.
        for (const size of [chunk.length, 4096, 512]) {
          for (;;) {
            try {
              written += writeSync(fd, chunk, 0, size);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
        written = Math.max(0, written - leaveFreeBytes);
        ftruncateSync(fd, written);
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free() {
      unlinkSync(join(dir, FILLER));
    },
    remountReadOnly: () => remount('ro'),
    remountWritable: () => remount('rw'),
    dispose() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * `describe` when a scratch mount can be made here, else `describe.skip` with the reason printed:
 * skipped, never passing without having run.
 */
export function describeWithScratchMount(): typeof describe | typeof describe.skip {
  const unavailable = scratchMountUnavailable();
  if (unavailable === undefined) return describe;
  console.warn(`storage fault tests skipped: cannot mount a tmpfs (${unavailable})`);
  return describe.skip;
}

/**
 * One hash over the names and bytes of a directory's files, and of its subdirectories' (the
 * issuer's outbox), to show nothing in it changed.
 */
export function digestOfDir(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    hash.update(entry.name).update(entry.isDirectory() ? `dir:${digestOfDir(path)}` : readFileSync(path));
  }
  return hash.digest('hex');
}
