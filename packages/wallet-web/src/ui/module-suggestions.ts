import { suggestModules, type Gap, type ModulePlan, type ModuleSuggestion } from '@skills-passport/core';
import { readCatalogues, type CatalogueModule, type ProviderOutcome } from '../career/catalogues.js';
import { formatCalendarDate, lang, plural, t } from '../i18n.js';
import { readTrustList } from '../trust/trust-list.js';
import { errorBox, row } from './components.js';
import { h, replaceChildren, uid } from './dom.js';

/** Suggestions shown; the plan may name others. Skills named in "no module teaches yet". */
const SHOWN = 5;
const OPEN_NAMED = 5;

type Suggestion = ModuleSuggestion<CatalogueModule>;

function price(module: CatalogueModule): string {
  const p = module.achievement.offering.price;
  if (p === undefined) return t('modulesNoPrice');
  if (p.amount === 0) return t('modulesFree');
  return new Intl.NumberFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: p.currency,
  }).format(p.amount);
}

function facts(s: Suggestion): HTMLElement {
  const a = s.module.achievement;
  const { nlqf, eqf } = a.qualificationLevel;
  const hours = plural('modulesHours', a.studyLoad.hours);
  return h(
    'dl',
    { class: 'module-facts' },
    row(
      t('modulesStudyLoad'),
      a.studyLoad.ects === undefined ? hours : `${hours} (${t('modulesEcts', { ects: a.studyLoad.ects })})`,
    ),
    row(
      t('modulesLevel'),
      [
        ...(nlqf === undefined ? [] : [`NLQF ${nlqf === 'entry' ? t('modulesNlqfEntry') : nlqf}`]),
        ...(eqf === undefined ? [] : [`EQF ${eqf}`]),
      ].join(', '),
    ),
    row(t('modulesMode'), t(`mode_${a.offering.mode}`)),
    row(t('modulesRegion'), a.offering.region),
    row(t('modulesStart'), s.nextStart === undefined ? t('modulesNoStart') : formatCalendarDate(s.nextStart)),
    row(t('modulesPrice'), price(s.module)),
    row(t('modulesMicro'), a.offering.endsInMicroCredential ? t('modulesYes') : t('modulesNo')),
  );
}

function suggestionItem(s: Suggestion, skillName: (uri: string) => string): HTMLElement {
  const titleId = uid('module');
  return h(
    'li',
    { class: 'module-suggestion', 'aria-labelledby': titleId, 'data-module-id': s.module.id },
    h('h4', { id: titleId }, s.module.achievement.name),
    h('p', { class: 'module-provider' }, t('modulesFrom', { provider: s.module.provider.name })),
    h('p', {}, t('modulesCloses')),
    h(
      'ul',
      { class: 'module-closes' },
      s.closes.map((c) => {
        const notes = [
          ...(c.essential ? [t('modulesEssential')] : []),
          ...(c.status === 'partly' ? [t('modulesPartly')] : []),
        ];
        return h('li', {}, skillName(c.uri), notes.length === 0 ? '' : ` (${notes.join(', ')})`);
      }),
    ),
    facts(s),
  );
}

function planPart(plan: ModulePlan<CatalogueModule>, skillName: (uri: string) => string): HTMLElement[] {
  if (plan.modules.length === 0) return [];
  const open = plan.closes.length + plan.open.length;
  const openNamed = plan.open.slice(0, OPEN_NAMED).map(skillName);
  const more = plan.open.length - openNamed.length;
  return [
    h('h4', {}, t('modulesPlanTitle')),
    h(
      'p',
      { 'data-testid': 'modules-plan' },
      plural('modulesPlan', plan.modules.length, {
        closed: plan.closes.length,
        open,
        hours: plural('modulesHours', plan.hours),
      }),
    ),
    h(
      'ol',
      { class: 'module-plan' },
      plan.modules.map((s) => h('li', {}, `${s.module.achievement.name} — ${s.module.provider.name}`)),
    ),
    ...(plan.open.length === 0
      ? []
      : [
          h(
            'p',
            {},
            t('modulesPlanOpen', {
              skills:
                more > 0 ? `${openNamed.join(', ')} ${plural('careerAndMore', more)}` : openNamed.join(', '),
            }),
          ),
        ]),
  ];
}

