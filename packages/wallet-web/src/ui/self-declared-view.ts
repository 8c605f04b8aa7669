import { preferredLabel, proficiencyScale, type GapLine } from '@skills-passport/core';
import { careerData } from '../career/esco-asset.js';
import { formatDate, formatDateTime, lang, plural, t } from '../i18n.js';
import {
  inputProblem,
  MAX_EVIDENCE_LENGTH,
  selfDeclaredSkill,
  type SelfDeclaredProblem,
  type SelfDeclaredSkill,
} from '../self-declared/self-declared-skill.js';
import { errorBox } from './components.js';
import { confirmInPage } from './confirm-dialog.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';

/** Skills listed per search. */
const SEARCH_HITS = 10;

/** What the learner already chose for a request, elsewhere (an EVC intake's portfolio). */
export interface SharePreset {
  credentialIds: string[];
  selfDeclaredIds: string[];
}

/** The mark a self-declared skill carries wherever it shows: words, not colour alone. */
export function selfDeclaredMark(): HTMLElement {
  return h(
    'span',
    { class: 'badge badge-self-declared', 'data-self-declared': 'true' },
    t('selfDeclaredMark'),
  );
}

/** A level the learner gave, on the default four-level scale, in their language: "Proficient (3/4)". */
export function selfDeclaredLevel(level: number): string {
  const name = proficiencyScale(lang()).rubricCriterionLevel?.[level - 1]?.name ?? String(level);
  return `${name} (${level}/4)`;
}

/** A self-declared skill's own words: the level the learner gave, if any, and the evidence described. */
export function selfDeclaredDetails(skill: SelfDeclaredSkill): HTMLElement[] {
  return [
    ...(skill.level === undefined
      ? []
      : [
          h(
            'p',
            { class: 'self-declared-level' },
            t('selfDeclaredLevel', { level: selfDeclaredLevel(skill.level) }),
          ),
        ]),
    h('p', { class: 'self-declared-evidence' }, t('selfDeclaredEvidence', { evidence: skill.evidence })),
  ];
}

/**
 * Under a line of the career gap: what the learner declared of this skill themselves, marked, and
 * that it does not count (core lists self-declared claims apart and never as proof).
 */
export function selfDeclaredGapNote(line: GapLine): HTMLElement | null {
  if (line.selfDeclared.length === 0) return null;
  const level = line.selfDeclared.find((s) => s.level?.rank !== undefined)?.level?.rank;
  return h(
    'p',
    { class: 'gap-self-declared', 'data-testid': 'gap-self-declared' },
    selfDeclaredMark(),
    ' ',
    t('selfDeclaredNotProven'),
    level === undefined ? '' : ` ${t('selfDeclaredLevel', { level: selfDeclaredLevel(level) })}`,
  );
}

/**
 * The self-declared skills a request takes, as a fieldset of checkboxes, unticked unless `ticked`
 * names them; `undefined` when the request takes none.
 */
export function selfDeclaredChoice(
  items: readonly { skill: SelfDeclaredSkill }[],
  ticked: readonly string[] = [],
): { element: HTMLElement; chosen(): string[] } | undefined {
  if (items.length === 0) return undefined;
  const legendId = uid('self-declared');
  const helpId = uid('self-declared-help');
  const inputs = items.map(({ skill }) => {
    const id = uid('sd');
    const input = h('input', {
      id,
      type: 'checkbox',
      value: skill.id,
      'data-self-declared-id': skill.id,
      'aria-describedby': helpId,
      checked: ticked.includes(skill.id),
    });
    return {
      input,
      element: h(
        'div',
        { class: 'choice' },
        input,
        h(
          'label',
          { for: id },
          h('strong', {}, skill.label),
          ' ',
          selfDeclaredMark(),
          skill.level === undefined
            ? ''
            : ` — ${t('selfDeclaredLevel', { level: selfDeclaredLevel(skill.level) })}`,
        ),
        h('p', { class: 'help' }, t('selfDeclaredEvidence', { evidence: skill.evidence })),
      ),
    };
  });
  return {
    element: h(
      'fieldset',
      {
        class: 'query self-declared-choice',
        'aria-labelledby': legendId,
        'data-testid': 'self-declared-choice',
      },
      h('legend', { id: legendId }, t('selfDeclaredShareLegend')),
      h('p', { class: 'help', id: helpId }, t('selfDeclaredShareHelp')),
      inputs.map((i) => i.element),
    ),
    chosen: () => inputs.filter((i) => i.input.checked).map((i) => i.input.value),
  };
}

/** After a share: what went, when (the credentials by name, the self-declared skills marked). */
export function sentSummary(credentials: readonly string[], selfDeclared: readonly string[]): HTMLElement {
  return h(
    'div',
    { class: 'sent-summary', 'data-testid': 'sent-summary' },
    h('p', {}, h('strong', {}, t('shareSentTitle', { time: formatDateTime(new Date().toISOString()) }))),
    h(
      'ul',
      {},
      credentials.map((name) => h('li', {}, name)),
      selfDeclared.map((label) => h('li', {}, label, ' ', selfDeclaredMark())),
    ),
    h('p', {}, h('a', { href: '#/log' }, t('shareSentLog'))),
  );
}

