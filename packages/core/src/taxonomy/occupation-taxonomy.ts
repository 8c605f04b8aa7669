import { SkillsPassportError } from '../errors.js';
import {
  LabelIndex,
  type LabelSearchOptions,
  type LabelSearchResult,
  type Labelled,
} from './label-search.js';
import type { SkillConcept } from './skill-concept.js';
import type { SkillTaxonomy } from './skill-taxonomy.js';

/** An occupation of a framework (ESCO) and the skills it lists for it, by skill URI. */
export interface OccupationConcept extends Labelled {
  /** The framework's name, as for skills (`ESCO`). */
  framework: string;
  /** ISCO-08 unit group and ESCO's own code under it (`5321`, `5321.1`), where known. */
  iscoGroup?: string;
  code?: string;
  essentialSkills: string[];
  optionalSkills: string[];
}

/** An occupation with its skills resolved: what a vacancy or an assessment starts from. */
export interface OccupationSkills {
  occupation: OccupationConcept;
  essential: SkillConcept[];
  optional: SkillConcept[];
}

/**
 * The occupations of a framework, searchable by label like skills, each resolving to its essential
 * and optional skills in the skill taxonomy it was built with.
 */
export class OccupationTaxonomy {
  readonly #byUri = new Map<string, OccupationConcept>();
  readonly #skills: SkillTaxonomy;
  readonly #labels = new LabelIndex(() => this.#byUri.values());

  private constructor(occupations: Iterable<OccupationConcept>, skills: SkillTaxonomy) {
    this.#skills = skills;
    for (const occupation of occupations) {
      if (this.#byUri.has(occupation.uri)) {
        throw new SkillsPassportError(
          'ERR_TAXONOMY_FORMAT',
          `The occupation ${occupation.uri} appears twice.`,
        );
      }
      const unknown = [...occupation.essentialSkills, ...occupation.optionalSkills].find(
        (uri) => skills.get(uri) === undefined,
      );
      if (unknown !== undefined) {
        throw new SkillsPassportError(
          'ERR_TAXONOMY_FORMAT',
          `The occupation ${occupation.uri} lists ${unknown}, which is not in the skill taxonomy.`,
        );
      }
      this.#byUri.set(occupation.uri, occupation);
    }
  }

  /**
   * Builds the occupations over `skills`; throws `ERR_TAXONOMY_FORMAT` when an occupation appears
   * twice or lists a skill that `skills` does not hold, so {@link skillsOf} never comes up short.
   */
  static fromConcepts(occupations: Iterable<OccupationConcept>, skills: SkillTaxonomy): OccupationTaxonomy {
    return new OccupationTaxonomy(occupations, skills);
  }

  /** Number of occupations. */
  get size(): number {
    return this.#byUri.size;
  }

  /** The occupation with this URI, if any. */
  get(uri: string): OccupationConcept | undefined {
    return this.#byUri.get(uri);
  }

  /** Every occupation, in the order they were loaded. */
  concepts(): OccupationConcept[] {
    return [...this.#byUri.values()];
  }

  /** Finds occupations by label, as {@link SkillTaxonomy.find} finds skills. */
  find(query: string, options: LabelSearchOptions = {}): LabelSearchResult<OccupationConcept> {
    return this.#labels.search(query, options);
  }

  /**
   * The occupation's essential and optional skills, in the framework's order; undefined for an
   * unknown URI. A skill listed as both (ESCO v1.2 has 17 such pairs) counts as essential only.
   */
  skillsOf(uri: string): OccupationSkills | undefined {
    const occupation = this.#byUri.get(uri);
    if (occupation === undefined) return undefined;
    const resolve = (uris: string[]) => uris.map((skill) => this.#skills.get(skill)!);
    return {
      occupation,
      essential: resolve(occupation.essentialSkills),
      optional: resolve(
        occupation.optionalSkills.filter((skill) => !occupation.essentialSkills.includes(skill)),
      ),
    };
  }
}
