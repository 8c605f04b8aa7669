// @ts-check
/* global document, sessionStorage, localStorage, fetch, navigator, setTimeout, clearTimeout, URL, URLSearchParams */
// The assessor page: plain ES modules, no build step, no inline script or style (strict CSP).
// Every value from the server reaches the page through textContent or attributes, never as HTML.
import { buildCredential, levelName, newUrn, OUTCOMES } from './content.js';
import { TEXT } from './i18n.js';

/** @typedef {import('./content.js').ChosenSkill} ChosenSkill */
/** @typedef {import('./content.js').CredentialType} CredentialType */
/** @typedef {import('./content.js').Lang} Lang */
/** @typedef {{ pointer: string, rule?: string, message: string }} Issue */
/**
 * @typedef {object} Me
 * @property {{ id: string, name: string, role: string }} staff
 * @property {{ slug: string, name: string, kind: string }} organisation
 * @property {CredentialType[]} allowedTypes
 */
/**
 * @typedef {object} CredentialView
 * @property {string} id
 * @property {CredentialType} type
 * @property {string} title
 * @property {'offered' | 'issued' | 'revoked' | 'suspended'} status
 * @property {{ name: string, contact: string | null }} learner
 * @property {string} createdAt
 * @property {string | null} revokedAt
 * @property {string | null} revocationReason
 * @property {string | null} suspendedAt
 * @property {string | null} batchId
 * @property {{ uri: string, expiresAt: string, state: 'open' | 'redeemed' | 'expired', txCodeRequired: boolean } | null} offer
 */
/**
 * @typedef {object} BatchView
 * @property {string} id
 * @property {'processing' | 'done'} state
 * @property {number} total
 * @property {number} processed
 * @property {number} valid
 * @property {number} invalid
 * @property {{ line: number, issues: Issue[] }[]} report
 */
/** @typedef {{ uri: string, label: string, labels: { nl?: string, en?: string }, framework: string }} SkillHit */

const KEY_STORE = 'sp-assessor-key';
const LANG_STORE = 'sp-assessor-lang';
const TYPES = /** @type {CredentialType[]} */ ([
  'EVCCredential',
  'ModuleCredential',
  'WorkplaceLearningCredential',
]);
const STATUSES = ['offered', 'issued', 'suspended', 'revoked'];
const METHODS = [
  'portfolio',
  'criterion-based-interview',
  'workplace-observation',
  'practical-assignment',
  'simulation',
  'written-test',
  'reference-check',
  'other',
];
const ASSESSMENT_TYPES = [
  'exam',
  'practical-assignment',
  'project',
  'portfolio',
  'presentation',
  'oral-exam',
  'attendance',
  'other',
];

/** @returns {Lang} */
function initialLang() {
  const stored = localStorage.getItem(LANG_STORE);
  if (stored === 'nl' || stored === 'en') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (tag.toLowerCase().startsWith('nl')) return 'nl';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'nl';
}

const state = {
  lang: initialLang(),
  /** @type {string | null} */
  apiKey: null,
  /** @type {Me | null} */
  me: null,
  /** @type {ChosenSkill[]} */
  skills: [],
  /** @type {{ description: string, skills: string[] }[]} */
  outcomes: [{ description: '', skills: [] }],
  /** @type {SkillHit[]} */
  hits: [],
  active: -1,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  searchTimer: undefined,
  searchSeq: 0,
  list: {
    /** @type {CredentialView[]} */
    items: [],
    /** @type {string | null} */
    cursor: null,
    /** @type {string | null} */
    batch: null,
  },
  /** @type {BatchView | null} */
  batch: null,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  pollTimer: undefined,
  /** @type {string[]} */
  objectUrls: [],
};

// ---------- small helpers ----------

/**
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @returns {E}
 */
function $(id) {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} is missing`);
  return /** @type {E} */ (node);
}
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id));
const select = (/** @type {string} */ id) => /** @type {HTMLSelectElement} */ ($(id));
const textarea = (/** @type {string} */ id) => /** @type {HTMLTextAreaElement} */ ($(id));

/**
 * The text for `key` in the current language, with `{name}` placeholders filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
function t(key, vars = {}) {
  const text = TEXT[state.lang][key] ?? TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_m, name) => String(vars[name] ?? ''));
}

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | ((event: Event) => void)>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} children
 * @returns {HTMLElement}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** @param {string} message */
function announce(message) {
  const region = $('announce');
  region.textContent = '';
  // A fresh text node after clearing makes screen readers read a repeated message again.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** @param {string} iso */
function formatDate(iso) {
  return new Intl.DateTimeFormat(state.lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** @param {string} label */
function bare(label) {
  return label.replace(/\s*\*.*$/, '').trim();
}

// ---------- HTTP ----------

class SignedOut extends Error {}

/**
 * Calls the staff API with the signed-in key. A 401 signs the assessor out.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [key]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function api(method, path, body, key = state.apiKey ?? '') {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${key}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  /** @type {any} */
  let parsed = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.status === 401 && state.apiKey !== null && key === state.apiKey) {
    signOut('sessionEnded');
    throw new SignedOut();
  }
  return { status: response.status, body: parsed };
}

/**
 * Fetches a protected file (QR code, CSV) and returns an object URL for it.
 * @param {string} path
 */
async function objectUrl(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${state.apiKey ?? ''}` } });
  if (response.status === 401) {
    signOut('sessionEnded');
    throw new SignedOut();
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  state.objectUrls.push(url);
  return url;
}

