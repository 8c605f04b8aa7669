import { openBadgeAchievementIssues, SkillsPassportError, type ValidationIssue } from '@skills-passport/core';

// One module of a training provider's catalogue: what staff send (ModuleInput), checked strictly,
// and the Open Badges 3.0 Achievement it is published as (CatalogueModule) — the very achievement a
// ModuleCredential for it later carries, plus where and when it is offered (`offering`).

export const MODULE_MODES = ['online', 'classroom', 'blended', 'workplace'] as const;
export type ModuleMode = (typeof MODULE_MODES)[number];

export const NLQF_LEVELS = ['entry', '1', '2', '3', '4', '5', '6', '7', '8'] as const;
export type NlqfLevel = (typeof NLQF_LEVELS)[number];

/** The most start dates one module lists. */
export const MAX_START_DATES = 24;

/** An ESCO skill a learning outcome aligns to. */
export interface SkillAlignmentInput {
  targetUrl: string;
  targetName: string;
}

export interface ModuleOffering {
  mode: ModuleMode;
  region?: string;
  /** Full dates (`2027-02-01`), sorted, each once. */
  startDates: string[];
  price?: { amount: number; currency: 'EUR' };
  endsInMicroCredential: boolean;
}

/** What staff send to add or change a module (POST/PUT /api/catalogue/modules), as checked. */
export interface ModuleInput {
  name: string;
  description: string;
  criteria: { narrative: string };
  inLanguage: 'nl' | 'en';
  learningOutcomes: { description: string; alignment: SkillAlignmentInput[] }[];
  qualificationLevel: { eqf?: number; nlqf?: NlqfLevel };
  studyLoad: { hours: number; ects?: number };
  offering: ModuleOffering;
}

/** An ESCO alignment as Open Badges writes it. */
export interface EscoAlignment {
  type: ['Alignment'];
  targetUrl: string;
  targetName: string;
  targetFramework: 'ESCO';
  targetType: 'ext:ESCOSkill';
}

/** A published module: an Open Badges 3.0 Achievement with our `offering`. */
export interface CatalogueModule {
  id: string;
  type: ['Achievement'];
  achievementType: 'MicroCredential' | 'Course';
  name: string;
  description: string;
  criteria: { narrative: string };
  inLanguage: 'nl' | 'en';
  learningOutcomes: { description: string; alignment: EscoAlignment[] }[];
  /** Every skill of the learning outcomes once: where readers of plain Open Badges look. */
  alignment: EscoAlignment[];
  qualificationLevel: { eqf?: number; nlqf?: NlqfLevel };
  studyLoad: { hours: number; ects?: number };
  offering: ModuleOffering;
}

/** Tells whether an ESCO skill exists: the taxonomy the issuer loaded, when a caller has one. */
export interface SkillLookup {
  get(uri: string): unknown;
}

const ESCO_SKILL =
  /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// As the credential schemas' `text` and `longText`: some visible character, no control characters
// (long texts keep their line breaks).
function isPlainText(value: string, long: boolean): boolean {
  if (value.trim().length === 0) return false;
  for (const char of value) {
    const code = char.charCodeAt(0);
    const lineBreak = code === 0x0a || code === 0x0d;
    if ((code < 0x20 && !(long && lineBreak)) || code === 0x7f) return false;
  }
  return true;
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A full calendar date that exists (no 2027-02-30). */
function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Collects issues while reading one input; each reader returns the value or undefined. */
class Reader {
  readonly issues: ValidationIssue[] = [];

  fail(pointer: string, rule: string, message: string): undefined {
    this.issues.push({ pointer, rule, message });
    return undefined;
  }

  /** Refuses members nobody defined, and those the issuer sets itself. */
  only(
    value: Record<string, unknown>,
    at: string,
    allowed: readonly string[],
    server: readonly string[] = [],
  ) {
    for (const key of Object.keys(value)) {
      if (server.includes(key))
        this.fail(`${at}/${key}`, 'server_field', `"${key}" is set by the issuer; leave it out.`);
      else if (!allowed.includes(key))
        this.fail(`${at}/${key}`, 'unknown_field', `"${key}" is not a field of a module.`);
    }
  }

  object(value: unknown, at: string, what: string): Record<string, unknown> | undefined {
    if (value === undefined) return this.fail(at, 'required', `${what} is required.`);
    return isRecord(value) ? value : this.fail(at, 'type', `${what} must be an object.`);
  }

  text(value: unknown, at: string, what: string, max: number, long = false): string | undefined {
    if (value === undefined) return this.fail(at, 'required', `${what} is required.`);
    if (typeof value !== 'string' || value.length > max || !isPlainText(value, long))
      return this.fail(
        at,
        'text',
        `${what}: a text of 1 to ${max} characters${long ? '' : ' on one line'}, without tabs or other control characters.`,
      );
    return value.trim();
  }

  number(
    value: unknown,
    at: string,
    what: string,
    range: { min: number; exclusiveMin?: boolean; max: number },
  ) {
    const low = range.exclusiveMin === true ? `above ${range.min}` : `at least ${range.min}`;
    if (value === undefined) return this.fail(at, 'required', `${what} is required.`);
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value > range.max ||
      (range.exclusiveMin === true ? value <= range.min : value < range.min)
    )
      return this.fail(at, 'range', `${what}: a number ${low} and at most ${range.max}.`);
    return value;
  }

  list(value: unknown, at: string, what: string, min: number, max: number): unknown[] | undefined {
    if (value === undefined) return this.fail(at, 'required', `${what} is required.`);
    if (!Array.isArray(value) || value.length < min || value.length > max)
      return this.fail(at, 'items', `${what}: a list of ${min} to ${max} entries.`);
    return value as unknown[];
  }
}

