// @ts-check
// Turns what the assessor typed into the `credential` part of POST /api/credentials. Pure: no DOM,
// no fetch, so a unit test can check that what it builds validates against schemas/.

/** The default four-level scale (core's `proficiencyScale(lang)`; a unit test keeps the two equal). */
export const SCALE_ID = 'https://w3id.org/skills-passport/scales/proficiency-4/v1';
export const OUTCOMES = /** @type {const} */ (['achieved', 'partly-achieved', 'not-achieved']);

const LEVELS = [
  {
    nl: 'Beginner',
    en: 'Beginner',
    description: { nl: 'Voert taken uit onder begeleiding.', en: 'Performs tasks under guidance.' },
  },
  {
    nl: 'Basis',
    en: 'Basic',
    description: { nl: 'Voert routinetaken zelfstandig uit.', en: 'Performs routine tasks independently.' },
  },
  {
    nl: 'Gevorderd',
    en: 'Proficient',
    description: {
      nl: 'Werkt zelfstandig, ook in nieuwe situaties.',
      en: 'Works independently, also in new situations.',
    },
  },
  {
    nl: 'Expert',
    en: 'Expert',
    description: {
      nl: 'Stuurt anderen aan en verbetert de werkwijze.',
      en: 'Guides others and improves the way of working.',
    },
  },
];

/** @typedef {'nl' | 'en'} Lang */
/** @typedef {'EVCCredential' | 'ModuleCredential' | 'WorkplaceLearningCredential'} CredentialType */

/**
 * One skill the assessor chose: what the skills API returned, the level (1..4) and, for EVC, the outcome.
 * @typedef {object} ChosenSkill
 * @property {string} uri
 * @property {string} label
 * @property {string} framework
 * @property {number} level
 * @property {string} [outcome]
 */

/**
 * Everything the issue form holds. Dates are the values of `<input type="date">` (YYYY-MM-DD) or ''.
 * @typedef {object} FormValues
 * @property {Lang} lang the credential's language
 * @property {string} title
 * @property {string} description
 * @property {string} criteria
 * @property {ChosenSkill[]} skills
 * @property {{ name: string, role: string }} attester
 * @property {string} organisationName
 * @property {{ identifier: string, name: string, version: string, kind: string }} standard
 * @property {string} route
 * @property {string} assessmentDate
 * @property {string[]} methods
 * @property {string} achievementType
 * @property {{ description: string, skills: string[] }[]} outcomes
 * @property {string} eqf
 * @property {string} nlqf
 * @property {string} hours
 * @property {string} ects
 * @property {string} assessmentType
 * @property {string} grade
 * @property {string} startDate
 * @property {string} endDate
 * @property {string} expirationDate
 * @property {{ name: string, department: string, location: string }} workplace
 * @property {string} role
 * @property {string} tasks one task per line
 * @property {string} hoursPerWeek
 */

/**
 * The scale as an Open Badges ResultDescription, labelled in `lang`.
 * @param {Lang} lang
 */
export function proficiencyScale(lang) {
  return {
    id: SCALE_ID,
    type: ['ResultDescription'],
    name: lang === 'nl' ? 'Beheersingsniveau' : 'Proficiency level',
    resultType: 'RubricCriterionLevel',
    allowedValue: [...OUTCOMES],
    rubricCriterionLevel: LEVELS.map((level, i) => ({
      id: `${SCALE_ID}#${i + 1}`,
      type: ['RubricCriterionLevel'],
      name: level[lang],
      level: String(i + 1),
      description: level.description[lang],
    })),
  };
}

/**
 * The name of a level (1..4) of the default scale.
 * @param {number} level
 * @param {Lang} lang
 */
export function levelName(level, lang) {
  return LEVELS[level - 1]?.[lang] ?? String(level);
}

/**
 * A date input's value as an RFC 3339 date-time at the start of that day in the browser's time zone,
 * e.g. `2026-10-02` -> `2026-10-02T00:00:00+02:00`. The start of the day keeps an assessment dated
 * today from falling after the moment of issuance. `undefined` for an empty or malformed value.
 * @param {string} value
 * @returns {string | undefined}
 */
export function dateToRfc3339(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match === null) return undefined;
  const [, y, m, d] = match.map(Number);
  const local = new Date(/** @type {number} */ (y), /** @type {number} */ (m) - 1, d);
  if (local.getDate() !== d) return undefined;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${value.trim()}T00:00:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * @param {string} framework
 */
function targetType(framework) {
  if (framework === 'ESCO') return 'ext:ESCOSkill';
  if (framework === 'CompetentNL') return 'ext:CompetentNLSkill';
  return 'ceasn:Competency';
}

/**
 * @param {ChosenSkill} skill
 */
function alignment(skill) {
  return {
    type: ['Alignment'],
    targetUrl: skill.uri,
    targetName: skill.label,
    targetFramework: skill.framework,
    targetType: targetType(skill.framework),
  };
}

/**
 * Sets `key` only when `value` is not empty: optional fields left blank stay out of the credential.
 * Required fields left blank also stay out, so the issuer names them as missing.
 * @param {Record<string, unknown>} target
 * @param {string} key
 * @param {unknown} value
 */