/**
 * The issues of a problem response, or one issue with its detail.
 * @param {any} body
 * @returns {Issue[]}
 */
function issuesOf(body) {
  if (Array.isArray(body?.errors) && body.errors.length > 0) return body.errors;
  return [{ pointer: '', message: typeof body?.detail === 'string' ? body.detail : t('networkError') }];
}

/**
 * Runs an action, turning a lost connection into a visible message.
 * @param {() => Promise<void>} action
 * @param {(message: string) => void} onNetworkError
 */
async function guarded(action, onNetworkError) {
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOut) return;
    onNetworkError(t('networkError'));
  }
}

// ---------- language ----------

function applyText() {
  document.documentElement.lang = state.lang;
  document.title = t('pageTitle');
  select('lang').value = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (node).dataset.i18n;
    if (key !== undefined) node.textContent = t(key);
  }
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
    const key = /** @type {HTMLElement} */ (node).dataset.i18nAriaLabel;
    if (key !== undefined) node.setAttribute('aria-label', t(key));
  }
  fillStaticOptions();
  renderWho();
  renderTypeOptions();
  renderSkills();
  renderCohortCommon();
  renderList();
  if (state.batch !== null) renderBatch(state.batch);
}

/**
 * Replaces a select's options, keeping its value.
 * @param {HTMLSelectElement} node
 * @param {[string, string][]} options value and text
 */
function setOptions(node, options) {
  const value = node.value;
  node.replaceChildren(...options.map(([v, text]) => el('option', { value: v }, text)));
  if (options.some(([v]) => v === value)) node.value = value;
}

function fillStaticOptions() {
  const methods = $('methods');
  const checked = new Set(
    [...methods.querySelectorAll('input:checked')].map((n) => /** @type {HTMLInputElement} */ (n).value),
  );
  for (const node of methods.querySelectorAll('.check')) node.remove();
  for (const method of METHODS) {
    const id = `method-${method}`;
    methods.append(
      el(
        'div',
        { class: 'check' },
        el('input', { type: 'checkbox', id, value: method, checked: checked.has(method) }),
        el('label', { for: id }, t(`method.${method}`)),
      ),
    );
  }
  setOptions(
    select('assessment-type'),
    ASSESSMENT_TYPES.map((v) => [v, t(`assess.${v}`)]),
  );
  setOptions(select('eqf'), [
    ['', t('none')],
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => /** @type {[string, string]} */ ([String(n), String(n)])),
  ]);
  setOptions(select('nlqf'), [
    ['', t('none')],
    ['entry', 'Instap / entry'],
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => /** @type {[string, string]} */ ([String(n), String(n)])),
  ]);
  setOptions(select('filter-type'), [
    ['', t('all')],
    ...TYPES.map((v) => /** @type {[string, string]} */ ([v, t(`type.${v}`)])),
  ]);
  setOptions(select('filter-status'), [
    ['', t('all')],
    ...STATUSES.map((v) => /** @type {[string, string]} */ ([v, t(`status.${v}`)])),
  ]);
}

// ---------- sign in / out ----------

function renderWho() {
  const me = state.me;
  if (me === null) return;
  $('who-staff').textContent = t('signedInAs', { name: me.staff.name, role: me.staff.role });
  $('who-org').textContent = me.organisation.name;
  $('who-kind').textContent = `(${t(`kind.${me.organisation.kind}`)})`;
  $('who-types').textContent = me.allowedTypes.map((type) => t(`type.${type}`)).join(', ');
}

/** @param {string} key */
async function signIn(key) {
  const error = $('signin-error');
  error.hidden = true;
  const { status, body } = await api('GET', '/api/me', undefined, key);
  if (status !== 200) {
    sessionStorage.removeItem(KEY_STORE);
    error.textContent =
      status === 401 ? t('signInFailed') : (issuesOf(body)[0]?.message ?? t('networkError'));
    error.hidden = false;
    return;
  }
  state.apiKey = key;
  state.me = /** @type {Me} */ (body);
  sessionStorage.setItem(KEY_STORE, key);
  input('api-key').value = '';
  input('attester-name').value = state.me.staff.name;
  input('attester-role').value = state.me.staff.role;
  renderWho();
  renderTypeOptions();
  showType();
  $('signin').hidden = true;
  $('workspace').hidden = false;
  showView('issue');
}

/** @param {string} [messageKey] */
function signOut(messageKey = 'signedOut') {
  sessionStorage.removeItem(KEY_STORE);
  state.apiKey = null;
  state.me = null;
  clearTimeout(state.pollTimer);
  state.batch = null;
  state.skills = [];
  state.outcomes = [{ description: '', skills: [] }];
  state.list = { items: [], cursor: null, batch: null };
  for (const url of state.objectUrls) URL.revokeObjectURL(url);
  state.objectUrls = [];
  /** @type {HTMLFormElement} */ ($('issue-form')).reset();
  /** @type {HTMLFormElement} */ ($('cohort-form')).reset();
  clearErrors();
  $('issue-result').hidden = true;
  $('issue-form').hidden = false;
  $('cohort-progress').hidden = true;
  $('cohort-errors').hidden = true;
  renderSkills();
  renderList();
  $('workspace').hidden = true;
  $('signin').hidden = false;
  const error = $('signin-error');
  error.textContent = t(messageKey);
  error.hidden = messageKey === 'signedOut';
  announce(t(messageKey));
  input('api-key').focus();
}

