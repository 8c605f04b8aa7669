#!/usr/bin/env node
// Runs jest for the whole workspace (ESM needs --experimental-vm-modules) and ends with one plain
// line, "N passed, N failed", counted from jest's JSON report, which CI reads as the test count.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
// One report per run: runs side by side (a developer's and a helper's) must not read each other's.
const report = join(tmpdir(), `skills-passport-jest-${process.pid}.json`);
const jestBin = join(dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin/jest.js');
rmSync(report, { force: true });

const run = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    // Inherited by the workers: room above what a file needs (see workerIdleMemoryLimit).
    '--max-old-space-size=6144',
    jestBin,
    '--json',
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

let failed = 1;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  printNegativeCases(results);
  // A suite that fails to run (a missing file, an import that throws) has no failed test of its
  // own, yet none of its tests ran: it counts as one failure, so the closing line cannot read
  // "0 failed" over tests that never ran.
  const brokenSuites = results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  for (const file of brokenSuites) console.log(`suite failed to run: ${file.name}`);
  failed = results.numFailedTests + brokenSuites.length;
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  rmSync(report, { force: true });
} else {
  console.log('0 passed, 1 failed');
}
process.exit(failed > 0 ? run.status || 1 : (run.status ?? 1));

/**
 * The negative-case suite per class (issue 8): tests whose title, or a describe around them, starts
 * with a `[class]` tag (packages/service-kit/src/testing/negative-cases.ts); the innermost tag counts.
 */
function printNegativeCases(results) {
  const counts = new Map();
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      const tags = [...test.ancestorTitles, test.title]
        .map((title) => /^\s*\[([^\]]+)\]/.exec(title)?.[1])
        .filter((tag) => tag !== undefined);
      const tag = tags.at(-1);
      if (tag === undefined) continue;
      const count = counts.get(tag) ?? { passed: 0, failed: 0 };
      if (test.status === 'passed') count.passed += 1;
      else if (test.status === 'failed') count.failed += 1;
      counts.set(tag, count);
    }
  }
  if (counts.size === 0) return;
  let passed = 0;
  console.log('negative cases by class (passed / failed):');
  for (const [tag, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    passed += count.passed;
    console.log(`  ${tag.padEnd(36)} ${String(count.passed).padStart(4)} / ${count.failed}`);
  }
  console.log(`  ${'all'.padEnd(36)} ${String(passed).padStart(4)}`);
}
