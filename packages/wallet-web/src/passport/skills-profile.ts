import {
  CREDENTIAL_TYPE_INFO,
  foldForSearch,
  isSkillCredential,
  type SkillCredentialDocument,
  levelRank,
  PROFICIENCY_4_ID,
  proficiencyScale,
  preferredLabel,
  type CredentialDocument,
  type CredentialTypeName,
  type Lang,
  type ResultDescription,
  type SkillAlignment,
  type SkillTaxonomy,
} from '@skills-passport/core';
import type { CredentialState } from './credential-state.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';

/** One credential's proof of one skill. */
export interface SkillProof {
  credentialId: string;
  credentialName: string;
  type: CredentialTypeName;
  learning: 'formal' | 'informal';
  issuerName: string;
  /** When the skill was shown: assessment date, end of activity, or issuance. */
  date: string;
  /** Level name as the credential's scale words it; `undefined` when the credential states none. */
  levelName?: string;
  /** Position on the scale, 0..1 (1 = the top level); `undefined` without a level. */
  levelScore?: number;
  /** The scale's own rank and size, e.g. 3 of 4. */
  rank?: { rank: number; of: number };
  outcome?: 'achieved' | 'partly-achieved';
  state: CredentialState;
}

export interface SkillEntry {
  uri: string;
  label: string;
  framework: string;
  group: { uri?: string; label?: string };
  /** The best proof that counts (not revoked, suspended or from an unrecognised issuer). */
  best?: SkillProof;
  proofs: SkillProof[];
  /** What the learner declared of this skill themselves: shown marked, never a proof. */
  selfDeclared?: SelfDeclaredSkill[];
}

export interface SkillGroup {
  uri?: string;
  label?: string;
  skills: SkillEntry[];
}

/** States whose credentials no longer prove anything (still shown, but not counted). */
const NOT_COUNTING: ReadonlySet<CredentialState> = new Set(['revoked', 'suspended', 'unrecognised']);

function proofDate(doc: CredentialDocument): string {
  const s = doc.credentialSubject as unknown as Record<string, unknown>;
  for (const key of ['assessmentDate', 'activityEndDate']) {
    if (typeof s[key] === 'string') return s[key];
  }
  return doc.validFrom;
}

function scaleOf(doc: SkillCredentialDocument, id: string): ResultDescription | undefined {
  return doc.credentialSubject.achievement.resultDescription.find((r) => r.id === id);
}

function better(a: SkillProof, b: SkillProof | undefined): boolean {
  if (b === undefined) return true;
  const sa = a.levelScore ?? -1;
  const sb = b.levelScore ?? -1;
  if (sa !== sb) return sa > sb;
  if ((a.outcome === 'achieved') !== (b.outcome === 'achieved')) return a.outcome === 'achieved';
  return a.date > b.date;
}

/** One skill a credential proves: a result (with its level when it has one) or a module's learning outcome. */
export interface SkillClaim {
  alignment: Pick<SkillAlignment, 'targetUrl' | 'targetName' | 'targetFramework'>;
  /** Absent for a learning outcome, which proves its skill without a level. */
  result?: {
    outcome?: 'achieved' | 'partly-achieved';
    /** The level as the credential's scale names it. */
    levelName?: string;
    /** Its rank on the scale (1 = the lowest), when the scale lists the level. */
    rank?: number;
    /** How many levels the scale has (0 without a scale). */
    of: number;
    /** Whether the scale is the default one, whose names read in the learner's language. */
    defaultScale: boolean;
  };
}

/**
 * What the skills profile needs of one credential, in no language in particular: small enough to
 * be kept beside the credential (the wallet's `passport` store), so the passport need not read
 * whole credentials.
 */
export interface SkillSummary {
  name: string;
  issuerName: string;
  /** When the skills were shown: assessment date, end of activity, or issuance. */
  date: string;
  claims: SkillClaim[];
}

/** The skills a credential proves, each once, in the order the profile lists its proofs. */
export function skillSummary(doc: CredentialDocument, type: CredentialTypeName): SkillSummary {
  const claims: SkillClaim[] = [];
  const proven = new Set<string>();
  const pick = ({ targetUrl, targetName, targetFramework }: SkillAlignment): SkillClaim['alignment'] => ({
    targetUrl,
    targetName,
    targetFramework,
  });
  // A development plan proves no skill: it names skills still to learn.
  for (const result of isSkillCredential(doc) ? doc.credentialSubject.result : []) {
    if (!('alignment' in result)) continue;
    const alignment = result.alignment[0];
    if (result.value === 'not-achieved') continue;
    const scale = scaleOf(doc as SkillCredentialDocument, result.resultDescription);
    const rank = scale === undefined ? undefined : levelRank(scale, result.achievedLevel);
    const levelName = scale?.rubricCriterionLevel?.find((l) => l.id === result.achievedLevel)?.name;
    claims.push({
      alignment: pick(alignment),
      result: {
        ...(result.value === undefined ? {} : { outcome: result.value }),
        ...(levelName === undefined ? {} : { levelName }),
        ...(rank === undefined ? {} : { rank }),
        of: scale?.rubricCriterionLevel?.length ?? 0,
        defaultScale: scale?.id === PROFICIENCY_4_ID,
      },
    });
    proven.add(alignment.targetUrl);
  }
  // A completed module proves the skills of its learning outcomes, without a level.
  if (type === 'ModuleCredential' && 'learningOutcomes' in doc.credentialSubject.achievement) {
    for (const outcome of doc.credentialSubject.achievement.learningOutcomes) {
      for (const alignment of outcome.alignment) {
        if (proven.has(alignment.targetUrl)) continue;
        proven.add(alignment.targetUrl);
        claims.push({ alignment: pick(alignment) });
      }
    }
  }
  return { name: doc.name, issuerName: doc.issuer.name, date: proofDate(doc), claims };
}

