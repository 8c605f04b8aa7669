import {
  filterSkills,
  groupSkills,
  skillsProfile,
  type SkillEntry,
  type SkillProof,
} from '../passport/skills-profile.js';
import { formatCalendarDate, lang, plural, t } from '../i18n.js';
import type { CredentialState, PassportEntry } from '../store/db.js';
import {
  checksRecorded,
  learningLabel,
  liveStatusBadge,
  recordStatusSources,
  showStatus,
  statusBadge,
  statusChecks,
  statusesAtHand,
  typeLabel,
} from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { statusFreshness } from './status-freshness.js';
import { selfDeclaredDetails, selfDeclaredMark } from './self-declared-view.js';
import { planSummaryLink } from '../plan/plan-link.js';

function levelText(proof: SkillProof | undefined): string {
  if (proof?.levelName === undefined || proof.rank === undefined) return t('noLevel');
  return t('levelOf', { level: proof.levelName, rank: proof.rank.rank, of: proof.rank.of });
}

function proofItem(proof: SkillProof): HTMLElement {
  const counted = !['revoked', 'suspended', 'unrecognised'].includes(proof.state);
  return h(
    'li',
    { class: counted ? 'proof' : 'proof not-counted' },
    h('a', { href: `#/credential/${encodeURIComponent(proof.credentialId)}` }, proof.credentialName),
    ' — ',
    levelText(proof),
    proof.outcome === 'partly-achieved' ? ` (${t('partly')})` : '',
    h(
      'span',
      { class: 'proof-meta' },
      ` · ${t(proof.learning)} · ${formatCalendarDate(proof.date)} · ${proof.issuerName} `,
      statusBadge(proof.state),
      counted ? '' : ` (${t('notCounted')})`,
    ),
  );
}

/** Proofs listed with a skill; the rest are listed when the learner asks (a skill proven by many
 * credentials would otherwise list hundreds of lines, and the passport build them all). */
const PROOFS_SHOWN = 5;

function proofList(proofs: SkillProof[]): HTMLElement[] {
  const list = h(
    'ul',
    { class: 'proofs' },
    proofs.slice(0, PROOFS_SHOWN).map((p) => proofItem(p)),
  );
  const rest = proofs.slice(PROOFS_SHOWN);
  if (rest.length === 0) return [list];
  const more = h('details', { class: 'more-proofs' }, h('summary', {}, t('moreProofs', { n: rest.length })));
  more.addEventListener(
    'toggle',
    () =>
      more.append(
        h(
          'ul',
          { class: 'proofs' },
          rest.map((p) => proofItem(p)),
        ),
      ),
    { once: true },
  );
  return [list, more];
}

function skillItem(skill: SkillEntry): HTMLElement {
  const headingId = uid('skill');
  return h(
    'li',
    { class: 'skill', 'aria-labelledby': headingId, 'data-skill-uri': skill.uri },
    h('h4', { id: headingId, class: 'skill-name' }, skill.label),
    skill.proofs.length === 0
      ? null
      : [
          h(
            'p',
            { class: 'skill-level' },
            t('bestLevel', { level: skill.best === undefined ? '—' : levelText(skill.best) }),
          ),
          h('p', { class: 'proofs-label' }, t('provenBy')),
          proofList(skill.proofs),
        ],
    // The learner's own word, marked and apart from the proofs: it never counts as proven.
    (skill.selfDeclared ?? []).map((own) =>
      h(
        'div',
        { class: 'self-declared-claim', 'data-testid': 'profile-self-declared' },
        h('p', {}, selfDeclaredMark(), ' ', t('selfDeclaredNotProven')),
        selfDeclaredDetails(own),
      ),
    ),
  );
}

function credentialCard(
  ctx: WalletContext,
  credential: PassportEntry,
  onStatus: () => void,
  badges: Map<string, HTMLElement>,
): HTMLElement {
  const { name, issuerName } = credential.summary;
  const badge = liveStatusBadge(ctx, credential, onStatus);
  badges.set(credential.id, badge);
  return h(
    'li',
    { class: 'card credential-card', 'data-credential-id': credential.id, 'data-type': credential.type },
    h(
      'h3',
      {},
      h(
        'a',
        {
          href: `#/credential/${encodeURIComponent(credential.id)}`,
          'aria-label': t('openDetails', { name }),
        },
        name,
      ),
    ),
    h('p', { class: 'card-type' }, `${typeLabel(credential)} · ${learningLabel(credential)}`),
    h('p', {}, t('issuedBy', { issuer: issuerName }), ` · ${formatCalendarDate(credential.validFrom)}`),
    h('p', {}, badge),
  );
}

