import { preferredLabel, proficiencyScale } from '@skills-passport/core';
import { formatCalendarDate, formatDate, lang, t } from '../i18n.js';
import type { SkillClaim } from '../passport/skills-profile.js';
import { currentPublication, publications, type Publication } from '../publish/publication.js';
import { HOLDER_NAME_SETTING } from '../receive/holder-name.js';
import type { PassportEntry } from '../store/db.js';
import { credentialChoice } from './choose-credentials.js';
import { typeLabel } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren } from './dom.js';
import { qrImage } from './qr-code.js';

/** A skill's level as the learner reads it: the default scale in their language, "Proficient (3 of 4)". */
function levelText(claim: SkillClaim): string | undefined {
  const result = claim.result;
  if (result?.rank === undefined) return result?.levelName;
  const local = result.defaultScale
    ? proficiencyScale(lang()).rubricCriterionLevel?.[result.rank - 1]?.name
    : undefined;
  return t('levelOf', { level: local ?? result.levelName ?? '', rank: result.rank, of: result.of });
}

/** One credential on paper: title, kind, issuer and date, each skill with its level. */
function printedCredential(ctx: WalletContext, credential: PassportEntry): HTMLElement {
  const { summary } = credential;
  return h(
    'li',
    { class: 'printed-credential', 'data-credential-id': credential.id },
    h('h3', {}, summary.name),
    h(
      'p',
      { class: 'printed-meta' },
      `${typeLabel(credential)} · `,
      t('printIssued', { issuer: summary.issuerName, date: formatCalendarDate(credential.validFrom) }),
    ),
    summary.claims.length === 0
      ? h('p', {}, t('printNoSkills'))
      : h(
          'ul',
          { class: 'printed-skills' },
          summary.claims.map((claim) => {
            const concept = ctx.taxonomy.get(claim.alignment.targetUrl);
            const level = levelText(claim);
            return h(
              'li',
              {},
              concept === undefined ? claim.alignment.targetName : preferredLabel(concept, lang()),
              level === undefined ? '' : ` — ${level}`,
            );
          }),
        ),
  );
}

/** How to check what the paper says: the published link with its QR code, or the files. */
function verification(link: Publication | undefined): HTMLElement {
  if (link === undefined)
    return h('section', { class: 'printed-verify', 'data-verify': 'file' }, h('p', {}, t('printVerifyFile')));
  return h(
    'section',
    { class: 'printed-verify', 'data-verify': 'link' },
    qrImage(link.url, 'qr printed-qr'),
    h(
      'p',
      {},
      `${t('printVerifyOnline')} `,
      h('span', { class: 'url', 'data-testid': 'printed-url' }, link.url),
    ),
  );
}

/**
 * Print my passport: the learner chooses credentials, and the page prints (A4, black and white,
 * `@media print` in styles.css) their name, each credential with its skills and levels, and how to
 * check them online — the QR code and address of their newest verification link that has not
 * expired — or, without one, from the credential files.
 */
export async function printView(ctx: WalletContext, main: HTMLElement): Promise<void> {
  const [credentials, name, links] = await Promise.all([
    ctx.db.passport(),
    ctx.db.setting(HOLDER_NAME_SETTING),
    publications(ctx.db),
  ]);
  credentials.sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const link = currentPublication(links);
  const sheet = h('article', { class: 'print-sheet', 'aria-labelledby': 'print-heading' });
  const render = (): void => {
    const chosen = new Set(choice.chosen());
    replaceChildren(
      sheet,
      h(
        'h2',
        { id: 'print-heading', class: 'printed-heading' },
        name === undefined || name === '' ? t('printHeadingNoName') : t('printHeading', { name }),
      ),
      h(
        'ol',
        { class: 'printed-credentials' },
        credentials.filter((c) => chosen.has(c.id)).map((c) => printedCredential(ctx, c)),
      ),
      verification(link),
      h('p', { class: 'printed-footer' }, t('printPrinted', { date: formatDate(new Date().toISOString()) })),
    );
  };
  // Published credentials first where a link exists: the paper then says what the link shows.
  const onLink = link === undefined ? undefined : new Set(link.credentials.map((c) => c.id));
  const choice = await credentialChoice(
    ctx,
    credentials,
    { legend: t('printChoose'), notAllowed: t('printNotAllowed') },
    render,
    onLink !== undefined && credentials.some((c) => onLink.has(c.id)) ? onLink : undefined,
  );
  render();
  replaceChildren(
    main,
    h(
      'div',
      { class: 'no-print' },
      h('p', {}, h('a', { href: '#/passport', class: 'back' }, `← ${t('backToPassport')}`)),
      h('h1', { tabindex: -1 }, t('printTitle')),
      h('p', {}, t('printIntro')),
      h(
        'p',
        { class: 'help', 'data-testid': 'print-link-note' },
        link === undefined ? t('printWithoutLink') : t('printWithLink', { url: link.url }),
      ),
      choice.element,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', onclick: () => window.print() }, t('printButton')),
        h('a', { href: '#/publish', class: 'button secondary' }, t('publishLink')),
      ),
    ),
    sheet,
  );
}
