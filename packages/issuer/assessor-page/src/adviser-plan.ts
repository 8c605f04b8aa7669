// Step 4 of the adviser tab: the development plan composed together — target occupation, modules
// from the catalogues (those adding missing skills first), next steps with optional due dates, a
// day to look back — issued as a DevelopmentPlanCredential through the usual issue and offer flow
// (offer link and QR code, claim page, e-mail when an address is given), and printed on one page.
import { account } from './account.js';
import { guarded } from './api.js';
import type { CredentialView } from './api-types.js';
import { issuePlan } from './adviser-api.js';
import { occupationLabel } from './adviser-shared.js';
import { moduleSkills, rankedModules, state } from './adviser-state.js';
import { w } from './adviser-words.js';
import { announce, el, rowButton } from './dom.js';
import { pageLang } from './locale.js';
import { copyLink, offerBox } from './offer-box.js';

let issued: CredentialView | null = null;
let issuedMailed = false;
let problems: string[] = [];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Today in the adviser's own calendar (the day the plan is agreed). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Forgets the issued plan (a new intake, or sign-out). */
export function resetPlan(): void {
  issued = null;
  issuedMailed = false;
  problems = [];
}

function chosenEntries() {
  return state.chosen.flatMap((id) => {
    const entry = state.modules?.find((m) => m.module.id === id);
    return entry === undefined ? [] : [entry];
  });
}

/** The plan as the credential carries it (contract F). */
function developmentPlan(): Record<string, unknown> {
  const gap = state.gap!;
  const steps = state.steps.filter((s) => s.description.trim() !== '');
  return {
    targetOccupation: { uri: gap.occupation.uri, label: occupationLabel() },
    adviser: { name: account()?.staff.name ?? '' },
    agreedOn: today(),
    modules: chosenEntries().map(({ provider, module }) => ({
      id: module.id,
      name: module.name,
      provider: { id: provider.id, name: provider.name },
      skills: moduleSkills(module),
      ...(module.studyLoad?.hours === undefined ? {} : { studyLoadHours: module.studyLoad.hours }),
    })),
    nextSteps: steps.map((s) => ({
      description: s.description.trim(),
      ...(s.due === '' ? {} : { due: s.due }),
    })),
    ...(state.reviewOn === '' ? {} : { reviewOn: state.reviewOn }),
  };
}

function checkDraft(): string[] {
  const found: string[] = [];
  if (state.learnerName.trim() === '') found.push(w('needName'));
  if (state.learnerEmail.trim() !== '' && !EMAIL.test(state.learnerEmail.trim())) found.push(w('badEmail'));
  if (state.steps.some((s) => s.description.trim() === '' && s.due !== '')) found.push(w('needStepText'));
  if (state.chosen.length === 0 && state.steps.every((s) => s.description.trim() === ''))
    found.push(w('needStepOrModule'));
  if (state.reviewOn !== '' && state.reviewOn <= today()) found.push(w('reviewAfterToday'));
  return found;
}

async function issue(rerender: () => void): Promise<void> {
  problems = checkDraft();
  if (problems.length > 0) {
    rerender();
    document.getElementById('adviser-problems')?.focus();
    return;
  }
  announce(w('issuing'));
  const occupation = occupationLabel();
  const desk = account()?.organisation.name ?? '';
  const name = w('planName', { occupation });
  const email = state.learnerEmail.trim();
  const reply = await issuePlan({
    type: 'DevelopmentPlanCredential',
    learner: { name: state.learnerName.trim(), ...(email === '' ? {} : { email }) },
    credential: {
      name,
      description: w('planDescription', { desk, occupation }),
      credentialSubject: {
        achievement: {
          id: `urn:uuid:${crypto.randomUUID()}`,
          type: ['Achievement'],
          achievementType: 'ext:DevelopmentPlan',
          name,
          description: w('planDescription', { desk, occupation }),
          criteria: { narrative: w('planCriteria') },
          inLanguage: pageLang(),
        },
        developmentPlan: developmentPlan(),
      },
    },
    offer: { txCode: false },
  });
  if (!reply.ok) {
    problems = reply.issues.map((i) => i.message);
    rerender();
    document.getElementById('adviser-problems')?.focus();
    return;
  }
  issued = reply.value.credential;
  issuedMailed = email !== '';
  problems = [];
  rerender();
  document.getElementById('adviser-issued-title')?.focus();
  announce(w('issued'));
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, label),
    control,
    hint === undefined ? null : el('p', { class: 'hint', id: `${id}-hint` }, hint),
  );
}

