import { describe, expect, it } from '@jest/globals';
import { SkillsPassportError } from '@skills-passport/core';
import fc from 'fast-check';
import { DEMO_CATALOGUE } from '../demo/seed-catalogue.js';
import {
  buildCatalogueModule,
  MODULE_MODES,
  NLQF_LEVELS,
  parseModuleInput,
  type ModuleInput,
} from './catalogue-module.js';

// The module parser and the Achievement built from it, on generated input: whatever it accepts
// publishes as a valid Open Badges Achievement, and reading its own output changes nothing.

const ID = 'https://issuer.example/api/catalogues/roc/modules/m-1';
const text = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max })
    .filter(
      (s) => s.trim().length > 0 && [...s].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f),
    );
const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const escoSkill = fc
  .tuple(hex(8), hex(4), hex(4), hex(4), hex(12))
  .map((parts) => `http://data.europa.eu/esco/skill/${parts.join('-')}`);
const day = fc
  .date({ min: new Date('2027-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const validInput: fc.Arbitrary<ModuleInput> = fc.record({
  name: text(200),
  description: text(500),
  criteria: fc.record({ narrative: text(500) }),
  inLanguage: fc.constantFrom('nl' as const, 'en' as const),
  learningOutcomes: fc.array(
    fc.record({
      description: text(300),
      alignment: fc.uniqueArray(fc.record({ targetUrl: escoSkill, targetName: text(100) }), {
        minLength: 1,
        maxLength: 4,
        selector: (a) => a.targetUrl,
      }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  qualificationLevel: fc.oneof(
    fc.integer({ min: 1, max: 8 }).map((eqf) => ({ eqf, nlqf: String(eqf) as (typeof NLQF_LEVELS)[number] })),
    fc.constantFrom(...NLQF_LEVELS).map((nlqf) => ({ nlqf })),
    fc.integer({ min: 1, max: 8 }).map((eqf) => ({ eqf })),
  ),
  studyLoad: fc.record(
    { hours: fc.integer({ min: 1, max: 2000 }), ects: fc.integer({ min: 1, max: 60 }) },
    { requiredKeys: ['hours'] },
  ),
  offering: fc.record(
    {
      mode: fc.constantFrom(...MODULE_MODES),
      region: text(100),
      startDates: fc.uniqueArray(day, { maxLength: 6 }),
      price: fc.record({
        amount: fc.integer({ min: 0, max: 500_000 }).map((c) => c / 100),
        currency: fc.constant('EUR' as const),
      }),
      endsInMicroCredential: fc.boolean(),
    },
    { requiredKeys: ['mode', 'startDates', 'endsInMicroCredential'] },
  ),
});

describe('parseModuleInput and buildCatalogueModule', () => {
  it('publish whatever they accept as a valid Open Badges Achievement, and read their own output unchanged', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const parsed = parseModuleInput(input);
        expect(parseModuleInput(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
        const module = buildCatalogueModule(ID, parsed);
        expect(module.achievementType).toBe(
          parsed.offering.endsInMicroCredential ? 'MicroCredential' : 'Course',
        );
        expect(new Set(module.alignment.map((a) => a.targetUrl))).toEqual(
          new Set(parsed.learningOutcomes.flatMap((o) => o.alignment.map((a) => a.targetUrl))),
        );
        expect([...parsed.offering.startDates].sort()).toEqual(parsed.offering.startDates);
      }),
      { numRuns: 100 },
    );
  });

  it('accept a module’s own learning outcomes sent back, with their constant alignment members', () => {
    const parsed = parseModuleInput(DEMO_CATALOGUE[0]!.module);
    const module = buildCatalogueModule(ID, parsed);
    const { learningOutcomes } = module;
    expect(parseModuleInput({ ...parsed, learningOutcomes }).learningOutcomes).toEqual(
      parsed.learningOutcomes,
    );
  });

  it('refuse any text with a control character, naming its field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('name', 'description'),
        fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x0a && c !== 0x0d),
        (field, code) => {
          const input = {
            ...(DEMO_CATALOGUE[0]!.module as Record<string, unknown>),
            [field]: `a${String.fromCharCode(code)}b`,
          };
          try {
            parseModuleInput(input);
            return false;
          } catch (error) {
            expect(error).toBeInstanceOf(SkillsPassportError);
            expect((error as SkillsPassportError).code).toBe('ERR_VALIDATION');
            return (error as SkillsPassportError).issues.some((issue) => issue.pointer === `/${field}`);
          }
        },
      ),
    );
  });

  it('check every demo module', () => {
    for (const entry of DEMO_CATALOGUE)
      expect(() => buildCatalogueModule(ID, parseModuleInput(entry.module))).not.toThrow();
  });
});
