import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCredential } from '../index.js';

// Every file under schemas/examples/ passes or fails as its name says; fail files name their
// expected error in expected-failures.json.
const examplesDir = join(import.meta.dirname, '../../../../schemas/examples');
const expected = JSON.parse(readFileSync(join(examplesDir, 'expected-failures.json'), 'utf8')) as Record<
  string,
  { code: string; pointer: string; rule: string }
>;
const files = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(examplesDir, dir.name)).map((file) => `${dir.name}/${file}`));

describe('schemas/examples', () => {
  it('has valid and invalid examples for every type', () => {
    for (const folder of [
      'evc-credential',
      'module-credential',
      'workplace-learning-credential',
      'development-plan-credential',
    ]) {
      expect(
        files.filter((f) => f.startsWith(`${folder}/`) && f.endsWith('-ok.json')).length,
      ).toBeGreaterThanOrEqual(2);
      expect(
        files.filter((f) => f.startsWith(`${folder}/`) && f.endsWith('-fail.json')).length,
      ).toBeGreaterThanOrEqual(3);
    }
    expect(Object.keys(expected).sort()).toEqual(files.filter((f) => f.endsWith('-fail.json')).sort());
  });

  it.each(files.filter((f) => f.endsWith('-ok.json')))('%s is valid', (file) => {
    const result = validateCredential(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
    expect(result).toMatchObject({ valid: true });
  });

  it.each(files.filter((f) => f.endsWith('-fail.json')))('%s fails as expected', (file) => {
    const result = validateCredential(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
    const want = expected[file]!;
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.code).toBe(want.code);
    expect(result.issues).toContainEqual(expect.objectContaining({ pointer: want.pointer, rule: want.rule }));
  });
});