function readAlignment(
  r: Reader,
  value: unknown,
  at: string,
  skills?: SkillLookup,
): SkillAlignmentInput | undefined {
  const a = r.object(value, at, 'A skill');
  if (a === undefined) return undefined;
  // The constant members may come along (a module's own learning outcomes, sent back); nothing else.
  r.only(a, at, ['targetUrl', 'targetName', 'type', 'targetFramework', 'targetType']);
  if (a.type !== undefined && !(Array.isArray(a.type) && a.type.length === 1 && a.type[0] === 'Alignment'))
    r.fail(`${at}/type`, 'const', 'type, when given, is ["Alignment"].');
  if (a.targetFramework !== undefined && a.targetFramework !== 'ESCO')
    r.fail(`${at}/targetFramework`, 'const', 'Modules align to ESCO skills: targetFramework is "ESCO".');
  if (a.targetType !== undefined && a.targetType !== 'ext:ESCOSkill')
    r.fail(`${at}/targetType`, 'const', 'targetType, when given, is "ext:ESCOSkill".');
  let targetUrl: string | undefined;
  if (typeof a.targetUrl !== 'string' || !ESCO_SKILL.test(a.targetUrl)) {
    r.fail(`${at}/targetUrl`, 'esco_skill', 'An ESCO skill URI: http://data.europa.eu/esco/skill/<uuid>.');
  } else if (skills !== undefined && skills.get(a.targetUrl) === undefined) {
    r.fail(
      `${at}/targetUrl`,
      'unknown_skill',
      'This ESCO skill does not exist; pick one with the skill search.',
    );
  } else {
    targetUrl = a.targetUrl;
  }
  const targetName = r.text(a.targetName, `${at}/targetName`, 'The skill\u2019s name', 500);
  return targetUrl === undefined || targetName === undefined ? undefined : { targetUrl, targetName };
}

function readOutcomes(
  r: Reader,
  value: unknown,
  skills?: SkillLookup,
): ModuleInput['learningOutcomes'] | undefined {
  const list = r.list(value, '/learningOutcomes', 'Learning outcomes', 1, 50);
  if (list === undefined) return undefined;
  const outcomes: ModuleInput['learningOutcomes'] = [];
  list.forEach((entry, i) => {
    const at = `/learningOutcomes/${i}`;
    const o = r.object(entry, at, 'A learning outcome');
    if (o === undefined) return;
    r.only(o, at, ['description', 'alignment']);
    const description = r.text(
      o.description,
      `${at}/description`,
      'What the learner can do afterwards',
      5000,
      true,
    );
    const alignments = r.list(o.alignment, `${at}/alignment`, 'The ESCO skills of this outcome', 1, 20);
    const alignment = (alignments ?? []).map((a, j) => readAlignment(r, a, `${at}/alignment/${j}`, skills));
    const seen = new Set<string>();
    alignment.forEach((a, j) => {
      if (a === undefined) return;
      if (seen.has(a.targetUrl))
        r.fail(`${at}/alignment/${j}`, 'unique', 'This skill is listed twice in one outcome.');
      seen.add(a.targetUrl);
    });
    if (description !== undefined && alignments !== undefined && alignment.every((a) => a !== undefined))
      outcomes.push({ description, alignment: alignment.filter((a) => a !== undefined) });
  });
  return outcomes;
}