const PROBLEM_TEXT: Record<SelfDeclaredProblem, Parameters<typeof t>[0]> = {
  skill: 'selfDeclaredNeedSkill',
  'evidence-missing': 'selfDeclaredNeedEvidence',
  'evidence-too-long': 'selfDeclaredTooLong',
};

/** The form that adds a skill, or changes one (its skill fixed); `onSaved` gets what was kept. */
function skillForm(
  ctx: WalletContext,
  editing: SelfDeclaredSkill | undefined,
  onSaved: (skill: SelfDeclaredSkill) => void,
): HTMLElement {
  const titleId = uid('sd-form-title');
  let chosen: { uri: string; label: string } | undefined =
    editing === undefined ? undefined : { uri: editing.uri, label: editing.label };

  // Searching: ESCO's skills, as the career check searches occupations (the whole ESCO, on this device).
  const searchId = uid('sd-search');
  const searchInput = h('input', { id: searchId, type: 'search', autocomplete: 'off', spellcheck: false });
  const searchMessage = h('p', { class: 'help', role: 'status' });
  const hits = h('div', { class: 'self-declared-hits' });
  const skillError = h('p', { class: 'field-error', id: uid('sd-skill-error'), hidden: true });
  const search = (event: Event): void => {
    event.preventDefault();
    replaceChildren(searchMessage, t('loading'));
    careerData()
      .then((data) => {
        const found = data.esco.skills.find(searchInput.value, { lang: lang(), limit: SEARCH_HITS });
        searchMessage.textContent =
          found.outcome === 'found'
            ? plural('selfDeclaredFound', found.hits.length)
            : found.outcome === 'no-match'
              ? t('selfDeclaredNoMatch', { q: searchInput.value.trim() })
              : t('selfDeclaredEmptyQuery');
        chosen = undefined;
        const legendId = uid('sd-hits');
        replaceChildren(
          hits,
          found.hits.length === 0
            ? null
            : h(
                'fieldset',
                { class: 'query', 'aria-labelledby': legendId, 'data-testid': 'self-declared-hits' },
                h('legend', { id: legendId }, t('selfDeclaredChoose')),
                found.hits.map((hit) => {
                  const id = uid('sd-hit');
                  const label = preferredLabel(hit.concept, lang());
                  return h(
                    'div',
                    { class: 'choice' },
                    h('input', {
                      id,
                      type: 'radio',
                      name: 'self-declared-skill',
                      value: hit.concept.uri,
                      onchange: () => {
                        chosen = { uri: hit.concept.uri, label };
                        skillError.hidden = true;
                      },
                    }),
                    h(
                      'label',
                      { for: id },
                      label,
                      hit.preferred && hit.label === label ? '' : ` (${hit.label})`,
                    ),
                  );
                }),
              ),
        );
      })
      .catch(() => {
        searchMessage.textContent = t('selfDeclaredLoadFailed');
      });
  };

  const levelId = uid('sd-level');
  const scale = proficiencyScale(lang()).rubricCriterionLevel ?? [];
  const level = h(
    'select',
    { id: levelId, class: 'select' },
    h('option', { value: '' }, t('selfDeclaredNoLevel')),
    scale.map((l, i) =>
      h('option', { value: String(i + 1), selected: editing?.level === i + 1 }, `${l.name} (${i + 1}/4)`),
    ),
  );
  const evidenceId = uid('sd-evidence');
  const evidenceHelp = uid('sd-evidence-help');
  const counterId = uid('sd-evidence-count');
  const evidenceError = h('p', { class: 'field-error', id: uid('sd-evidence-error'), hidden: true });
  const evidence = h('textarea', {
    id: evidenceId,
    rows: 6,
    maxlength: MAX_EVIDENCE_LENGTH,
    'aria-describedby': `${evidenceHelp} ${counterId}`,
  });
  evidence.value = editing?.evidence ?? '';
  const counter = h('p', { class: 'help', id: counterId });
  const count = (): void => {
    counter.textContent = t('selfDeclaredCharsLeft', { n: MAX_EVIDENCE_LENGTH - evidence.value.length });
  };
  evidence.addEventListener('input', count);
  count();

  const out = h('div', {});
  const save = (event: Event): void => {
    event.preventDefault();
    const input = {
      uri: chosen?.uri ?? '',
      label: chosen?.label ?? '',
      ...(level.value === '' ? {} : { level: Number(level.value) }),
      evidence: evidence.value,
    };
    const problem = inputProblem(input);
    skillError.hidden = problem !== 'skill';
    evidenceError.hidden = problem === undefined || problem === 'skill';
    if (problem !== undefined && problem !== 'skill') evidence.setAttribute('aria-invalid', 'true');
    else evidence.removeAttribute('aria-invalid');
    if (problem !== undefined) {
      const shown = problem === 'skill' ? skillError : evidenceError;
      shown.textContent = t(PROBLEM_TEXT[problem]);
      shown.setAttribute('role', 'alert');
      (problem === 'skill' ? searchInput : evidence).focus();
      return;
    }
    const skill = selfDeclaredSkill(input, new Date(), editing);
    ctx.db
      .putSelfDeclared(skill)
      .then(() => onSaved(skill))
      .catch((error: unknown) => replaceChildren(out, errorBox(error)));
  };

  return h(
    'section',
    { class: 'card self-declared-form', 'aria-labelledby': titleId },
    h(
      'h2',
      { id: titleId, tabindex: -1 },
      editing === undefined
        ? t('selfDeclaredAddTitle')
        : t('selfDeclaredEditTitle', { skill: editing.label }),
    ),
    editing === undefined
      ? h(
          'form',
          { role: 'search', onsubmit: search },
          h('label', { for: searchId }, t('selfDeclaredSearchLabel')),
          h(
            'span',
            { class: 'search-row' },
            searchInput,
            h('button', { type: 'submit' }, t('selfDeclaredSearchButton')),
          ),
          searchMessage,
        )
      : h('p', {}, t('selfDeclaredSkill', { skill: editing.label })),
    h(
      'form',
      { novalidate: true, onsubmit: save, 'data-testid': 'self-declared-form' },
      hits,
      skillError,
      h('div', { class: 'field' }, h('label', { for: levelId }, t('selfDeclaredLevelLabel')), level),
      h(
        'div',
        { class: 'field' },
        h('label', { for: evidenceId }, t('selfDeclaredEvidenceLabel')),
        h('p', { class: 'help', id: evidenceHelp }, t('selfDeclaredEvidenceHelp')),
        evidence,
        counter,
        evidenceError,
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit' }, t('selfDeclaredSave')),
        editing === undefined
          ? null
          : h('a', { href: '#/self-declared', class: 'button secondary' }, t('cancel')),
      ),
      out,
    ),
  );
}

