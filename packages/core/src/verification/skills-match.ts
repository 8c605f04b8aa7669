import {
  isSkillCredential,
  type CredentialDocument,
  type ResultDescription,
  type SkillCredentialDocument,
} from '../credential-model.js';
import { CREDENTIAL_TYPE_INFO, type CredentialTypeName } from '../credential-types.js';
import type { OpenBadge, QualificationLevel } from '../open-badges/open-badge.js';
import { PROFICIENCY_4_ID, levelRank, proficiencyScale } from '../proficiency-scales.js';
import type { Lang } from '../taxonomy/skill-concept.js';
import type { SkillTaxonomy } from '../taxonomy/skill-taxonomy.js';

/** One skill an employer asks for. */
export interface RequestedSkill {
  uri: string;
  required: boolean;
  /** Minimum level as a rank on the default four-level scale (1 Beginner … 4 Expert). */
  minimumLevel?: number;
}

/** A credential of ours that went through verification, as the match report needs it. */
export interface MatchableCredential {
  /** Optional: what is not an Open Badge is one of ours. */
  kind?: 'skills-passport';
  /** Position in the presentation, so a report line points back at its checks. */
  index: number;
  type: CredentialTypeName;
  credential: CredentialDocument;
  /** `verified` counts as proof; `issuer_not_recognised` is shown but does not count. */
  outcome: 'verified' | 'issuer_not_recognised';
  /** The issuer's name from the trusted-issuer registry, else from the credential. */
  issuerName: string;
  /**
   * Only what the holder chose to disclose (an SD-JWT VC): a skill is proven by a disclosed
   * result only. The achievement's alignment stays visible — it says what the achievement covers,
   * not what this learner showed — and a withheld result may well be "not achieved".
   */
  partial?: boolean;
  /** Issued by the holder to themselves: listed as self-declared, never proof. */
  selfDeclared?: boolean;
}

/** One credential's contribution to one requested skill. */
export interface SkillProof {
  credentialIndex: number;
  credentialId: string;
  type: CredentialTypeName;
  learning: 'formal' | 'informal';
  title: string;
  issuerName: string;
  issuerId: string;
  issuerRecognised: boolean;
  /** When the skill was shown: assessment date, end of activity, else issuance. */
  date: string;
  /** `exact`: the credential names this skill; `related`: a skill in the same ESCO group. */
  match: 'exact' | 'related';
  /** The skill the credential names (differs from the requested one for `related`). */
  skill: { uri: string; label: string };
  level?: { id: string; name: string; rank?: number };
  /** `undefined` when no minimum was asked or the level is on an unknown scale. */
  levelMeetsMinimum?: boolean;
  outcome?: string;
  assessor?: { name: string; role: string };
  evidence: { name: string; genre: string; description?: string }[];
  /** Whether this proof makes the skill proven. */
  counts: boolean;
  /** The holder issued it to themselves: nobody verified it; it never counts, not even as `partial`. */
  selfDeclared?: true;
}

/**
 * A foreign Open Badge (read by `readOpenBadge`) that went through verification. Its issuer is
 * recognised or not like any other: only `verified` counts.
 */
export interface MatchableOpenBadge {
  kind: 'open-badge';
  /** Position in the presentation, so a report line points back at its checks. */
  index: number;
  badge: OpenBadge;
  outcome: 'verified' | 'issuer_not_recognised';
  /** The issuer's name from the trusted-issuer registry; defaults to the badge's own. */
  issuerName?: string;
  /** Issued by the holder to themselves: listed as self-declared, never proof. */
  selfDeclared?: boolean;
}

/** Anything `matchSkills` reads: a credential of ours or a foreign Open Badge. */
export type AnyMatchable = MatchableCredential | MatchableOpenBadge;

/**
 * A foreign Open Badge's contribution to one requested skill: a {@link SkillProof} whose `type` is
 * `OpenBadgeCredential` (shown as "Open Badge") and whose `title` is the achievement's name.
 * `level` is the rubric level the badge declares (ranked only on our own published scale: Open
 * Badges does not order levels); `assessor` is never set.
 */