function readLevel(r: Reader, value: unknown): ModuleInput['qualificationLevel'] | undefined {
  const level = r.object(value, '/qualificationLevel', 'The level (EQF and/or NLQF)');
  if (level === undefined) return undefined;
  r.only(level, '/qualificationLevel', ['eqf', 'nlqf']);
  const out: ModuleInput['qualificationLevel'] = {};
  if (level.eqf === undefined && level.nlqf === undefined)
    return r.fail('/qualificationLevel', 'required', 'Give the EQF level, the NLQF level, or both.');
  if (level.eqf !== undefined) {
    if (typeof level.eqf !== 'number' || !Number.isInteger(level.eqf) || level.eqf < 1 || level.eqf > 8)
      r.fail('/qualificationLevel/eqf', 'range', 'An EQF level is a whole number from 1 to 8.');
    else out.eqf = level.eqf;
  }
  if (level.nlqf !== undefined) {
    if (!NLQF_LEVELS.includes(level.nlqf as NlqfLevel))
      r.fail('/qualificationLevel/nlqf', 'enum', 'An NLQF level is "entry" or "1" to "8".');
    else out.nlqf = level.nlqf as NlqfLevel;
  }
  // NLQF levels 1 to 8 are EQF levels 1 to 8 (the Dutch framework is referenced to the European one).
  if (out.eqf !== undefined && out.nlqf !== undefined && out.nlqf !== 'entry' && Number(out.nlqf) !== out.eqf)
    r.fail(
      '/qualificationLevel',
      'level_mismatch',
      `NLQF ${out.nlqf} is EQF ${out.nlqf}; the two levels must agree.`,
    );
  return out;
}

function readStudyLoad(r: Reader, value: unknown): ModuleInput['studyLoad'] | undefined {
  const load = r.object(value, '/studyLoad', 'The study load');
  if (load === undefined) return undefined;
  r.only(load, '/studyLoad', ['hours', 'ects']);
  const hours = r.number(load.hours, '/studyLoad/hours', 'Study load in hours', {
    min: 0,
    exclusiveMin: true,
    max: 20_000,
  });
  const ects =
    load.ects === undefined
      ? undefined
      : r.number(load.ects, '/studyLoad/ects', 'ECTS credits', { min: 0, exclusiveMin: true, max: 480 });
  if (hours === undefined) return undefined;
  return ects === undefined ? { hours } : { hours, ects };
}

function readPrice(r: Reader, value: unknown): ModuleOffering['price'] {
  const price = r.object(value, '/offering/price', 'The price');
  if (price === undefined) return undefined;
  r.only(price, '/offering/price', ['amount', 'currency']);
  if (price.currency !== 'EUR')
    r.fail('/offering/price/currency', 'const', 'Prices are in euros: currency "EUR".');
  const amount = r.number(price.amount, '/offering/price/amount', 'The price in euros', {
    min: 0,
    max: 1_000_000,
  });
  // Cents compared with a tolerance: 2495.05 * 100 is 249505.00000000003 in binary floating point.
  if (amount !== undefined && Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6)
    return r.fail('/offering/price/amount', 'cents', 'A price has at most two decimals (euro cents).');
  return amount === undefined || price.currency !== 'EUR' ? undefined : { amount, currency: 'EUR' };
}

function readOffering(r: Reader, value: unknown): ModuleOffering | undefined {
  const offering = r.object(value, '/offering', 'Where and when the module is offered');
  if (offering === undefined) return undefined;
  r.only(offering, '/offering', ['mode', 'region', 'startDates', 'price', 'endsInMicroCredential']);
  const mode = MODULE_MODES.includes(offering.mode as ModuleMode)
    ? (offering.mode as ModuleMode)
    : r.fail('/offering/mode', 'enum', `How the module is taught: one of ${MODULE_MODES.join(', ')}.`);
  const region =
    offering.region === undefined
      ? undefined
      : r.text(offering.region, '/offering/region', 'The region', 100);
  const dates = r.list(offering.startDates, '/offering/startDates', 'Start dates', 0, MAX_START_DATES) ?? [];
  const startDates: string[] = [];
  dates.forEach((date, i) => {
    if (typeof date !== 'string' || !isCalendarDate(date))
      r.fail(`/offering/startDates/${i}`, 'date', 'A start date is a date like 2027-02-01.');
    else if (startDates.includes(date))
      r.fail(`/offering/startDates/${i}`, 'unique', 'This start date is listed twice.');
    else startDates.push(date);
  });
  const price = offering.price === undefined ? undefined : readPrice(r, offering.price);
  if (typeof offering.endsInMicroCredential !== 'boolean')
    r.fail(
      '/offering/endsInMicroCredential',
      'type',
      'Say whether the module ends in a micro-credential: true or false.',
    );
  if (mode === undefined || typeof offering.endsInMicroCredential !== 'boolean') return undefined;
  return {
    mode,
    ...(region === undefined ? {} : { region }),
    startDates: startDates.sort(),
    ...(price === undefined ? {} : { price }),
    endsInMicroCredential: offering.endsInMicroCredential,
  };
}

