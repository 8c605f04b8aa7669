import { computeGap, HolderSkills, occupationWants, preferredLabel } from '@skills-passport/core';
import { careerData } from '../career/esco-asset.js';
import { heldSkills } from '../career/held-skills.js';
import { formatCalendarDate, lang, plural, t } from '../i18n.js';
import { skillSummary } from '../passport/skills-profile.js';
import { readPlan, type Plan } from '../plan/plan-credential.js';
import { lastKnownState } from '../plan/plan-link.js';
import {
  currentPlan,
  heldCredential,
  planProgress,
  type ModuleProgress,
  type PlanProgress,
} from '../plan/progress.js';
import type { CredentialState, StoredCredential } from '../store/db.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';

// The learner's development plan (`#/plan`, `#/plan/<credential id>`; issue 16 item 6): the job
// they work towards, each module with its provider, study load and skills and whether it is done,
// the next steps with their dates, when the plan is looked at again, and how far the learner's
// credentials go for that job. Everything is computed here, from what the wallet holds.

/** A bar with its words beside it: the words say it all, the bar shows it at a glance. */
function progressBar(value: number, max: number, label: string, words: string, testid: string): HTMLElement {
  return h(
    'div',
    { class: 'plan-progress', 'data-testid': testid },
    h('progress', { value, max: Math.max(max, 1), 'aria-label': label }),
    h('p', { class: 'plan-progress-words' }, words),
  );
}

function moduleItem(item: ModuleProgress): HTMLElement {
  const { module, done } = item;
  const titleId = uid('plan-module');
  return h(
    'li',
    {
      class: `plan-module ${done === undefined ? 'not-yet' : 'done'}`,
      'aria-labelledby': titleId,
      'data-testid': 'plan-module',
      'data-done': done === undefined ? 'false' : 'true',
    },
    h(
      'p',
      { class: 'plan-module-title', id: titleId },
      h(
        'span',
        { class: 'plan-module-status' },
        t(done === undefined ? 'planModuleNotYet' : 'planModuleDone'),
      ),
      ' ',
      h('strong', {}, module.name),
    ),
    h(
      'p',
      { class: 'plan-module-meta' },
      t('planModuleProvider', { provider: module.provider.name }),
      module.studyLoadHours === undefined
        ? ''
        : ` · ${t('planModuleHours', { hours: module.studyLoadHours })}`,
    ),
    module.skills.length === 0
      ? null
      : h(
          'p',
          { class: 'plan-module-skills' },
          t('planModuleSkills'),
          ' ',
          module.skills.map((s) => s.label).join(', '),
        ),
    done === undefined
      ? null
      : h(
          'p',
          { class: 'plan-module-proof' },
          h(
            'a',
            { href: `#/credential/${encodeURIComponent(done.credentialId)}` },
            t('planModuleDoneBy', { title: done.title, issuer: done.issuerName }),
          ),
        ),
  );
}

function stepsSection(plan: Plan): HTMLElement {
  const titleId = uid('plan-steps');
  return h(
    'section',
    { class: 'plan-steps', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('planStepsTitle')),
    plan.nextSteps.length === 0
      ? h('p', {}, t('planNoSteps'))
      : h(
          'ul',
          { 'data-testid': 'plan-steps' },
          plan.nextSteps.map((step) =>
            h(
              'li',
              {},
              step.description,
              step.due === undefined
                ? ''
                : h(
                    'span',
                    { class: 'plan-due' },
                    ` — ${t('planStepDue', { date: formatCalendarDate(step.due) })}`,
                  ),
            ),
          ),
        ),
    plan.reviewOn === undefined
      ? null
      : h(
          'p',
          { class: 'plan-review', 'data-testid': 'plan-review' },
          t('planReview', { date: formatCalendarDate(plan.reviewOn) }),
        ),
  );
}

/**
 * The gap for the plan's job, with the career check's own computation (core's `computeGap` over
 * the whole ESCO the career check loads): how many of its essential skills the credentials that
 * still count prove. Self-declared skills are listed there, never counted.
 */
