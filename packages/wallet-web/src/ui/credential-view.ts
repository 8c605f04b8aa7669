import {
  isSkillCredential,
  preferredLabel,
  proficiencyScale,
  type CredentialDocument,
  type ResultDescription,
  type SkillAlignment,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { formatCalendarDate, formatDate, lang, plural, t, tAny, type MessageKey } from '../i18n.js';
import { exportFile } from '../publish/export-file.js';
import type { StoredCredential } from '../store/db.js';
import { learningLabel, liveStatusBadge, row, statusOf, tStatusHelp, typeLabel } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { word } from './words.js';

type Subject = Record<string, unknown>;

/** A level's name in the learner's language where the scale is core's, with its place on the scale. */
export function levelName(scales: ResultDescription[], scaleId: string, levelId: string): string {
  const scale = scales.find((s) => s.id === scaleId);
  const index = scale?.rubricCriterionLevel?.findIndex((l) => l.id === levelId) ?? -1;
  const level = index >= 0 ? scale?.rubricCriterionLevel?.[index] : undefined;
  if (level === undefined) return levelId;
  // The default scale reads in the learner's language whatever language the credential is in.
  const local =
    scale?.id === proficiencyScale('en').id
      ? proficiencyScale(lang()).rubricCriterionLevel?.[index]?.name
      : undefined;
  return `${local ?? level.name} (${index + 1}/${scale?.rubricCriterionLevel?.length ?? 0})`;
}

function section(title: string, ...children: (Node | Node[] | null)[]): HTMLElement {
  const id = uid('sec');
  return h(
    'section',
    { 'aria-labelledby': id, class: 'detail-section' },
    h('h2', { id }, title),
    ...children,
  );
}

function resultsTable(doc: CredentialDocument, skillName: (a: SkillAlignment) => string): HTMLElement | null {
  // A development plan has no results: it proves no skill.
  if (!isSkillCredential(doc)) return null;
  const scales = doc.credentialSubject.achievement.resultDescription;
  const results = doc.credentialSubject.result;
  const skillRows = results.flatMap((r) =>
    'alignment' in r
      ? [
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, skillName(r.alignment[0])),
            h('td', {}, levelName(scales, r.resultDescription, r.achievedLevel)),
            h('td', {}, r.value === undefined ? '' : tAny(`outcome_${r.value}`, r.value)),
          ),
        ]
      : [],
  );
  const overall = results.flatMap((r) => ('alignment' in r ? [] : [r]));
  if (skillRows.length === 0 && overall.length === 0) return null;
  return section(
    t('detailResults'),
    skillRows.length === 0
      ? null
      : h(
          'table',
          { class: 'results' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('detailSkill')),
              h('th', { scope: 'col' }, t('detailLevel')),
              h('th', { scope: 'col' }, t('detailOutcome')),
            ),
          ),
          h('tbody', {}, skillRows),
        ),
    overall.length === 0
      ? null
      : h(
          'dl',
          {},
          overall.flatMap((r) =>
            row(scales.find((s) => s.id === r.resultDescription)?.name ?? t('detailOverall'), r.value),
          ),
        ),
  );
}

