// The Intakes tab of an EVC provider: the EVC intakes learners sent (and those still awaited),
// one intake's portfolio grouped as the assessor weighs it — recognised credentials, credentials
// of other issuers, and the learner's self-declared skills with the evidence they described — and
// "Start the EVC assessment", which fills the issue form from it.
import { isCredentialTypeName } from '@skills-passport/core';
import { account } from './account.js';
import { guarded } from './api.js';
import { $, announce, el } from './dom.js';
import {
  getIntake,
  listIntakes,
  type IntakeCredentialView,
  type IntakeDetailView,
  type IntakeSummaryView,
} from './intake-api.js';
import { assessmentPrefill } from './intake-prefill.js';
import { prefillIssueForm } from './issue-form.js';
import { formatDate, pageLang, t } from './locale.js';

let items: IntakeSummaryView[] | null = null;
let open: IntakeDetailView | null = null;
let onStart: () => void = () => undefined;

/** Only EVC providers receive EVC intakes: the tab shows for them alone. */
export function showIntakesTab(): void {
  const tab = document.querySelector<HTMLButtonElement>('#tabs button[data-view="intakes"]');
  if (tab !== null) tab.hidden = account()?.organisation.kind !== 'evc-provider';
}

const learnerOf = (intake: IntakeSummaryView): string => intake.learnerName ?? t('intakeNoName');

/** The standard an intake is for (with its number), or the adviser's purpose. */
function whatFor(intake: IntakeSummaryView): string {
  const standard = intake.standard;
  if (standard === undefined) return intake.purposeText ?? t('intakeAdvice');
  return standard.identifier === undefined ? standard.name : `${standard.name} (${standard.identifier})`;
}

function statusText(intake: IntakeSummaryView): string {
  if (intake.status === 'received')
    return t('intakeReceived', { date: formatDate(intake.receivedAt ?? intake.createdAt) });
  if (intake.status === 'expired') return t('intakeExpired', { date: formatDate(intake.expiresAt) });
  return t('intakePending', { date: formatDate(intake.expiresAt) });
}

function intakeCard(intake: IntakeSummaryView): HTMLLIElement {
  const counts = intake.counts;
  return el(
    'li',
    { class: 'card intake' },
    el('h3', {}, intake.status === 'received' ? learnerOf(intake) : t('intakeAwaited')),
    el('p', { class: 'meta' }, whatFor(intake)),
    el('p', {}, statusText(intake)),
    counts === undefined
      ? null
      : el(
          'p',
          {},
          t('intakeCounts', { credentials: counts.credentials, selfDeclared: counts.selfDeclared }),
        ),
    intake.status === 'received'
      ? el(
          'button',
          { type: 'button', class: 'secondary', onclick: () => void openIntake(intake.id) },
          t('intakeOpenFor', { name: learnerOf(intake) }),
        )
      : null,
  );
}

/** Draws the list as it was last read (also after a change of language). */
export function renderIntakes(): void {
  const list = $('intake-list');
  if (items === null) {
    list.replaceChildren();
    return;
  }
  $('intakes-message').textContent = items.length === 0 ? t('intakesNone') : '';
  list.replaceChildren(...items.map(intakeCard));
  renderDetail();
}

/** Reads the intakes again and draws them. */
export function reloadIntakes(): void {
  void guarded(
    async () => {
      const reply = await listIntakes();
      if (reply.ok) items = reply.value.items;
      else $('intakes-message').textContent = reply.issues[0]?.message ?? t('networkError');
      renderIntakes();
    },
    (message) => {
      $('intakes-message').textContent = message;
    },
  );
}

function skillLine(skill: IntakeCredentialView['skills'][number]): HTMLLIElement {
  const lang = pageLang();
  const level =
    skill.level === undefined
      ? ''
      : skill.level.rank !== undefined && skill.level.of !== undefined
        ? ` — ${skill.level.labels[lang]} (${skill.level.rank}/${skill.level.of})`
        : ` — ${skill.level.labels[lang]}`;
  return el('li', {}, `${skill.labels[lang]}${level}`);
}