export interface OpenBadgeSkillProof extends Omit<SkillProof, 'type'> {
  type: 'OpenBadgeCredential';
  /** The achievement's Open Badges `achievementType` (`MicroCredential`, `Badge`, `ext:...`). */
  achievementType?: string;
  /** The EQF or NLQF level the achievement is aligned to. */
  qualificationLevel?: QualificationLevel;
}

/** A proof line of either kind; `type` tells them apart. */
export type AnySkillProof = SkillProof | OpenBadgeSkillProof;

/**
 * The answer for one requested skill. Reports over our credentials only hold {@link SkillProof}s
 * (the default); a report that may hold Open Badges is `SkillMatchLine<AnySkillProof>`.
 */
export interface SkillMatchLine<P extends AnySkillProof = SkillProof> {
  uri: string;
  label: Record<Lang, string>;
  required: boolean;
  minimumLevel?: number;
  /** `proven`: an exact, counting proof; `partial`: only related skills, a lower level or a partly achieved result. */
  status: 'proven' | 'partial' | 'not_proven';
  proofs: P[];
}

/** The per-skill answer to an employer's request (see {@link SkillMatchLine} for `P`). */
export interface SkillsMatchReport<P extends AnySkillProof = SkillProof> {
  skills: SkillMatchLine<P>[];
  coverage: { required: number; proven: number; partial: number; notProven: number; percent: number };
}

/** A skill a credential names, and what it says about the learner's level and result in it. */
interface Found {
  skillUri: string;
  skillLabel: string;
  level?: { id: string; name: string; rank?: number };
  /** The level's rank when it is on the default four-level scale: only those compare with a minimum. */
  defaultScaleRank?: number;
  outcome?: string;
}

type PerSkill = 'match' | 'skill' | 'level' | 'levelMeetsMinimum' | 'outcome' | 'counts';
/** What a credential says on every proof line it gives, whatever the skill. */
type ProofCommon = Omit<SkillProof, PerSkill> | Omit<OpenBadgeSkillProof, PerSkill>;

/** One matchable credential, read once: its common proof fields and the skills it names. */
interface Source {
  common: ProofCommon;
  found: Found[];
}

function levelOn(scale: ResultDescription | undefined, levelId: string | undefined): Partial<Found> {
  if (levelId === undefined) return {};
  const definition = scale?.rubricCriterionLevel?.find((l) => l.id === levelId);
  const rank = scale === undefined ? undefined : levelRank(scale, levelId);
  return {
    level: { id: levelId, name: definition?.name ?? levelId, ...(rank === undefined ? {} : { rank }) },
    ...(scale?.id === PROFICIENCY_4_ID && rank !== undefined ? { defaultScaleRank: rank } : {}),
  };
}

/** Where a credential of ours names skills: per-skill results first (they carry levels), then alignments. */
function skillsIn(credential: SkillCredentialDocument, resultsOnly: boolean): Found[] {
  const subject = credential.credentialSubject;
  const scales: ResultDescription[] = subject.achievement.resultDescription;
  const found: Found[] = [];
  for (const result of subject.result as {
    alignment?: { targetUrl: string; targetName: string }[];
    achievedLevel?: string;
    resultDescription?: string;
    value?: string;
  }[]) {
    const target = result.alignment?.[0];
    if (target !== undefined) {
      const scale = scales.find((s) => s.id === result.resultDescription);
      found.push({
        skillUri: target.targetUrl,
        skillLabel: target.targetName,
        ...levelOn(scale, result.achievedLevel),
        ...(result.value === undefined ? {} : { outcome: result.value }),
      });
    }
  }
  if (resultsOnly) return found;
  for (const alignment of subject.achievement.alignment) {
    if (!found.some((f) => f.skillUri === alignment.targetUrl)) {
      found.push({ skillUri: alignment.targetUrl, skillLabel: alignment.targetName });
    }
  }
  return found;
}

