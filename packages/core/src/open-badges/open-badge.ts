// What Skills Passport reads from a foreign Open Badges 3.0 credential: a small model of our own,
// so the matching and the pages never handle the whole (open-ended) Open Badges document.

/** The skills frameworks whose URIs a foreign badge can prove a skill by. */
export type SkillFramework = 'ESCO' | 'CompetentNL';

/** An achieved level of a rubric the badge itself declares (Open Badges `RubricCriterionLevel`). */
export interface OpenBadgeLevel {
  /** The level's `id` (what `Result.achievedLevel` points at). */
  id: string;
  /** The level's name as the issuer words it ("Mastery", "Gevorderd" ...). */
  name: string;
  /** The `ResultDescription` that declares the level. */
  scale: { id: string; name: string };
}

/**
 * What a result's `status` says: `achieved` for `Completed`; `not-achieved` for `Failed` and
 * `Withdrew`; `in-progress` for `Enrolled`, `InProgress`, `OnHold` and `Provisional`.
 */
export type OpenBadgeOutcome = 'achieved' | 'not-achieved' | 'in-progress';

/** The level of a qualification (EQF 1-8, NLQF) the achievement is aligned to. */
export interface QualificationLevel {
  framework: 'EQF' | 'NLQF';
  /** `1`..`8` for EQF; NLQF also has `4+` and `Entree`. */
  level: string;
}

/** One skill the badge aligns to, by a URI of a framework we match on. */
export interface OpenBadgeSkill {
  /** The skill URI in its canonical form (`http://data.europa.eu/esco/skill/<uuid>` for ESCO). */
  uri: string;
  framework: SkillFramework;
  /** The alignment's `targetName`. */
  name: string;
  /**
   * Where the alignment sits: on the achievement, on a result of the learner, or on a
   * result description (a rubric criterion) of the achievement.
   */
  alignedIn: 'achievement' | 'result' | 'result-description';
  /** The level the learner reached for this skill, when a result of this skill names one. */
  level?: OpenBadgeLevel;
  /** What a result of this skill says, when one states a status. */
  outcome?: OpenBadgeOutcome;
}

/** A foreign Open Badges 3.0 credential, as Skills Passport reads it. */
export interface OpenBadge {
  /** The credential's `id`. */
  credentialId: string;
  /** The credential's `type` list (holds `OpenBadgeCredential` or `AchievementCredential`). */
  types: string[];
  /** The credential's `name`, when it has one (wallets show it; the achievement name is required). */
  name?: string;
  /** `credentialSubject.id`: the learner (a DID or URI), when the badge names one. */
  subjectId?: string;
  issuer: { id: string; name?: string };
  achievement: {
    id: string;
    name: string;
    description: string;
    /** The achievement's `type` list. */
    types: string[];
    /** Open Badges' extensible vocabulary (`Badge`, `Course`, `MicroCredential`, `ext:...`). */
    achievementType?: string;
    /** `criteria.narrative`: how the achievement is earned (Markdown in many badges). */
    criteria?: string;
    /** Subject area ("Business", "Health care"): a topic, not a level. */
    fieldOfStudy?: string;
  };
  /** When the badge was awarded: `awardedDate`, else `validFrom`. */
  date: string;
  validFrom: string;
  validUntil?: string;
  /** `credentialSubject.activityEndDate`, when given. */
  activityEndDate?: string;
  /**
   * Formal when the `achievementType` names organised, assessed learning (a course, programme,
   * assessment, certificate, licence, degree or diploma); informal otherwise, including when the
   * badge says nothing. Open Badges has no field for this; see {@link learningOf}.
   */
  learning: 'formal' | 'informal';
  /** The level reached for the achievement as a whole, from a result without skill alignments. */
  level?: OpenBadgeLevel;
  /** The least favourable status of the achievement-wide results, when one states a status. */
  outcome?: OpenBadgeOutcome;
  /** An EQF or NLQF level the achievement is aligned to. */
  qualificationLevel?: QualificationLevel;
  /** Skills aligned by an ESCO or CompetentNL URI, each once (the most specific alignment wins). */
  skills: OpenBadgeSkill[];
  /** Evidence as the badge describes it (never fetched). */
  evidence: { id?: string; name?: string; genre?: string; description?: string }[];
}

/** How a report and the pages name a foreign badge as a kind of credential. */
export const OPEN_BADGE_TYPE_INFO = Object.freeze({
  /** The `type` of an Open Badge's proof line in a skills report. */
  name: 'OpenBadgeCredential',
  label: Object.freeze({ nl: 'Open Badge', en: 'Open Badge' }),
} as const);

/**
 * `achievementType` values that name organised learning with an assessment: what this product
 * calls formal (our own modules and micro-credentials are formal too).
 */
const FORMAL_ACHIEVEMENT_TYPES: ReadonlySet<string> = new Set([
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'Course',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ProfessionalDoctorate',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
]);

/**
 * Formal or informal learning, from the only thing an Open Badge says about it: its
 * `achievementType`. Badges, awards, memberships, competencies, co-curricular activities,
 * extensions and badges without a type count as informal, so an employer is never told "formal"
 * on a guess.
 */
export function learningOf(achievementType: string | undefined): 'formal' | 'informal' {
  return achievementType !== undefined && FORMAL_ACHIEVEMENT_TYPES.has(achievementType)
    ? 'formal'
    : 'informal';
}