/** Every claim of the credential in plain language. */
function claims(credential: StoredCredential, taxonomy: SkillTaxonomy): HTMLElement[] {
  // Skills read in the learner's language where the taxonomy knows them.
  const skillName = (a: SkillAlignment): string => {
    const concept = taxonomy.get(a.targetUrl);
    return concept === undefined ? a.targetName : preferredLabel(concept, lang());
  };
  const doc = credential.document;
  const s = doc.credentialSubject as unknown as Subject & CredentialDocument['credentialSubject'];
  const achievement = doc.credentialSubject
    .achievement as CredentialDocument['credentialSubject']['achievement'] & Subject;
  const register = doc.issuer.otherIdentifier ?? [];
  const holderName = (s.identifier ?? []).find((i) => i.identityType === 'name' && !i.hashed)?.identityHash;
  const out: HTMLElement[] = [];

  out.push(
    h(
      'dl',
      { class: 'claims' },
      row(t('detailType'), typeLabel(credential)),
      row(t('detailLearning'), learningLabel(credential)),
      row(t('detailIssuer'), doc.issuer.name),
      register.flatMap((r) => row(word(r.identifierType, lang()), r.identifier)),
      row(t('detailIssuerId'), h('code', {}, doc.issuer.id)),
      row(t('detailIssued'), formatCalendarDate(doc.validFrom)),
      row(t('detailExpires'), doc.validUntil === undefined ? undefined : formatCalendarDate(doc.validUntil)),
      row(t('detailHolderName'), holderName),
      row(t('detailReceived'), formatDate(credential.receivedAt)),
    ),
  );

  const standard = achievement.standard as
    { name: string; identifier: string; version?: string; kind: string } | undefined;
  const level = achievement.qualificationLevel as { eqf?: number; nlqf?: string } | undefined;
  const load = achievement.studyLoad as { hours?: number; ects?: number } | undefined;
  const workplace = s.workplace as
    { name: string; department?: string; location?: string; sector?: string } | undefined;
  const start = typeof s.activityStartDate === 'string' ? s.activityStartDate : undefined;
  const end = typeof s.activityEndDate === 'string' ? s.activityEndDate : undefined;
  out.push(
    section(
      t('detailAchievement'),
      h(
        'dl',
        { class: 'claims' },
        row(t('detailAchievement'), achievement.name),
        row(t('detailDescription'), doc.description ?? achievement.description),
        row(t('detailCriteria'), achievement.criteria.narrative),
        row(
          t('detailStandard'),
          standard === undefined
            ? undefined
            : `${standard.name} (${tAny(`standardKind_${standard.kind}`, standard.kind)} ${standard.identifier}${standard.version === undefined ? '' : `, ${standard.version}`})`,
        ),
        row(t('detailRoute'), typeof s.route === 'string' ? tAny(`route_${s.route}`, s.route) : undefined),
        row(
          t('detailAssessmentDate'),
          typeof s.assessmentDate === 'string' ? formatCalendarDate(s.assessmentDate) : undefined,
        ),
        row(
          t('detailMethods'),
          Array.isArray(s.assessmentMethods)
            ? (s.assessmentMethods as string[]).map((m) => word(m, lang())).join(', ')
            : undefined,
        ),
        row(
          t('detailEducationLevel'),
          level === undefined
            ? undefined
            : [
                level.eqf === undefined ? '' : `EQF ${level.eqf}`,
                level.nlqf === undefined ? '' : `NLQF ${level.nlqf}`,
              ]
                .filter(Boolean)
                .join(' · '),
        ),
        row(
          t('detailStudyLoad'),
          load === undefined
            ? undefined
            : [
                load.hours === undefined ? '' : plural('hours', load.hours),
                load.ects === undefined ? '' : t('ects', { n: load.ects }),
              ]
                .filter(Boolean)
                .join(' · '),
        ),
        row(
          t('detailAssessmentType'),
          typeof s.assessmentType === 'string' ? word(s.assessmentType, lang()) : undefined,
        ),
        row(
          t('detailWorkplace'),
          workplace === undefined
            ? undefined
            : [workplace.name, workplace.department, workplace.location, workplace.sector]
                .filter(Boolean)
                .join(', '),
        ),
        row(t('detailRole'), typeof s.role === 'string' ? s.role : undefined),
        row(
          t('detailPeriod'),
          start === undefined && end === undefined
            ? undefined
            : start !== undefined && end === undefined
              ? t('periodOngoing', { start: formatCalendarDate(start) })
              : `${formatCalendarDate(start)} – ${formatCalendarDate(end)}`,
        ),
        row(t('detailHoursPerWeek'), typeof s.hoursPerWeek === 'number' ? String(s.hoursPerWeek) : undefined),
      ),
      Array.isArray(s.tasks) && s.tasks.length > 0
        ? [
            h('h3', {}, t('detailTasks')),
            h(
              'ul',
              {},
              (s.tasks as string[]).map((task) => h('li', {}, task)),
            ),
          ]
        : null,
    ),
  );

  const results = resultsTable(doc, skillName);
  if (results !== null) out.push(results);

  const outcomes = achievement.learningOutcomes as
    { description: string; alignment: SkillAlignment[] }[] | undefined;
  if (outcomes !== undefined && outcomes.length > 0) {
    out.push(
      section(
        t('detailLearningOutcomes'),
        h(
          'ul',
          {},
          outcomes.map((o) =>
            h(
              'li',
              {},
              o.description,
              o.alignment.length > 0 ? ` (${o.alignment.map(skillName).join(', ')})` : '',
            ),
          ),
        ),
      ),
    );
  }

  const source = s.source as { name: string; role: string; parentOrg?: { name: string } } | undefined;
  if (source !== undefined) {
    out.push(
      section(
        t('detailAssessor'),
        h(
          'p',
          { class: 'assessor' },
          `${source.name}, ${source.role}${source.parentOrg === undefined ? '' : ` (${source.parentOrg.name})`}`,
        ),
      ),
    );
  }

  const evidence = doc.evidence ?? [];
  out.push(
    section(
      t('detailEvidence'),
      evidence.length === 0
        ? h('p', {}, t('detailEvidenceNone'))
        : h(
            'ul',
            { class: 'evidence' },
            evidence.map((e) =>
              h(
                'li',
                {},
                h('strong', {}, e.name),
                ` (${word(e.genre, lang())})`,
                e.description === undefined ? '' : ` — ${e.description}`,
                e.narrative === undefined ? '' : ` ${e.narrative}`,
              ),
            ),
          ),
    ),
  );
  return out;
}