// ---------- views ----------

/** @param {'issue' | 'list' | 'cohort'} view */
function showView(view) {
  for (const name of ['issue', 'list', 'cohort']) $(`view-${name}`).hidden = name !== view;
  for (const button of document.querySelectorAll('#tabs button')) {
    const b = /** @type {HTMLButtonElement} */ (button);
    if (b.dataset.view === view) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  if (view === 'list') void guarded(() => loadList(true), showListError);
  if (view === 'cohort') renderCohortCommon();
  $(`${view}-title`).focus();
}

// ---------- issue form ----------

/** @returns {CredentialType} */
function currentType() {
  const value = select('cred-type').value;
  return /** @type {CredentialType} */ (
    TYPES.includes(/** @type {CredentialType} */ (value)) ? value : TYPES[0]
  );
}

/** @returns {Lang} */
function credentialLang() {
  return select('cred-lang').value === 'en' ? 'en' : 'nl';
}

function renderTypeOptions() {
  const allowed = state.me?.allowedTypes ?? [];
  setOptions(
    select('cred-type'),
    allowed.map((type) => [type, t(`type.${type}`)]),
  );
}

/** Shows the fields of the chosen type and labels the shared ones for it. */
function showType() {
  const type = currentType();
  for (const node of document.querySelectorAll('#issue-form [data-for]')) {
    const fieldset = /** @type {HTMLFieldSetElement} */ (node);
    const on = (fieldset.dataset.for ?? '').split(' ').includes(type);
    fieldset.hidden = !on;
    fieldset.disabled = !on;
  }
  const module = type === 'ModuleCredential';
  $('attester-legend').dataset.i18n = module ? 'attesterOptional' : 'attester';
  $('attester-name-label').dataset.i18n = module ? 'attesterNameOpt' : 'attesterName';
  $('attester-role-label').dataset.i18n = module ? 'attesterRoleOpt' : 'attesterRole';
  $('start-date-label').dataset.i18n = module ? 'startDate' : 'startDateRequired';
  $('end-date-label').dataset.i18n = module ? 'completionDate' : 'endDate';
  for (const id of [
    'attester-legend',
    'attester-name-label',
    'attester-role-label',
    'start-date-label',
    'end-date-label',
  ]) {
    $(id).textContent = t($(id).dataset.i18n ?? '');
  }
  renderSkills();
  renderCohortCommon();
}

/** @returns {import('./content.js').FormValues} */
function formValues() {
  return {
    lang: credentialLang(),
    title: input('title').value,
    description: textarea('description').value,
    criteria: textarea('criteria').value,
    skills: state.skills.map((s) => ({ ...s })),
    attester: { name: input('attester-name').value, role: input('attester-role').value },
    organisationName: state.me?.organisation.name ?? '',
    standard: {
      identifier: input('std-identifier').value,
      name: input('std-name').value,
      version: input('std-version').value,
      kind: select('std-kind').value,
    },
    route: select('route').value,
    assessmentDate: input('assessment-date').value,
    methods: [...$('methods').querySelectorAll('input:checked')].map(
      (n) => /** @type {HTMLInputElement} */ (n).value,
    ),
    achievementType: select('achievement-type').value,
    outcomes: state.outcomes.map((o) => ({ description: o.description, skills: [...o.skills] })),
    eqf: select('eqf').value,
    nlqf: select('nlqf').value,
    hours: input('hours').value,
    ects: input('ects').value,
    assessmentType: select('assessment-type').value,
    grade: input('grade').value,
    startDate: input('start-date').value,
    endDate: input('end-date').value,
    expirationDate: input('expiration-date').value,
    workplace: {
      name: input('wp-name').value,
      department: input('wp-department').value,
      location: input('wp-location').value,
    },
    role: input('wp-role').value,
    tasks: textarea('tasks').value,
    hoursPerWeek: input('hours-per-week').value,
  };
}

/** The credential content of the form as it stands (also the common content of a cohort). */
function currentCredential() {
  return buildCredential(currentType(), formValues(), newUrn());
}

// ----- errors next to fields -----

function clearErrors() {
  for (const node of document.querySelectorAll('.field-error')) node.remove();
  for (const node of document.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    const described = (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '' && !id.startsWith('err-'));
    if (described.length > 0) node.setAttribute('aria-describedby', described.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  $('issue-errors').hidden = true;
}

/**
 * The visible form element an issue's pointer belongs to: an exact match, else the closest parent.
 * @param {HTMLElement} scope
 * @param {string} pointer
 * @returns {HTMLElement | undefined}
 */
function fieldFor(scope, pointer) {
  /** @type {HTMLElement | undefined} */
  let best;
  let bestLength = -1;
  for (const node of scope.querySelectorAll('[data-pointer]')) {
    const element = /** @type {HTMLElement} */ (node);
    if (element.closest('[hidden]') !== null) continue;
    for (const candidate of (element.dataset.pointer ?? '').split(' ')) {
      if (candidate === '') continue;
      const matches = pointer === candidate || pointer.startsWith(`${candidate}/`);
      if (matches && candidate.length > bestLength) {
        best = element;
        bestLength = candidate.length;
      }
    }
  }
  return best;
}

/**
 * What a person calls the field: its label, its legend, or the skill's name.
 * @param {HTMLElement} field
 */
function fieldName(field) {
  if (field.id !== '') {
    const label = document.querySelector(`label[for="${field.id}"]`);
    if (label !== null) return bare(label.textContent ?? '');
  }
  const legend = field.querySelector('legend');
  if (legend !== null) return bare(legend.textContent ?? '');
  const name = field.querySelector('.name');
  return bare(name?.textContent ?? '');
}

/**
 * Puts each issue next to its field and lists them all in the summary, which takes focus.
 * @param {Issue[]} issues
 */
function showErrors(issues) {
  clearErrors();
  const form = $('issue-form');
  const summary = $('issue-errors');
  const list = /** @type {HTMLElement} */ (summary.querySelector('ul'));
  list.replaceChildren();
  let n = 0;
  for (const issue of issues) {
    const field = fieldFor(form, issue.pointer);
    const message = issue.rule === 'required' && field !== undefined ? t('required') : issue.message;
    if (field === undefined) {
      list.append(el('li', {}, message));
      continue;
    }
    n += 1;
    const errorId = `err-${n}`;
    const note = el('p', { class: 'field-error', id: errorId }, message);
    const container = field.matches('input, select, textarea') ? (field.closest('.field') ?? field) : field;
    container.append(note);
    const target = field.matches('input, select, textarea')
      ? field
      : (/** @type {HTMLElement | null} */ (field.querySelector('input, select, textarea, button')) ?? field);
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute(
      'aria-describedby',
      [target.getAttribute('aria-describedby') ?? '', errorId].filter((s) => s !== '').join(' '),
    );
    const link = el('a', { href: `#${target.id}` }, `${fieldName(field)}: ${message}`);
    if (target.id === '') link.removeAttribute('href');
    list.append(el('li', {}, link));
  }
  summary.hidden = false;
  summary.focus();
}

// ----- skills: type-ahead and chosen list -----

function closeOptions() {
  state.hits = [];
  state.active = -1;
  const options = $('skill-options');
  options.hidden = true;
  options.replaceChildren();
  const box = input('skill-search');
  box.setAttribute('aria-expanded', 'false');
  box.removeAttribute('aria-activedescendant');
}

function renderOptions() {
  const options = $('skill-options');
  const box = input('skill-search');
  options.replaceChildren(
    ...state.hits.map((hit, i) => {
      const other = hit.labels[credentialLang() === 'nl' ? 'en' : 'nl'];
      return el(
        'li',
        {
          id: `skill-option-${i}`,
          role: 'option',
          'aria-selected': i === state.active ? 'true' : 'false',
          class: i === state.active ? 'active' : '',
          onmousedown: (event) => event.preventDefault(),
          onclick: () => chooseSkill(i),
        },
        el('span', { class: 'name' }, preferredLabel(hit)),
        other !== undefined && other !== preferredLabel(hit)
          ? el('span', { class: 'other', lang: credentialLang() === 'nl' ? 'en' : 'nl' }, other)
          : null,
      );
    }),
  );
  const open = state.hits.length > 0;
  options.hidden = !open;
  box.setAttribute('aria-expanded', open ? 'true' : 'false');
  if (state.active >= 0) box.setAttribute('aria-activedescendant', `skill-option-${state.active}`);
  else box.removeAttribute('aria-activedescendant');
  const current = document.getElementById(`skill-option-${state.active}`);
  current?.scrollIntoView({ block: 'nearest' });
}

/** @param {SkillHit} hit */
function preferredLabel(hit) {
  return hit.labels[credentialLang()] ?? hit.label;
}

async function searchSkills() {
  const q = input('skill-search').value.trim();
  const seq = ++state.searchSeq;
  if (q.length < 2) {
    closeOptions();
    return;
  }
  const params = new URLSearchParams({ q, lang: credentialLang() });
  const { status, body } = await api('GET', `/api/skills?${params.toString()}`);
  if (seq !== state.searchSeq || status !== 200) return;
  state.hits = /** @type {SkillHit[]} */ (body.items).filter(
    (hit) => !state.skills.some((s) => s.uri === hit.uri),
  );
  state.active = -1;
  renderOptions();
  announce(state.hits.length === 0 ? t('skillsNoneFound') : t('skillsFound', { n: state.hits.length }));
}

/** @param {number} index */
function chooseSkill(index) {
  const hit = state.hits[index];
  if (hit === undefined) return;
  const label = preferredLabel(hit);
  state.skills.push({ uri: hit.uri, label, framework: hit.framework, level: 2, outcome: 'achieved' });
  if (state.outcomes.length === 1) state.outcomes[0]?.skills.push(hit.uri);
  input('skill-search').value = '';
  closeOptions();
  renderSkills();
  announce(t('skillAdded', { label }));
  input('skill-search').focus();
}

/** @param {KeyboardEvent} event */
function onSearchKey(event) {
  const count = state.hits.length;
  if (event.key === 'ArrowDown' && count > 0) {
    event.preventDefault();
    state.active = (state.active + 1) % count;
    renderOptions();
  } else if (event.key === 'ArrowUp' && count > 0) {
    event.preventDefault();
    state.active = (state.active - 1 + count) % count;
    renderOptions();
  } else if (event.key === 'Enter') {
    // Enter picks a skill; it never submits the whole form from the search box.
    event.preventDefault();
    if (count > 0) chooseSkill(state.active >= 0 ? state.active : 0);
  } else if (event.key === 'Escape' && count > 0) {
    event.preventDefault();
    closeOptions();
  }
}

function renderSkills() {
  const type = currentType();
  const list = $('skill-list');
  $('skills-none').hidden = state.skills.length > 0;
  list.replaceChildren(
    ...state.skills.map((skill, i) => {
      const levelId = `skill-${i}-level`;
      const outcomeId = `skill-${i}-outcome`;
      const level = /** @type {HTMLSelectElement} */ (
        el(
          'select',
          {
            id: levelId,
            onchange: (e) => (skill.level = Number(/** @type {HTMLSelectElement} */ (e.target).value)),
          },
          ...[1, 2, 3, 4].map((n) =>
            el('option', { value: String(n) }, `${n} — ${levelName(n, state.lang)}`),
          ),
        )
      );
      level.value = String(skill.level);
      /** @type {HTMLSelectElement | null} */
      let outcome = null;
      if (type === 'EVCCredential') {
        outcome = /** @type {HTMLSelectElement} */ (
          el(
            'select',
            {
              id: outcomeId,
              onchange: (e) => (skill.outcome = /** @type {HTMLSelectElement} */ (e.target).value),
            },
            ...OUTCOMES.map((o) => el('option', { value: o }, t(`outcome.${o}`))),
          )
        );
        outcome.value = skill.outcome ?? 'achieved';
      }
      return el(
        'li',
        {
          class: 'skill',
          'data-pointer': `/credential/credentialSubject/result/${i} /credential/credentialSubject/achievement/alignment/${i}`,
        },
        el('span', { class: 'name' }, skill.label),
        el('span', { class: 'framework' }, skill.framework),
        el('div', { class: 'field' }, el('label', { for: levelId }, t('skillLevel')), level),
        outcome === null
          ? null
          : el('div', { class: 'field' }, el('label', { for: outcomeId }, t('skillOutcome')), outcome),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary remove',
            'aria-label': t('removeSkill', { label: skill.label }),
            onclick: () => removeSkill(i),
          },
          '×',
        ),
      );
    }),
  );
  renderOutcomes();
}

/** @param {number} index */
function removeSkill(index) {
  const [skill] = state.skills.splice(index, 1);
  if (skill === undefined) return;
  for (const outcome of state.outcomes) outcome.skills = outcome.skills.filter((uri) => uri !== skill.uri);
  renderSkills();
  announce(t('skillRemoved', { label: skill.label }));
  input('skill-search').focus();
}

function renderOutcomes() {
  const list = $('outcome-list');
  list.replaceChildren(
    ...state.outcomes.map((outcome, i) => {
      const id = `outcome-${i}`;
      const text = /** @type {HTMLTextAreaElement} */ (
        el('textarea', {
          id,
          rows: '2',
          'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}/description`,
          oninput: (e) => (outcome.description = /** @type {HTMLTextAreaElement} */ (e.target).value),
        })
      );
      text.value = outcome.description;
      const checks = el(
        'fieldset',
        {
          class: 'checks',
          'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}/alignment`,
        },
        el('legend', {}, t('outcomeSkills')),
        state.skills.length === 0 ? el('p', { class: 'hint' }, t('outcomeNoSkills')) : null,
        ...state.skills.map((skill, j) =>
          el(
            'div',
            { class: 'check' },
            el('input', {
              type: 'checkbox',
              id: `${id}-skill-${j}`,
              checked: outcome.skills.includes(skill.uri),
              onchange: (e) => {
                const on = /** @type {HTMLInputElement} */ (e.target).checked;
                outcome.skills = on
                  ? [...outcome.skills, skill.uri]
                  : outcome.skills.filter((uri) => uri !== skill.uri);
              },
            }),
            el('label', { for: `${id}-skill-${j}` }, skill.label),
          ),
        ),
      );
      return el(
        'li',
        { 'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}` },
        el('div', { class: 'field' }, el('label', { for: id }, t('outcome', { n: i + 1 })), text),
        checks,
        state.outcomes.length > 1
          ? el(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () => {
                  state.outcomes.splice(i, 1);
                  renderOutcomes();
                },
              },
              t('removeOutcome', { n: i + 1 }),
            )
          : null,
      );
    }),
  );
}

// ----- submit and result -----

async function submitIssue() {
  clearErrors();
  const name = input('learner-name').value.trim();
  const email = input('learner-email').value.trim();
  /** @type {Issue[]} */
  const missing = [];
  if (name === '') missing.push({ pointer: '/learner/name', rule: 'required', message: t('required') });
  if (email === '') missing.push({ pointer: '/learner/email', rule: 'required', message: t('required') });
  if (missing.length > 0) {
    showErrors(missing);
    return;
  }
  const button = /** @type {HTMLButtonElement} */ ($('issue-submit'));
  button.disabled = true;
  button.textContent = t('issuing');
  announce(t('issuing'));
  try {
    await guarded(
      async () => {
        const { status, body } = await api('POST', '/api/credentials', {
          type: currentType(),
          learner: { name, email },
          credential: currentCredential(),
          offer: { txCode: input('pin').checked },
        });
        if (status === 201 || status === 200) await showIssued(body.credential, body.txCode);
        else showErrors(issuesOf(body));
      },
      (message) => showErrors([{ pointer: '', message }]),
    );
  } finally {
    button.disabled = false;
    button.textContent = t('issue');
  }
}

/**
 * @param {CredentialView} credential
 * @param {string | undefined} txCode
 */
async function showIssued(credential, txCode) {
  $('issue-form').hidden = true;
  $('issue-errors').hidden = true;
  const result = $('issue-result');
  result.hidden = false;
  const heading = $('issue-result-title');
  heading.textContent = t('issued', { name: credential.learner.name });
  input('issue-link').value = credential.offer?.uri ?? '';
  $('issue-expires').textContent =
    credential.offer === null ? '' : t('offerExpires', { date: formatDate(credential.offer.expiresAt) });
  $('issue-pin').hidden = txCode === undefined;
  $('issue-pin-value').textContent = txCode ?? '';
  const qr = /** @type {HTMLImageElement} */ ($('issue-qr'));
  qr.alt = t('qrAlt', { name: credential.learner.name });
  qr.removeAttribute('src');
  heading.focus();
  announce(heading.textContent);
  qr.src = await objectUrl(`/api/credentials/${encodeURIComponent(credential.id)}/offer.svg`);
}

function issueAnother() {
  input('learner-name').value = '';
  input('learner-email').value = '';
  $('issue-result').hidden = true;
  $('issue-form').hidden = false;
  input('learner-name').focus();
}

/** @param {string} text */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    input('issue-link').select();
  }
  announce(t('copied'));
}