/** A credential as the profile counts it: its document, or the summary kept of it. */
export type ProfileInput = {
  id: string;
  type: CredentialTypeName;
  state: CredentialState;
} & ({ document: CredentialDocument } | { summary: SkillSummary });

/**
 * The learner's skills profile: every skill once (by URI), with each credential that proves it and
 * the best level among the credentials that still count. A result marked "not achieved" proves
 * nothing; skills a module covers through its learning outcomes count without a level. The
 * learner's self-declared skills join their skill's entry (or make one without proofs), apart from
 * the proofs: they never set the best level.
 */
export function skillsProfile(
  credentials: ProfileInput[],
  taxonomy: SkillTaxonomy,
  lang: Lang,
  selfDeclared: readonly SelfDeclaredSkill[] = [],
): SkillEntry[] {
  const skills = new Map<string, SkillEntry>();
  const entryFor = (alignment: SkillClaim['alignment']): SkillEntry => {
    let entry = skills.get(alignment.targetUrl);
    if (entry === undefined) {
      const concept = taxonomy.get(alignment.targetUrl);
      const groupLabel =
        concept?.group === undefined
          ? undefined
          : (concept.group.labels[lang] ?? concept.group.labels[lang === 'nl' ? 'en' : 'nl']);
      entry = {
        uri: alignment.targetUrl,
        label: concept === undefined ? alignment.targetName : preferredLabel(concept, lang),
        framework: alignment.targetFramework,
        group: { uri: concept?.group?.uri, label: groupLabel },
        proofs: [],
      };
      skills.set(alignment.targetUrl, entry);
    }
    return entry;
  };

  const localScale = proficiencyScale(lang);
  for (const credential of credentials) {
    const summary =
      'summary' in credential ? credential.summary : skillSummary(credential.document, credential.type);
    const base = {
      credentialId: credential.id,
      credentialName: summary.name,
      type: credential.type,
      // Only skill credentials have claims; a development plan's summary has none.
      learning: CREDENTIAL_TYPE_INFO[credential.type].learning as SkillProof['learning'],
      issuerName: summary.issuerName,
      date: summary.date,
      state: credential.state,
    };
    for (const { alignment, result } of summary.claims) {
      if (result === undefined) {
        entryFor(alignment).proofs.push({ ...base });
        continue;
      }
      const { rank, of } = result;
      // The default scale reads in the learner's language, whatever language the credential is in.
      const localName =
        result.defaultScale && rank !== undefined
          ? localScale.rubricCriterionLevel?.[rank - 1]?.name
          : undefined;
      const proof: SkillProof = {
        ...base,
        levelName: localName ?? result.levelName,
        levelScore: rank === undefined || of === 0 ? undefined : rank / of,
        rank: rank === undefined ? undefined : { rank, of },
        outcome: result.outcome,
      };
      entryFor(alignment).proofs.push(proof);
    }
  }

  for (const skill of selfDeclared) {
    const entry = entryFor({ targetUrl: skill.uri, targetName: skill.label, targetFramework: 'ESCO' });
    (entry.selfDeclared ??= []).push(skill);
  }

  for (const entry of skills.values()) {
    for (const proof of entry.proofs) {
      if (!NOT_COUNTING.has(proof.state) && better(proof, entry.best)) entry.best = proof;
    }
    entry.proofs.sort((a, b) => (b.levelScore ?? -1) - (a.levelScore ?? -1) || b.date.localeCompare(a.date));
  }
  return [...skills.values()].sort((a, b) => a.label.localeCompare(b.label, lang));
}

/** Skills whose label, group or proving credential matches every word of `query`. */
export function filterSkills(skills: SkillEntry[], query: string): SkillEntry[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return skills;
  return skills.filter((skill) => {
    const haystack = foldForSearch(
      [
        skill.label,
        skill.group.label ?? '',
        ...skill.proofs.map((p) => `${p.credentialName} ${p.issuerName}`),
      ].join(' '),
    );
    return words.every((w) => haystack.includes(w));
  });
}

/** Skills grouped by skill group, named groups first (alphabetically), ungrouped last. */
export function groupSkills(skills: SkillEntry[], lang: Lang): SkillGroup[] {
  const groups = new Map<string, SkillGroup>();
  for (const skill of skills) {
    const key = skill.group.uri ?? '';
    let group = groups.get(key);
    if (group === undefined) {
      group = { uri: skill.group.uri, label: skill.group.label, skills: [] };
      groups.set(key, group);
    }
    group.skills.push(skill);
  }
  return [...groups.values()].sort((a, b) =>
    a.uri === undefined ? 1 : b.uri === undefined ? -1 : (a.label ?? '').localeCompare(b.label ?? '', lang),
  );
}
