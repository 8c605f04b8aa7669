// A cohort upload: the content every learner gets (the content fields, shown on this tab), a CSV of
// learners — with a template to start from and a preview of its first lines — then its progress,
// the refused lines and the offer links to download.
import {
  cohortOffersCsv,
  cohortProgress,
  cohortTemplateCsv,
  guarded,
  previewCohort,
  signedInKey,
  uploadCohort,
  type CohortRequest,
} from './api.js';
import type { BatchView, CohortPreview, Issue } from './api-types.js';
import { currentType } from './credential-kind.js';
import { $, announce, button, el, form, input, progress } from './dom.js';
import { clearErrors, describeAtField, pageIssue, showErrors } from './field-errors.js';
import { rowWords } from './plain-words.js';
import { currentCredential, formProblems } from './form-values.js';
import { pageLang, t } from './locale.js';

let batch: BatchView | null = null;
let preview: CohortPreview | null = null;
/** Counts previews, so an answer that arrives after a newer request is dropped. */
let previewRun = 0;
let pollTimer: ReturnType<typeof setTimeout> | undefined;

function listIn(box: HTMLElement): HTMLUListElement {
  const list = box.querySelector('ul');
  if (list === null) throw new Error(`#${box.id} has no list`);
  return list;
}

/** Names the content every learner of the cohort gets: the issue form's type and title. */
export function renderCohortCommon(): void {
  const title = input('title').value.trim();
  $('cohort-common').textContent = t('cohortCommon', {
    type: t(`type.${currentType()}`),
    title: title === '' ? t('cohortNoTitle') : title,
  });
}

/** Each issue at its field of the cohort form (content or file), all of them in the summary. */
function showCohortErrors(issues: readonly Issue[]): void {
  showErrors(issues, { form: 'cohort-form', summary: 'cohort-errors' });
}

async function request(file: File): Promise<CohortRequest> {
  return {
    type: currentType(),
    credential: currentCredential(),
    csv: await file.text(),
    offer: { txCode: input('pin').checked },
  };
}

/** A row's problems in the assessor's words, each once. */
function rowMessages(issues: readonly Issue[]): string[] {
  const messages = issues.map((issue) => {
    const key = rowWords(issue);
    if (key !== undefined) return t(key);
    return describeAtField('cohort-form', issue) ?? issue.message;
  });
  return [...new Set(messages)];
}