function dateOf(credential: SkillCredentialDocument): string {
  const subject = credential.credentialSubject as { assessmentDate?: string; activityEndDate?: string };
  return subject.assessmentDate ?? subject.activityEndDate ?? credential.validFrom;
}

function ourSource(entry: MatchableCredential, credential: SkillCredentialDocument): Source {
  const source = (credential.credentialSubject as { source?: { name: string; role: string } }).source;
  return {
    common: {
      credentialIndex: entry.index,
      credentialId: credential.id,
      type: entry.type,
      // Only skill credentials come here (matchSkills leaves plans out), so never 'plan'.
      learning: CREDENTIAL_TYPE_INFO[entry.type].learning as SkillProof['learning'],
      title: credential.name,
      issuerName: entry.issuerName,
      issuerId: credential.issuer.id,
      issuerRecognised: entry.outcome === 'verified' && entry.selfDeclared !== true,
      ...(entry.selfDeclared === true ? { selfDeclared: true as const } : {}),
      date: dateOf(credential),
      ...(source === undefined ? {} : { assessor: { name: source.name, role: source.role } }),
      evidence: (credential.evidence ?? []).map((e) => ({
        name: e.name,
        genre: e.genre,
        ...(e.description === undefined ? {} : { description: e.description }),
      })),
    },
    found: skillsIn(credential, entry.partial === true),
  };
}

/**
 * A badge's skills: a skill's own result gives its level and outcome, else the achievement-wide
 * result does. Levels of a foreign rubric are shown by name; only levels of our published
 * four-level scale (by its id) have a rank that compares with a minimum.
 */
function badgeSkills(badge: OpenBadge): Found[] {
  const ourScale = proficiencyScale('en');
  return badge.skills.map((skill) => {
    const level = skill.level ?? badge.level;
    const outcome = skill.outcome ?? badge.outcome;
    const rank = level?.scale.id === PROFICIENCY_4_ID ? levelRank(ourScale, level.id) : undefined;
    return {
      skillUri: skill.uri,
      skillLabel: skill.name,
      ...(level === undefined
        ? {}
        : { level: { id: level.id, name: level.name, ...(rank === undefined ? {} : { rank }) } }),
      ...(rank === undefined ? {} : { defaultScaleRank: rank }),
      ...(outcome === undefined ? {} : { outcome }),
    };
  });
}

function badgeSource(entry: MatchableOpenBadge): Source {
  const { badge } = entry;
  return {
    common: {
      credentialIndex: entry.index,
      credentialId: badge.credentialId,
      type: 'OpenBadgeCredential',
      learning: badge.learning,
      title: badge.achievement.name,
      issuerName: entry.issuerName ?? badge.issuer.name ?? badge.issuer.id,
      issuerId: badge.issuer.id,
      issuerRecognised: entry.outcome === 'verified' && entry.selfDeclared !== true,
      ...(entry.selfDeclared === true ? { selfDeclared: true as const } : {}),
      date: badge.date,
      evidence: badge.evidence.flatMap((e) => {
        const name = e.name ?? e.id;
        return name === undefined
          ? []
          : [
              {
                name,
                genre: e.genre ?? '',
                ...(e.description === undefined ? {} : { description: e.description }),
              },
            ];
      }),
      ...(badge.achievement.achievementType === undefined
        ? {}
        : { achievementType: badge.achievement.achievementType }),
      ...(badge.qualificationLevel === undefined ? {} : { qualificationLevel: badge.qualificationLevel }),
    },
    found: badgeSkills(badge),
  };
}

