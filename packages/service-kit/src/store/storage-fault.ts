import { SkillsPassportError } from '@skills-passport/core';

/** SQLite result codes that mean storage, not the statement, failed: busy, full, read-only, I/O. */
const STORAGE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** `SQLITE_IOERR` for `SQLITE_IOERR_FSYNC`: drivers that turn on extended result codes report those. */
const primaryCode = (code: string) => /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;

/**
 * A storage fault from the SQLite driver becomes `ERR_STORAGE_UNAVAILABLE` (the HTTP edge answers
 * 503, never a bare 500), with the driver's error as its cause; any other error is returned as is.
 */
export function translateStorageError(error: Error): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.has(primaryCode(code))) return error;
  return new SkillsPassportError(
    'ERR_STORAGE_UNAVAILABLE',
    'Storage is unavailable right now; nothing was changed.',
    { cause: error },
  );
}