function skillCard(ctx: WalletContext, main: HTMLElement, skill: SelfDeclaredSkill): HTMLElement {
  const titleId = uid('sd-skill');
  const remove = async (): Promise<void> => {
    const sure = await confirmInPage(main, {
      title: t('selfDeclaredRemoveTitle'),
      body: t('selfDeclaredRemoveBody', { skill: skill.label }),
      confirm: t('selfDeclaredRemove'),
    });
    if (!sure) return;
    await ctx.db.deleteSelfDeclared(skill.id);
    ctx.announce(t('selfDeclaredRemoved', { skill: skill.label }));
    ctx.refresh();
  };
  return h(
    'li',
    { class: 'card self-declared', 'aria-labelledby': titleId, 'data-self-declared-id': skill.id },
    h('h3', { id: titleId }, skill.label, ' ', selfDeclaredMark()),
    selfDeclaredDetails(skill),
    h('p', { class: 'help' }, t('selfDeclaredAddedOn', { date: formatDate(skill.addedAt) })),
    h(
      'p',
      { class: 'actions' },
      h(
        'a',
        {
          href: `#/self-declared/${encodeURIComponent(skill.id)}`,
          class: 'button secondary',
          'aria-label': t('selfDeclaredEditLabel', { skill: skill.label }),
        },
        t('selfDeclaredEdit'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t('selfDeclaredRemoveLabel', { skill: skill.label }),
          onclick: () => void remove(),
        },
        t('selfDeclaredRemove'),
      ),
    ),
  );
}

/**
 * "My self-declared skills" (`#/self-declared`, `#/self-declared/<id>` to change one): the skills
 * the learner added without a credential, each with its level and evidence, to change or remove;
 * and the form that adds one (an ESCO skill found by search, an optional level on the default
 * scale, the evidence described in words). Everything stays in this browser's storage.
 */
export async function selfDeclaredView(ctx: WalletContext, main: HTMLElement, editId: string): Promise<void> {
  const skills = await ctx.db.selfDeclared();
  const editing = editId === '' ? undefined : skills.find((s) => s.id === editId);
  const status = h('p', { class: 'self-declared-status', role: 'status' });
  const listTitle = uid('sd-list');
  const form = skillForm(ctx, editing, (saved) => {
    ctx.announce(
      t(editing === undefined ? 'selfDeclaredAdded' : 'selfDeclaredSaved', { skill: saved.label }),
    );
    status.textContent = t(editing === undefined ? 'selfDeclaredAdded' : 'selfDeclaredSaved', {
      skill: saved.label,
    });
    if (editing === undefined) ctx.refresh();
    else ctx.navigate('#/self-declared');
  });
  replaceChildren(
    main,
    h('h1', { tabindex: -1 }, t('selfDeclaredTitle')),
    h('p', {}, t('selfDeclaredIntro')),
    status,
    editing === undefined
      ? h(
          'section',
          { 'aria-labelledby': listTitle },
          h('h2', { id: listTitle }, t('selfDeclaredListTitle')),
          skills.length === 0
            ? h('p', { class: 'empty' }, t('selfDeclaredEmpty'))
            : h(
                'ul',
                { class: 'cards', 'data-testid': 'self-declared-list' },
                skills.map((s) => skillCard(ctx, main, s)),
              ),
        )
      : null,
    form,
    h('p', {}, h('a', { href: '#/passport' }, t('backToPassport'))),
  );
}
