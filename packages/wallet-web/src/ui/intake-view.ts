import {
  computeGap,
  HolderSkills,
  preferredLabel,
  type GapLine,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { careerData } from '../career/esco-asset.js';
import { passportHeldSkills } from '../career/held-skills.js';
import { lang, t } from '../i18n.js';
import {
  fetchIntake,
  requestIntake,
  standardWants,
  type Intake,
  type IntakeStandard,
} from '../intake/intake-api.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';
import type { PassportEntry } from '../store/db.js';
import { readTrustList } from '../trust/trust-list.js';
import { credentialChoice, type CredentialChoice } from './choose-credentials.js';
import { errorBox } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { gapSummary } from './gap-summary.js';
import { selfDeclaredChoice, selfDeclaredGapNote, selfDeclaredMark } from './self-declared-view.js';

// The EVC intake (issue 16 item 5): the learner chooses an EVC provider (from the trust list, or
// an intake link the provider gave), a standard, sees which of its skills they already prove
// (computed here), prepares a portfolio (credentials and self-declared skills) and sees what the
// provider will see. "Send intake" asks the provider for a fresh OpenID4VP request and opens it on
// the share screen with that choice ticked: the request is checked there, and the learner confirms
// once more before anything leaves the wallet.

/** A skill's name: the taxonomy's, else the standard's own label. */
function skillName(taxonomy: SkillTaxonomy, standard: IntakeStandard, uri: string): string {
  const concept = taxonomy.get(uri);
  if (concept !== undefined) return preferredLabel(concept, lang());
  const label = standard.skills.find((s) => s.uri === uri)?.label;
  return label?.[lang()] ?? label?.en ?? label?.nl ?? uri;
}

function gapSection(taxonomy: SkillTaxonomy, holder: HolderSkills, standard: IntakeStandard): HTMLElement {
  const gap = computeGap(standardWants(standard), holder, taxonomy);
  const essential = gap.lines.filter((l) => l.essential);
  const optional = gap.lines.filter((l) => !l.essential);
  const titleId = uid('intake-gap');
  const line = (l: GapLine): HTMLElement =>
    h(
      'li',
      { class: `gap-line gap-${l.status}`, 'data-status': l.status, 'data-uri': l.uri },
      h(
        'p',
        { class: 'gap-skill' },
        h('span', { class: 'gap-status' }, t(`gap_${l.status}`)),
        ' ',
        h('span', { class: 'gap-label' }, skillName(taxonomy, standard, l.uri)),
      ),
      l.proven.length === 0
        ? null
        : h(
            'p',
            { class: 'help' },
            l.proven
              .slice(0, 2)
              .map((p) => (p.source.kind === 'credential' ? p.source.title : ''))
              .join('; '),
          ),
      selfDeclaredGapNote(l),
    );
  return h(
    'section',
    { class: 'career-gap intake-gap', 'aria-labelledby': titleId, 'data-testid': 'intake-gap' },
    h('h2', { id: titleId }, t('intakeGapTitle', { standard: standard.name })),
    h('p', { class: 'help' }, t('intakeGapHelp')),
    gapSummary(gap, 'careerSummary', 'intake-summary'),
    h('h3', {}, t('careerEssentialTitle')),
    h('ul', { class: 'gap-lines', 'data-testid': 'intake-essential' }, essential.map(line)),
    // The rest folded away: a standard can name dozens, and the essential ones decide the intake.
    optional.length === 0
      ? null
      : h(
          'details',
          { class: 'intake-optional' },
          h('summary', {}, `${t('careerOptionalTitle')} (${optional.length})`),
          h('ul', { class: 'gap-lines' }, optional.map(line)),
        ),
  );
}

/** What the provider will see, for the current choice: each credential with its skills, each self-declared skill marked. */
function previewOf(
  provider: string,
  credentials: readonly PassportEntry[],
  selfDeclared: readonly SelfDeclaredSkill[],
  chosenCredentials: readonly string[],
  chosenSelfDeclared: readonly string[],
): HTMLElement[] {
  const going = credentials.filter((c) => chosenCredentials.includes(c.id));
  const declaring = selfDeclared.filter((s) => chosenSelfDeclared.includes(s.id));
  const titleId = uid('intake-preview');
  return [
    h('h3', { id: titleId }, t('intakePreviewTitle', { provider })),
    going.length === 0 && declaring.length === 0
      ? h('p', { 'data-testid': 'intake-preview-empty' }, t('intakePreviewNothing'))
      : h(
          'ul',
          { 'aria-labelledby': titleId, 'data-testid': 'intake-preview' },
          going.map((c) =>
            h(
              'li',
              {},
              t('intakePreviewCredential', { name: c.summary.name, issuer: c.summary.issuerName }),
              c.summary.claims.length === 0
                ? null
                : h(
                    'p',
                    { class: 'help' },
                    t('intakePreviewSkills', {
                      skills: c.summary.claims.map((claim) => claim.alignment.targetName).join(', '),
                    }),
                  ),
            ),
          ),
          declaring.map((s) =>
            h(
              'li',
              {},
              selfDeclaredMark(),
              ' ',
              t('intakePreviewSelfDeclared', { name: s.label }),
              h('p', { class: 'help' }, t('selfDeclaredEvidence', { evidence: s.evidence })),
            ),
          ),
        ),
  ];
}

/** Steps 2 to 4 for one intake: the standard, its gap, the portfolio and the send button. */
async function intakeSteps(
  ctx: WalletContext,
  intakeUrl: string,
  intake: Intake,
  out: HTMLElement,
): Promise<void> {
  const [data, credentials, selfDeclared] = await Promise.all([
    careerData(),
    ctx.db.passport(),
    ctx.db.selfDeclared(),
  ]);
  const taxonomy = data.esco.skills;
  const holder = new HolderSkills(passportHeldSkills(credentials, ctx.statuses, selfDeclared), taxonomy);
  const provider = intake.provider.name;
  const legendId = uid('intake-standards');
  const after = h('div', { class: 'intake-after' });

  const showStandard = async (standard: IntakeStandard): Promise<void> => {
    const wanted = new Set(standard.skills.map((s) => s.uri));
    // The credentials that name a skill of the standard start ticked; self-declared skills never do.
    const relevant = new Set(
      credentials
        .filter((c) => c.summary.claims.some((claim) => wanted.has(claim.alignment.targetUrl)))
        .map((c) => c.id),
    );
    const preview = h('div', { class: 'intake-preview card', 'aria-live': 'polite' });
    const declared = selfDeclaredChoice(selfDeclared.map((skill) => ({ skill })));
    // Set once the choice is built; its own first onChange may come before.
    const chosenCredentials = (): string[] => choice?.chosen() ?? [];
    const update = (): void =>
      replaceChildren(
        preview,
        previewOf(provider, credentials, selfDeclared, chosenCredentials(), declared?.chosen() ?? []),
      );
    const choice: CredentialChoice | undefined =
      credentials.length === 0
        ? undefined
        : await credentialChoice(
            ctx,
            credentials,
            { legend: t('intakeCredentialsLegend'), notAllowed: t('cannotShareRevoked') },
            update,
            relevant,
          );
    declared?.element.addEventListener('change', update);
    update();
    const sendOut = h('div', {});
    const send = h('button', { type: 'button', 'data-testid': 'intake-send' }, t('intakeSend'));
    send.addEventListener('click', () => {
      const credentialIds = choice?.chosen() ?? [];
      const selfDeclaredIds = declared?.chosen() ?? [];
      send.disabled = true;
      replaceChildren(sendOut, h('p', { role: 'status' }, t('intakeSending', { provider })));
      requestIntake(intakeUrl, standard.id)
        .then((link) => ctx.openRequest(link, { credentialIds, selfDeclaredIds }))
        .catch((error: unknown) => {
          send.disabled = false;
          replaceChildren(sendOut, errorBox(error));
        });
    });
    const portfolioId = uid('intake-portfolio');
    replaceChildren(
      after,
      gapSection(taxonomy, holder, standard),
      h(
        'section',
        { 'aria-labelledby': portfolioId, class: 'intake-portfolio' },
        h('h2', { id: portfolioId }, t('intakePortfolioTitle')),
        h('p', {}, t('intakePortfolioHelp')),
        choice?.element ?? h('p', { class: 'help' }, t('intakeNoCredentials')),
        declared?.element ?? h('p', { class: 'help' }, t('intakeNoSelfDeclared')),
        h('p', {}, h('a', { href: '#/self-declared' }, t('intakeAddSelfDeclared'))),
        preview,
        h('p', { class: 'help' }, t('intakeSendHelp')),
        h('p', { class: 'actions' }, send),
        sendOut,
      ),
    );
  };

  const radios = intake.standards.map((standard) => {
    const id = uid('intake-standard');
    const input = h('input', { id, type: 'radio', name: 'intake-standard', value: standard.id });
    input.addEventListener('change', () => {
      if (input.checked)
        void showStandard(standard).catch((error: unknown) => replaceChildren(after, errorBox(error)));
    });
    return h(
      'div',
      { class: 'choice' },
      input,
      h(
        'label',
        { for: id },
        standard.identifier === undefined ? standard.name : `${standard.name} (${standard.identifier})`,
      ),
    );
  });
  replaceChildren(
    out,
    h('p', { 'data-testid': 'intake-provider' }, t('intakeFrom', { provider })),
    h(
      'section',
      { 'aria-labelledby': legendId },
      h('h2', { id: legendId }, t('intakeStandardTitle')),
      h(
        'fieldset',
        { class: 'query', 'aria-labelledby': `${legendId}-legend` },
        h('legend', { id: `${legendId}-legend` }, t('intakeStandardHelp')),
        radios,
      ),
    ),
    after,
  );
  // One standard: chosen for the learner.
  if (intake.standards.length === 1) {
    const only = out.querySelector<HTMLInputElement>('input[name=intake-standard]')!;
    only.checked = true;
    await showStandard(intake.standards[0]!);
  }
}

/** The providers of the trust list that take intakes, each a button that opens its intake. */
async function providerList(open: (url: string) => void): Promise<HTMLElement> {
  let entries;
  try {
    entries = (await readTrustList()).filter((e) => e.intake !== undefined);
  } catch {
    return h('p', { class: 'help' }, t('intakeProvidersFailed'));
  }
  if (entries.length === 0) return h('p', { class: 'help' }, t('intakeProviderNone'));
  return h(
    'ul',
    { class: 'intake-providers', 'data-testid': 'intake-providers' },
    entries.map((e) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => open(e.intake!) },
          t('intakeProviderChoose', { provider: e.name }),
        ),
      ),
    ),
  );
}

