import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { repoRoot } from '@skills-passport/service-kit/testing';
import boundaries from '../eslint-rules/package-boundaries.js';

// The package boundaries bite: the lint rule refuses each kind of crossing, and the repository's
// lint configuration applies it to every source file.
const linter = new Linter({ cwd: repoRoot });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { boundaries },
    rules: { 'boundaries/package-boundaries': 'error' },
  },
];

function problems(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: join(repoRoot, file) }).map((m) => m.message);
}

describe('the package-boundaries lint rule', () => {
  it.each([
    [
      'packages/verifier/src/app.ts',
      "import { freePort } from '../../core/src/test-support/free-port.js';",
      /reaches into packages\/core/,
    ],
    [
      'test/journeys.test.ts',
      "import { startIssuer } from '../packages/issuer/src/test-support/issuer-harness.js';",
      /reaches into packages\/issuer/,
    ],
    ['bench/src/sign.bench.ts', "import { signingKey } from '@skills-passport/issuer/internals';", /insides/],
    ['bench/src/sign.bench.ts', "import { createApp } from '@skills-passport/issuer/src/app.js';", /insides/],
    [
      'packages/verifier/src/app.ts',
      "import { createApp } from '@skills-passport/issuer';",
      /must not import the issuer/,
    ],
    [
      'packages/issuer/src/app.ts',
      "export * from '@skills-passport/verifier/testing';",
      /must not import the verifier/,
    ],
    ['packages/core/src/index.ts', "import { sameSecret } from '@skills-passport/service-kit';", /Node-only/],
    [
      'packages/wallet-web/src/main.ts',
      "const kit = await import('@skills-passport/service-kit');",
      /Node-only/,
    ],
    [
      'packages/issuer/assessor-page/src/main.ts',
      "import { EnvReader } from '@skills-passport/service-kit';",
      /Node-only/,
    ],
    [
      'packages/issuer/src/app.ts',
      "import rule from '../../../eslint-rules/package-boundaries.js';",
      /reaches into the repository root/,
    ],
    ['packages/page-kit/src/dom.ts', "import { routeOf } from '@skills-passport/service-kit';", /Node-only/],
    [
      'packages/core/src/index.ts',
      "import { freePort } from '@skills-passport/service-kit/testing';",
      /Node-only/,
    ],
    [
      'packages/service-kit/src/index.ts',
      "import { createApp } from '@skills-passport/verifier';",
      /not declared in packages\/service-kit/,
    ],
  ])('refuses in %s: %s', (file, code, reason) => {
    const found = problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(reason);
  });

  it.each([
    ['packages/verifier/src/app.ts', "import { createServiceApp } from '@skills-passport/service-kit';"],
    ['packages/verifier/src/app.ts', "import { requestContext } from './deps.js';"],
    ['test/journeys.test.ts', "import { startIssuer } from '@skills-passport/issuer/testing';"],
    ['bench/src/sign.bench.ts', "import { signingKey } from '@skills-passport/issuer';"],
    // The issuer's intakes verify presentations with the verifier's library entry (one way only).
    [
      'packages/issuer/src/domain/intake-answers.ts',
      "import { verifyPresentation } from '@skills-passport/verifier';",
    ],
    [
      'packages/wallet-web/src/share.test.ts',
      "import { launchChromium } from '@skills-passport/service-kit/testing';",
    ],
    ['packages/core/src/index.ts', "import { Ajv } from 'ajv';"],
    ['test/journeys.test.ts', "import rule from '../eslint-rules/package-boundaries.js';"],
  ])('allows in %s: %s', (file, code) => {
    expect(problems(file, code)).toEqual([]);
  });

  it('is switched on for every package by the repository lint configuration', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    for (const file of [
      'packages/issuer/src/app.ts',
      'packages/verifier/src/app.ts',
      'packages/core/src/index.ts',
      'packages/wallet-web/src/main.ts',
      'packages/issuer/assessor-page/src/main.ts',
      'test/journeys.test.ts',
      'bench/src/run.ts',
      'scripts/start.mjs',
    ]) {
      const rules =
        ((await eslint.calculateConfigForFile(join(repoRoot, file))) as Linter.Config).rules ?? {};
      expect([file, rules['boundaries/package-boundaries']]).toEqual([file, [2]]);
    }
  });
});