function textInput(
  id: string,
  value: string,
  onInput: (value: string) => void,
  attrs = {},
): HTMLInputElement {
  const node = el('input', { id, ...attrs });
  node.value = value;
  node.addEventListener('input', () => onInput(node.value));
  return node;
}

function moduleItem(entry: ReturnType<typeof rankedModules>[number], rerender: () => void): HTMLElement {
  const { module, provider, closes } = entry;
  const inPlan = state.chosen.includes(module.id);
  const hours = module.studyLoad?.hours;
  return el(
    'li',
    { 'data-module': module.id },
    el('span', { class: 'name' }, module.name),
    el(
      'span',
      { class: 'hint' },
      hours === undefined ? provider.name : w('moduleFacts', { provider: provider.name, hours }),
    ),
    el(
      'span',
      { class: 'hint' },
      closes.length === 0
        ? w('moduleClosesNothing')
        : w('moduleCloses', { skills: closes.map((s) => s.label).join(', ') }),
    ),
    inPlan
      ? el('span', { class: 'in-plan' }, w('inPlan'))
      : rowButton(w('addModule'), w('addModuleNamed', { name: module.name }), () => {
          state.chosen.push(module.id);
          rerender();
          announce(w('addModuleNamed', { name: module.name }));
          document.getElementById('adviser-chosen-title')?.focus();
        }),
  );
}

function modulesPart(rerender: () => void): (HTMLElement | null)[] {
  if (state.modules === null) return [el('p', { class: 'hint' }, w('modulesLoading'))];
  if (state.modules.length === 0) return [el('p', {}, w('modulesNone'))];
  const ranked = rankedModules();
  const closing = ranked.filter((m) => m.closes.length > 0);
  const other = ranked.filter((m) => m.closes.length === 0);
  return [
    el('p', { class: 'hint' }, w('modulesHint')),
    el(
      'ul',
      { class: 'results adviser-modules', id: 'adviser-suggested' },
      ...closing.map((m) => moduleItem(m, rerender)),
    ),
    other.length === 0
      ? null
      : el(
          'details',
          { class: 'optional' },
          el('summary', {}, w('modulesOther', { count: other.length })),
          el('ul', { class: 'results adviser-modules' }, ...other.map((m) => moduleItem(m, rerender))),
        ),
  ];
}

function chosenPart(rerender: () => void): HTMLElement[] {
  const chosen = chosenEntries();
  return [
    el('h5', { id: 'adviser-chosen-title', tabindex: '-1' }, w('chosenTitle')),
    chosen.length === 0
      ? el('p', { class: 'hint' }, w('noChosen'))
      : el(
          'ul',
          { class: 'results', id: 'adviser-chosen' },
          ...chosen.map(({ module, provider }) =>
            el(
              'li',
              {},
              el('span', { class: 'name' }, module.name),
              el('span', { class: 'hint' }, provider.name),
              rowButton(w('remove'), w('removeNamed', { name: module.name }), () => {
                state.chosen = state.chosen.filter((id) => id !== module.id);
                rerender();
                document.getElementById('adviser-chosen-title')?.focus();
              }),
            ),
          ),
        ),
  ];
}

function stepsPart(rerender: () => void): HTMLElement[] {
  return [
    el('h4', { id: 'adviser-steps-title', tabindex: '-1' }, w('stepsTitle')),
    el(
      'ol',
      { class: 'adviser-steps' },
      ...state.steps.map((step, i) =>
        el(
          'li',
          {},
          field(
            `adviser-step-${i}`,
            w('stepDescription', { n: i + 1 }),
            textInput(`adviser-step-${i}`, step.description, (v) => (step.description = v), {
              maxlength: '500',
            }),
          ),
          field(
            `adviser-step-${i}-due`,
            w('stepDue'),
            textInput(`adviser-step-${i}-due`, step.due, (v) => (step.due = v), {
              type: 'date',
              min: today(),
            }),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () => {
                state.steps.splice(i, 1);
                rerender();
                document.getElementById('adviser-steps-title')?.focus();
              },
            },
            w('removeStep', { n: i + 1 }),
          ),
        ),
      ),
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          state.steps.push({ description: '', due: '' });
          rerender();
          document.getElementById(`adviser-step-${state.steps.length - 1}`)?.focus();
        },
      },
      w('addStep'),
    ),
  ];
}

