// Steps 2 and 3 of the adviser tab: what the learner shared (recognised proof, other proof, and
// what they declared themselves, never mixed up) and the gap for the occupation chosen together.
import type { GapLine } from '@skills-passport/core';
import type { SharedCredential } from './adviser-api.js';
import { state } from './adviser-state.js';
import { w, type AdviserWord } from './adviser-words.js';
import { el } from './dom.js';
import { formatDate, pageLang } from './locale.js';

function credentialItem(credential: SharedCredential): HTMLElement {
  const skills = credential.skills.map((s) => s.label ?? s.uri).join(', ');
  return el(
    'li',
    {},
    el('strong', {}, credential.title),
    ' ',
    el('span', { class: 'hint' }, w('from', { issuer: credential.issuer.name })),
    credential.problem === undefined ? null : el('p', { class: 'hint' }, credential.problem),
    skills === '' ? null : el('p', { class: 'hint' }, w('skillsOf', { skills })),
    credential.evidence === undefined ? null : el('p', { class: 'hint' }, credential.evidence),
  );
}

function group(
  id: string,
  title: AdviserWord,
  hint: AdviserWord,
  credentials: readonly SharedCredential[],
): HTMLElement {
  return el(
    'section',
    { class: 'adviser-group', 'aria-labelledby': id },
    el('h4', { id }, `${w(title)} (${credentials.length})`),
    el('p', { class: 'hint' }, w(hint)),
    credentials.length === 0
      ? el('p', {}, w('none'))
      : el('ul', { class: 'adviser-credentials' }, ...credentials.map(credentialItem)),
  );
}

/** Step 2: the answer, in three groups; empty while no answer is open. */
export function renderShared(area: HTMLElement): void {
  const intake = state.intake;
  if (intake === null) {
    area.replaceChildren();
    area.hidden = true;
    return;
  }
  area.hidden = false;
  const credentials = intake.credentials;
  area.replaceChildren(
    el('h3', { id: 'adviser-shared-title', tabindex: '-1' }, w('sharedTitle')),
    el(
      'p',
      {},
      w('sharedBy', {
        name: intake.learnerName ?? w('unknownLearner'),
        time: formatDate(intake.receivedAt ?? intake.createdAt),
      }),
    ),
    group(
      'adviser-recognised',
      'groupRecognised',
      'groupRecognisedHint',
      credentials.filter((c) => c.recognised && !c.selfDeclared),
    ),
    group(
      'adviser-other',
      'groupOther',
      'groupOtherHint',
      credentials.filter((c) => !c.recognised && !c.selfDeclared),
    ),
    group(
      'adviser-self',
      'groupSelf',
      'groupSelfHint',
      credentials.filter((c) => c.selfDeclared),
    ),
  );
}

function lineLabel(line: GapLine): string {
  const lang = pageLang();
  const labels = line.concept?.labels;
  return labels?.[lang] ?? labels?.[lang === 'nl' ? 'en' : 'nl'] ?? line.uri;
}

function lineDetail(line: GapLine): string | null {
  const best = line.proven[0] ?? line.lower[0] ?? line.sameGroup[0];
  if (best !== undefined && best.source.kind === 'credential')
    return w('gapProvenBy', { title: best.source.title, issuer: best.source.issuerName });
  if (line.selfDeclared.length > 0) return w('gapSelf');
  return null;
}

/** The occupation's label in the page's language. */
export function occupationLabel(): string {
  const label = state.gap?.occupation.label ?? {};
  return label[pageLang()] ?? label.nl ?? label.en ?? state.gap?.occupation.uri ?? '';
}

/** Step 3's result: how much of the occupation's essential skills the shared proof covers. */
export function renderGap(area: HTMLElement): void {
  const gap = state.gap;
  if (gap === null) {
    area.replaceChildren();
    return;
  }
  const essential = gap.gap.lines.filter((l) => l.essential);
  const order = { not_yet: 0, partly: 1, proven: 2 } as const;
  essential.sort((a, b) => order[a.status] - order[b.status] || lineLabel(a).localeCompare(lineLabel(b)));
  area.replaceChildren(
    el(
      'p',
      { id: 'adviser-gap-summary', class: 'adviser-gap-summary' },
      w('gapSummary', {
        name: state.intake?.learnerName ?? w('unknownLearner'),
        proven: gap.gap.essential.proven,
        total: gap.gap.essential.total,
        occupation: occupationLabel(),
      }),
      gap.gap.essential.partly === 0 ? '' : ` ${w('gapPartly', { count: gap.gap.essential.partly })}`,
    ),
    el('h4', {}, w('gapEssential')),
    el(
      'ul',
      { class: 'adviser-gap' },
      ...essential.map((line) => {
        const detail = lineDetail(line);
        return el(
          'li',
          { 'data-status': line.status },
          el('span', { class: `gap-status gap-${line.status}` }, w(`gap.${line.status}`)),
          ' ',
          el('span', { class: 'name' }, lineLabel(line)),
          detail === null ? null : el('span', { class: 'hint' }, ` — ${detail}`),
        );
      }),
    ),
  );
}
