import { SkillsPassportError } from '@skills-passport/core';

// PostgreSQL's SQLSTATE classes and codes that mean the database, not the statement, failed: the
// connection is gone or refused, the server is shutting down or starting, it is out of disk,
// memory or connections, or it is a read-only standby. A constraint violation or a syntax error is
// the statement's own and stays as it is.
const STORAGE_CLASSES = new Set(['08', '53', '58', '57P']);
const STORAGE_CODES = new Set([
  '25006', // read_only_sql_transaction: a standby, or default_transaction_read_only
  '57014', // query_canceled: statement_timeout, or an operator's pg_cancel_backend
]);

// Node's socket errors while connecting or talking to the server.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT', // a unix socket that is not there: the server is down
]);

// node-postgres reports a lost connection or a pool that cannot connect in time without a code.
const LOST_CONNECTION = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end/,
];

/**
 * Whether a driver error means PostgreSQL itself is unavailable (as opposed to a bad statement).
 * Duck-typed, not `instanceof Error`: Node's socket errors come from another realm under jest.
 */
export function isPgStorageFault(error: unknown): boolean {
  const { code, message, errors } = (error ?? {}) as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || STORAGE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code))
      return STORAGE_CLASSES.has(code.slice(0, 2)) || STORAGE_CLASSES.has(code.slice(0, 3));
  }
  // Connecting to a host name with several addresses fails with every attempt's error.
  if (Array.isArray(errors)) return errors.some(isPgStorageFault);
  return typeof message === 'string' && LOST_CONNECTION.some((pattern) => pattern.test(message));
}

/**
 * A storage fault from node-postgres becomes `ERR_STORAGE_UNAVAILABLE` (the HTTP edge answers 503,
 * never a bare 500), with the driver's error as its cause, exactly as the SQLite store reports its
 * own; any other error is returned as is.
 */
export function translatePgError(error: unknown): unknown {
  return isPgStorageFault(error) ? storageUnavailable(error) : error;
}

/** `ERR_STORAGE_UNAVAILABLE` caused by `cause` (also for contention that outlasted every retry). */
export function storageUnavailable(cause: unknown): SkillsPassportError {
  return new SkillsPassportError(
    'ERR_STORAGE_UNAVAILABLE',
    'Storage is unavailable right now; nothing was changed.',
    { cause },
  );
}
