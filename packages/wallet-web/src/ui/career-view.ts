import {
  computeGap,
  HolderSkills,
  occupationWants,
  preferredLabel,
  proficiencyScale,
  type GapLine,
  type HeldSkill,
  type OccupationConcept,
  type OccupationFit,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { careerData, type CareerData } from '../career/esco-asset.js';
import { fetchVacancy, requestVacancyAnswer, vacancyWants, type Vacancy } from '../career/vacancy.js';
import { passportHeldSkills } from '../career/held-skills.js';
import { formatCalendarDate, formatDate, lang, plural, t } from '../i18n.js';
import type { PassportEntry } from '../store/db.js';
import { errorBox } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { gapSummary } from './gap-summary.js';
import { moduleSuggestionsSection } from './module-suggestions.js';
import { selfDeclaredGapNote } from './self-declared-view.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';

/** Occupations in "Occupations that fit you"; missing skills named per occupation before "and n more". */
const FITS_SHOWN = 10;
const MISSING_NAMED = 5;
const SEARCH_HITS = 20;

const careerRoute = (uri: string) => `#/career/${encodeURIComponent(uri)}`;

function skillName(taxonomy: SkillTaxonomy, uri: string, fallback?: string): string {
  const concept = taxonomy.get(uri);
  return concept === undefined ? (fallback ?? uri) : preferredLabel(concept, lang());
}

// The default scale's level names read in the learner's language, as in the passport.
function levelText(held: HeldSkill): string {
  const level = held.level;
  if (level === undefined) return t('gapNoLevel');
  const local =
    level.defaultScale && level.rank !== undefined
      ? proficiencyScale(lang()).rubricCriterionLevel?.[level.rank - 1]?.name
      : undefined;
  const name = local ?? level.name ?? t('gapNoLevel');
  return level.rank !== undefined && level.of !== undefined ? `${name} (${level.rank}/${level.of})` : name;
}

/** A level asked for, as a rank on the default four-level scale: "Intermediate (2/4)". */
function rankName(rank: number): string {
  const name = proficiencyScale(lang()).rubricCriterionLevel?.[rank - 1]?.name ?? String(rank);
  return `${name} (${rank}/4)`;
}

function proofText(held: HeldSkill): string {
  if (held.source.kind !== 'credential') return '';
  const text = t('gapProvenBy', {
    title: held.source.title,
    issuer: held.source.issuerName,
    date: formatCalendarDate(held.date),
    learning: t(held.source.learning),
  });
  const partly = held.outcome === 'partly-achieved' ? `, ${t('gapPartlyAchieved')}` : '';
  return `${text} — ${t('gapLevel', { level: levelText(held) })}${partly}`;
}

function lineItem(line: GapLine, taxonomy: SkillTaxonomy, labels?: ReadonlyMap<string, string>): HTMLElement {
  const id = uid('gap');
  const detail =
    line.status === 'proven'
      ? h(
          'ul',
          { class: 'gap-proofs' },
          line.proven
            .slice(0, 3)
            .map((p) =>
              h(
                'li',
                {},
                p.source.kind === 'credential'
                  ? h(
                      'a',
                      { href: `#/credential/${encodeURIComponent(p.source.credentialId)}` },
                      proofText(p),
                    )
                  : proofText(p),
              ),
            ),
        )
      : line.partlyReason === 'lower_level'
        ? h(
            'p',
            {},
            t(line.lower.every((p) => p.outcome === 'partly-achieved') ? 'gapPartlyShown' : 'gapLower', {
              proofs: line.lower.slice(0, 3).map(proofText).join('; '),
            }),
          )
        : line.partlyReason === 'same_group'
          ? h(
              'p',
              {},
              t('gapSameGroup', {
                group:
                  line.group === undefined
                    ? ''
                    : (line.group.labels[lang()] ?? line.group.labels.en ?? line.group.uri),
                skills: [...new Set(line.sameGroup.map((s) => skillName(taxonomy, s.uri, s.label)))]
                  .slice(0, 3)
                  .join(', '),
              }),
            )
          : h('p', {}, t('gapNotYet'));
  return h(
    'li',
    { class: `gap-line gap-${line.status}`, 'aria-labelledby': id, 'data-status': line.status },
    h(
      'p',
      { class: 'gap-skill', id },
      h('span', { class: 'gap-status' }, t(`gap_${line.status}`)),
      ' ',
      h('span', { class: 'gap-label' }, skillName(taxonomy, line.uri, labels?.get(line.uri))),
    ),
    line.minimumLevel === undefined
      ? null
      : h('p', { class: 'gap-min-level' }, t('vacancyMinLevel', { level: rankName(line.minimumLevel) })),
    detail,
    selfDeclaredGapNote(line),
  );
}

function gapSection(data: CareerData, holder: HolderSkills, occupation: OccupationConcept): HTMLElement {
  const taxonomy = data.esco.skills;
  const gap = computeGap(occupationWants(data.esco.occupations, occupation.uri) ?? [], holder, taxonomy);
  const essential = gap.lines.filter((l) => l.essential);
  const optional = gap.lines.filter((l) => !l.essential);
  const list = (lines: GapLine[], testid: string) =>
    lines.length === 0
      ? h('p', {}, t('careerNoSkills'))
      : h(
          'ul',
          { class: 'gap-lines', 'data-testid': testid },
          lines.map((l) => lineItem(l, taxonomy)),
        );
  const titleId = uid('gap-title');
  return h(
    'section',
    { class: 'career-gap', 'aria-labelledby': titleId, 'data-testid': 'career-gap' },
    h('h2', { id: titleId }, preferredLabel(occupation, lang())),
    gapSummary(gap, 'careerSummary', 'career-summary'),
    h('h3', {}, t('careerEssentialTitle')),
    list(essential, 'gap-essential'),
    h('h3', {}, t('careerOptionalTitle')),
    list(optional, 'gap-optional'),
    moduleSuggestionsSection(gap, (uri) => skillName(taxonomy, uri)),
    h(
      'p',
      { class: 'actions no-print' },
      h('a', { href: '#/career', class: 'button secondary' }, t('careerBack')),
      h(
        'button',
        { type: 'button', class: 'button secondary', onclick: () => window.print() },
        t('careerPrint'),
      ),
    ),
  );
}

/**
 * "Answer this vacancy": only when the learner presses it, the verifier is asked for a fresh
 * request, which opens in the share screen (who asks what, the learner's choice and consent).
 */
function answerSection(ctx: WalletContext, vacancyUrl: string): HTMLElement {
  const titleId = uid('vacancy-answer');
  const out = h('div', { class: 'vacancy-answer-out' });
  const button = h('button', { type: 'button', 'data-testid': 'vacancy-answer' }, t('vacancyAnswerButton'));
  button.addEventListener('click', () => {
    button.disabled = true;
    replaceChildren(out, h('p', { role: 'status' }, t('vacancyAnswerLoading')));
    requestVacancyAnswer(vacancyUrl)
      .then((link) => ctx.openRequest(link))
      .catch((error: unknown) => {
        button.disabled = false;
        replaceChildren(out, errorBox(error));
      });
  });
  return h(
    'section',
    { class: 'vacancy-answer no-print', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t('vacancyAnswerTitle')),
    h('p', {}, t('vacancyAnswerIntro')),
    h('p', { class: 'actions' }, button),
    out,
  );
}

/**
 * A published vacancy's gap: its title and employer as the vacancy says (not verified), required
 * skills first with their minimum levels, computed here like an occupation's.
 */
function vacancySection(
  ctx: WalletContext,
  data: CareerData,
  holder: HolderSkills,
  vacancy: Vacancy,
  vacancyUrl: string,
): HTMLElement {
  const taxonomy = data.esco.skills;
  const gap = computeGap(vacancyWants(vacancy), holder, taxonomy);
  const labels = new Map(
    vacancy.skills.map((s) => [s.uri, s.label[lang()] || s.label.en || s.label.nl || s.uri]),
  );
  const list = (lines: GapLine[], testid: string) =>
    lines.length === 0
      ? h('p', {}, t('careerNoSkills'))
      : h(
          'ul',
          { class: 'gap-lines', 'data-testid': testid },
          lines.map((l) => lineItem(l, taxonomy, labels)),
        );
  const optional = gap.lines.filter((l) => !l.essential);
  const titleId = uid('vacancy-title');
  return h(
    'section',
    { class: 'career-gap vacancy', 'aria-labelledby': titleId, 'data-testid': 'vacancy-gap' },
    h('h2', { id: titleId, tabindex: -1 }, vacancy.title),
    vacancy.employer.name.trim() === ''
      ? null
      : h('p', { class: 'vacancy-employer' }, t('vacancyFrom', { employer: vacancy.employer.name })),
    vacancy.purpose.trim() === '' ? null : h('p', { class: 'vacancy-purpose' }, vacancy.purpose),
    h('p', { class: 'help', 'data-testid': 'vacancy-unverified' }, t('vacancyUnverified')),
    h('p', { class: 'help' }, t('vacancyOpenUntil', { date: formatDate(vacancy.expiresAt) })),
    gapSummary(gap, 'vacancySummary', 'vacancy-summary'),
    h('h3', {}, t('vacancyRequiredTitle')),
    list(
      gap.lines.filter((l) => l.essential),
      'vacancy-required',
    ),
    optional.length === 0
      ? null
      : [h('h3', {}, t('vacancyOptionalTitle')), list(optional, 'vacancy-optional')],
    moduleSuggestionsSection(gap, (uri) => skillName(taxonomy, uri, labels.get(uri))),
    answerSection(ctx, vacancyUrl),
  );
}

/**
 * "Check a vacancy": a pasted vacancy link (or the one the wallet was opened with) is read and its
 * gap shown in `out`. The only request is the GET of that link.
 */
function vacancyCheck(
  ctx: WalletContext,
  data: CareerData,
  holder: HolderSkills,
  out: HTMLElement,
  status: HTMLElement,
  initial: string | undefined,
  onCheck: ((url: string) => void) | undefined,
): HTMLElement {
  const inputId = uid('vacancy-link');
  const input = h('input', {
    id: inputId,
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: false,
  });
  const message = h('div', { class: 'vacancy-message' });
  const check = (url: string): void => {
    onCheck?.(url);
    replaceChildren(out, null);
    replaceChildren(message, h('p', { role: 'status' }, t('vacancyLoading')));
    fetchVacancy(url)
      .then((vacancy) => {
        replaceChildren(message, null);
        replaceChildren(out, vacancySection(ctx, data, holder, vacancy, url));
        status.textContent = t('vacancyReady');
        out.querySelector<HTMLElement>('h2')?.focus();
      })
      .catch((error: unknown) => {
        replaceChildren(message, errorBox(error));
      })
      .finally(() => {
        document.body.dataset.vacancy = 'checked';
      });
  };
  const titleId = uid('vacancy-check-title');
  const section = h(
    'section',
    { 'aria-labelledby': titleId, class: 'career-search vacancy-check no-print' },
    h('h2', { id: titleId }, t('vacancyCheckTitle')),
    h('p', {}, t('vacancyCheckIntro')),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          check(input.value);
        },
      },
      h('label', { for: inputId }, t('vacancyLinkLabel')),
      h('span', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('vacancyCheckButton'))),
    ),
    message,
  );
  if (initial !== undefined) {
    input.value = initial;
    check(initial);
  }
  return section;
}

