import {
  filterSkills,
  groupSkills,
  skillsProfile,
  type SkillEntry,
  type SkillProof,
} from '../passport/skills-profile.js';
import { formatCalendarDate, lang, t } from '../i18n.js';
import type { StoredCredential } from '../store/db.js';
import { learningLabel, liveStatusBadge, statusBadge, typeLabel } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';

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

function skillItem(skill: SkillEntry): HTMLElement {
  const headingId = uid('skill');
  return h(
    'li',
    { class: 'skill', 'aria-labelledby': headingId, 'data-skill-uri': skill.uri },
    h('h4', { id: headingId, class: 'skill-name' }, skill.label),
    h(
      'p',
      { class: 'skill-level' },
      t('bestLevel', { level: skill.best === undefined ? '—' : levelText(skill.best) }),
    ),
    h('p', { class: 'proofs-label' }, t('provenBy')),
    h(
      'ul',
      { class: 'proofs' },
      skill.proofs.map((p) => proofItem(p)),
    ),
  );
}

function credentialCard(ctx: WalletContext, credential: StoredCredential, onStatus: () => void): HTMLElement {
  const doc = credential.document;
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
          'aria-label': t('openDetails', { name: doc.name }),
        },
        doc.name,
      ),
    ),
    h('p', { class: 'card-type' }, `${typeLabel(credential)} · ${learningLabel(credential)}`),
    h('p', {}, t('issuedBy', { issuer: doc.issuer.name }), ` · ${formatCalendarDate(doc.validFrom)}`),
    h('p', {}, liveStatusBadge(ctx, credential, onStatus)),
  );
}

/** The skills passport: the skills profile (searchable, grouped) and every credential. */
export async function passportView(ctx: WalletContext, main: HTMLElement): Promise<void> {
  const credentials = (await ctx.db.credentials()).sort((a, b) =>
    b.document.validFrom.localeCompare(a.document.validFrom),
  );
  const title = h('h1', { tabindex: -1 }, t('passportTitle'));
  if (credentials.length === 0) {
    replaceChildren(
      main,
      title,
      h('p', { class: 'empty' }, t('passportEmpty')),
      h('p', {}, h('a', { href: '#/receive', class: 'button' }, t('navReceive'))),
    );
    return;
  }

  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', autocomplete: 'off', spellcheck: false });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const skillsRoot = h('div', { class: 'skill-groups' });

  const renderSkills = (): void => {
    const profile = skillsProfile(
      credentials.map((c) => ({
        id: c.id,
        document: c.document,
        type: c.type,
        state: ctx.statuses.get(c.id)?.state ?? c.lastStatus?.state ?? 'unknown',
      })),
      ctx.taxonomy,
      lang(),
    );
    const shown = filterSkills(profile, search.value);
    summary.textContent =
      shown.length === 0 && search.value.trim() !== ''
        ? t('searchNoResults', { q: search.value.trim() })
        : t('skillsCount', { n: shown.length, c: credentials.length });
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
  // (rebuilding it per arriving status made 1,000 credentials take minutes). While checks are
  // still out, say for a slow issuer, it re-counts at most every half second.
  let outstanding = credentials.length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onStatus = (): void => {
    outstanding -= 1;
    if (outstanding <= 0) {
      clearTimeout(timer);
      timer = undefined;
      renderSkills();
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      renderSkills();
    }, 500);
  };

  replaceChildren(
    main,
    title,
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
      h(
        'ul',
        { class: 'cards' },
        credentials.map((c) => credentialCard(ctx, c, onStatus)),
      ),
    ),
  );
}