function put(target, key, value) {
  if (value === undefined || value === null) return;
  if (typeof value === 'string' && value.trim() === '') return;
  target[key] = typeof value === 'string' ? value.trim() : value;
}

/**
 * A number input's value as a number, or the text itself when it is no number (the issuer then
 * explains what it expected); `undefined` when empty.
 * @param {string} value
 */
function numberOf(value) {
  const text = value.trim().replace(',', '.');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : value;
}

/**
 * A fresh random URN for an achievement (each form submission describes its own achievement).
 */
export function newUrn() {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return `urn:uuid:${c.randomUUID()}`;
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The `credential` of an issue request (and the common content of a cohort) for one type.
 * @param {CredentialType} type
 * @param {FormValues} v
 * @param {string} achievementId
 * @returns {Record<string, unknown>}
 */
export function buildCredential(type, v, achievementId) {
  const scale = proficiencyScale(v.lang);
  /** @type {Record<string, unknown>} */
  const achievement = { id: achievementId, type: ['Achievement'] };
  put(achievement, 'name', v.title);
  put(achievement, 'description', v.description);
  /** @type {Record<string, unknown>} */
  const criteria = {};
  put(criteria, 'narrative', v.criteria);
  achievement.criteria = criteria;
  achievement.inLanguage = v.lang;
  achievement.alignment = v.skills.map(alignment);
  achievement.resultDescription = [scale];

  /** @type {Record<string, unknown>[]} */
  const results = v.skills.map((skill) => {
    /** @type {Record<string, unknown>} */
    const result = {
      type: ['Result'],
      alignment: [alignment(skill)],
      resultDescription: SCALE_ID,
      achievedLevel: `${SCALE_ID}#${skill.level}`,
    };
    if (type === 'EVCCredential') put(result, 'value', skill.outcome);
    return result;
  });

  /** @type {Record<string, unknown>} */
  const source = { type: ['Profile'] };
  put(source, 'name', v.attester.name);
  put(source, 'role', v.attester.role);

  /** @type {Record<string, unknown>} */
  const subject = { achievement };
  /** @type {Record<string, unknown>} */
  const credential = { credentialSubject: subject };
  put(credential, 'name', v.title);

  if (type === 'EVCCredential') {
    achievement.achievementType = 'Certificate';
    /** @type {Record<string, unknown>} */
    const standard = {};
    put(standard, 'identifier', v.standard.identifier);
    put(standard, 'name', v.standard.name);
    put(standard, 'version', v.standard.version);
    put(standard, 'kind', v.standard.kind);
    achievement.standard = standard;
    subject.result = results;
    if (v.organisationName.trim() !== '')
      source.parentOrg = { type: ['Profile'], name: v.organisationName.trim() };
    subject.source = source;
    put(subject, 'route', v.route);
    put(subject, 'assessmentDate', dateToRfc3339(v.assessmentDate));
    subject.assessmentMethods = [...v.methods];
  } else if (type === 'ModuleCredential') {
    put(achievement, 'achievementType', v.achievementType);
    achievement.learningOutcomes = v.outcomes.map((outcome) => {
      /** @type {Record<string, unknown>} */
      const entry = {};
      put(entry, 'description', outcome.description);
      entry.alignment = v.skills.filter((s) => outcome.skills.includes(s.uri)).map(alignment);
      return entry;
    });
    /** @type {Record<string, unknown>} */
    const level = {};
    put(level, 'eqf', numberOf(v.eqf));
    put(level, 'nlqf', v.nlqf);
    achievement.level = level;
    /** @type {Record<string, unknown>} */
    const studyLoad = {};
    put(studyLoad, 'hours', numberOf(v.hours));
    put(studyLoad, 'ects', numberOf(v.ects));
    achievement.studyLoad = studyLoad;
    if (v.grade.trim() !== '') {
      const gradeScale = {
        id: `${achievementId}#final-result`,
        type: ['ResultDescription'],
        name: v.lang === 'nl' ? 'Eindbeoordeling' : 'Final result',
        resultType: 'Result',
      };
      achievement.resultDescription = [scale, gradeScale];
      results.push({ type: ['Result'], resultDescription: gradeScale.id, value: v.grade.trim() });
    }
    subject.result = results;
    put(subject, 'assessmentType', v.assessmentType);
    put(subject, 'activityStartDate', dateToRfc3339(v.startDate));
    put(subject, 'activityEndDate', dateToRfc3339(v.endDate));
    if (v.attester.name.trim() !== '' || v.attester.role.trim() !== '') subject.source = source;
    put(credential, 'expirationDate', dateToRfc3339(v.expirationDate));
  } else {
    achievement.achievementType = 'ext:WorkplaceLearning';
    subject.result = results;
    subject.source = source;
    /** @type {Record<string, unknown>} */
    const workplace = {};
    put(workplace, 'name', v.workplace.name);
    put(workplace, 'department', v.workplace.department);
    put(workplace, 'location', v.workplace.location);
    subject.workplace = workplace;
    put(subject, 'role', v.role);
    subject.tasks = v.tasks
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    put(subject, 'activityStartDate', dateToRfc3339(v.startDate));
    put(subject, 'activityEndDate', dateToRfc3339(v.endDate));
    put(subject, 'hoursPerWeek', numberOf(v.hoursPerWeek));
  }
  return credential;
}