function fitItem(fit: OccupationFit, taxonomy: SkillTaxonomy): HTMLElement {
  const missing = fit.missing.slice(0, MISSING_NAMED).map((uri) => skillName(taxonomy, uri));
  const more = fit.missing.length - missing.length;
  return h(
    'li',
    { class: 'fit' },
    h('a', { href: careerRoute(fit.occupation.uri) }, preferredLabel(fit.occupation, lang())),
    h('p', {}, plural('careerFitProven', fit.essentialTotal, { proven: fit.essentialProven })),
    h(
      'p',
      { class: 'fit-missing' },
      missing.length === 0
        ? t('careerNothingMissing')
        : t('careerStillNeeds', {
            skills: more > 0 ? `${missing.join(', ')} ${plural('careerAndMore', more)}` : missing.join(', '),
          }),
    ),
  );
}

function searchSection(data: CareerData, status: HTMLElement): HTMLElement {
  const inputId = uid('career-search');
  const input = h('input', { id: inputId, type: 'search', autocomplete: 'off', spellcheck: false });
  const results = h('div', { class: 'career-results' });
  const message = h('p', { class: 'career-search-message' });
  const search = (event: Event): void => {
    event.preventDefault();
    const found = data.esco.occupations.find(input.value, { lang: lang(), limit: SEARCH_HITS });
    const text =
      found.outcome === 'found'
        ? plural('careerFound', found.hits.length)
        : found.outcome === 'no-match'
          ? t('careerNoMatch', { q: input.value.trim() })
          : t('careerEmptyQuery');
    message.textContent = text;
    status.textContent = text;
    const seen = new Set<string>();
    replaceChildren(
      results,
      found.hits.length === 0
        ? null
        : h(
            'ul',
            { class: 'career-hits', 'data-testid': 'career-hits' },
            found.hits
              .filter((hit) => !seen.has(hit.concept.uri) && seen.add(hit.concept.uri))
              .map((hit) => {
                const label = preferredLabel(hit.concept, lang());
                return h(
                  'li',
                  {},
                  h('a', { href: careerRoute(hit.concept.uri) }, label),
                  hit.preferred && hit.label === label ? '' : ` (${hit.label})`,
                );
              }),
          ),
    );
  };
  const titleId = uid('career-search-title');
  return h(
    'section',
    { 'aria-labelledby': titleId, class: 'career-search no-print' },
    h('h2', { id: titleId }, t('careerSearchTitle')),
    h(
      'form',
      { role: 'search', onsubmit: search },
      h('label', { for: inputId }, t('careerSearchLabel')),
      h('span', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('careerSearchButton'))),
    ),
    message,
    results,
  );
}