// ---------- list ----------

/** @param {string} message */
function showListError(message) {
  $('list-message').textContent = message;
}

/** @param {boolean} reset */
async function loadList(reset) {
  if (state.apiKey === null) return;
  const params = new URLSearchParams();
  const learner = input('filter-learner').value.trim();
  if (learner !== '') params.set('learner', learner);
  if (select('filter-type').value !== '') params.set('type', select('filter-type').value);
  if (select('filter-status').value !== '') params.set('status', select('filter-status').value);
  if (state.list.batch !== null) params.set('batch', state.list.batch);
  if (!reset && state.list.cursor !== null) params.set('cursor', state.list.cursor);
  params.set('limit', '25');
  $('list-message').textContent = t('loading');
  const { status, body } = await api('GET', `/api/credentials?${params.toString()}`);
  if (status !== 200) {
    showListError(
      issuesOf(body)
        .map((i) => i.message)
        .join(' '),
    );
    return;
  }
  state.list.items = reset ? body.items : [...state.list.items, ...body.items];
  state.list.cursor = body.nextCursor;
  renderList();
}

function renderList() {
  const list = $('credential-list');
  list.replaceChildren(...state.list.items.map((item) => card(item)));
  $('list-more').hidden = state.list.cursor === null;
  $('list-message').textContent =
    state.apiKey === null
      ? ''
      : state.list.items.length === 0
        ? t('noResults')
        : t('resultsCount', { n: state.list.items.length });
  const batchNote = $('list-batch');
  batchNote.hidden = state.list.batch === null;
  batchNote.replaceChildren();
  if (state.list.batch !== null) {
    batchNote.append(
      `${t('navCohort')}: ${state.list.batch} `,
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            state.list.batch = null;
            void guarded(() => loadList(true), showListError);
          },
        },
        `${t('all')} ✕`,
      ),
    );
  }
}

