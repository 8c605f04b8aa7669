// @skills-passport/service-kit: the Node plumbing every service shares, so each service keeps only
// its variables, routes, code table, domain and adapters. The browser never imports this package.
export {
  EnvReader,
  LOG_LEVELS,
  type LogLevel,
  type DemoSecret,
  type ServiceBasics,
  type DatabaseConfig,
} from './config/env-reader.js';
export { withoutUnset } from './config/without-unset.js';
export { createLogger, requestLogger, routeOf, REDACTED_PATHS } from './logging/logger.js';
export {
  createServiceApp,
  finishServiceApp,
  cspHeader,
  API_CSP,
  PAGE_CSP,
  type CspDirectives,
} from './app/service-app.js';
export { listen, DEFAULT_TIMEOUTS, type RunningServer, type ServerTimeouts } from './server/http-server.js';
export { runService, type ServiceConfig, type OpenedService } from './server/run-service.js';
export {
  COMMON_STATUS,
  problemsFor,
  errorHandler,
  logStorageFault,
  type Problems,
  type StatusTable,
  type SpecialErrorHandler,
} from './http/problem.js';
export { jsonBody, formBody } from './http/body.js';
export { bearerToken } from './http/bearer.js';
export { bearerGuard, adminGuard } from './http/guards.js';
export { randomToken, sha256Hex, hmacBase64url, sameSecret } from './secrets.js';
export { nodeEd25519Verify } from './crypto/node-ed25519-verify.js';
export { nodeP256Verify } from './crypto/node-p256-verify.js';
export { openCors } from './http/cors.js';
export { escapeHtml, pageLanguage, type PageLang } from './http/html.js';
export { htmlPage, languageLink, type HtmlPage } from './http/html-page.js';
export {
  RateLimiter,
  limitRequests,
  failureKey,
  AuthFailures,
  authFailureAllowance,
  MemoryRateCounters,
  limiterOptions,
  type RateCounters,
  type RateWindow,
  type RateDecision,
  type RateLimiterOptions,
} from './http/rate-limit.js';
export * from './http/openapi.js';
export {
  taxonomyRoutes,
  taxonomyPaths,
  warmTaxonomySearch,
  type TaxonomyRoutesSource,
} from './http/taxonomy-routes.js';
export type { Logger } from 'pino';
export { SqliteDatabase, type Queries, type Row, type SqlValue } from './store/sqlite-database.js';
export { translateStorageError } from './store/storage-fault.js';
export { applyMigrations, type Migration, type TableRebuild } from './store/migrations.js';
export { ensureWritableDataDir } from './store/data-dir.js';
export {
  PgDatabase,
  type PgQueries,
  type PgRow,
  type PgValue,
  type PgOptions,
  type PgSession,
  type Isolation,
  type TransactionOptions,
} from './store/pg/pg-database.js';
export { translatePgError, isPgStorageFault, storageUnavailable } from './store/pg/pg-fault.js';
export { applyPgMigrations, pgSchemaVersion } from './store/pg/pg-migrations.js';
export { isRoot, postgresBinDir, postgresUnavailable, postgresUser } from './store/pg/debian-binaries.js';
export {
  readStoreLocation,
  describeDatabaseUrl,
  runMigrateCommand,
  runStoreMigrateCommand,
  describeMigration,
  migratePgTables,
  migrateSqliteTables,
  type StoreLocation,
} from './store/migrate-command.js';
export { isSet, mapped, type Flag, type RowValues } from './store/columns.js';
export { PgListener, type PgNotificationHandlers } from './store/pg/pg-listener.js';
export { PgRateCounters, migrateRateLimits } from './store/pg/pg-rate-counters.js';
export { Turns } from './store/turns.js';