function proofFrom(
  common: ProofCommon,
  found: Found,
  match: 'exact' | 'related',
  requested: RequestedSkill,
): AnySkillProof {
  const levelMeetsMinimum =
    requested.minimumLevel === undefined
      ? undefined
      : found.defaultScaleRank !== undefined
        ? found.defaultScaleRank >= requested.minimumLevel
        : found.level === undefined
          ? false
          : undefined;
  const achieved = found.outcome === undefined || found.outcome === 'achieved';
  return {
    ...common,
    match,
    skill: { uri: found.skillUri, label: found.skillLabel },
    ...(found.level === undefined ? {} : { level: found.level }),
    ...(levelMeetsMinimum === undefined ? {} : { levelMeetsMinimum }),
    ...(found.outcome === undefined ? {} : { outcome: found.outcome }),
    counts: common.issuerRecognised && match === 'exact' && achieved && levelMeetsMinimum !== false,
  };
}

/**
 * Matches requested skills against verified credentials. A skill is `proven` when a credential
 * from a recognised issuer names it by URI with an achieved result at or above the minimum level;
 * `partial` when the only support is a related skill (same skill group in `taxonomy`), a lower
 * level, a result not (yet) achieved, or an unrecognised issuer; otherwise `not_proven` — also when
 * its only support is self-declared (the holder's own credential, listed but never counted). Coverage
 * counts required skills only.
 *
 * Foreign Open Badges ({@link MatchableOpenBadge}) count by the ESCO or CompetentNL skills they
 * align to, like our credentials; a report that may hold them is typed with {@link AnySkillProof}.
 */
export function matchSkills(
  requested: readonly RequestedSkill[],
  credentials: readonly MatchableCredential[],
  taxonomy?: SkillTaxonomy,
): SkillsMatchReport;
export function matchSkills(
  requested: readonly RequestedSkill[],
  credentials: readonly AnyMatchable[],
  taxonomy?: SkillTaxonomy,
): SkillsMatchReport<AnySkillProof>;
export function matchSkills(
  requested: readonly RequestedSkill[],
  credentials: readonly AnyMatchable[],
  taxonomy?: SkillTaxonomy,
): SkillsMatchReport<AnySkillProof> {
  // A development plan names skills still to learn; it never supports a skill, not even in part.
  const sources = credentials.flatMap((entry) => {
    if (entry.kind === 'open-badge') return [badgeSource(entry)];
    return isSkillCredential(entry.credential) ? [ourSource(entry, entry.credential)] : [];
  });
  const lines: SkillMatchLine<AnySkillProof>[] = requested.map((skill) => {
    const concept = taxonomy?.get(skill.uri);
    const related = new Set((taxonomy?.related(skill.uri) ?? []).map((c) => c.uri));
    const proofs: AnySkillProof[] = [];
    for (const { common, found } of sources) {
      for (const f of found) {
        if (f.skillUri === skill.uri) proofs.push(proofFrom(common, f, 'exact', skill));
        else if (related.has(f.skillUri)) proofs.push(proofFrom(common, f, 'related', skill));
      }
    }
    proofs.sort(
      (a, b) =>
        Number(b.counts) - Number(a.counts) || (a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1),
    );
    // A self-declared claim is listed with the skill but supports it in no way: alone, the skill is not proven.
    const status = proofs.some((p) => p.counts)
      ? 'proven'
      : proofs.some((p) => p.selfDeclared !== true)
        ? 'partial'
        : 'not_proven';
    const fallback = proofs.find((p) => p.match === 'exact')?.skill.label ?? skill.uri;
    return {
      uri: skill.uri,
      label: {
        nl: concept?.labels.nl ?? concept?.labels.en ?? fallback,
        en: concept?.labels.en ?? concept?.labels.nl ?? fallback,
      },
      required: skill.required,
      ...(skill.minimumLevel === undefined ? {} : { minimumLevel: skill.minimumLevel }),
      status,
      proofs,
    };
  });
  const required = lines.filter((l) => l.required);
  const proven = required.filter((l) => l.status === 'proven').length;
  const partial = required.filter((l) => l.status === 'partial').length;
  return {
    skills: lines,
    coverage: {
      required: required.length,
      proven,
      partial,
      notProven: required.length - proven - partial,
      percent: required.length === 0 ? 100 : Math.round((proven / required.length) * 100),
    },
  };
}
