import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SkillsPassportError } from '@skills-passport/core';

/**
 * Makes sure a service can write its data directory and database file before it opens them, so a
 * read-only volume or a file the service may not write is refused at start-up in one clear
 * sentence, instead of failing on the first write with the database half-opened.
 */
export function ensureWritableDataDir(dataDir: string, databaseFile?: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    const file = databaseFile === undefined ? undefined : join(dataDir, databaseFile);
    if (file !== undefined && existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS'
        ? 'is on a read-only file system'
        : code === 'EACCES' || code === 'EPERM'
          ? 'may not be written by this user'
          : `cannot be written (${code ?? 'unknown error'})`;
    throw new SkillsPassportError(
      'ERR_STORAGE_UNAVAILABLE',
      `The data directory ${dataDir} ${why}; the service needs to write its database there.`,
      { cause: error },
    );
  }
}
