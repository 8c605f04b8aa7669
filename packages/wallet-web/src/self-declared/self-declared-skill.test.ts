// What the wallet keeps of a self-declared skill, and what it takes back from a backup file.
import { describe, expect, it } from '@jest/globals';
import {
  inputProblem,
  MAX_EVIDENCE_LENGTH,
  readSelfDeclared,
  selfDeclaredSkill,
  type SelfDeclaredSkill,
} from './self-declared-skill.js';

const SKILL = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const valid: SelfDeclaredSkill = {
  id: 'urn:uuid:0d7a8f7e-3c1b-4b61-9d55-6f1f5a3e9c21',
  uri: SKILL,
  label: 'verpleegkundigen ondersteunen',
  level: 2,
  evidence: 'Mantelzorg, 2022–2025.',
  addedAt: '2026-12-01T09:00:00.000Z',
};

describe('a self-declared skill read from a backup', () => {
  it('is taken with exactly its members', () => {
    expect(readSelfDeclared(valid)).toEqual(valid);
    const { level: _level, ...noLevel } = valid;
    expect(readSelfDeclared(noLevel)).toEqual(noLevel);
    expect(readSelfDeclared({ ...valid, updatedAt: '2026-12-02T09:00:00Z' })).toEqual({
      ...valid,
      updatedAt: '2026-12-02T09:00:00Z',
    });
  });

  it.each([
    ['another member', { ...valid, file: 'cv.pdf' }],
    ['a level off the scale', { ...valid, level: 5 }],
    ['a level that is not whole', { ...valid, level: 2.5 }],
    ['a skill that is no web URI', { ...valid, uri: 'javascript:alert(1)' }],
    ['no evidence', { ...valid, evidence: '  ' }],
    ['evidence over 2000 characters', { ...valid, evidence: 'x'.repeat(MAX_EVIDENCE_LENGTH + 1) }],
    ['an id that is no urn:uuid', { ...valid, id: 'abc' }],
    ['no date', { ...valid, addedAt: 'yesterday' }],
    ['an array', [valid]],
    ['null', null],
  ])('is refused with %s', (_name, value) => {
    expect(readSelfDeclared(value)).toBeUndefined();
  });

  it('is refused when it smuggles a prototype', () => {
    expect(
      readSelfDeclared(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`)),
    ).toBeUndefined();
  });
});

describe('what the learner fills in', () => {
  const input = { uri: SKILL, label: 'verpleegkundigen ondersteunen', evidence: 'Mantelzorg.' };

  it.each([
    [{ ...input, uri: '' }, 'skill'],
    [{ ...input, label: ' ' }, 'skill'],
    [{ ...input, evidence: '\n ' }, 'evidence-missing'],
    [{ ...input, evidence: 'x'.repeat(MAX_EVIDENCE_LENGTH + 1) }, 'evidence-too-long'],
    [input, undefined],
  ] as const)('%o: %s', (value, problem) => {
    expect(inputProblem(value)).toBe(problem);
  });

  it('keeps its id and first date when changed, and says when it changed', () => {
    const first = selfDeclaredSkill(input, new Date('2026-12-01T09:00:00Z'));
    expect(first.id).toMatch(/^urn:uuid:/);
    const changed = selfDeclaredSkill(
      { ...input, level: 3, evidence: ' Beter beschreven. ' },
      new Date('2026-12-02T09:00:00Z'),
      first,
    );
    expect(changed).toEqual({
      id: first.id,
      uri: SKILL,
      label: input.label,
      level: 3,
      evidence: 'Beter beschreven.',
      addedAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-02T09:00:00.000Z',
    });
  });

  it('is refused as a programming error when the form let bad input through', () => {
    expect(() => selfDeclaredSkill({ ...input, evidence: '' }, new Date())).toThrow(TypeError);
  });
});
