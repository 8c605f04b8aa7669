import skills from './seed/esco-demo-skills.json' with { type: 'json' };
import occupations from './seed/esco-demo-occupations.json' with { type: 'json' };
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
