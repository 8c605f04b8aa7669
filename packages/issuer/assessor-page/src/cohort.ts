// A cohort upload: a CSV of learners with the issue form's content, then its progress, the refused
// lines and the offer links to download.
import { cohortOffersCsv, cohortProgress, guarded, signedInKey, uploadCohort } from './api.js';
import type { BatchView, Issue } from './api-types.js';
import { currentType } from './credential-kind.js';
import { $, button, el, form, input, progress } from './dom.js';
import { currentCredential } from './form-values.js';
import { t } from './locale.js';

let batch: BatchView | null = null;
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

function showCohortErrors(issues: readonly Issue[]): void {
  const box = $('cohort-errors');
  listIn(box).replaceChildren(...issues.map((issue) => el('li', {}, issue.message)));
  box.hidden = false;
  box.focus();
}

const showCohortError = (message: string) => showCohortErrors([{ pointer: '', message }]);

async function submitCohort(): Promise<void> {
  $('cohort-errors').hidden = true;
  const file = input('cohort-file').files?.[0];
  if (file === undefined) {
    showCohortErrors([{ pointer: '/csv', message: t('cohortNoFile') }]);
    return;
  }
  const submit = button('cohort-submit');
  submit.disabled = true;
  submit.textContent = t('cohortUploading');
  try {
    await guarded(async () => {
      const csv = await file.text();
      const reply = await uploadCohort({
        type: currentType(),
        credential: currentCredential(),
        csv,
        offer: { txCode: input('pin').checked },
      });
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
        entry.issues.map((issue) => issue.message).join(' '),
      ),
    ),
  );
  $('cohort-download').hidden = !done || next.valid === 0;
  $('cohort-show').hidden = !done;
}

/** Shows the cohort's progress again (in a new language). */
export function rerenderBatch(): void {
  if (batch !== null) renderBatch(batch);
}

async function downloadOffers(): Promise<void> {
  const id = batch?.id;
  if (id === undefined) return;
  const url = await cohortOffersCsv(id);
  const link = el('a', { href: url, download: `offers-${id}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/** Forgets the cohort (on sign-out). */
export function resetCohort(): void {
  clearTimeout(pollTimer);
  batch = null;
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
  $('cohort-download').addEventListener('click', () => void guarded(downloadOffers, showCohortError));
  $('cohort-show').addEventListener('click', () => {
    if (batch !== null) showInList(batch.id);
  });
}