function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  performance.measure(name, { start, end: performance.now() });
  return result;
}

/**
 * The career check (`#/career`, `#/career/<occupation URI>`): search an ESCO occupation and see,
 * per essential and optional skill, what the learner's credentials prove; and the occupations that
 * fit best. The whole ESCO is a static asset of the wallet, loaded when this view opens; the gap
 * and the ranking are computed here, from the passport's last known statuses (no status is
 * checked here): nothing leaves the device.
 */
export async function careerView(
  ctx: WalletContext,
  main: HTMLElement,
  occupationUri: string,
  vacancyUrl?: string,
  onVacancy?: (url: string) => void,
): Promise<void> {
  const title = h('h1', { tabindex: -1, class: 'career-title' }, t('careerTitle'));
  const status = h('p', { class: 'career-status', role: 'status' }, t('careerLoading'));
  replaceChildren(main, title, h('p', { class: 'no-print' }, t('careerIntro')), status);
  let data: CareerData;
  let credentials: PassportEntry[];
  let selfDeclared: SelfDeclaredSkill[];
  try {
    [data, credentials, selfDeclared] = await Promise.all([
      careerData(),
      ctx.db.passport(),
      ctx.db.selfDeclared(),
    ]);
  } catch {
    status.textContent = t('careerLoadFailed');
    status.setAttribute('role', 'alert');
    return;
  }
  // User Timing entries (career-holder, career-gap, career-ranking, and career-suggestions once
  // asked for): what the learner waits for, for tests, DevTools and the bench to read.
  const rankStart = performance.now();
  const holder = new HolderSkills(
    passportHeldSkills(credentials, ctx.statuses, selfDeclared),
    data.esco.skills,
  );
  // The learner's skills indexed once: part of the ranking, and the first step of any gap.
  performance.measure('career-holder', { start: rankStart, end: performance.now() });
  const occupation = occupationUri === '' ? undefined : data.esco.occupations.get(occupationUri);
  const fits = data.index.rank(holder, { lang: lang(), limit: FITS_SHOWN });
  performance.measure('career-ranking', { start: rankStart, end: performance.now() });
  const fitTitle = uid('fit-title');
  status.textContent = t('careerReady');
  delete document.body.dataset.vacancy;
  const vacancyOut = h('div', { class: 'vacancy-out' });
  const vacancyForm = vacancyCheck(ctx, data, holder, vacancyOut, status, vacancyUrl, onVacancy);
  replaceChildren(
    main,
    title,
    h('p', { class: 'no-print' }, t('careerIntro')),
    status,
    h('p', { class: 'no-print' }, h('a', { href: '#/intake', 'data-testid': 'to-intake' }, t('intakeLink'))),
    credentials.length === 0 ? h('p', { class: 'message no-print' }, t('careerNoCredentials')) : null,
    vacancyOut,
    occupation === undefined ? null : timed('career-gap', () => gapSection(data, holder, occupation)),
    vacancyUrl === undefined ? null : vacancyForm,
    searchSection(data, status),
    vacancyUrl === undefined ? vacancyForm : null,
    h(
      'section',
      { 'aria-labelledby': fitTitle, class: 'career-fits no-print', 'data-testid': 'career-fits' },
      h('h2', { id: fitTitle }, t('careerFitTitle')),
      // With nothing proven every occupation fits equally little: no list then, only why.
      holder.provenUris.size === 0
        ? h('p', {}, t('careerFitNone'))
        : [
            h('p', {}, t('careerFitIntro')),
            h(
              'ol',
              { class: 'fits' },
              fits.map((fit) => fitItem(fit, data.esco.skills)),
            ),
          ],
    ),
    h('p', { class: 'attribution' }, t('careerEsco')),
  );
}
