// What an intake keeps of each credential the learner shared: the summary an assessor or adviser
// reads (title, issuer, whether it is recognised, self-declared or verified, each skill with its
// level and date, the evidence as described), read through the verifier's own summary so a skill
// reads as on the employer's report. The presented tokens themselves are never kept.
import {
  CREDENTIAL_TYPE_INFO,
  PROFICIENCY_4_ID,
  isCredentialTypeName,
  type CredentialVerification,
  type HeldSkill,
  type Lang,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { summarizeCredential } from '@skills-passport/verifier';

/** One skill a shared credential names. */
export interface IntakeSkill {
  uri: string;
  /** The skill's name in Dutch: the taxonomy's label, else the credential's own name for it. */
  label: string;
  /** Its names in both languages (the taxonomy's, else the credential's own). */
  labels: Record<Lang, string>;
  /**
   * The level reached: `name` as the issuer's scale words it (in English for the platform's
   * scale, whose words `labels` gives in both languages), its `rank` and the scale's size `of` when
   * it is the platform's four-level scale (`defaultScale`).
   */
  level?: { name: string; labels: Record<Lang, string>; rank?: number; of?: number; defaultScale: boolean };
  /** `achieved`, `partly-achieved`, … when the credential says. */
  outcome?: string;
  /** When the skill was shown: assessment date, end of activity, else issuance. */
  date?: string;
}

/** One credential of an intake, as contract E lists it. */
export interface IntakeCredential {
  /** Our type (`EVCCredential` …) or `OpenBadgeCredential`. */
  type: string;
  title: string;
  issuer: { id: string; name: string };
  /** Verified and from an issuer this service trusts for its type: it counts as proof. */
  recognised: boolean;
  /** Issued by the learner to themselves: listed, never proof, never recognised. */
  selfDeclared: boolean;
  /** Its signature, holder binding, dates and status hold. */
  verified: boolean;
  /** Why it does not count (revoked, suspended, expired, its issuer not recognised for its type), in words. */
  problem?: string;
  issuedAt?: string;
  learning: 'formal' | 'informal';
  skills: IntakeSkill[];
  /** The evidence as described: a self-declared skill's own account, or the credential's evidence. */
  evidence?: string;
}

const MAX_EVIDENCE = 2000;

function clip(text: string): string {
  return text.length <= MAX_EVIDENCE ? text : `${text.slice(0, MAX_EVIDENCE - 1)}…`;
}

/** The evidence a credential describes: a self-declared skill's criteria, else its evidence list. */
function evidenceOf(c: CredentialVerification, selfDeclared: boolean): string | undefined {
  if (selfDeclared) {
    const narrative =
      c.badge?.achievement.criteria ?? c.credential?.credentialSubject.achievement.criteria.narrative;
    return narrative === undefined || narrative.trim() === '' ? undefined : clip(narrative.trim());
  }
  const items = [...(c.badge?.evidence ?? []), ...(c.credential?.evidence ?? [])]
    .map((e) =>
      [e.name, e.description].filter((t): t is string => typeof t === 'string' && t !== '').join(': '),
    )
    .filter((t) => t !== '');
  return items.length === 0 ? undefined : clip(items.join('\n'));
}

/** Summarises one verified (or partly refused) credential for the intake. */
export function intakeCredential(c: CredentialVerification, taxonomy: SkillTaxonomy): IntakeCredential {
  const summary = summarizeCredential(c, taxonomy);
  const selfDeclared = c.selfDeclared === true;
  // Verified: genuine and valid now. An issuer trusted, but not for this type, is no reason to
  // doubt the credential; it only keeps it from being recognised.
  const failures = c.checks.filter((check) => check.status === 'fail');
  const verified = failures.every((check) => check.id === 'issuer_accreditation');
  const type = summary.kind?.type ?? 'OpenBadgeCredential';
  const learning = isCredentialTypeName(type)
    ? CREDENTIAL_TYPE_INFO[type].learning === 'formal'
      ? 'formal'
      : 'informal'
    : (c.badge?.learning ?? 'informal');
  const problem = failures[0]?.reason;
  const evidence = evidenceOf(c, selfDeclared);
  return {
    type,
    title: summary.title ?? '',
    issuer: summary.issuer ?? { id: c.issuer ?? '', name: c.issuerName ?? c.issuer ?? '' },
    recognised: verified && !selfDeclared && c.outcome === 'verified',
    selfDeclared,
    verified,
    ...(problem === undefined ? {} : { problem }),
    ...(summary.validFrom === undefined ? {} : { issuedAt: summary.validFrom }),
    learning,
    skills: summary.skills.map((s) => {
      const defaultScale = s.level?.id.startsWith(`${PROFICIENCY_4_ID}#`) === true;
      return {
        uri: s.uri,
        label: s.label.nl,
        labels: s.label,
        ...(s.level === undefined
          ? {}
          : {
              level: {
                name: s.level.label.en,
                labels: s.level.label,
                ...(s.level.rank === undefined ? {} : { rank: s.level.rank }),
                ...(defaultScale ? { of: 4 } : {}),
                defaultScale,
              },
            }),
        ...(s.outcome === undefined ? {} : { outcome: s.outcome }),
        date: s.date,
      };
    }),
    ...(evidence === undefined ? {} : { evidence }),
  };
}

/**
 * The skills an intake's credentials give the career check: recognised credentials prove, the
 * learner's self-declared skills are listed as theirs (never proof); credentials of issuers this
 * service does not recognise, and those not verified, give nothing.
 */
export function intakeHeldSkills(credentials: readonly IntakeCredential[]): HeldSkill[] {
  return credentials.flatMap((credential, index) => {
    if (!credential.selfDeclared && !credential.recognised) return [];
    return credential.skills.map((skill): HeldSkill => {
      const source: HeldSkill['source'] = credential.selfDeclared
        ? {
            kind: 'self-declared',
            ...(credential.evidence === undefined ? {} : { description: credential.evidence }),
          }
        : {
            kind: 'credential',
            credentialId: `intake-credential-${index}`,
            title: credential.title,
            issuerName: credential.issuer.name,
            learning: credential.learning,
          };
      return {
        uri: skill.uri,
        label: skill.label,
        source,
        date: skill.date ?? credential.issuedAt ?? '',
        ...(skill.level === undefined
          ? {}
          : {
              level: {
                name: skill.level.name,
                ...(skill.level.rank === undefined ? {} : { rank: skill.level.rank }),
                ...(skill.level.of === undefined ? {} : { of: skill.level.of }),
                defaultScale: skill.level.defaultScale,
              },
            }),
        ...(skill.outcome === 'achieved' || skill.outcome === 'partly-achieved'
          ? { outcome: skill.outcome }
          : {}),
      };
    });
  });
}
