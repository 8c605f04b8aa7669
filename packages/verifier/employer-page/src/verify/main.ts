// The public verification page (/verify/) and a publication's page (/p/:id): anyone, without an
// account, drops, chooses or pastes a credential (JWT, SD-JWT or Data Integrity JSON) and sees it
// verified by POST /api/verify/credential — the verdict, each check in plain words, each skill with
// its level; a publication's page shows the credentials a learner published, verified now.
import type { Lang } from '@skills-passport/core';
import { $, el, form } from '../dom.js';
import { TEXT, isTextKey, type TextKey } from './texts.js';

interface Check {
  id: string;
  status: 'pass' | 'fail' | 'warning';
  reason: string;
  code?: string;
}

interface Labels {
  nl: string;
  en: string;
}

interface SkillSummary {
  uri: string;
  label: Labels;
  level?: { id: string; rank?: number; label: Labels };
  outcome?: string;
  date: string;
  assessor?: { name: string; role: string };
}

interface CredentialReport {
  verified: boolean;
  outcome: 'verified' | 'issuer_not_recognised' | 'failed';
  checks: Check[];
  issuer?: string;
  issuerName?: string;
  summary?: {
    title?: string;
    kind?: { type: string; label: Labels };
    issuer?: { id: string; name: string };
    learnerName?: string;
    validFrom?: string;
    validUntil?: string;
    skills: SkillSummary[];
  };
}

interface PublicationView {
  publishedAt: string;
  verifiedAt: string;
  credentials: CredentialReport[];
}

/** The most a credential file may hold: the verifier takes no body over this either. */
const MAX_FILE_BYTES = 1024 * 1024;

const query = new URLSearchParams(location.search).get('lang');
let lang: Lang =
  query === 'nl' || query === 'en' ? query : navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
const publicationId = /^\/p\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1];

/** What is on screen, kept to draw again in the other language. */
let shown: { reports: CredentialReport[]; publication?: PublicationView } | undefined;
let publicationMessage: TextKey | undefined;

function t(key: TextKey, values: Readonly<Record<string, string>> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
const text = (key: string): string => (isTextKey(key) ? t(key) : key);
const locale = () => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** A date the issuer wrote, as the calendar day it wrote (not shifted by the reader's time zone). */
function calendarDate(iso: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const date =
    day === null ? new Date(iso) : new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12));
  return date.toLocaleDateString(locale(), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(day === null ? {} : { timeZone: 'UTC' }),
  });
}
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(locale(), { dateStyle: 'long', timeStyle: 'short' });

const BADGE_CLASS = { verified: 'proven', issuer_not_recognised: 'partial', failed: 'not_proven' } as const;

function skillLine(skill: SkillSummary): HTMLLIElement {
  const parts: string[] = [];
  if (skill.level !== undefined) parts.push(`${t('level')}: ${skill.level.label[lang]}`);
  if (skill.outcome !== undefined && skill.outcome !== 'achieved')
    parts.push(text(`result_${skill.outcome.replace(/-/g, '_')}`));
  parts.push(calendarDate(skill.date));
  if (skill.assessor !== undefined)
    parts.push(`${t('assessor')} ${skill.assessor.name}, ${skill.assessor.role}`);
  return el(
    'li',
    { 'data-testid': 'skill', 'data-uri': skill.uri },
    el('strong', {}, skill.label[lang]),
    el('span', { class: 'muted' }, ` — ${parts.join(' · ')}`),
  );
}

function detail(term: TextKey, value: string | undefined): (HTMLElement | string)[] {
  return value === undefined ? [] : [el('dt', {}, t(term)), el('dd', {}, value)];
}

function renderCredential(report: CredentialReport, index: number): HTMLElement {
  const summary = report.summary ?? { skills: [] };
  const headingId = `credential-${index}-title`;
  const article = el(
    'article',
    {
      class: 'card credential-result',
      'aria-labelledby': headingId,
      'data-testid': 'credential-result',
      'data-outcome': report.outcome,
    },
    el('h2', { id: headingId, tabindex: '-1' }, summary.title ?? t('credentialN', { n: String(index + 1) })),
    el(
      'p',
      { class: 'verdict' },
      el(
        'span',
        { class: `badge ${BADGE_CLASS[report.outcome]}`, 'data-testid': 'verdict' },
        t(`outcome_${report.outcome}`),
      ),
    ),
    el(
      'dl',
      { class: 'facts' },
      detail('kind', summary.kind?.label[lang]),
      detail('issuedBy', summary.issuer?.name ?? report.issuerName ?? report.issuer),
      detail('nameOnIt', summary.learnerName),
      detail('validFrom', summary.validFrom === undefined ? undefined : calendarDate(summary.validFrom)),
      summary.validFrom === undefined
        ? []
        : detail(
            'validUntil',
            summary.validUntil === undefined ? t('noEnd') : calendarDate(summary.validUntil),
          ),
    ),
  );
  if (summary.title !== undefined || summary.skills.length > 0) {
    article.append(
      el('h3', {}, t('skills')),
      summary.skills.length === 0
        ? el('p', { class: 'muted' }, t('noSkills'))
        : el('ul', { class: 'skill-list', 'data-testid': 'skills' }, summary.skills.map(skillLine)),
    );
  }
  article.append(
    el('h3', {}, t('checks')),
    el(
      'ul',
      { class: 'checks', 'data-testid': 'checks' },
      report.checks.map((check) =>
        el(
          'li',
          { class: check.status, 'data-check': check.id, 'data-status': check.status },
          el('strong', {}, `${t(`check_${check.status}`)}: ${text(`check_${check.id}`)}`),
          check.status === 'pass' ? '' : el('span', { class: 'reason' }, ` — ${check.reason}`),
        ),
      ),
    ),
  );
  return article;
}

