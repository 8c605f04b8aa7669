/* global document, window, sessionStorage, localStorage, fetch, navigator, setTimeout, clearTimeout, URLSearchParams */
// The employer page: plain JavaScript modules, no build step, no inline script (strict CSP).
// Every value from the server is put on the page with textContent, never as HTML.
import { TEXT } from './i18n.js';

const state = {
  lang: localStorage.getItem('sp-lang') ?? (navigator.language.startsWith('nl') ? 'nl' : 'en'),
  apiKey: sessionStorage.getItem('sp-employer-key'),
  chosen: new Map(),
  current: undefined,
  poll: undefined,
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] ?? TEXT.en[key] ?? key;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false)
      node.append(child instanceof window.Node ? child : String(child));
  }
  return node;
}

async function api(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: {
      ...(options.body ? { 'content-type': 'application/json' } : {}),
      authorization: `Bearer ${state.apiKey}`,
    },
  });
  const body = res.status === 204 ? undefined : await res.json();
  if (res.status === 401) {
    logout();
    throw new Error(t('loginFailed'));
  }
  if (!res.ok) throw new Error(body?.detail ?? `HTTP ${res.status}`);
  return body;
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang-toggle').textContent = state.lang === 'nl' ? 'English' : 'Nederlands';
  renderChosen();
  if (state.current) renderCurrent(state.current);
  if (state.apiKey) void loadHistory();
}

function show(loggedIn) {
  $('login').hidden = loggedIn;
  $('create').hidden = !loggedIn;
  $('history').hidden = !loggedIn;
}

function logout() {
  sessionStorage.removeItem('sp-employer-key');
  state.apiKey = null;
  show(false);
}

// Skill search -------------------------------------------------------------------------------

let searchTimer;
function onSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const q = $('skill-search').value.trim();
    const list = $('skill-results');
    list.replaceChildren();
    if (q.length < 2) return;
    const res = await fetch(`/api/skills?${new URLSearchParams({ q, lang: state.lang, limit: '10' })}`);
    const { skills } = await res.json();
    for (const skill of skills) {
      list.append(
        el(
          'li',
          { 'data-uri': skill.uri },
          el('span', {}, skill.label[state.lang] ?? skill.matchedLabel),
          el('button', { type: 'button', class: 'secondary', onclick: () => choose(skill) }, t('add')),
        ),
      );
    }
  }, 200);
}

function choose(skill) {
  if (!state.chosen.has(skill.uri)) state.chosen.set(skill.uri, { skill, required: true, minimumLevel: '' });
  renderChosen();
}

function renderChosen() {
  const list = $('chosen-skills');
  list.replaceChildren();
  $('no-skills').hidden = state.chosen.size > 0;
  for (const [uri, entry] of state.chosen) {
    const required = el('input', { type: 'checkbox', 'aria-label': t('required') });
    required.checked = entry.required;
    required.addEventListener('change', () => (entry.required = required.checked));
    const level = el(
      'select',
      { 'aria-label': t('minimumLevel') },
      el('option', { value: '' }, t('anyLevel')),
      ...[1, 2, 3, 4].map((n) => el('option', { value: String(n) }, `${n} — ${t(`level${n}`)}`)),
    );
    level.value = entry.minimumLevel;
    level.addEventListener('change', () => (entry.minimumLevel = level.value));
    list.append(
      el(
        'li',
        { 'data-uri': uri },
        el('span', {}, entry.skill.label[state.lang]),
        el('label', {}, required, ` ${t('required')}`),
        level,
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              state.chosen.delete(uri);
              renderChosen();
            },
          },
          t('remove'),
        ),
      ),
    );
  }
}

async function onCreate(event) {
  event.preventDefault();
  $('create-error').textContent = '';
  if (state.chosen.size === 0) {
    $('create-error').textContent = t('noSkills');
    return;
  }
  const skills = [...state.chosen.values()].map((e) => ({
    uri: e.skill.uri,
    required: e.required,
    ...(e.minimumLevel ? { minimumLevel: Number(e.minimumLevel) } : {}),
  }));
  try {
    const request = await api('/api/requests', {
      method: 'POST',
      body: JSON.stringify({ title: $('request-title').value, skills }),
    });
    state.chosen.clear();
    renderChosen();
    $('create-form').reset();
    $('skill-results').replaceChildren();
    open(request);
    void loadHistory();
  } catch (error) {
    $('create-error').textContent = error.message;
  }
}

// The current request: QR code, link, and the answer once it arrives ---------------------------

function open(request) {
  state.current = request;
  renderCurrent(request);
  watch(request.id);
}

function watch(id) {
  clearTimeout(state.poll);
  const tick = async () => {
    if (!state.current || state.current.id !== id) return;
    try {
      const request = await api(`/api/requests/${encodeURIComponent(id)}`);
      state.current = request;
      renderCurrent(request);
      if (request.status === 'pending') state.poll = setTimeout(tick, 1500);
      else void loadHistory();
    } catch {
      state.poll = setTimeout(tick, 3000);
    }
  };
  state.poll = setTimeout(tick, 1500);
}

