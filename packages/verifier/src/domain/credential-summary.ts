// What a person reads about one verified credential on the public pages (`/verify`, `/p/:id`):
// its title, issuer, the name on it, its dates, and each skill it names with the level and
// outcome it gives — skill labels from the taxonomy in both languages, levels of the platform's
// scale named in both. Read through core's skills match, so a skill reads as on the employer's
// report.
import {
  CREDENTIAL_TYPE_INFO,
  isSkillCredential,
  matchSkills,
  PROFICIENCY_4_ID,
  proficiencyScale,
  type AnyMatchable,
  type CredentialVerification,
  type Lang,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { nameOn } from './learner-identity.js';

/** One skill a credential names, as the public pages show it. */
export interface SkillSummary {
  uri: string;
  /** The taxonomy's labels, else the credential's own name for the skill. */
  label: Record<Lang, string>;
  /** The level reached; `label` in both languages on the platform's scale, else as the issuer wrote it. */
  level?: { id: string; rank?: number; label: Record<Lang, string> };
  /** `achieved`, `partly-achieved`, `not-achieved` (or another scale's word), when the credential says. */
  outcome?: string;
  /** When the skill was shown: assessment date, end of activity, else issuance. */
  date: string;
  assessor?: { name: string; role: string };
}

/** A credential in words, for a person. Fields are absent when the credential could not be read. */
export interface CredentialSummary {
  title?: string;
  /** Our type (`EVCCredential` …) or `OpenBadgeCredential`, with its name in both languages. */
  kind?: { type: string; label: Record<Lang, string> };
  issuer?: { id: string; name: string };
  /** The learner's name as the credential gives it in the clear. */
  learnerName?: string;
  validFrom?: string;
  validUntil?: string;
  skills: SkillSummary[];
}

const OPEN_BADGE_LABEL = { nl: 'Open Badge', en: 'Open Badge' };

function levelLabel(level: { id: string; name: string }): Record<Lang, string> {
  if (level.id.startsWith(`${PROFICIENCY_4_ID}#`)) {
    const named = (lang: Lang) =>
      proficiencyScale(lang).rubricCriterionLevel?.find((l) => l.id === level.id)?.name ?? level.name;
    return { nl: named('nl'), en: named('en') };
  }
  return { nl: level.name, en: level.name };
}

function matchableOf(result: CredentialVerification): AnyMatchable | undefined {
  const outcome = result.outcome === 'verified' ? 'verified' : 'issuer_not_recognised';
  if (result.credential !== undefined && result.type !== undefined)
    return {
      index: 0,
      type: result.type,
      credential: result.credential,
      outcome,
      issuerName: result.issuerName ?? result.credential.issuer.name,
      ...(result.disclosure === undefined ? {} : { partial: true }),
      ...(result.selfDeclared === true ? { selfDeclared: true } : {}),
    };
  if (result.badge !== undefined)
    return {
      kind: 'open-badge',
      index: 0,
      badge: result.badge,
      outcome,
      ...(result.issuerName === undefined ? {} : { issuerName: result.issuerName }),
      ...(result.selfDeclared === true ? { selfDeclared: true } : {}),
    };
  return undefined;
}

/** The skills a credential names, in its own order, each once. */
function namedSkills(result: CredentialVerification): string[] {
  const uris: string[] = [];
  // A development plan names skills still to learn, never ones shown.
  if (result.credential !== undefined && isSkillCredential(result.credential)) {
    const subject = result.credential.credentialSubject;
    for (const r of subject.result as { alignment?: { targetUrl: string }[] }[])
      if (r.alignment?.[0] !== undefined) uris.push(r.alignment[0].targetUrl);
    // A disclosed SD-JWT VC proves only its disclosed results (as in the employer's report).
    if (result.disclosure === undefined)
      for (const alignment of subject.achievement.alignment) uris.push(alignment.targetUrl);
  }
  for (const skill of result.badge?.skills ?? []) uris.push(skill.uri);
  return [...new Set(uris)];
}

/** Summarises a verified (or refused) credential for the public pages. */
export function summarizeCredential(
  result: CredentialVerification,
  taxonomy: SkillTaxonomy,
): CredentialSummary {
  const matchable = matchableOf(result);
  if (matchable === undefined) return { skills: [] };
  const requested = namedSkills(result).map((uri) => ({ uri, required: true }));
  const report = matchSkills(requested, [matchable], taxonomy);
  const skills = report.skills.flatMap((line): SkillSummary[] => {
    const proof = line.proofs.find((p) => p.match === 'exact');
    if (proof === undefined) return [];
    return [
      {
        uri: line.uri,
        label: line.label,
        ...(proof.level === undefined
          ? {}
          : {
              level: {
                id: proof.level.id,
                ...(proof.level.rank === undefined ? {} : { rank: proof.level.rank }),
                label: levelLabel(proof.level),
              },
            }),
        ...(proof.outcome === undefined ? {} : { outcome: proof.outcome }),
        date: proof.date,
        ...(proof.assessor === undefined ? {} : { assessor: proof.assessor }),
      },
    ];
  });
  const name = nameOn(result);
  if (matchable.kind === 'open-badge') {
    const badge = matchable.badge;
    return {
      title: badge.name ?? badge.achievement.name,
      kind: { type: 'OpenBadgeCredential', label: OPEN_BADGE_LABEL },
      issuer: { id: badge.issuer.id, name: result.issuerName ?? badge.issuer.name ?? badge.issuer.id },
      validFrom: badge.validFrom,
      ...(badge.validUntil === undefined ? {} : { validUntil: badge.validUntil }),
      skills,
    };
  }
  const credential = matchable.credential;
  return {
    title: credential.name,
    kind: { type: matchable.type, label: { ...CREDENTIAL_TYPE_INFO[matchable.type].label } },
    issuer: { id: credential.issuer.id, name: matchable.issuerName },
    ...(name === undefined ? {} : { learnerName: name }),
    validFrom: credential.validFrom,
    ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil }),
    skills,
  };
}