/**
 * One credential in the list, with the actions its status allows.
 * @param {CredentialView} item
 * @returns {HTMLElement}
 */
function card(item) {
  const headingId = `cred-${item.id.replace(/[^a-zA-Z0-9-]/g, '')}`;
  const details = el('div', { class: 'details' });
  const actions = el('div', { class: 'actions' });
  const li = el(
    'li',
    { class: 'card', 'data-id': item.id },
    el('h3', { id: headingId, tabindex: '-1' }, item.learner.name),
    item.learner.contact === null ? null : el('p', { class: 'contact' }, item.learner.contact),
    el('p', {}, el('strong', {}, item.title), ` — ${t(`type.${item.type}`)}`),
    el('p', {}, el('span', { class: `status status-${item.status}` }, t(`status.${item.status}`))),
    el('p', { class: 'meta' }, t('createdOn', { date: formatDate(item.createdAt) })),
    item.revokedAt === null
      ? null
      : el(
          'p',
          { class: 'meta' },
          t('revokedOn', { date: formatDate(item.revokedAt), reason: item.revocationReason ?? '' }),
        ),
    item.status === 'suspended' && item.suspendedAt !== null
      ? el('p', { class: 'meta' }, t('suspendedOn', { date: formatDate(item.suspendedAt) }))
      : null,
    item.offer === null || item.status === 'revoked'
      ? null
      : el(
          'p',
          { class: 'meta' },
          t('offerState', {
            state: t(`offer.${item.offer.state}`, { date: formatDate(item.offer.expiresAt) }),
          }),
        ),
    actions,
    details,
  );
  const replace = (/** @type {CredentialView} */ view, /** @type {string} */ messageKey) => {
    const index = state.list.items.findIndex((c) => c.id === view.id);
    if (index >= 0) state.list.items[index] = view;
    const fresh = card(view);
    li.replaceWith(fresh);
    announce(t(messageKey, { name: view.learner.name }));
    /** @type {HTMLElement} */ (fresh.querySelector('h3')).focus();
  };
  /**
   * @param {'suspend' | 'unsuspend'} change
   * @param {string} messageKey
   */
  const changeStatus = (change, messageKey) =>
    guarded(
      async () => {
        const { status, body } = await api(
          'POST',
          `/api/credentials/${encodeURIComponent(item.id)}/${change}`,
          {},
        );
        if (status === 200) replace(body, messageKey);
        else
          details.replaceChildren(
            el(
              'p',
              { class: 'error', role: 'alert' },
              issuesOf(body)
                .map((i) => i.message)
                .join(' '),
            ),
          );
      },
      (message) => details.replaceChildren(el('p', { class: 'error', role: 'alert' }, message)),
    );

  if (item.offer?.state === 'open' && item.status !== 'revoked') {
    const toggle = el(
      'button',
      { type: 'button', class: 'secondary', 'aria-expanded': 'false' },
      t('showOffer'),
    );
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', open ? 'false' : 'true');
      toggle.textContent = open ? t('showOffer') : t('hideOffer');
      if (open) {
        details.replaceChildren();
        return;
      }
      void guarded(
        () => showOfferIn(details, item),
        (message) => details.replaceChildren(el('p', { class: 'error' }, message)),
      );
    });
    actions.append(toggle);
  }
  if (item.status === 'issued')
    actions.append(
      el(
        'button',
        { type: 'button', class: 'secondary', onclick: () => void changeStatus('suspend', 'suspendedDone') },
        t('suspend'),
      ),
    );
  if (item.status === 'suspended')
    actions.append(
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => void changeStatus('unsuspend', 'unsuspendedDone'),
        },
        t('unsuspend'),
      ),
    );
  if (item.status !== 'revoked') {
    actions.append(
      el(
        'button',
        { type: 'button', class: 'danger', onclick: () => revokeForm(details, item, replace) },
        t('revoke'),
      ),
    );
  }
  return li;
}

