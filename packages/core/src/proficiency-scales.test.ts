import { describe, expect, it } from '@jest/globals';
import { levelRank, PROFICIENCY_4_ID, proficiencyScale } from './proficiency-scales.js';

describe('levelRank', () => {
  it('ranks our scale by level id, whatever order a credential lists the levels in', () => {
    const scale = proficiencyScale('nl');
    expect([1, 2, 3, 4].map((n) => levelRank(scale, `${PROFICIENCY_4_ID}#${n}`))).toEqual([1, 2, 3, 4]);
    // JSON-LD does not keep the order of rubricCriterionLevel, so a Data Integrity signature holds
    // when a holder moves their level to the top: the rank must not follow.
    const reordered = { ...scale, rubricCriterionLevel: [...scale.rubricCriterionLevel!].reverse() };
    expect(levelRank(reordered, `${PROFICIENCY_4_ID}#2`)).toBe(2);
    expect(levelRank(scale, `${PROFICIENCY_4_ID}#5`)).toBeUndefined();
  });

  it('ranks another scale by each level\u2019s own signed value, or not at all', () => {
    const scale = {
      id: 'https://example.org/scales/abc',
      type: ['ResultDescription'],
      name: 'ABC',
      resultType: 'RubricCriterionLevel',
      rubricCriterionLevel: [
        { id: 'https://example.org/scales/abc#c', type: ['RubricCriterionLevel'], name: 'C', level: '3' },
        { id: 'https://example.org/scales/abc#a', type: ['RubricCriterionLevel'], name: 'A', level: '1' },
        { id: 'https://example.org/scales/abc#x', type: ['RubricCriterionLevel'], name: 'X', level: 'top' },
      ],
    };
    expect(levelRank(scale as never, 'https://example.org/scales/abc#a')).toBe(1);
    expect(levelRank(scale as never, 'https://example.org/scales/abc#c')).toBe(3);
    expect(levelRank(scale as never, 'https://example.org/scales/abc#x')).toBeUndefined();
  });
});
