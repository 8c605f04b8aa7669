import { join, resolve } from 'node:path';

/** The repository root (this file is packages/core/src/test-support/test-data.ts). */
export const repoRoot = resolve(import.meta.dirname, '../../../..');

/** A folder of the third-party test data vendored in `testdata/` (see its README and SOURCES.md). */
export function testDataDir(...parts: string[]): string {
  return join(repoRoot, 'testdata', ...parts);
}