function formatDate(iso) {
  return new Date(iso).toLocaleDateString(state.lang === 'nl' ? 'nl-NL' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

// A date the issuer wrote (an assessment, an issuance), as the calendar day it wrote: an
// assessment on 26 November (2026-11-26T00:00:00+01:00) is not shown as 25 November west of it.
function formatCalendarDate(iso) {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (day === null) return formatDate(iso);
  return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)).toLocaleDateString(
    state.lang === 'nl' ? 'nl-NL' : 'en-GB',
    { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  );
}

function renderCurrent(request) {
  $('current').hidden = false;
  $('current-title').textContent = request.title;
  $('current-status').textContent = t(`status_${request.status}`);
  const waiting = request.status === 'pending';
  $('offer').hidden = !waiting;
  if (waiting) {
    $('qr').src = request.qrCodeUrl;
    $('qr').alt = t('qrAlt');
    $('request-link').href = request.link;
    $('request-link').textContent = request.link;
    $('expires').textContent =
      `${t('requestExpires')} ${new Date(request.expiresAt).toLocaleTimeString(state.lang === 'nl' ? 'nl-NL' : 'en-GB')}`;
  }
  const report = $('report');
  report.hidden = !request.result;
  report.replaceChildren();
  if (request.result) report.append(...renderReport(request.result));
}

function renderReport(result) {
  const { report } = result;
  const nodes = [];
  nodes.push(el('p', { class: 'status', 'data-testid': 'outcome' }, t(`outcome_${result.outcome}`)));
  const c = report.match.coverage;
  nodes.push(
    el(
      'p',
      { class: 'coverage', 'data-testid': 'coverage' },
      `${t('coverage')}: ${c.proven} / ${c.required} ${t('requiredProven')} (${c.percent}%)` +
        (c.partial ? ` — ${c.partial} ${t('partially')}` : ''),
    ),
  );
  for (const line of report.match.skills) {
    const skill = el(
      'div',
      { class: 'skill', 'data-testid': 'skill-line', 'data-status': line.status, 'data-uri': line.uri },
      el('span', { class: `badge ${line.status}` }, t(`skill_${line.status}`)),
      ' ',
      el('strong', {}, line.label[state.lang]),
      line.required ? '' : el('span', { class: 'muted' }, ` (${t('optional')})`),
      line.minimumLevel
        ? el('span', { class: 'muted' }, ` — ${t('minimumLevel')}: ${t(`level${line.minimumLevel}`)}`)
        : '',
    );
    for (const proof of line.proofs) skill.append(renderProof(proof));
    nodes.push(skill);
  }
  const problems = report.presentations
    .flatMap((p) => [...p.checks, ...p.credentials.flatMap((cr) => cr.checks)])
    .filter((ch) => ch.status !== 'pass');
  if (problems.length > 0) {
    nodes.push(
      el('h3', {}, t('checks')),
      el(
        'ul',
        { class: 'checks' },
        problems.map((ch) =>
          el('li', { class: ch.status, 'data-check': ch.id }, `${t(`check_${ch.status}`)} — ${ch.reason}`),
        ),
      ),
    );
  }
  return nodes;
}

function renderProof(proof) {
  const parts = [
    `${t(`type_${proof.type}`)} (${t(proof.learning)})`,
    `${t('issuedBy')} ${proof.issuerName}${proof.issuerRecognised ? '' : ` — ${t('issuerNotRecognised')}`}`,
    formatCalendarDate(proof.date),
  ];
  if (proof.level)
    parts.push(
      `${t('level')}: ${proof.level.name}${proof.levelMeetsMinimum === false ? ` (${t('belowMinimum')})` : ''}`,
    );
  if (proof.assessor) parts.push(`${t('assessor')}: ${proof.assessor.name}, ${proof.assessor.role}`);
  if (proof.match === 'related') parts.push(`${t('relatedSkill')}: ${proof.skill.label}`);
  if (proof.outcome && proof.outcome !== 'achieved') parts.push(t(`result_${proof.outcome}`));
  const evidence =
    proof.evidence.length > 0 ? ` — ${t('evidence')}: ${proof.evidence.map((e) => e.name).join('; ')}` : '';
  return el(
    'div',
    { class: 'proof', 'data-testid': 'proof', 'data-match': proof.match },
    parts.join(' · ') + evidence,
  );
}

// Past requests -----------------------------------------------------------------------------

async function loadHistory() {
  const { requests } = await api('/api/requests');
  const list = $('past-requests');
  list.replaceChildren(
    ...requests.map((r) =>
      el(
        'li',
        { 'data-id': r.id },
        el('span', {}, r.title),
        el(
          'span',
          { class: 'muted' },
          `${formatDate(r.createdAt)} · ${t(`status_${r.status}`)}${r.result ? ` · ${r.result.report.match.coverage.percent}%` : ''}`,
        ),
        el('button', { type: 'button', class: 'secondary', onclick: () => open(r) }, t('view')),
      ),
    ),
  );
}

// Start ---------------------------------------------------------------------------------------

$('lang-toggle').addEventListener('click', () => {
  state.lang = state.lang === 'nl' ? 'en' : 'nl';
  localStorage.setItem('sp-lang', state.lang);
  applyLanguage();
});
$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  state.apiKey = $('api-key').value.trim();
  try {
    await api('/api/requests');
    sessionStorage.setItem('sp-employer-key', state.apiKey);
    show(true);
    void loadHistory();
  } catch {
    $('login-error').textContent = t('loginFailed');
  }
});
$('skill-search').addEventListener('input', onSearch);
$('create-form').addEventListener('submit', onCreate);

show(Boolean(state.apiKey));
applyLanguage();