function render(): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = text(node.dataset.i18n ?? '');
  const title = t(publicationId === undefined ? 'title' : 'titlePublication');
  $('page-title').textContent = title;
  document.title = `Skills Passport — ${title}`;
  $('lang-toggle').textContent = lang === 'nl' ? 'English' : 'Nederlands';
  $('lang-toggle').setAttribute('lang', lang === 'nl' ? 'en' : 'nl');
  if (publicationId !== undefined) {
    const publication = shown?.publication;
    $('published-on').textContent =
      publication === undefined
        ? ''
        : t('publishedOn', {
            date: dateTime(publication.publishedAt),
            now: dateTime(publication.verifiedAt),
          });
    $('publication-error').textContent = publicationMessage === undefined ? '' : t(publicationMessage);
  }
  $('results').replaceChildren(...(shown?.reports ?? []).map(renderCredential));
}

function showError(message: string): void {
  $('busy').textContent = '';
  $('input-error').textContent = message;
}

/** The credential in a text: a compact JWT or SD-JWT, or JSON (a Data Integrity credential, a JWT in quotes, or `{credential}`). */
function credentialFrom(raw: string): unknown {
  const trimmed = raw.trim().replace(/^\uFEFF/, '');
  if (trimmed.startsWith('{') || trimmed.startsWith('"')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    if (typeof value === 'string') return credentialFrom(value);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if ('proof' in value) return value;
    const inner = (value as { credential?: unknown }).credential;
    return typeof inner === 'string'
      ? credentialFrom(inner)
      : inner !== undefined && typeof inner === 'object'
        ? inner
        : undefined;
  }
  const compact = trimmed.replace(/\s+/g, '');
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(~[A-Za-z0-9_.-]*)*$/.test(compact)
    ? compact
    : undefined;
}

async function verifyText(raw: string): Promise<void> {
  $('input-error').textContent = '';
  if (raw.trim() === '') return showError(t('empty'));
  const credential = credentialFrom(raw);
  if (credential === undefined) return showError(t('notACredential'));
  $('busy').textContent = t('verifying');
  let res: Response;
  try {
    res = await fetch('/api/verify/credential', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    });
  } catch {
    return showError(t('unreachable'));
  }
  const body = (await res.json().catch(() => ({}))) as CredentialReport & { detail?: string };
  if (!res.ok) return showError(t('failedToVerify', { detail: body.detail ?? String(res.status) }));
  shown = { reports: [body] };
  render();
  $('busy').textContent = t('done');
  document.getElementById('credential-0-title')?.focus();
}

async function verifyFile(file: File | undefined): Promise<void> {
  if (file === undefined) return;
  if (file.size > MAX_FILE_BYTES) return showError(t('fileTooLarge'));
  await verifyText(await file.text());
}

async function loadPublication(id: string): Promise<void> {
  $('publication').hidden = false;
  $('busy').textContent = t('verifying');
  let res: Response;
  try {
    res = await fetch(`/api/publications/${encodeURIComponent(id)}`);
  } catch {
    $('busy').textContent = '';
    $('publication-error').textContent = t('unreachable');
    return;
  }
  $('busy').textContent = '';
  if (!res.ok) {
    publicationMessage = res.status === 410 ? 'publicationWithdrawn' : 'publicationUnknown';
    render();
    return;
  }
  const publication = (await res.json()) as PublicationView;
  shown = { reports: publication.credentials, publication };
  render();
  $('busy').textContent = t('done');
}

function wire(): void {
  $('lang-toggle').addEventListener('click', () => {
    lang = lang === 'nl' ? 'en' : 'nl';
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
    render();
  });
  if (publicationId !== undefined) {
    render();
    void loadPublication(publicationId);
    return;
  }
  $('check').hidden = false;
  const file = $('file') as HTMLInputElement;
  file.addEventListener('change', () => void verifyFile(file.files?.[0]));
  form('paste-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void verifyText(($('paste') as HTMLTextAreaElement).value);
  });
  const zone = $('drop-zone');
  // A file dropped anywhere else must not make the browser leave the page to open it.
  for (const type of ['dragover', 'drop']) window.addEventListener(type, (event) => event.preventDefault());
  zone.addEventListener('dragover', () => zone.classList.add('dragging'));
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('dragging');
    void verifyFile(event.dataTransfer?.files[0]);
  });
  render();
}

wire();
