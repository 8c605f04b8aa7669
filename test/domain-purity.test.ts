import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { repoRoot } from '@skills-passport/service-kit/testing';
import layers from '../eslint-rules/domain-purity.js';

// Domain code holds no SQL and imports no database binding or HTTP framework: the lint rule
// refuses each, only under a package's src/domain/, and the repository's configuration applies it.
const linter = new Linter({ cwd: repoRoot });
const config: Linter.Config[] = [
  { files: ['**/*.ts'], plugins: { layers }, rules: { 'layers/domain-purity': 'error' } },
];

const problems = (file: string, code: string): string[] =>
  linter.verify(code, config, { filename: join(repoRoot, file) }).map((m) => m.message);

describe('the domain-purity lint rule', () => {
  it.each([
    ['packages/issuer/src/domain/offers.ts', "import Database from 'better-sqlite3';", /better-sqlite3/],
    ['packages/verifier/src/domain/publications.ts', "import { Pool } from 'pg';", /"pg"/],
    ['packages/issuer/src/domain/cohorts.ts', "import { Router } from 'express';", /"express"/],
    ['packages/issuer/src/domain/offers.ts', "const typeorm = await import('typeorm');", /"typeorm"/],
    [
      'packages/issuer/src/domain/offers.ts',
      "const find = (id) => ['SELECT * FROM offers WHERE id = ?', id];",
      /SQL in domain code/,
    ],
    [
      'packages/verifier/src/domain/skills-requests.ts',
      'const sql = `\n  UPDATE requests SET state = ? WHERE id = ${"?"}`;',
      /SQL in domain code/,
    ],
    ['packages/issuer/src/domain/offers.test.ts', "const q = 'DELETE FROM offers';", /SQL in domain code/],
  ])('refuses in %s: %s', (file, code, reason) => {
    const found = problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(reason);
  });

  it.each([
    ['packages/issuer/src/store/sqlite/offers.ts', "import Database from 'better-sqlite3';"],
    ['packages/issuer/src/store/pg/offers.ts', "const q = 'SELECT * FROM offers WHERE id = $1';"],
    ['packages/issuer/src/http/staff-routes.ts', "import { Router } from 'express';"],
    ['packages/issuer/src/domain/offers.ts', "const hint = 'Select the skills this module teaches.';"],
    ['packages/issuer/src/domain/offers.ts', "import { recordAudit } from './audit.js';"],
  ])('allows in %s: %s', (file, code) => {
    expect(problems(file, code)).toEqual([]);
  });

  it('is switched on for the domain code of every service by the repository lint configuration', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    for (const file of [
      'packages/issuer/src/domain/openid4vci.ts',
      'packages/verifier/src/domain/publications.ts',
    ]) {
      const rules =
        ((await eslint.calculateConfigForFile(join(repoRoot, file))) as Linter.Config).rules ?? {};
      expect([file, rules['layers/domain-purity']]).toEqual([file, [2]]);
    }
  });
});