function credentialItem(credential: IntakeCredentialView): HTMLLIElement {
  const kind = isCredentialTypeName(credential.type) ? t(`type.${credential.type}`) : t('intakeOpenBadge');
  return el(
    'li',
    { class: 'card intake-credential' },
    el('h5', {}, credential.selfDeclared ? t('intakeSelfDeclaredSkill') : credential.title),
    credential.selfDeclared
      ? null
      : el(
          'p',
          { class: 'meta' },
          t('intakeIssuedBy', {
            kind,
            issuer: credential.issuer.name,
            date: credential.issuedAt === undefined ? '' : formatDate(credential.issuedAt),
          }),
        ),
    credential.verified
      ? null
      : el('p', { class: 'error' }, t('intakeNotValid', { reason: credential.problem ?? '' })),
    credential.skills.length === 0
      ? null
      : el('ul', { class: 'intake-skills' }, ...credential.skills.map(skillLine)),
    credential.evidence === undefined
      ? null
      : el(
          'p',
          { class: 'evidence' },
          el('strong', {}, credential.selfDeclared ? t('intakeEvidenceDescribed') : t('intakeEvidence')),
          ` ${credential.evidence}`,
        ),
  );
}

function group(
  titleKey: 'intakeGroupRecognised' | 'intakeGroupOther' | 'intakeGroupSelf',
  hintKey: 'intakeGroupRecognisedHint' | 'intakeGroupOtherHint' | 'intakeGroupSelfHint',
  credentials: IntakeCredentialView[],
): HTMLElement | null {
  if (credentials.length === 0) return null;
  return el(
    'section',
    { class: 'intake-group' },
    el('h4', {}, t(titleKey, { count: credentials.length })),
    el('p', { class: 'hint' }, t(hintKey)),
    el('ul', { class: 'cards' }, ...credentials.map(credentialItem)),
  );
}

function renderDetail(): void {
  const detail = $('intake-detail');
  if (open === null) {
    detail.hidden = true;
    return;
  }
  const intake = open;
  detail.hidden = false;
  $('intake-detail-title').textContent = t('intakeDetailTitle', { name: learnerOf(intake) });
  $('intake-detail-meta').textContent = [whatFor(intake), statusText(intake)].join(' · ');
  const recognised = intake.credentials.filter((c) => c.recognised);
  const other = intake.credentials.filter((c) => !c.recognised && !c.selfDeclared);
  const self = intake.credentials.filter((c) => c.selfDeclared);
  $('intake-groups').replaceChildren(
    ...[
      group('intakeGroupRecognised', 'intakeGroupRecognisedHint', recognised),
      group('intakeGroupOther', 'intakeGroupOtherHint', other),
      group('intakeGroupSelf', 'intakeGroupSelfHint', self),
    ].filter((node): node is HTMLElement => node !== null),
  );
  $('intake-start').hidden =
    intake.purpose !== 'evc-intake' || !(account()?.allowedTypes.includes('EVCCredential') ?? false);
}

async function openIntake(id: string): Promise<void> {
  await guarded(
    async () => {
      const reply = await getIntake(id);
      if (!reply.ok) {
        $('intakes-message').textContent = reply.issues[0]?.message ?? t('networkError');
        return;
      }
      open = reply.value;
      renderDetail();
      $('intake-detail-title').focus();
      announce(t('intakeDetailTitle', { name: learnerOf(reply.value) }));
    },
    (message) => {
      $('intakes-message').textContent = message;
    },
  );
}

/** Forgets every intake read (on sign-out). */
export function resetIntakes(): void {
  items = null;
  open = null;
  renderIntakes();
  renderDetail();
}

/**
 * Wires the tab; `showIssueForm` switches to the issue form once it is filled in (the views module
 * owns switching, and imports this one).
 */
export function wireIntakes(showIssueForm: () => void): void {
  onStart = showIssueForm;
  $('intakes-reload').addEventListener('click', () => reloadIntakes());
  $('intake-back').addEventListener('click', () => {
    open = null;
    renderDetail();
    $('intakes-title').focus();
  });
  $('intake-start').addEventListener('click', () => {
    if (open === null) return;
    prefillIssueForm(assessmentPrefill(open, pageLang()));
    onStart();
    announce(t('intakePrefilled'));
  });
}
