/** Languages the platform shows labels in. */
export type Lang = 'nl' | 'en';

/** ESCO's kinds of skill concept, with transversal skills kept apart as ESCO's reuse level marks them. */
export type SkillKind = 'skill/competence' | 'knowledge' | 'transversal' | 'language';

/** One concept of a skills framework: what a credential's alignment points at by `uri`. */
export interface SkillConcept {
  uri: string;
  /** The framework's name as it appears in an alignment's `targetFramework` (`ESCO`, `CompetentNL`, ...). */
  framework: string;
  kind: SkillKind;
  /** ESCO reuse level: transversal, cross-sector, sector-specific or occupation-specific. */
  reuseLevel?: string;
  labels: Partial<Record<Lang, string>>;
  altLabels: Record<Lang, string[]>;
  /** The nearest skill group, where the framework has one. */
  group?: { uri: string; labels: Partial<Record<Lang, string>> };
}

/** The label to show for a concept in `lang`, falling back to the other language. */
export function preferredLabel(concept: Pick<SkillConcept, 'labels' | 'uri'>, lang: Lang): string {
  return concept.labels[lang] ?? concept.labels[lang === 'nl' ? 'en' : 'nl'] ?? concept.uri;
}