/**
 * @param {HTMLElement} details
 * @param {CredentialView} item
 */
async function showOfferIn(details, item) {
  const img = /** @type {HTMLImageElement} */ (
    el('img', { alt: t('qrAlt', { name: item.learner.name }), width: '200', height: '200' })
  );
  const linkId = `link-${item.id.replace(/[^a-zA-Z0-9-]/g, '')}`;
  const link = /** @type {HTMLInputElement} */ (el('input', { id: linkId, class: 'link', readonly: true }));
  link.value = item.offer?.uri ?? '';
  details.replaceChildren(
    el('div', { class: 'offer' }, img, el('div', {}, el('label', { for: linkId }, t('offerLink')), link)),
  );
  img.src = await objectUrl(`/api/credentials/${encodeURIComponent(item.id)}/offer.svg`);
}

/**
 * The revocation step: a reason, a warning, and an explicit confirmation.
 * @param {HTMLElement} details
 * @param {CredentialView} item
 * @param {(view: CredentialView, messageKey: string) => void} replace
 */
function revokeForm(details, item, replace) {
  const id = `reason-${item.id.replace(/[^a-zA-Z0-9-]/g, '')}`;
  const reason = /** @type {HTMLTextAreaElement} */ (el('textarea', { id, rows: '2' }));
  const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const form = el(
    'form',
    { class: 'revoke', novalidate: true },
    el('p', { class: 'warning' }, t('revokeWarning')),
    el('div', { class: 'field' }, el('label', { for: id }, t('revokeReason')), reason, error),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'danger' }, t('revokeConfirm')),
      el(
        'button',
        { type: 'button', class: 'secondary', onclick: () => details.replaceChildren() },
        t('cancel'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (reason.value.trim() === '') {
      error.textContent = t('reasonRequired');
      error.hidden = false;
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', error.id);
      reason.focus();
      return;
    }
    void guarded(
      async () => {
        const { status, body } = await api('POST', `/api/credentials/${encodeURIComponent(item.id)}/revoke`, {
          reason: reason.value.trim(),
        });
        if (status === 200) {
          replace(body, 'revokedDone');
          return;
        }
        error.textContent = issuesOf(body)
          .map((i) => i.message)
          .join(' ');
        error.hidden = false;
      },
      (message) => {
        error.textContent = message;
        error.hidden = false;
      },
    );
  });
  details.replaceChildren(form);
  reason.focus();
}

