import skills from './seed/esco-demo-skills.json' with { type: 'json' };
import occupations from './seed/esco-demo-occupations.json' with { type: 'json' };
import type { Esco } from './esco-lean.js';
import { OccupationTaxonomy } from './occupation-taxonomy.js';
import type { Lang } from './skill-concept.js';
import { parseSkillsJson } from './parse-skills-json.js';
import { SkillTaxonomy } from './skill-taxonomy.js';

/** An occupation and the skills ESCO lists as essential for it. */
export interface Occupation {
  uri: string;
  labels: Partial<Record<Lang, string>>;
  essentialSkills: string[];
}

/**
 * The small ESCO seed the demo ships (four occupations' essential skills and a few transversal
 * skills, Dutch and English): cheap to build, so every test and demo start can. The whole ESCO is
 * `loadFullEsco()` from `@skills-passport/core/full-esco`.
 */
export function demoTaxonomy(): SkillTaxonomy {
  return SkillTaxonomy.fromConcepts(parseSkillsJson(skills));
}

/** The occupations of the demo seed, for demo vacancies. */
export function demoOccupations(): Occupation[] {
  return occupations.map((o) => ({
    uri: o.uri,
    labels: { ...o.labels },
    essentialSkills: [...o.essentialSkills],
  }));
}

/**
 * The demo seed in the shape of the whole ESCO ({@link Esco}): the same search and occupation
 * lookup, built in milliseconds, for tests and demo starts that need no more than the seed. The
 * seed lists no optional skills and no alternative labels.
 */
export function demoEsco(): Esco {
  const skillTaxonomy = demoTaxonomy();
  const occupationConcepts = demoOccupations().map((o) => ({
    ...o,
    framework: 'ESCO',
    altLabels: { nl: [], en: [] },
    optionalSkills: [],
  }));
  return {
    version: '1.2.0 (demo seed)',
    attribution: 'This service uses the ESCO classification of the European Commission.',
    homepage: 'https://esco.ec.europa.eu',
    skills: skillTaxonomy,
    occupations: OccupationTaxonomy.fromConcepts(occupationConcepts, skillTaxonomy),
  };
}
