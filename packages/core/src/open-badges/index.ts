// Foreign Open Badges 3.0 credentials: read, validated against 1EdTech's schema, and their skills
// matched like ours (see `matchSkills`).
export { readOpenBadge, OPEN_BADGE_CREDENTIAL_TYPES } from './read-open-badge.js';
export type { OpenBadgeReading, ReadOpenBadgeOptions } from './read-open-badge.js';
export { OPEN_BADGE_TYPE_INFO, learningOf } from './open-badge.js';
export type {
  OpenBadge,
  OpenBadgeSkill,
  OpenBadgeLevel,
  OpenBadgeOutcome,
  QualificationLevel,
  SkillFramework,
} from './open-badge.js';
export {
  skillUriOf,
  alignedSkill,
  alignedQualificationLevel,
  COMPETENTNL_SKILL_PREFIX,
} from './skill-uris.js';
export type { AlignmentTarget } from './skill-uris.js';
export { OPEN_BADGE_SCHEMA } from './ob-schema-registry.js';
export { openBadgeAchievementIssues } from './achievement-issues.js';
// Contract D: the Open Badge a wallet issues to itself for a self-declared skill.
export { SELF_DECLARED_TAG, selfDeclaredBadgeDocument } from './self-declared-badge.js';
export type { SelfDeclaredBadgeSkill } from './self-declared-badge.js';
// The matching types for badges live with matchSkills; verification/index.ts lists only the older ones.
export type {
  AnyMatchable,
  AnySkillProof,
  MatchableOpenBadge,
  OpenBadgeSkillProof,
} from '../verification/skills-match.js';