// ---------- cohort ----------

function renderCohortCommon() {
  const title = input('title').value.trim();
  $('cohort-common').textContent = t('cohortCommon', {
    type: t(`type.${currentType()}`),
    title: title === '' ? t('cohortNoTitle') : title,
  });
}

/** @param {Issue[]} issues */
function showCohortErrors(issues) {
  const box = $('cohort-errors');
  /** @type {HTMLElement} */ (box.querySelector('ul')).replaceChildren(
    ...issues.map((issue) => el('li', {}, issue.message)),
  );
  box.hidden = false;
  box.focus();
}

async function submitCohort() {
  $('cohort-errors').hidden = true;
  const file = input('cohort-file').files?.[0];
  if (file === undefined) {
    showCohortErrors([{ pointer: '/csv', message: t('cohortNoFile') }]);
    return;
  }
  const button = /** @type {HTMLButtonElement} */ ($('cohort-submit'));
  button.disabled = true;
  button.textContent = t('cohortUploading');
  try {
    await guarded(
      async () => {
        const csv = await file.text();
        const { status, body } = await api('POST', '/api/cohorts', {
          type: currentType(),
          credential: currentCredential(),
          csv,
          offer: { txCode: input('pin').checked },
        });
        if (status !== 202 && status !== 200) {
          showCohortErrors(issuesOf(body));
          return;
        }
        clearTimeout(state.pollTimer);
        renderBatch(body);
        if (body.state !== 'done') pollBatch(body.id);
      },
      (message) => showCohortErrors([{ pointer: '', message }]),
    );
  } finally {
    button.disabled = false;
    button.textContent = t('cohortUpload');
  }
}

