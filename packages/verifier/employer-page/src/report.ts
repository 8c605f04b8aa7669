// The answer to a request as the employer reads it: the outcome, the coverage, each skill with its
// proofs, and the checks that did not pass.
import { proficiencyScale, type AnySkillProof, type VerificationCheck } from '@skills-passport/core';
import type { CredentialSharing, RequestReport, RequestResult, VerifiedCredential } from './api-types.js';
import { el } from './dom.js';
import { formatCalendarDate, formatDateTime, levelName, pageLang, t, text } from './locale.js';

type Problem = VerificationCheck & { status: 'fail' | 'warning' };
const isProblem = (check: VerificationCheck): check is Problem => check.status !== 'pass';

/** "Shared as SD-JWT VC … Not shared: …" under a proof from a credential that withheld claims. */
function sharingNote(sharing: CredentialSharing | undefined): string {
  if (sharing?.shared !== 'selective' || sharing.notShared === undefined) return '';
  return ` — ${t('sharedSelectively')}. ${sharing.notShared[pageLang()]}`;
}

/** Levels of core's default scale are named in the page's language; others as the issuer wrote them. */
const DEFAULT_SCALE_LEVEL = `${proficiencyScale('en').id}#`;
function levelText(level: NonNullable<AnySkillProof['level']>): string {
  return level.id.startsWith(DEFAULT_SCALE_LEVEL) && level.rank !== undefined
    ? levelName(level.rank)
    : level.name;
}

/** "Ervaringscertificaat (EVC) van EVC Centrum Zorg": a credential of the answer, in words. */
function credentialWords(credential: VerifiedCredential | undefined, index: number): string {
  const kind =
    credential?.type !== undefined ? text(`type_${credential.type}`) : `${t('credential')} ${index + 1}`;
  const issuer = credential?.issuerName ?? credential?.issuer;
  return issuer === undefined ? kind : `${kind} ${t('from')} ${issuer}`;
}

/** The warning when the credentials name different people: per identifier, who is named where. */
function identityWarning(report: RequestReport): HTMLElement | undefined {
  const conflicts = report.identityConflicts ?? [];
  if (conflicts.length === 0) return undefined;
  const credentials = report.presentations.flatMap((p) => p.credentials);
  return el(
    'div',
    { class: 'warning', role: 'alert', 'data-testid': 'identity-warning' },
    el('strong', {}, t('differentPeople')),
    el('p', {}, t('differentPeopleHelp')),
    conflicts.map((conflict) =>
      el(
        'ul',
        { 'aria-label': text(`identity_${conflict.identityType}`) },
        conflict.values.map((entry) =>
          el(
            'li',
            {},
            `${text(`identity_${conflict.identityType}`)}: `,
            el('strong', {}, entry.value),
            ` — ${entry.credentials.map((i) => credentialWords(credentials[i], i)).join('; ')}`,
          ),
        ),
      ),
    ),
  );
}

function renderProof(proof: AnySkillProof, sharing: CredentialSharing | undefined): HTMLDivElement {
  // An Open Badge of another issuer says what it is in its own words: its title leads.
  const kind =
    proof.type === 'OpenBadgeCredential'
      ? `${t('type_OpenBadgeCredential')} “${proof.title}”${proof.qualificationLevel === undefined ? '' : `, ${proof.qualificationLevel.framework} ${proof.qualificationLevel.level}`}`
      : t(`type_${proof.type}`);
  const parts = [
    `${kind} (${t(proof.learning)})`,
    // The learner's own statement: no issuer to name, nobody checked it.
    proof.selfDeclared === true
      ? t('selfDeclared')
      : `${t('issuedBy')} ${proof.issuerName}${proof.issuerRecognised ? '' : ` — ${t('issuerNotRecognised')}`}`,
    formatCalendarDate(proof.date),
  ];
  if (proof.level)
    parts.push(
      `${t('level')}: ${levelText(proof.level)}${proof.levelMeetsMinimum === false ? ` (${t('belowMinimum')})` : ''}`,
    );
  if (proof.assessor) parts.push(`${t('assessor')}: ${proof.assessor.name}, ${proof.assessor.role}`);
  if (proof.match === 'related') parts.push(`${t('relatedSkill')}: ${proof.skill.label}`);
  if (proof.outcome && proof.outcome !== 'achieved') parts.push(text(`result_${proof.outcome}`));
  const evidence =
    proof.evidence.length > 0 ? ` — ${t('evidence')}: ${proof.evidence.map((e) => e.name).join('; ')}` : '';
  return el(
    'div',
    {
      class: 'proof',
      'data-testid': 'proof',
      'data-match': proof.match,
      ...(proof.selfDeclared === true ? { 'data-self-declared': 'true' } : {}),
    },
    parts.join(' · ') + evidence + sharingNote(sharing),
  );
}

export function renderReport(result: RequestResult): HTMLElement[] {
  const { report } = result;
  const nodes: HTMLElement[] = [];
  // The report prints on its own (style.css, @media print): no controls, black on white.
  nodes.push(
    el(
      'button',
      {
        type: 'button',
        class: 'secondary print-report',
        'data-testid': 'print-report',
        onclick: () => window.print(),
      },
      t('printReport'),
    ),
  );
  nodes.push(el('p', { class: 'status', 'data-testid': 'outcome' }, t(`outcome_${result.outcome}`)));
  if (result.receivedAt !== undefined)
    nodes.push(
      el(
        'p',
        { class: 'muted', 'data-testid': 'verified-at' },
        `${t('verifiedAt')} ${formatDateTime(new Date(result.receivedAt).toISOString())}`,
      ),
    );
  if (report.learnerName !== undefined)
    nodes.push(el('p', { 'data-testid': 'learner-name' }, `${t('candidate')}: ${report.learnerName}`));
  const warning = identityWarning(report);
  if (warning !== undefined) nodes.push(warning);
  const sharingOf = (index: number) => report.sharing?.find((s) => s.index === index);
  const c = report.match.coverage;
  nodes.push(
    el(
      'p',
      { class: 'coverage', 'data-testid': 'coverage' },
      `${t('coverage')}: ${c.proven} / ${c.required} ${t('requiredProven')} (${c.percent}%)` +
        (c.partial ? ` — ${c.partial} ${t('partially')}` : ''),
    ),
  );
  for (const line of report.match.skills) {
    const skill = el(
      'div',
      { class: 'skill', 'data-testid': 'skill-line', 'data-status': line.status, 'data-uri': line.uri },
      el('span', { class: `badge ${line.status}` }, t(`skill_${line.status}`)),
      ' ',
      el('strong', {}, line.label[pageLang()]),
      line.required ? '' : el('span', { class: 'muted' }, ` (${t('optional')})`),
      line.minimumLevel
        ? el('span', { class: 'muted' }, ` — ${t('minimumLevel')}: ${levelName(line.minimumLevel)}`)
        : '',
    );
    for (const proof of line.proofs) skill.append(renderProof(proof, sharingOf(proof.credentialIndex)));
    nodes.push(skill);
  }
  const problems = report.presentations
    .flatMap((p) => [...p.checks, ...p.credentials.flatMap((cr) => cr.checks)])
    .filter(isProblem);
  if (problems.length > 0) {
    nodes.push(
      el('h3', {}, t('checks')),
      el(
        'ul',
        { class: 'checks' },
        problems.map((ch) =>
          el('li', { class: ch.status, 'data-check': ch.id }, `${t(`check_${ch.status}`)} — ${ch.reason}`),
        ),
      ),
    );
  }
  return nodes;
}
