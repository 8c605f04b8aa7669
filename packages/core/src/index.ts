// @skills-passport/core: the credential model, validation, skills taxonomy and error codes shared
// by the issuer, the verifier and the browser wallet. Nothing here imports Node-only modules.
export * from './errors.js';
export * from './credential-types.js';
export type * from './credential-model.js';
export { isSkillCredential } from './credential-model.js';
export * from './proficiency-scales.js';
export { toVcdm11, fromVcdm11, isVcdm11 } from './vcdm11.js';
export { validateCredential, assertValidCredential } from './validation/validate-credential.js';
export type { CredentialValidation, ValidateCredentialOptions } from './validation/validate-credential.js';
export { guardJson, DEFAULT_JSON_LIMITS } from './validation/json-guard.js';
export type { JsonLimits, JsonGuardFailure } from './validation/json-guard.js';
export { BodyIssues } from './validation/body-issues.js';
export { CREDENTIAL_SCHEMAS, COMMON_SCHEMA } from './validation/schema-registry.js';
export type { Lang, SkillKind, SkillConcept } from './taxonomy/skill-concept.js';
export { preferredLabel } from './taxonomy/skill-concept.js';
export { foldForSearch } from './taxonomy/normalize.js';
export { SkillTaxonomy } from './taxonomy/skill-taxonomy.js';
export type { SkillMatch, SkillSearchOptions } from './taxonomy/skill-taxonomy.js';
export { parseSkillsJson } from './taxonomy/parse-skills-json.js';
export { parseEscoCsv } from './taxonomy/esco-csv.js';
export type { EscoCsvExport } from './taxonomy/esco-csv.js';
export { demoTaxonomy, demoOccupations, demoEsco } from './taxonomy/demo-seed.js';
export type { Occupation } from './taxonomy/demo-seed.js';
export { LabelIndex } from './taxonomy/label-search.js';
export type {
  Labelled,
  LabelHit,
  LabelMatchKind,
  LabelSearchOptions,
  LabelSearchResult,
} from './taxonomy/label-search.js';
export { OccupationTaxonomy } from './taxonomy/occupation-taxonomy.js';
export type { OccupationConcept, OccupationSkills } from './taxonomy/occupation-taxonomy.js';
// The whole ESCO: `readEscoLean` / `escoFromGzip` here (browser-safe); Node reads the shipped file
// with `loadFullEsco` from `@skills-passport/core/full-esco`.
export { ESCO_LEAN_FORMAT, readEscoLean } from './taxonomy/esco-lean.js';
export type { Esco } from './taxonomy/esco-lean.js';
export { escoFromGzip } from './taxonomy/esco-from-gzip.js';
export * from './verification/index.js';
export * from './jsonld/index.js';
export * from './data-integrity/index.js';
export * from './open-badges/index.js';
export * from './sd-jwt/index.js';
// The career check (issue 16): the gap between the learner's skills and an occupation or vacancy,
// and all occupations ranked by fit. Computed where the credentials are: in the wallet.
export { HolderSkills, computeGap, occupationWants } from './career/gap.js';
export type {
  Gap,
  GapCounts,
  GapLine,
  HeldSkill,
  HeldSkillSource,
  PartlyReason,
  WantedSkill,
} from './career/gap.js';
export { OccupationIndex } from './career/rank-occupations.js';
export type { OccupationFit } from './career/rank-occupations.js';
// Catalogue modules ranked by the missing skills they close per study hour, and a short plan.
export { ModuleIndex, PARTLY_WEIGHT, suggestModules } from './career/suggest-modules.js';
export type {
  ClosedSkill,
  ModulePlan,
  ModuleSuggestion,
  ModuleSuggestions,
  SuggestableModule,
  SuggestOptions,
} from './career/suggest-modules.js';
