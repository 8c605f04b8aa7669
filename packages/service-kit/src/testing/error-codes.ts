import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED = /\.test\.ts$|\.contract\.ts$|\.d\.ts$/;
const SKIPPED_DIRS = new Set(['test-support', 'testing', 'contract', 'node_modules', 'dist']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !SKIPPED.test(entry.name) ? [path] : [];
  });
}

/**
 * The error codes the service code under `dirs` raises or answers with: every code thrown as a
 * `SkillsPassportError` or sent as a problem (`problems.send(res, 'ERR_…')`). Tests hold a
 * service's status table against this, so a new code cannot reach the edge unmapped.
 */
export function raisedErrorCodes(...dirs: string[]): Set<string> {
  const codes = new Set<string>();
  const pattern = /(?:SkillsPassportError\(|\.send\(\s*res,)\s*'(ERR_[A-Z_]+)'/g;
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) codes.add(match[1]!);
  }
  return codes;
}