/** @param {string} id */
function pollBatch(id) {
  state.pollTimer = setTimeout(() => {
    void guarded(
      async () => {
        const { status, body } = await api('GET', `/api/cohorts/${encodeURIComponent(id)}`);
        if (status !== 200 || state.apiKey === null) return;
        renderBatch(body);
        if (body.state !== 'done') pollBatch(id);
      },
      () => pollBatch(id),
    );
  }, 800);
}

/** @param {BatchView} batch */
function renderBatch(batch) {
  state.batch = batch;
  $('cohort-progress').hidden = false;
  const bar = /** @type {HTMLProgressElement} */ ($('cohort-bar'));
  bar.max = Math.max(batch.total, 1);
  bar.value = batch.processed;
  const done = batch.state === 'done';
  $('cohort-progress-text').textContent = done
    ? t('cohortDone', { valid: batch.valid, invalid: batch.invalid })
    : t('cohortProgress', {
        processed: batch.processed,
        total: batch.total,
        valid: batch.valid,
        invalid: batch.invalid,
      });
  const report = $('cohort-report');
  report.hidden = batch.report.length === 0;
  /** @type {HTMLElement} */ (report.querySelector('ul')).replaceChildren(
    ...batch.report.map((entry) =>
      el(
        'li',
        {},
        el('strong', {}, `${t('cohortLine', { line: entry.line })}: `),
        entry.issues.map((issue) => issue.message).join(' '),
      ),
    ),
  );
  $('cohort-download').hidden = !done || batch.valid === 0;
  $('cohort-show').hidden = !done;
}

async function downloadOffers() {
  const batch = state.batch;
  if (batch === null) return;
  const url = await objectUrl(`/api/cohorts/${encodeURIComponent(batch.id)}/offers.csv`);
  const link = el('a', { href: url, download: `offers-${batch.id}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---------- wiring ----------

function wire() {
  select('lang').addEventListener('change', () => {
    state.lang = select('lang').value === 'en' ? 'en' : 'nl';
    localStorage.setItem(LANG_STORE, state.lang);
    applyText();
    showType();
  });
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input('api-key').value.trim();
    if (key === '') {
      $('signin-error').textContent = t('required');
      $('signin-error').hidden = false;
      return;
    }
    announce(t('signingIn'));
    void guarded(
      () => signIn(key),
      (message) => {
        $('signin-error').textContent = message;
        $('signin-error').hidden = false;
      },
    );
  });
  $('sign-out').addEventListener('click', () => signOut());
  for (const button of document.querySelectorAll('#tabs button')) {
    button.addEventListener('click', () => {
      const view = /** @type {HTMLButtonElement} */ (button).dataset.view;
      if (view === 'issue' || view === 'list' || view === 'cohort') showView(view);
    });
  }
  select('cred-type').addEventListener('change', () => {
    clearErrors();
    showType();
  });
  select('cred-lang').addEventListener('change', closeOptions);
  input('title').addEventListener('input', renderCohortCommon);
  const search = input('skill-search');
  search.addEventListener('input', () => {
    clearTimeout(state.searchTimer);
    state.searchTimer = setTimeout(() => void guarded(searchSkills, announce), 200);
  });
  search.addEventListener('keydown', onSearchKey);
  search.addEventListener('blur', closeOptions);
  $('add-outcome').addEventListener('click', () => {
    state.outcomes.push({ description: '', skills: [] });
    renderOutcomes();
    $(`outcome-${state.outcomes.length - 1}`).focus();
  });
  $('issue-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitIssue();
  });
  $('issue-copy').addEventListener('click', () => void copy(input('issue-link').value));
  $('issue-another').addEventListener('click', issueAnother);
  $('list-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(() => loadList(true), showListError);
  });
  for (const id of ['filter-type', 'filter-status']) {
    select(id).addEventListener('change', () => void guarded(() => loadList(true), showListError));
  }
  $('list-more').addEventListener('click', () => void guarded(() => loadList(false), showListError));
  $('cohort-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitCohort();
  });
  $('cohort-download').addEventListener(
    'click',
    () => void guarded(downloadOffers, (message) => showCohortErrors([{ pointer: '', message }])),
  );
  $('cohort-show').addEventListener('click', () => {
    if (state.batch === null) return;
    state.list.batch = state.batch.id;
    input('filter-learner').value = '';
    select('filter-type').value = '';
    select('filter-status').value = '';
    showView('list');
  });
}

function start() {
  const today = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  input('assessment-date').max =
    `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  select('cred-lang').value = state.lang;
  applyText();
  wire();
  const key = sessionStorage.getItem(KEY_STORE);
  if (key !== null) {
    void guarded(
      () => signIn(key),
      (message) => {
        $('signin-error').textContent = message;
        $('signin-error').hidden = false;
      },
    );
  }
}

start();