/**
 * The credential as a file, exactly as issued: its Open Badges 3.0 credential where the wallet
 * holds it, else the token it holds, said plainly.
 */
function exportSection(credential: StoredCredential): HTMLElement {
  const file = exportFile(credential);
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const helpId = uid('export');
  return section(
    t('exportTitle'),
    h(
      'p',
      {},
      h(
        'a',
        {
          href: url,
          download: file.name,
          class: 'button',
          'data-testid': 'export-credential',
          'data-format': file.format,
          'aria-describedby': helpId,
        },
        t(`exportButton_${file.format}` as MessageKey),
      ),
    ),
    h(
      'p',
      { id: helpId, class: 'help' },
      t(`exportHelp_${file.format}` as MessageKey, {
        issuer: credential.document.issuer.name,
        file: file.name,
      }),
    ),
  );
}

/** One credential, every claim in plain language; export; delete with confirmation. */
export async function credentialView(ctx: WalletContext, main: HTMLElement, id: string): Promise<void> {
  const credential = await ctx.db.credential(id);
  if (credential === undefined) {
    ctx.navigate('#/passport');
    return;
  }
  const help = h('p', { class: 'status-help' });
  const badge = liveStatusBadge(ctx, credential, (status) => {
    help.textContent = tStatusHelp(status.state) ?? '';
  });
  void statusOf(ctx, credential).then((status) => {
    help.textContent = tStatusHelp(status.state) ?? '';
  });

  const dialogTitle = uid('dialog');
  const dialog = h(
    'dialog',
    { 'aria-labelledby': dialogTitle, class: 'confirm' },
    h('h2', { id: dialogTitle }, t('deleteConfirmTitle', { name: credential.document.name })),
    h('p', {}, t('deleteConfirmText')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('cancel')),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            void ctx.db.deleteCredential(credential.id).then(() => {
              dialog.close();
              ctx.statuses.delete(credential.id);
              ctx.navigate('#/passport');
              ctx.announce(t('deleted', { name: credential.document.name }));
            });
          },
        },
        t('deleteConfirm'),
      ),
    ),
  );

  replaceChildren(
    main,
    h('p', {}, h('a', { href: '#/passport', class: 'back' }, `← ${t('backToPassport')}`)),
    h('h1', { tabindex: -1 }, credential.document.name),
    h('p', { class: 'detail-status' }, `${t('detailStatus')}: `, badge),
    help,
    // A development plan's detail leads to the plan and its progress.
    credential.type === 'DevelopmentPlanCredential'
      ? h(
          'p',
          { class: 'plan-link' },
          h(
            'a',
            {
              href: `#/plan/${encodeURIComponent(credential.id)}`,
              class: 'button',
              'data-testid': 'open-plan',
            },
            t('planCredentialLink'),
          ),
        )
      : null,
    claims(credential, ctx.taxonomy),
    exportSection(credential),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'danger', onclick: () => dialog.showModal() },
        t('deleteCredential'),
      ),
    ),
    dialog,
  );
}