/**
 * The EVC intake screen (`#/intake`), opened from the career check or with `/?intake=<URL of an
 * EVC provider's GET /api/intake/:slug>`.
 */
export async function intakeView(ctx: WalletContext, main: HTMLElement, initial?: string): Promise<void> {
  const out = h('div', { class: 'intake-out' });
  const inputId = uid('intake-link');
  const input = h('input', {
    id: inputId,
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: false,
  });
  const open = (url: string): void => {
    input.value = url;
    replaceChildren(out, h('p', { role: 'status' }, t('intakeLoading')));
    fetchIntake(url)
      .then((intake) => intakeSteps(ctx, url, intake, out))
      .then(() => {
        document.body.dataset.intake = 'open';
      })
      .catch((error: unknown) => replaceChildren(out, errorBox(error)));
  };
  const providerTitle = uid('intake-providers');
  const providers = await providerList(open);
  replaceChildren(
    main,
    h('h1', { tabindex: -1 }, t('intakeTitle')),
    h('p', {}, t('intakeIntro')),
    h(
      'section',
      { 'aria-labelledby': providerTitle, class: 'intake-choose' },
      h('h2', { id: providerTitle }, t('intakeProviderTitle')),
      providers,
      h(
        'form',
        {
          class: 'link-form',
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            open(input.value);
          },
        },
        h('div', { class: 'field' }, h('label', { for: inputId }, t('intakeLinkLabel')), input),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('intakeOpen'))),
      ),
    ),
    out,
  );
  if (initial !== undefined) open(initial);
}
