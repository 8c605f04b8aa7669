import { OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from '../credential-types.js';
import { PROFICIENCY_4_ID, proficiencyScale } from '../proficiency-scales.js';
import type { Lang } from '../taxonomy/skill-concept.js';

// When the learner shares a self-declared skill (an EVC intake, an adviser, an employer who takes
// Open Badges), it travels as an Open Badges 3.0 credential the wallet issues to itself
// (contract D): issuer = subject = the holder's DID. Every receiver reads "issuer is subject" as
// self-declared: listed, never counted as proven.

/** The tag every self-issued credential carries on its achievement. */
export const SELF_DECLARED_TAG = 'self-declared';

const WORDS = {
  nl: {
    issuer: 'Zelf opgegeven door de houder',
    description: (label: string) =>
      `Zelf opgegeven vaardigheid: ${label}. Geen organisatie heeft deze vaardigheid beoordeeld.`,
  },
  en: {
    issuer: 'Self-declared by the holder',
    description: (label: string) => `Self-declared skill: ${label}. No organisation has assessed this skill.`,
  },
} as const;

/** A skill the learner says they have: the ESCO skill, the evidence in their words, their own level. */
export interface SelfDeclaredBadgeSkill {
  uri: string;
  label: string;
  evidence: string;
  /** A rank on the default four-level scale (1 Beginner … 4 Expert). */
  level?: number;
}

function alignment(skill: SelfDeclaredBadgeSkill): Record<string, unknown> {
  return {
    type: ['Alignment'],
    targetUrl: skill.uri,
    targetName: skill.label,
    targetFramework: 'ESCO',
    targetType: 'ext:ESCOSkill',
  };
}

/**
 * The credential document (VC Data Model 2.0, Open Badges 3.0) for one self-declared skill: the
 * achievement of contract D, valid from `now` (to the second); with a level, the default
 * four-level scale and one result at that level (as our EVC certificates state levels), so a
 * receiver reads the level the learner gave. `id` and `achievementId` are fresh `urn:uuid:` ids.
 */
export function selfDeclaredBadgeDocument(
  skill: SelfDeclaredBadgeSkill,
  holderDid: string,
  options: { id: string; achievementId: string; now: Date; lang: Lang },
): Record<string, unknown> {
  const words = WORDS[options.lang];
  const scale = proficiencyScale(options.lang);
  const levelId = skill.level === undefined ? undefined : scale.rubricCriterionLevel?.[skill.level - 1]?.id;
  return {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: skill.label,
    issuer: { id: holderDid, type: ['Profile'], name: words.issuer },
    validFrom: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: holderDid,
      type: ['AchievementSubject'],
      achievement: {
        id: options.achievementId,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: skill.label,
        description: words.description(skill.label),
        criteria: { narrative: skill.evidence },
        inLanguage: options.lang,
        tag: [SELF_DECLARED_TAG],
        alignment: [alignment(skill)],
        ...(levelId === undefined ? {} : { resultDescription: [scale] }),
      },
      ...(levelId === undefined
        ? {}
        : {
            result: [
              {
                type: ['Result'],
                alignment: [alignment(skill)],
                resultDescription: PROFICIENCY_4_ID,
                achievedLevel: levelId,
                value: 'achieved',
              },
            ],
          }),
    },
  };
}