const SERVER_FIELDS = ['id', 'type', 'achievementType', 'alignment'];
const INPUT_FIELDS = [
  'name',
  'description',
  'criteria',
  'inLanguage',
  'learningOutcomes',
  'qualificationLevel',
  'studyLoad',
  'offering',
];

/**
 * Reads what staff sent for a module, strictly: every field checked, unknown ones refused, texts
 * trimmed, start dates sorted. With `skills`, every ESCO skill must exist in it.
 * Code: `ERR_VALIDATION` with an issue per problem (JSON pointer into the body, rule, message).
 */
export function parseModuleInput(value: unknown, skills?: SkillLookup): ModuleInput {
  const r = new Reader();
  if (!isRecord(value)) {
    r.fail('', 'type', 'Send the module as a JSON object.');
    throw new SkillsPassportError('ERR_VALIDATION', 'The module is not valid.', { issues: r.issues });
  }
  r.only(value, '', INPUT_FIELDS, SERVER_FIELDS);
  const name = r.text(value.name, '/name', 'The module\u2019s name', 200);
  const description = r.text(value.description, '/description', 'The description', 5000, true);
  const criteria = r.object(value.criteria, '/criteria', 'How the module is passed');
  if (criteria !== undefined) r.only(criteria, '/criteria', ['narrative']);
  const narrative =
    criteria === undefined
      ? undefined
      : r.text(criteria.narrative, '/criteria/narrative', 'How the module is passed', 5000, true);
  const inLanguage =
    value.inLanguage === 'nl' || value.inLanguage === 'en'
      ? value.inLanguage
      : r.fail('/inLanguage', 'enum', 'The language it is taught in: "nl" or "en".');
  const learningOutcomes = readOutcomes(r, value.learningOutcomes, skills);
  const qualificationLevel = readLevel(r, value.qualificationLevel);
  const studyLoad = readStudyLoad(r, value.studyLoad);
  const offering = readOffering(r, value.offering);
  if (
    r.issues.length > 0 ||
    name === undefined ||
    description === undefined ||
    narrative === undefined ||
    inLanguage === undefined ||
    learningOutcomes === undefined ||
    qualificationLevel === undefined ||
    studyLoad === undefined ||
    offering === undefined
  )
    throw new SkillsPassportError('ERR_VALIDATION', 'The module is not valid.', { issues: r.issues });
  return {
    name,
    description,
    criteria: { narrative },
    inLanguage,
    learningOutcomes,
    qualificationLevel,
    studyLoad,
    offering,
  };
}

function escoAlignment(a: SkillAlignmentInput): EscoAlignment {
  return {
    type: ['Alignment'],
    targetUrl: a.targetUrl,
    targetName: a.targetName,
    targetFramework: 'ESCO',
    targetType: 'ext:ESCOSkill',
  };
}

/**
 * The Open Badges 3.0 Achievement a module is published as, with `id` its public URL, checked
 * against 1EdTech's schema for an Achievement. Code: `ERR_SCHEMA_INVALID` (never for input that
 * {@link parseModuleInput} accepted).
 */
export function buildCatalogueModule(id: string, input: ModuleInput): CatalogueModule {
  const learningOutcomes = input.learningOutcomes.map((o) => ({
    description: o.description,
    alignment: o.alignment.map(escoAlignment),
  }));
  const skills = new Map<string, EscoAlignment>();
  for (const outcome of learningOutcomes)
    for (const a of outcome.alignment) if (!skills.has(a.targetUrl)) skills.set(a.targetUrl, a);
  const module: CatalogueModule = {
    id,
    type: ['Achievement'],
    achievementType: input.offering.endsInMicroCredential ? 'MicroCredential' : 'Course',
    name: input.name,
    description: input.description,
    criteria: { narrative: input.criteria.narrative },
    inLanguage: input.inLanguage,
    learningOutcomes,
    alignment: [...skills.values()],
    qualificationLevel: { ...input.qualificationLevel },
    studyLoad: { ...input.studyLoad },
    offering: input.offering,
  };
  const issues = openBadgeAchievementIssues(module);
  if (issues.length > 0)
    throw new SkillsPassportError(
      'ERR_SCHEMA_INVALID',
      'The module is not a valid Open Badges Achievement.',
      {
        issues,
      },
    );
  return module;
}