function renderPreview(): void {
  const box = $('cohort-preview');
  box.hidden = preview === null;
  if (preview === null) return;
  $('cohort-preview-summary').textContent = t('cohortPreviewSummary', {
    shown: preview.rows.length,
    total: preview.total,
    separator: t(`separator.${preview.separator}`),
  });
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, t('cohortPreviewLine')),
    ...preview.columns.map((column) => el('th', { scope: 'col' }, column)),
    el('th', { scope: 'col' }, t('cohortPreviewResult')),
  );
  const rows = preview.rows.map((row) =>
    el(
      'tr',
      { class: row.issues.length > 0 ? 'refused' : 'ok' },
      el('th', { scope: 'row' }, String(row.line)),
      ...row.cells.map((cell) => el('td', {}, cell)),
      el(
        'td',
        {},
        row.issues.length === 0
          ? t('cohortPreviewOk')
          : el('ul', {}, ...rowMessages(row.issues).map((message) => el('li', {}, message))),
      ),
    ),
  );
  $('cohort-preview-table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

/** Reads the chosen file as the upload would, and shows its first lines; nothing is issued. */
async function showPreview(): Promise<void> {
  clearErrors();
  const run = (previewRun += 1);
  preview = null;
  renderPreview();
  const file = input('cohort-file').files?.[0];
  if (file === undefined) return;
  const problems = formProblems();
  if (problems.length > 0) {
    showCohortErrors(problems);
    return;
  }
  announce(t('cohortPreviewing'));
  await guarded(async () => {
    const reply = await previewCohort(await request(file));
    if (run !== previewRun) return;
    if (!reply.ok) {
      showCohortErrors(reply.issues);
      return;
    }
    preview = reply.value;
    renderPreview();
    announce($('cohort-preview-summary').textContent ?? '');
  }, showCohortError);
}

async function downloadTemplate(separator: 'semicolon' | 'comma'): Promise<void> {
  const type = currentType();
  const url = await cohortTemplateCsv(type, separator);
  const link = el('a', { href: url, download: `cohort-${type}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

const showCohortError = (message: string) => showCohortErrors([{ pointer: '', message }]);

async function submitCohort(): Promise<void> {
  clearErrors();
  const file = input('cohort-file').files?.[0];
  if (file === undefined) {
    showCohortErrors([pageIssue('/csv', 'cohortNoFile')]);
    return;
  }
  const problems = formProblems();
  if (problems.length > 0) {
    showCohortErrors(problems);
    return;
  }
  const submit = button('cohort-submit');
  submit.disabled = true;
  submit.textContent = t('cohortUploading');
  try {
    await guarded(async () => {
      const reply = await uploadCohort(await request(file));
      if (!reply.ok) {
        showCohortErrors(reply.issues);
        return;
      }
      clearTimeout(pollTimer);
      renderBatch(reply.value);
      if (reply.value.state !== 'done') pollBatch(reply.value.id);
    }, showCohortError);
  } finally {
    submit.disabled = false;
    submit.textContent = t('cohortUpload');
  }
}

function pollBatch(id: string): void {
  pollTimer = setTimeout(() => {
    void guarded(
      async () => {
        const reply = await cohortProgress(id);
        if (!reply.ok || signedInKey() === null) return;
        renderBatch(reply.value);
        if (reply.value.state !== 'done') pollBatch(id);
      },
      () => pollBatch(id),
    );
  }, 800);
}

function renderBatch(next: BatchView): void {
  batch = next;
  $('cohort-progress').hidden = false;
  const bar = progress('cohort-bar');
  bar.max = Math.max(next.total, 1);
  bar.value = next.processed;
  const done = next.state === 'done';
  $('cohort-progress-text').textContent = done
    ? t('cohortDone', { valid: next.valid, invalid: next.invalid })
    : t('cohortProgress', {
        processed: next.processed,
        total: next.total,
        valid: next.valid,
        invalid: next.invalid,
      });
  const report = $('cohort-report');
  report.hidden = next.report.length === 0;
  listIn(report).replaceChildren(
    ...next.report.map((entry) =>
      el(
        'li',
        {},
        el('strong', {}, `${t('cohortLine', { line: entry.line })}: `),
        rowMessages(entry.issues).join(' '),
      ),
    ),
  );
  $('cohort-download').hidden = !done || next.valid === 0;
  $('cohort-show').hidden = !done;
}

/** Shows the cohort's progress again (in a new language). */
export function rerenderBatch(): void {
  if (batch !== null) renderBatch(batch);
  renderPreview();
}

async function downloadOffers(): Promise<void> {
  const id = batch?.id;
  if (id === undefined) return;
  // A Dutch-speaking assessor most likely opens it in Dutch Excel, which splits on semicolons.
  const url = await cohortOffersCsv(id, pageLang() === 'nl' ? 'semicolon' : 'comma');
  const link = el('a', { href: url, download: `offers-${id}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/** Forgets the cohort (on sign-out). */
export function resetCohort(): void {
  clearTimeout(pollTimer);
  batch = null;
  preview = null;
  renderPreview();
  form('cohort-form').reset();
  $('cohort-progress').hidden = true;
  $('cohort-errors').hidden = true;
}

/** `showInList` narrows the credential list to the finished cohort and shows it. */
export function wireCohort(showInList: (batchId: string) => void): void {
  $('cohort-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitCohort();
  });
  $('cohort-file').addEventListener('change', () => void showPreview());
  for (const separator of ['semicolon', 'comma'] as const) {
    $(`cohort-template-${separator}`).addEventListener(
      'click',
      () => void guarded(() => downloadTemplate(separator), showCohortError),
    );
  }
  $('cohort-download').addEventListener('click', () => void guarded(downloadOffers, showCohortError));
  $('cohort-show').addEventListener('click', () => {
    if (batch !== null) showInList(batch.id);
  });
}