/** The plan on one page, for print (hidden on screen; the print stylesheet shows only this). */
function printPart(): HTMLElement {
  const chosen = chosenEntries();
  const steps = state.steps.filter((s) => s.description.trim() !== '');
  const row = (term: string, value: string) => [el('dt', {}, term), el('dd', {}, value)];
  return el(
    'section',
    { id: 'adviser-print', class: 'adviser-print' },
    el('h2', {}, `${w('printHeading')}: ${occupationLabel()}`),
    el(
      'dl',
      {},
      row(w('printLearner'), state.learnerName),
      row(w('printGoal'), occupationLabel()),
      row(w('printAdviser'), `${account()?.staff.name ?? ''}, ${account()?.organisation.name ?? ''}`),
      row(w('printAgreed'), today()),
      state.reviewOn === '' ? [] : row(w('printReview'), state.reviewOn),
    ),
    chosen.length === 0 ? null : el('h3', {}, w('modulesTitle')),
    chosen.length === 0
      ? null
      : el(
          'ul',
          {},
          ...chosen.map(({ module, provider }) =>
            el(
              'li',
              {},
              `${module.name} — ${provider.name}`,
              module.studyLoad?.hours === undefined
                ? ''
                : ` (${w('hours', { hours: module.studyLoad.hours })})`,
              el('br'),
              moduleSkills(module)
                .map((s) => s.label)
                .join(', '),
            ),
          ),
        ),
    steps.length === 0 ? null : el('h3', {}, w('stepsTitle')),
    steps.length === 0
      ? null
      : el(
          'ol',
          {},
          ...steps.map((s) =>
            el('li', {}, s.description, s.due === '' ? '' : ` (${w('printDue', { date: s.due })})`),
          ),
        ),
  );
}

function issuedPart(): HTMLElement | null {
  if (issued === null) return null;
  const { box, link } = offerBox(issued, [
    el('button', { type: 'button', class: 'secondary', onclick: () => void copyLink(link) }, w('copy')),
  ]);
  return el(
    'section',
    { class: 'adviser-issued', 'aria-labelledby': 'adviser-issued-title' },
    el('h4', { id: 'adviser-issued-title', tabindex: '-1' }, w('issued')),
    issuedMailed ? el('p', {}, w('issuedMailed')) : null,
    box,
  );
}

/** Prints the plan alone: the print stylesheet shows only the plan while the body is so marked. */
function printPlan(): void {
  document.body.classList.add('printing-plan');
  window.addEventListener('afterprint', () => document.body.classList.remove('printing-plan'), {
    once: true,
  });
  window.print();
}

/** Step 4, drawn anew after each action (typing only updates the draft). */
export function renderPlan(area: HTMLElement, rerender: () => void): void {
  if (state.intake === null) {
    area.replaceChildren();
    area.hidden = true;
    return;
  }
  area.hidden = false;
  const head = el('h3', { id: 'adviser-plan-title', tabindex: '-1' }, w('planTitle'));
  if (state.gap === null) {
    area.replaceChildren(head, el('p', {}, w('planPickOccupation')));
    return;
  }
  const parts: (HTMLElement | null)[] = [
    head,
    el('p', { class: 'adviser-goal' }, w('planFor', { occupation: occupationLabel() })),
    field(
      'adviser-learner-name',
      w('learnerName'),
      textInput('adviser-learner-name', state.learnerName, (v) => (state.learnerName = v), {
        autocomplete: 'off',
        maxlength: '200',
      }),
    ),
    field(
      'adviser-learner-email',
      w('learnerEmail'),
      textInput('adviser-learner-email', state.learnerEmail, (v) => (state.learnerEmail = v), {
        type: 'email',
        autocomplete: 'off',
        'aria-describedby': 'adviser-learner-email-hint',
      }),
      w('learnerEmailHint'),
    ),
    el('h4', {}, w('modulesTitle')),
    ...modulesPart(rerender),
    ...chosenPart(rerender),
    ...stepsPart(rerender),
    field(
      'adviser-review',
      w('reviewOn'),
      textInput('adviser-review', state.reviewOn, (v) => (state.reviewOn = v), { type: 'date' }),
    ),
    problems.length === 0
      ? null
      : el(
          'div',
          { id: 'adviser-problems', class: 'error-summary', tabindex: '-1', role: 'alert' },
          el('h4', {}, w('problems')),
          el('ul', {}, ...problems.map((p) => el('li', {}, p))),
        ),
    el(
      'div',
      { class: 'actions' },
      el(
        'button',
        { type: 'button', id: 'adviser-issue', onclick: () => void guarded(() => issue(rerender), announce) },
        w('issue'),
      ),
      el('button', { type: 'button', class: 'secondary', onclick: printPlan }, w('print')),
    ),
    issuedPart(),
    printPart(),
  ];
  area.replaceChildren(...parts.filter((n): n is HTMLElement => n !== null));
}