async function gapSection(
  ctx: WalletContext,
  plan: Plan,
  credentials: readonly StoredCredential[],
  stateOf: (c: StoredCredential) => CredentialState,
): Promise<HTMLElement> {
  const titleId = uid('plan-gap');
  const section = (...children: (HTMLElement | string | null)[]) =>
    h(
      'section',
      { class: 'plan-gap', 'aria-labelledby': titleId, 'data-testid': 'plan-gap' },
      h('h2', { id: titleId }, t('planGapTitle', { occupation: plan.targetOccupation.label })),
      ...children,
    );
  try {
    const [data, selfDeclared] = await Promise.all([careerData(), ctx.db.selfDeclared()]);
    const wants = occupationWants(data.esco.occupations, plan.targetOccupation.uri);
    if (wants === undefined) return section(h('p', {}, t('planGapFailed')));
    const holder = new HolderSkills(
      heldSkills(
        credentials.map((c) => ({
          id: c.id,
          type: c.type,
          state: stateOf(c),
          summary: skillSummary(c.document, c.type),
        })),
        selfDeclared,
      ),
      data.esco.skills,
    );
    const gap = computeGap(wants, holder, data.esco.skills);
    const occupation = data.esco.occupations.get(plan.targetOccupation.uri);
    const { proven, total } = gap.essential;
    return section(
      progressBar(
        proven,
        total,
        t('planGapBarLabel'),
        plural('careerSummary', total, { proven }),
        'plan-gap-progress',
      ),
      h(
        'p',
        { class: 'no-print' },
        h(
          'a',
          { href: `#/career/${encodeURIComponent(plan.targetOccupation.uri)}` },
          t('planGapLink', {
            occupation:
              occupation === undefined ? plan.targetOccupation.label : preferredLabel(occupation, lang()),
          }),
        ),
      ),
    );
  } catch {
    return section(h('p', { role: 'alert', class: 'message error' }, t('planGapFailed')));
  }
}

function planSheet(plan: Plan, progress: PlanProgress): HTMLElement {
  const modulesId = uid('plan-modules');
  return h(
    'div',
    { class: 'plan-sheet', 'data-testid': 'plan' },
    h(
      'p',
      { class: 'plan-goal', 'data-testid': 'plan-goal' },
      t('planGoal', { occupation: plan.targetOccupation.label }),
    ),
    h(
      'p',
      { class: 'plan-agreed' },
      t('planAgreed', {
        date: formatCalendarDate(plan.agreedOn),
        adviser: plan.adviser.name,
        desk: plan.desk.name,
      }),
    ),
    h(
      'section',
      { class: 'plan-modules', 'aria-labelledby': modulesId },
      h('h2', { id: modulesId }, t('planModulesTitle')),
      progressBar(
        progress.done,
        progress.total,
        t('planBarLabel'),
        plural('planProgress', progress.total, { done: progress.done }),
        'plan-progress',
      ),
      progress.total === 0
        ? h('p', {}, t('planNoModules'))
        : h('ul', { class: 'plan-module-list' }, progress.modules.map(moduleItem)),
    ),
    stepsSection(plan),
  );
}

/** The plan view: the plan `credentialId` names, else the newest plan that still counts. */
export async function planView(ctx: WalletContext, main: HTMLElement, credentialId: string): Promise<void> {
  const title = h('h1', { tabindex: -1 }, t('planTitle'));
  replaceChildren(main, title, h('p', { role: 'status' }, t('planLoading')));
  const credentials = await ctx.db.credentials();
  const stateOf = (c: StoredCredential): CredentialState => lastKnownState(ctx, c);
  const chosen = credentialId === '' ? undefined : credentials.find((c) => c.id === credentialId);
  const plan =
    credentialId === ''
      ? currentPlan(credentials.map((credential) => ({ credential, state: stateOf(credential) })))
      : chosen === undefined
        ? undefined
        : readPlan(chosen.document);
  if (plan === undefined) {
    replaceChildren(
      main,
      title,
      h(
        'p',
        { class: 'message', 'data-testid': 'plan-none' },
        t(credentialId === '' ? 'planNone' : 'planNotFound'),
      ),
      h('p', {}, h('a', { href: '#/career' }, t('planToCareer'))),
    );
    return;
  }
  const progress = planProgress(
    plan,
    credentials.map((c) => heldCredential(c, stateOf(c))),
  );
  const gapSlot = h('div', { class: 'plan-gap-slot' }, h('p', { role: 'status' }, t('planGapLoading')));
  replaceChildren(
    main,
    title,
    planSheet(plan, progress),
    gapSlot,
    h(
      'p',
      { class: 'actions no-print' },
      h('a', { href: '#/passport', class: 'button secondary' }, t('planBack')),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          'data-testid': 'plan-print',
          onclick: () => window.print(),
        },
        t('planPrint'),
      ),
    ),
    h('p', { class: 'attribution' }, t('careerEsco')),
  );
  replaceChildren(gapSlot, await gapSection(ctx, plan, credentials, stateOf));
}
