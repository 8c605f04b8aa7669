import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is packages/service-kit/src/testing/paths.ts, or dist/testing/). */
export const repoRoot = resolve(import.meta.dirname, '../../../..');

/**
 * A folder of the test data vendored in the repository (`testdata/`: the ESCO sample, Wycheproof
 * vectors, the Open Badges 3.0 schema and examples; see `testdata/SOURCES.md`).
 */
export function testDataDir(...parts: string[]): string {
  const dir = join(repoRoot, 'testdata', ...parts);
  if (!existsSync(dir)) throw new Error(`test data not found at ${dir}`);
  return dir;
}

/** A built service's entry point, e.g. `builtServer('issuer')`. */
export function builtServer(service: 'issuer' | 'verifier'): string {
  return builtEntry(service, 'server');
}

/** A built service's script: `builtEntry('issuer', 'migrate')` is the issuer's `dist/migrate.js`. */
export function builtEntry(service: 'issuer' | 'verifier', script: 'server' | 'migrate'): string {
  return join(repoRoot, 'packages', service, 'dist', `${script}.js`);
}
