import type { QualificationLevel, SkillFramework } from './open-badge.js';

// Which Open Badges alignments name a skill we can match (ESCO, CompetentNL) and which name the
// level of a qualification (EQF, NLQF). Everything else is somebody's own framework: shown by the
// badge, never matched.

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ESCO_SKILL = new RegExp(`^https?://data\\.europa\\.eu/esco/skill/(${UUID})$`);
/** ESCO's portal links to a concept as `.../classification/skill?uri=<concept URI>`. */
const ESCO_PORTAL = /^https:\/\/esco\.ec\.europa\.eu\/[a-z]{2}\/classification\/skill\?(?:.*&)?uri=([^&#]+)/;
const BARE_UUID = new RegExp(`^${UUID}$`);

/**
 * CompetentNL's skills ("human capabilities", class `cnlo:HumanCapability`) live under this path of
 * its linked-data host; its occupations, knowledge areas and education standards live elsewhere on
 * the same host and are not skills.
 */
export const COMPETENTNL_SKILL_PREFIX = 'https://linkeddata.competentnl.nl/id/human-capability/';
const COMPETENTNL_SKILL = /^https:\/\/linkeddata\.competentnl\.nl\/id\/human-capability\/[A-Za-z0-9._~-]+$/;

/** The parts of an Open Badges `Alignment` that locate its target. */
export interface AlignmentTarget {
  targetUrl?: unknown;
  targetCode?: unknown;
  targetFramework?: unknown;
  targetType?: unknown;
  targetName?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** A skill URI of ESCO or CompetentNL in its canonical form, or `undefined`. */
export function skillUriOf(value: string): { uri: string; framework: SkillFramework } | undefined {
  const portal = ESCO_PORTAL.exec(value);
  const concept = portal === null ? value : (decoded(portal[1]!) ?? '');
  const esco = ESCO_SKILL.exec(concept);
  if (esco !== null)
    return { uri: `http://data.europa.eu/esco/skill/${esco[1]!.toLowerCase()}`, framework: 'ESCO' };
  if (COMPETENTNL_SKILL.test(value)) return { uri: value, framework: 'CompetentNL' };
  return undefined;
}

/**
 * The ESCO or CompetentNL skill an alignment targets: by `targetUrl` (an ESCO concept URI, also in
 * its `https` form or as an ESCO portal link; a CompetentNL human-capability URI), else by
 * `targetCode` holding such a URI, else by a bare ESCO UUID in `targetCode` when `targetFramework`
 * names ESCO.
 */
export function alignedSkill(
  alignment: AlignmentTarget,
): { uri: string; framework: SkillFramework } | undefined {
  const url = text(alignment.targetUrl);
  const byUrl = url === undefined ? undefined : skillUriOf(url);
  if (byUrl !== undefined) return byUrl;
  const code = text(alignment.targetCode);
  if (code === undefined) return undefined;
  const byCode = skillUriOf(code);
  if (byCode !== undefined) return byCode;
  const framework = text(alignment.targetFramework) ?? '';
  if (/^ESCO\b/i.test(framework) && BARE_UUID.test(code)) {
    return { uri: `http://data.europa.eu/esco/skill/${code.toLowerCase()}`, framework: 'ESCO' };
  }
  return undefined;
}

const EQF_URI = /^https?:\/\/data\.europa\.eu\/snb\/eqf\/([1-8])$/;
const EQF_FRAMEWORK = /\bEQF\b|European Qualifications? Framework/i;
const NLQF_FRAMEWORK = /\bNLQF\b|Nederlands Kwalificatieraamwerk/i;
const NLQF_LEVELS = new Set(['Entree', '1', '2', '3', '4', '4+', '5', '6', '7', '8']);

/**
 * The EQF or NLQF level an alignment names: the Europass EQF level URI
 * (`http://data.europa.eu/snb/eqf/<1-8>`), edubadges' `ext:EQFLevel` target type, or a framework
 * named EQF / NLQF with the level as `targetCode`.
 */
export function alignedQualificationLevel(alignment: AlignmentTarget): QualificationLevel | undefined {
  const url = text(alignment.targetUrl) ?? '';
  const byUri = EQF_URI.exec(url);
  if (byUri !== null) return { framework: 'EQF', level: byUri[1]! };
  const code = text(alignment.targetCode);
  const framework = text(alignment.targetFramework) ?? '';
  const type = text(alignment.targetType) ?? '';
  if (code === undefined) return undefined;
  if (NLQF_FRAMEWORK.test(framework))
    return NLQF_LEVELS.has(code) ? { framework: 'NLQF', level: code } : undefined;
  if ((type === 'ext:EQFLevel' || EQF_FRAMEWORK.test(framework)) && /^[1-8]$/.test(code)) {
    return { framework: 'EQF', level: code };
  }
  return undefined;
}
