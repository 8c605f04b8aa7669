// Turns what the assessor typed into the `credential` part of POST /api/credentials. Pure: no DOM,
// no fetch, so a unit test can check that what it builds validates against schemas/. The scale, its
// level ids and the outcomes are core's, so what the page writes is what the verifier reads.
import {
  PROFICIENCY_4_ID,
  proficiencyScale,
  type CredentialTypeName,
  type Lang,
  type SkillAlignment,
} from '@skills-passport/core';

/** The scale the page writes into every credential: core's default four-level scale. */
export { proficiencyScale };

/** One skill the assessor chose: what the skills API returned, the level (1..4) and, for EVC, the outcome. */
export interface ChosenSkill {
  uri: string;
  label: string;
  framework: string;
  level: number;
  outcome?: string;
}

/** One learning outcome of a module: its text and the uris of the chosen skills it covers. */
export interface LearningOutcome {
  description: string;
  skills: string[];
}

/** Everything the issue form holds. Dates are the values of `<input type="date">` (YYYY-MM-DD) or ''. */
export interface FormValues {
  /** the credential's language */
  lang: Lang;
  title: string;
  description: string;
  criteria: string;
  skills: ChosenSkill[];
  attester: { name: string; role: string };
  organisationName: string;
  standard: { identifier: string; name: string; version: string; kind: string };
  route: string;
  assessmentDate: string;
  methods: string[];
  achievementType: string;
  outcomes: LearningOutcome[];
  eqf: string;
  nlqf: string;
  hours: string;
  ects: string;
  assessmentType: string;
  grade: string;
  startDate: string;
  endDate: string;
  validUntil: string;
  workplace: { name: string; department: string; location: string };
  role: string;
  /** one task per line */
  tasks: string;
  hoursPerWeek: string;
}

type Json = Record<string, unknown>;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A date input's value as an RFC 3339 date-time at the start of that day in the browser's time zone,
 * e.g. `2026-10-02` -> `2026-10-02T00:00:00+02:00`. The start of the day keeps an assessment dated
 * today from falling after the moment of issuance. `undefined` for an empty or malformed value.
 */
export function dateToRfc3339(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match === null) return undefined;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const local = new Date(y, m - 1, d);
  if (local.getDate() !== d) return undefined;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value.trim()}T00:00:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function targetType(framework: string): SkillAlignment['targetType'] {
  if (framework === 'ESCO') return 'ext:ESCOSkill';
  if (framework === 'CompetentNL') return 'ext:CompetentNLSkill';
  return 'ceasn:Competency';
}

function alignment(skill: ChosenSkill): SkillAlignment {
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
 */
function put(target: Json, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string' && value.trim() === '') return;
  target[key] = typeof value === 'string' ? value.trim() : value;
}

/**
 * A number input's value as a number, or the text itself when it is no number (the issuer then
 * explains what it expected); `undefined` when empty.
 */
function numberOf(value: string): number | string | undefined {
  const text = value.trim().replace(',', '.');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : value;
}

/** A fresh random URN for an achievement (each form submission describes its own achievement). */
export function newUrn(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return `urn:uuid:${c.randomUUID()}`;
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `credential` of an issue request (and the common content of a cohort) for one type. */
export function buildCredential(type: CredentialTypeName, v: FormValues, achievementId: string): Json {
  const scale = proficiencyScale(v.lang);
  const achievement: Json = { id: achievementId, type: ['Achievement'] };
  put(achievement, 'name', v.title);
  put(achievement, 'description', v.description);
  const criteria: Json = {};
  put(criteria, 'narrative', v.criteria);
  achievement.criteria = criteria;
  achievement.inLanguage = v.lang;
  achievement.alignment = v.skills.map(alignment);
  achievement.resultDescription = [scale];

  const results: Json[] = v.skills.map((skill) => {
    const result: Json = {
      type: ['Result'],
      alignment: [alignment(skill)],
      resultDescription: PROFICIENCY_4_ID,
      achievedLevel: `${PROFICIENCY_4_ID}#${skill.level}`,
    };
    if (type === 'EVCCredential') put(result, 'value', skill.outcome);
    return result;
  });

  const source: Json = { type: ['Profile'] };
  put(source, 'name', v.attester.name);
  put(source, 'role', v.attester.role);

  const subject: Json = { achievement };
  const credential: Json = { credentialSubject: subject };
  put(credential, 'name', v.title);

  if (type === 'EVCCredential') {
    achievement.achievementType = 'Certificate';
    const standard: Json = {};
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
      const entry: Json = {};
      put(entry, 'description', outcome.description);
      entry.alignment = v.skills.filter((s) => outcome.skills.includes(s.uri)).map(alignment);
      return entry;
    });
    const qualificationLevel: Json = {};
    put(qualificationLevel, 'eqf', numberOf(v.eqf));
    put(qualificationLevel, 'nlqf', v.nlqf);
    achievement.qualificationLevel = qualificationLevel;
    const studyLoad: Json = {};
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
    put(credential, 'validUntil', dateToRfc3339(v.validUntil));
  } else {
    achievement.achievementType = 'ext:WorkplaceLearning';
    subject.result = results;
    subject.source = source;
    const workplace: Json = {};
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
