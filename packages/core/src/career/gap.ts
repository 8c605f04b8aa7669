import type { OccupationTaxonomy } from '../taxonomy/occupation-taxonomy.js';
import type { SkillConcept } from '../taxonomy/skill-concept.js';
import type { SkillTaxonomy } from '../taxonomy/skill-taxonomy.js';

/** Where a held skill comes from: a credential proves it; a self-declared skill never does. */
export type HeldSkillSource =
  | {
      kind: 'credential';
      credentialId: string;
      title: string;
      issuerName: string;
      learning: 'formal' | 'informal';
    }
  | { kind: 'self-declared'; description?: string };

/**
 * One skill the learner holds, once per credential that names it: what the wallet's passport
 * knows of each claim. Only credentials that still count (not revoked, suspended or from an
 * unrecognised issuer) belong here.
 */
export interface HeldSkill {
  /** The skill's URI (an ESCO skill, or another framework's). */
  uri: string;
  /** The label to show when the taxonomy does not know the skill. */
  label?: string;
  source: HeldSkillSource;
  /** When the skill was shown: assessment date, end of activity, or issuance (ISO 8601). */
  date: string;
  /**
   * The level as the credential states it: its name, its rank (1 = the lowest) and the scale's
   * size, and whether it is on the platform's default four-level scale (only those ranks compare
   * with a required level, as in the employer's report). Absent when the credential states none.
   */
  level?: { name?: string; rank?: number; of?: number; defaultScale: boolean };
  /** A result marked partly achieved shows the skill only partly. */
  outcome?: 'achieved' | 'partly-achieved';
}

/** One skill an occupation or a vacancy asks for. */
export interface WantedSkill {
  uri: string;
  essential: boolean;
  /** A required level as a rank on the default four-level scale (1 Beginner … 4 Expert). */
  minimumLevel?: number;
}

/** Why a skill is only partly there. */
export type PartlyReason =
  /** A credential names the skill, below the required level, without a level, or partly achieved. */
  | 'lower_level'
  /** No credential names it, but one proves a skill of the same ESCO skill group. */
  | 'same_group';

/** One wanted skill and how far the learner's credentials prove it. */
export interface GapLine {
  uri: string;
  /** The taxonomy's concept, when it knows the skill. */
  concept?: SkillConcept;
  essential: boolean;
  minimumLevel?: number;
  status: 'proven' | 'partly' | 'not_yet';
  /** The credentials that prove the skill (status `proven`), best level first, then newest. */
  proven: HeldSkill[];
  /** Credentials naming the skill that fall short: below the level asked, or partly achieved. */
  lower: HeldSkill[];
  /** Credentials proving another skill of the same ESCO skill group. */
  sameGroup: HeldSkill[];
  /** The skill group shared with {@link sameGroup}. */
  group?: SkillConcept['group'];
  /** The learner's own word for the skill: shown, never counted as proven. */
  selfDeclared: HeldSkill[];
  /** Set when `status` is `partly`. */
  partlyReason?: PartlyReason;
}

/** Counts per status over a set of gap lines. */
export interface GapCounts {
  total: number;
  proven: number;
  partly: number;
  notYet: number;
}

/** How the learner's credentials cover one occupation or vacancy. */
export interface Gap {
  lines: GapLine[];
  essential: GapCounts;
  optional: GapCounts;
  /**
   * Proven essential skills over all essential skills, 0..1; 0 when there are no essential
   * skills (nothing to prove, so nothing proven: such an occupation ranks last).
   */
  essentialShare: number;
}

/**
 * The learner's held skills, indexed once by skill and by ESCO skill group, so that the gap for
 * any number of occupations costs a few map lookups per wanted skill.
 */
export class HolderSkills {
  readonly #bySkill = new Map<string, HeldSkill[]>();
  readonly #byGroup = new Map<string, HeldSkill[]>();
  /** Skills that at least one credential proves without reservation (no level asked). */
  readonly #provenUris = new Set<string>();

