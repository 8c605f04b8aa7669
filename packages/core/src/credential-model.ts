import type { CredentialTypeName } from './credential-types.js';

// TypeScript views of the documents the JSON Schemas in `schemas/` describe. The schemas are the
// source of truth; these types only describe what validated documents look like to code.

/** An Open Badges Alignment pointing at a skill in a framework (ESCO, CompetentNL or a custom one). */
export interface SkillAlignment {
  type: ['Alignment'];
  targetUrl: string;
  targetName: string;
  targetFramework: string;
  targetType: 'ceasn:Competency' | 'CFItem' | 'ext:ESCOSkill' | 'ext:CompetentNLSkill';
  targetCode?: string;
  targetDescription?: string;
}

/** One level of a declared proficiency scale. */
export interface ProficiencyLevel {
  id: string;
  type: ['RubricCriterionLevel'];
  name: string;
  level?: string;
  description?: string;
  points?: string;
}

/** A declared scale (Open Badges ResultDescription); proficiency scales list levels low to high. */
export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: string;
  rubricCriterionLevel?: ProficiencyLevel[];
  allowedValue?: string[];
  requiredValue?: string;
  valueMin?: string;
  valueMax?: string;
}

/** Outcome of one competency in an assessment. */
export type SkillOutcome = 'achieved' | 'partly-achieved' | 'not-achieved';

/** What the learner showed for one skill. */
export interface SkillResult {
  type: ['Result'];
  alignment: [SkillAlignment];
  resultDescription: string;
  achievedLevel: string;
  value?: SkillOutcome;
}

/** A result for the whole achievement (a grade or pass mark). */
export interface OverallResult {
  type: ['Result'];
  resultDescription: string;
  value: string;
}

/** A person who assessed or attested (Open Badges `source`). */
export interface Attester {
  id?: string;
  type: ['Profile'];
  name: string;
  role: string;
  parentOrg?: { id?: string; type: ['Profile']; name: string };
}

/** The signing organisation. */
export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  otherIdentifier?: { type: 'IdentifierEntry'; identifier: string; identifierType: string }[];
}

/** A W3C Bitstring Status List entry: the one status a credential has (see README, status). */
export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** Description of evidence that was assessed (never the document itself). */
export interface Evidence {
  id?: string;
  type: ['Evidence'];
  name: string;
  genre: string;
  description?: string;
  narrative?: string;
}

export interface AchievementBase {
  id: string;
  type: ['Achievement'];
  achievementType: string;
  name: string;
  description: string;
  criteria: { id?: string; narrative?: string };
  alignment: SkillAlignment[];
  resultDescription: ResultDescription[];
  inLanguage?: 'nl' | 'en';
}

export interface SubjectBase {
  id?: string;
  type: ['AchievementSubject'];
  identifier?: {
    type: 'IdentityObject';
    hashed: boolean;
    identityHash: string;
    identityType: string;
    salt?: string;
  }[];
}

export interface EVCSubject extends SubjectBase {
  achievement: AchievementBase & {
    achievementType: 'Certificate';
    standard: {
      identifier: string;
      name: string;
      version?: string;
      kind: 'kwalificatiedossier' | 'branch-standard' | 'other';
      url?: string;
    };
  };
  result: (SkillResult & { value: SkillOutcome })[];
  source: Attester;
  route: 'labour-market' | 'education';
  assessmentDate: string;
  assessmentMethods: string[];
}

export interface ModuleSubject extends SubjectBase {
  achievement: AchievementBase & {
    achievementType: 'Course' | 'MicroCredential' | 'LearningProgram' | 'CertificateOfCompletion';
    learningOutcomes: { description: string; alignment: SkillAlignment[] }[];
    qualificationLevel: { eqf?: number; nlqf?: string };
    studyLoad: { hours?: number; ects?: number };
    creditsAvailable?: number;
  };
  result: (SkillResult | OverallResult)[];
  assessmentType: string;
  activityStartDate?: string;
  activityEndDate: string;
  creditsEarned?: number;
  source?: Attester;
}

export interface WorkplaceLearningSubject extends SubjectBase {
  achievement: AchievementBase & { achievementType: 'ext:WorkplaceLearning' };
  result: SkillResult[];
  source: Attester;
  workplace: { name: string; department?: string; location?: string; sector?: string };
  activityStartDate: string;
  activityEndDate?: string;
  role: string;
  tasks: string[];
  hoursPerWeek?: number;
}

/** A module chosen for a development plan, as its catalogue describes it. */
export interface PlannedModule {
  /** The catalogue module's (Open Badges Achievement) id; its module credential carries the same. */
  id: string;
  name: string;
  provider: { id: string; name: string };
  /** The skills the module closes (its learning outcomes' alignments). */
  skills: { uri: string; label: string }[];
  studyLoadHours?: number;
}

/** What a learner and a learn-work desk adviser agreed (days as YYYY-MM-DD). */
export interface DevelopmentPlan {
  targetOccupation: { uri: string; label: string };
  adviser: { name: string };
  agreedOn: string;
  modules: PlannedModule[];
  nextSteps: { description: string; due?: string }[];
  reviewOn?: string;
}

/** A plan proves no skill: its achievement has no alignment or scales, its subject no results. */
export interface DevelopmentPlanSubject extends SubjectBase {
  achievement: Omit<AchievementBase, 'alignment' | 'resultDescription'> & {
    achievementType: 'ext:DevelopmentPlan';
  };
  developmentPlan: DevelopmentPlan;
}

interface Envelope<T extends CredentialTypeName, S> {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential', T];
  name: string;
  description?: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  credentialSchema?: { id: string; type: 'JsonSchema' } | { id: string; type: 'JsonSchema' }[];
  credentialStatus?: StatusEntry;
  evidence?: Evidence[];
  credentialSubject: S;
}

export type EVCCredential = Envelope<'EVCCredential', EVCSubject>;
export type ModuleCredential = Envelope<'ModuleCredential', ModuleSubject>;
export type WorkplaceLearningCredential = Envelope<'WorkplaceLearningCredential', WorkplaceLearningSubject>;
export type DevelopmentPlanCredential = Envelope<'DevelopmentPlanCredential', DevelopmentPlanSubject>;

/** A Skills Passport credential that proves skills: it has skill results on declared scales. */
export type SkillCredentialDocument = EVCCredential | ModuleCredential | WorkplaceLearningCredential;

/** Any valid Skills Passport credential document (unsigned). */
export type CredentialDocument = SkillCredentialDocument | DevelopmentPlanCredential;

/** True when the document proves skills (it is not a development plan). */
export function isSkillCredential(doc: CredentialDocument): doc is SkillCredentialDocument {
  return doc.type[2] !== 'DevelopmentPlanCredential';
}