/** A calm line per recognised provider whose catalogue could not be read (the others still show). */
function failures(providers: ProviderOutcome[]): HTMLElement[] {
  return providers
    .filter((p) => !p.read)
    .map((p) =>
      h(
        'p',
        {
          class: 'message notice',
          'data-testid': 'modules-provider-failed',
          'data-code': p.read ? undefined : p.error.code,
        },
        t('modulesProviderFailed', { provider: p.provider.name }),
      ),
    );
}

async function showSuggestions(
  gap: Gap,
  skillName: (uri: string) => string,
  out: HTMLElement,
): Promise<void> {
  const entries = await readTrustList();
  if (entries.length === 0) {
    replaceChildren(
      out,
      h('p', { role: 'status' }, t('modulesNoTrustList')),
      h('p', { class: 'no-print' }, h('a', { href: '#/wallet' }, t('modulesChooseList'))),
    );
    return;
  }
  const read = await readCatalogues(entries);
  if (read.providers.length === 0) {
    replaceChildren(out, h('p', { role: 'status' }, t('modulesNoProviders')));
    return;
  }
  // A User Timing entry (career-suggestions): ranking and showing them, once the catalogues are
  // read; for tests, DevTools and the bench.
  const start = performance.now();
  const { suggestions, plan } = suggestModules(gap, read.modules, {
    today: new Date().toISOString().slice(0, 10),
  });
  replaceChildren(
    out,
    h(
      'p',
      { role: 'status', 'data-testid': 'modules-summary' },
      suggestions.length === 0 ? t('modulesNone') : plural('modulesFound', suggestions.length),
    ),
    ...failures(read.providers),
    suggestions.length === 0
      ? null
      : h(
          'ol',
          { class: 'module-suggestions', 'data-testid': 'module-suggestions' },
          suggestions.slice(0, SHOWN).map((s) => suggestionItem(s, skillName)),
        ),
    ...planPart(plan, skillName),
  );
  performance.measure('career-suggestions', { start, end: performance.now() });
}

/**
 * "Modules that close the gap", under a gap: nothing is read until the learner presses the button;
 * then the trust list and the recognised training providers' catalogues are read (GETs that say
 * nothing about the learner) and the modules ranked here by missing skills closed per study hour.
 */
export function moduleSuggestionsSection(gap: Gap, skillName: (uri: string) => string): HTMLElement {
  const titleId = uid('modules-title');
  const missing = gap.lines.some((l) => l.status !== 'proven');
  const out = h('div', { class: 'modules-out' });
  const button = h('button', { type: 'button', class: 'secondary' }, t('modulesButton'));
  button.addEventListener('click', () => {
    button.disabled = true;
    replaceChildren(out, h('p', { role: 'status' }, t('modulesLoading')));
    showSuggestions(gap, skillName, out)
      .then(() => {
        button.hidden = true;
      })
      .catch((error: unknown) => {
        replaceChildren(out, errorBox(error));
      })
      .finally(() => {
        button.disabled = false;
        // Printed with the gap once there is something to print.
        section.classList.remove('no-print');
      });
  });
  const section = h(
    'section',
    {
      class: `career-modules${missing ? ' no-print' : ''}`,
      'aria-labelledby': titleId,
      'data-testid': 'career-modules',
    },
    h('h3', { id: titleId }, t('modulesTitle')),
    missing
      ? [h('p', { class: 'no-print' }, t('modulesIntro')), h('p', { class: 'actions no-print' }, button), out]
      : h('p', {}, t('modulesNothingMissing')),
  );
  return section;
}
