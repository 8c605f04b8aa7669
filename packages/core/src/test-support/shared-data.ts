import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is packages/core/src/test-support/shared-data.ts). */
export const repoRoot = resolve(import.meta.dirname, '../../../..');

/**
 * Where the project's shared reference data lives: `$SKILLS_PASSPORT_SHARED`, or `shared/` beside
 * the checkout (as on developer machines and in CI). Tests read the ESCO sample and the test
 * vectors from there; the product does not ship them.
 */
export function sharedDataDir(...parts: string[]): string {
  const base = process.env.SKILLS_PASSPORT_SHARED ?? join(repoRoot, '../shared');
  const dir = join(base, 'data', ...parts);
  if (!existsSync(dir)) {
    throw new Error(
      `Shared test data not found at ${dir}; set SKILLS_PASSPORT_SHARED to the shared/ folder.`,
    );
  }
  return dir;
}
