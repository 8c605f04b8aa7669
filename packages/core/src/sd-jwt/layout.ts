import type { CredentialTypeName } from '../credential-types.js';

// How a Skills Passport credential is laid out as an SD-JWT VC. The VC 2.0 document's members keep
// their names; two things change so that a verifier can ask for one skill (DCQL claims paths select
// array elements only by index or all together): skill results become an object keyed by the
// skill's URI (`credentialSubject.results`), and results for the whole achievement (a grade) go to
// `credentialSubject.overallResults`. What identifies the credential — issuer, type (`vct`), the
// achievement, validity — is always visible; everything about the person is disclosable one by one.

/** A DCQL / Type Metadata claims path (OpenID4VP 1.0 §7): names, array indexes, `null` for all elements. */
export type ClaimPath = (string | number | null)[];

/** The object of skill results keyed by skill URI, inside `credentialSubject`. */
export const RESULTS_MEMBER = 'results';
/** The array of results for the whole achievement, inside `credentialSubject`. */
export const OVERALL_RESULTS_MEMBER = 'overallResults';

/** The path of one skill's result: what a verifier names in a DCQL `claims` entry. */
export function skillResultPath(skillUri: string): ClaimPath {
  return ['credentialSubject', RESULTS_MEMBER, skillUri];
}

/** Subject members that are never disclosable: they say what the credential is, not who holds it. */
export const VISIBLE_SUBJECT_MEMBERS: readonly string[] = ['type', 'achievement'];

/** A claim as Type Metadata describes it, and whether each holder may withhold it. */
export interface ClaimLabel {
  path: ClaimPath;
  label: { nl: string; en: string };
  disclosable: boolean;
  /** The types that have the claim; all when absent. */
  types?: readonly CredentialTypeName[];
}

const EVC: readonly CredentialTypeName[] = ['EVCCredential'];
const MODULE: readonly CredentialTypeName[] = ['ModuleCredential'];
const WORKPLACE: readonly CredentialTypeName[] = ['WorkplaceLearningCredential'];
const ACTIVITY: readonly CredentialTypeName[] = ['ModuleCredential', 'WorkplaceLearningCredential'];
const PLAN: readonly CredentialTypeName[] = ['DevelopmentPlanCredential'];
const SKILL_TYPES: readonly CredentialTypeName[] = ['EVCCredential', ...ACTIVITY];
const subject = (member: string): ClaimPath => ['credentialSubject', member];

/** Every claim our types carry, in the order a holder reads them. */
export const SD_JWT_CLAIM_LABELS: readonly ClaimLabel[] = [
  { path: ['name'], label: { nl: 'Titel', en: 'Title' }, disclosable: false },
  { path: ['issuer'], label: { nl: 'Uitgever', en: 'Issuer' }, disclosable: false },
  { path: subject('achievement'), label: { nl: 'Prestatie', en: 'Achievement' }, disclosable: false },
  {
    path: [...subject('achievement'), 'learningOutcomes', null],
    label: { nl: 'Leeruitkomst', en: 'Learning outcome' },
    disclosable: true,
    types: MODULE,
  },
  {
    path: subject('identifier'),
    label: { nl: 'Naam van de lerende', en: "The learner's name" },
    disclosable: true,
  },
  {
    path: [...subject(RESULTS_MEMBER), null],
    label: { nl: 'Resultaat per vaardigheid', en: 'Result per skill' },
    disclosable: true,
    types: SKILL_TYPES,
  },
  {
    path: [...subject(OVERALL_RESULTS_MEMBER), null],
    label: { nl: 'Eindresultaat', en: 'Overall result' },
    disclosable: true,
    types: MODULE,
  },
  {
    path: subject('source'),
    label: { nl: 'Assessor of begeleider', en: 'Assessor or mentor' },
    disclosable: true,
    types: SKILL_TYPES,
  },
  { path: subject('route'), label: { nl: 'Route', en: 'Route' }, disclosable: true, types: EVC },
  {
    path: subject('assessmentDate'),
    label: { nl: 'Datum van het assessment', en: 'Assessment date' },
    disclosable: true,
    types: EVC,
  },
  {
    path: subject('assessmentMethods'),
    label: { nl: 'Assessmentmethoden', en: 'Assessment methods' },
    disclosable: true,
    types: EVC,
  },
  {
    path: subject('assessmentType'),
    label: { nl: 'Soort toetsing', en: 'Assessment type' },
    disclosable: true,
    types: MODULE,
  },
  {
    path: subject('creditsEarned'),
    label: { nl: 'Behaalde studiepunten', en: 'Credits earned' },
    disclosable: true,
    types: MODULE,
  },
  {
    path: subject('activityStartDate'),
    label: { nl: 'Begindatum', en: 'Start date' },
    disclosable: true,
    types: ACTIVITY,
  },
  {
    path: subject('activityEndDate'),
    label: { nl: 'Einddatum', en: 'End date' },
    disclosable: true,
    types: ACTIVITY,
  },
  {
    path: subject('workplace'),
    label: { nl: 'Werkplek', en: 'Workplace' },
    disclosable: true,
    types: WORKPLACE,
  },
  { path: subject('role'), label: { nl: 'Functie', en: 'Role' }, disclosable: true, types: WORKPLACE },
  { path: subject('tasks'), label: { nl: 'Taken', en: 'Tasks' }, disclosable: true, types: WORKPLACE },
  {
    path: subject('hoursPerWeek'),
    label: { nl: 'Uren per week', en: 'Hours per week' },
    disclosable: true,
    types: WORKPLACE,
  },
  {
    path: subject('developmentPlan'),
    label: { nl: 'Ontwikkelplan', en: 'Development plan' },
    disclosable: true,
    types: PLAN,
  },
  { path: ['evidence', null], label: { nl: 'Bewijs', en: 'Evidence' }, disclosable: true },
];
