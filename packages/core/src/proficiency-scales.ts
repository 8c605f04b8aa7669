import type { ResultDescription } from './credential-model.js';

/** The id of the four-level proficiency scale Skills Passport issuers use by default. */
export const PROFICIENCY_4_ID = 'https://w3id.org/skills-passport/scales/proficiency-4/v1';

const PROFICIENCY_4_LEVELS = [
  {
    nl: 'Beginner',
    en: 'Beginner',
    description: { nl: 'Voert taken uit onder begeleiding.', en: 'Performs tasks under guidance.' },
  },
  {
    nl: 'Basis',
    en: 'Basic',
    description: { nl: 'Voert routinetaken zelfstandig uit.', en: 'Performs routine tasks independently.' },
  },
  {
    nl: 'Gevorderd',
    en: 'Proficient',
    description: {
      nl: 'Werkt zelfstandig, ook in nieuwe situaties.',
      en: 'Works independently, also in new situations.',
    },
  },
  {
    nl: 'Expert',
    en: 'Expert',
    description: {
      nl: 'Stuurt anderen aan en verbetert de werkwijze.',
      en: 'Guides others and improves the way of working.',
    },
  },
] as const;

/** The outcomes an assessment can give one competency. */
export const SKILL_OUTCOMES = ['achieved', 'partly-achieved', 'not-achieved'] as const;

/**
 * The default four-level proficiency scale as an Open Badges ResultDescription, labelled in the
 * credential's language. Level ids do not depend on the language, so levels compare across credentials.
 */
export function proficiencyScale(lang: 'nl' | 'en'): ResultDescription {
  return {
    id: PROFICIENCY_4_ID,
    type: ['ResultDescription'],
    name: lang === 'nl' ? 'Beheersingsniveau' : 'Proficiency level',
    resultType: 'RubricCriterionLevel',
    allowedValue: [...SKILL_OUTCOMES],
    rubricCriterionLevel: PROFICIENCY_4_LEVELS.map((level, i) => ({
      id: `${PROFICIENCY_4_ID}#${i + 1}`,
      type: ['RubricCriterionLevel'],
      name: level[lang],
      level: String(i + 1),
      description: level.description[lang],
    })),
  };
}

/**
 * The rank of a level on its scale: 1 for the lowest level, `undefined` when it has none.
 *
 * Never the level's position in the credential's list: in JSON-LD `rubricCriterionLevel` is an
 * unordered set (Open Badges 3.0.3 context), so a Data Integrity signature does not cover the
 * order, and a holder could move their level up the list without breaking it. On our published
 * scale the rank comes from the level's id; on another scale from the level's own `level` value
 * when that is a whole number (it is signed), else there is no rank.
 */
export function levelRank(scale: ResultDescription, levelId: string): number | undefined {
  if (scale.id === PROFICIENCY_4_ID) {
    const rank = PROFICIENCY_4_LEVELS.findIndex((_, i) => levelId === `${PROFICIENCY_4_ID}#${i + 1}`);
    return rank < 0 ? undefined : rank + 1;
  }
  const level = (scale.rubricCriterionLevel ?? []).find((l) => l.id === levelId)?.level;
  return typeof level === 'string' && /^[1-9][0-9]?$/.test(level) ? Number(level) : undefined;
}