  constructor(held: readonly HeldSkill[], taxonomy: SkillTaxonomy) {
    for (const skill of held) {
      push(this.#bySkill, skill.uri, skill);
      if (skill.source.kind !== 'credential') continue;
      const group = taxonomy.get(skill.uri)?.group?.uri;
      if (group !== undefined) push(this.#byGroup, group, skill);
      if (provesAt(skill, undefined)) this.#provenUris.add(skill.uri);
    }
  }

  /** Every claim of this skill, from credentials and self-declared. */
  of(uri: string): readonly HeldSkill[] {
    return this.#bySkill.get(uri) ?? [];
  }

  /** Credential claims of skills in this group. */
  inGroup(groupUri: string): readonly HeldSkill[] {
    return this.#byGroup.get(groupUri) ?? [];
  }

  /** URIs of skills a credential proves when no level is asked. */
  get provenUris(): ReadonlySet<string> {
    return this.#provenUris;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Whether a credential's claim proves a skill at `minimumLevel`, as the employer's report decides
 * it: a level on the default scale compares by rank; a claim with no level falls short of any
 * required level; a level on another scale cannot be compared and does not refute.
 */
function provesAt(skill: HeldSkill, minimumLevel: number | undefined): boolean {
  if (skill.source.kind !== 'credential') return false;
  if (skill.outcome === 'partly-achieved') return false;
  if (minimumLevel === undefined) return true;
  if (skill.level === undefined) return false;
  if (skill.level.defaultScale && skill.level.rank !== undefined) return skill.level.rank >= minimumLevel;
  return true;
}

// Best first: the higher share of its scale, then the newer.
function byStrength(a: HeldSkill, b: HeldSkill): number {
  const score = (s: HeldSkill) =>
    s.level?.rank !== undefined && s.level.of !== undefined && s.level.of > 0
      ? s.level.rank / s.level.of
      : -1;
  return score(b) - score(a) || b.date.localeCompare(a.date);
}

function gapLine(wanted: WantedSkill, holder: HolderSkills, taxonomy: SkillTaxonomy): GapLine {
  const concept = taxonomy.get(wanted.uri);
  const claims = holder.of(wanted.uri);
  const credentialClaims = claims.filter((c) => c.source.kind === 'credential');
  const proven = credentialClaims.filter((c) => provesAt(c, wanted.minimumLevel)).sort(byStrength);
  const lower = credentialClaims.filter((c) => !provesAt(c, wanted.minimumLevel)).sort(byStrength);
  const group = concept?.group;
  const sameGroup =
    proven.length > 0 || lower.length > 0 || group === undefined
      ? []
      : holder
          .inGroup(group.uri)
          .filter((c) => c.uri !== wanted.uri && provesAt(c, undefined))
          .sort(byStrength);
  const partlyReason: PartlyReason | undefined =
    proven.length > 0
      ? undefined
      : lower.length > 0
        ? 'lower_level'
        : sameGroup.length > 0
          ? 'same_group'
          : undefined;
  return {
    uri: wanted.uri,
    ...(concept === undefined ? {} : { concept }),
    essential: wanted.essential,
    ...(wanted.minimumLevel === undefined ? {} : { minimumLevel: wanted.minimumLevel }),
    status: proven.length > 0 ? 'proven' : partlyReason !== undefined ? 'partly' : 'not_yet',
    proven,
    lower,
    sameGroup,
    ...(sameGroup.length > 0 && group !== undefined ? { group } : {}),
    selfDeclared: claims.filter((c) => c.source.kind === 'self-declared'),
    ...(partlyReason === undefined ? {} : { partlyReason }),
  };
}

function counts(lines: GapLine[]): GapCounts {
  const count = (status: GapLine['status']) => lines.filter((l) => l.status === status).length;
  return { total: lines.length, proven: count('proven'), partly: count('partly'), notYet: count('not_yet') };
}

/**
 * The gap between the learner's skills and what an occupation or vacancy wants: per wanted skill
 * proven (by which credentials), partly (a lower level, or only a skill of the same ESCO group) or
 * not yet, essential skills first, each in the order given. A skill wanted twice counts once, as
 * essential when either says so. Self-declared skills are listed but never prove anything.
 */
export function computeGap(
  wanted: readonly WantedSkill[],
  holder: HolderSkills,
  taxonomy: SkillTaxonomy,
): Gap {
  const merged = new Map<string, WantedSkill>();
  for (const skill of wanted) {
    const before = merged.get(skill.uri);
    if (before === undefined) merged.set(skill.uri, { ...skill });
    else {
      before.essential ||= skill.essential;
      if (skill.minimumLevel !== undefined)
        before.minimumLevel = Math.max(before.minimumLevel ?? 0, skill.minimumLevel);
    }
  }
  const all = [...merged.values()];
  const lines = [...all.filter((w) => w.essential), ...all.filter((w) => !w.essential)].map((w) =>
    gapLine(w, holder, taxonomy),
  );
  const essential = counts(lines.filter((l) => l.essential));
  return {
    lines,
    essential,
    optional: counts(lines.filter((l) => !l.essential)),
    essentialShare: essential.total === 0 ? 0 : essential.proven / essential.total,
  };
}

/** The skills an occupation of the taxonomy wants: its essential skills, then its optional ones. */
export function occupationWants(
  occupations: OccupationTaxonomy,
  occupationUri: string,
): WantedSkill[] | undefined {
  const skills = occupations.skillsOf(occupationUri);
  if (skills === undefined) return undefined;
  return [
    ...skills.essential.map((s) => ({ uri: s.uri, essential: true })),
    ...skills.optional.map((s) => ({ uri: s.uri, essential: false })),
  ];
}