/** The skills passport: the skills profile (searchable, grouped) and every credential. */
export async function passportView(ctx: WalletContext, main: HTMLElement): Promise<void> {
  const loading = statusChecks();
  loading.catch(() => undefined);
  const read = ctx.initialCredentials ?? ctx.db.passport();
  delete ctx.initialCredentials;
  const selfDeclared = ctx.db.selfDeclared();
  selfDeclared.catch(() => undefined);
  const credentials = (await read).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const declared = await selfDeclared;
  const checks = await loading.catch(() => undefined);
  if (checks !== undefined) statusesAtHand(ctx, checks, credentials);
  const title = h('h1', { tabindex: -1 }, t('passportTitle'));
  if (credentials.length === 0) {
    replaceChildren(
      main,
      title,
      h('p', { class: 'empty' }, t('passportEmpty')),
      h('p', {}, h('a', { href: '#/receive', class: 'button' }, t('navReceive'))),
      h(
        'p',
        {},
        h('a', { href: '#/self-declared', 'data-testid': 'to-self-declared' }, t('selfDeclaredLink')),
      ),
    );
    return;
  }

  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', autocomplete: 'off', spellcheck: false });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const skillsRoot = h('div', { class: 'skill-groups' });

  const stateOf = (c: PassportEntry): CredentialState =>
    ctx.statuses.get(c.id)?.state ?? c.lastStatus?.state ?? 'unknown';
  /** The states the shown profile was counted with. */
  let counted = new Map<string, CredentialState>();
  const renderSkills = (): void => {
    counted = new Map(credentials.map((c) => [c.id, stateOf(c)]));
    const profile = skillsProfile(
      credentials.map((c) => ({
        id: c.id,
        summary: c.summary,
        type: c.type,
        state: counted.get(c.id) ?? 'unknown',
      })),
      ctx.taxonomy,
      lang(),
      declared,
    );
    const shown = filterSkills(profile, search.value);
    summary.textContent =
      shown.length === 0 && search.value.trim() !== ''
        ? t('searchNoResults', { q: search.value.trim() })
        : t('skillsCount', {
            skills: plural('skillCount', shown.length),
            credentials: plural('credentialCount', credentials.length),
          });
    replaceChildren(
      skillsRoot,
      groupSkills(shown, lang()).map((group) => {
        const id = uid('group');
        return h(
          'section',
          { class: 'skill-group', 'aria-labelledby': id },
          h('h3', { id }, group.label ?? t('otherSkills')),
          h(
            'ul',
            { class: 'skills' },
            group.skills.map((s) => skillItem(s)),
          ),
        );
      }),
    );
  };
  search.addEventListener('input', renderSkills);
  renderSkills();

  // Statuses are checked when the cards are shown; the profile re-counts once they are all in
  // (rebuilding it per arriving status made 1,000 credentials take minutes), and only when a
  // status differs from the one it was counted with (usually none: it was counted with the last
  // known statuses). While checks are still out, say for a slow issuer, it re-counts at most
  // every half second.
  const changed = (): boolean => credentials.some((c) => counted.get(c.id) !== stateOf(c));
  let outstanding = credentials.length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cards = h('ul', { class: 'cards' });
  // Checked again while the passport stays open: each badge and, when a status changed, the profile.
  const badges = new Map<string, HTMLElement>();
  const freshness = statusFreshness(ctx, credentials, (credential, status) => {
    const badge = badges.get(credential.id);
    if (badge !== undefined) showStatus(badge, credential, status);
    if (counted.get(credential.id) !== status.state) renderSkills();
  });
  const onStatus = (): void => {
    outstanding -= 1;
    if (outstanding === 0) freshness.checked();
    if (outstanding <= 0) {
      clearTimeout(timer);
      timer = undefined;
      if (changed()) renderSkills();
      // Every status shown and recorded (tests and the render benchmark wait for this).
      void Promise.all([checksRecorded(), recordStatusSources(ctx, credentials)]).then(() => {
        cards.dataset.checks = 'recorded';
      });
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      if (changed()) renderSkills();
    }, 500);
  };

  cards.append(...credentials.map((c) => credentialCard(ctx, c, onStatus, badges)));
  // "Your plan: 1 of 3 modules done", shown once worked out (only when the passport holds a plan).
  const planSlot = h('div', { class: 'plan-slot' });
  void planSummaryLink(ctx, credentials).then((link) => replaceChildren(planSlot, link));
  replaceChildren(
    main,
    title,
    planSlot,
    h(
      'section',
      { 'aria-labelledby': 'skills-title', class: 'skills-profile' },
      h('h2', { id: 'skills-title' }, t('skillsTitle')),
      h('div', { class: 'field' }, h('label', { for: searchId }, t('searchLabel')), search),
      summary,
      skillsRoot,
    ),
    h(
      'section',
      { 'aria-labelledby': 'credentials-title' },
      h('h2', { id: 'credentials-title' }, t('credentialsTitle')),
      freshness.element,
      cards,
    ),
    h(
      'section',
      { 'aria-labelledby': 'show-title' },
      h('h2', { id: 'show-title' }, t('passportActions')),
      h(
        'p',
        { class: 'actions' },
        h('a', { href: '#/publish', class: 'button', 'data-testid': 'to-publish' }, t('publishLink')),
        h('a', { href: '#/print', class: 'button secondary', 'data-testid': 'to-print' }, t('printPassport')),
        h(
          'a',
          { href: '#/self-declared', class: 'button secondary', 'data-testid': 'to-self-declared' },
          t('selfDeclaredLink'),
        ),
      ),
    ),
  );
}
