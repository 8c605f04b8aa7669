// Publishing the vacancy being composed as a public link (its skills query, no request in it): the
// page link with its QR code and a copy button, and the employer's vacancies with "Withdraw".
import { listVacancies, publishVacancy, withdrawVacancy } from './api.js';
import type { VacancyView } from './api-types.js';
import { $, anchor, el, image, input, rowButton } from './dom.js';
import { fill, formatDate, t } from './locale.js';
import { lifetimeSeconds } from './request-lifetime.js';
import { requestedSkills } from './skill-picker.js';

let shown: VacancyView | undefined;

function renderShown(): void {
  const vacancy = shown;
  $('vacancy').hidden = vacancy === undefined;
  if (vacancy === undefined) return;
  $('vacancy-title').textContent = vacancy.title;
  const qr = image('vacancy-qr');
  qr.src = `/api/vacancies/${encodeURIComponent(vacancy.id)}/qr.svg`;
  qr.alt = t('vacancyQrAlt');
  const link = anchor('vacancy-link');
  link.href = vacancy.page;
  link.textContent = vacancy.page;
}

/** The employer's vacancies, newest first, each with its state and, while published, "Withdraw". */
export async function loadVacancies(): Promise<void> {
  const vacancies = await listVacancies();
  $('vacancies').hidden = false;
  $('no-vacancies').hidden = vacancies.length > 0;
  $('vacancy-list').replaceChildren(
    ...vacancies.map((v) => {
      const status = v.status ?? 'published';
      return el(
        'li',
        { 'data-id': v.id },
        el('span', { class: 'skill-name' }, el('a', { href: v.page }, v.title)),
        el(
          'span',
          { class: 'muted' },
          status === 'published'
            ? fill('vacancy_published', { date: formatDate(v.expiresAt) })
            : t(`vacancy_${status}`),
        ),
        ...(status === 'published'
          ? [rowButton(t('withdraw'), fill('withdrawVacancy', { title: v.title }), () => void withdraw(v.id))]
          : []),
      );
    }),
  );
}

async function withdraw(id: string): Promise<void> {
  try {
    await withdrawVacancy(id);
    if (shown?.id === id) {
      shown = undefined;
      renderShown();
    }
  } finally {
    await loadVacancies();
  }
}

async function onPublish(): Promise<void> {
  $('create-error').textContent = '';
  const title = input('request-title');
  if (!title.reportValidity()) return;
  const skills = requestedSkills();
  if (skills.length === 0) {
    $('create-error').textContent = t('noSkills');
    return;
  }
  try {
    // The lifetime chosen for a request is how long each request made from the vacancy stays open.
    shown = await publishVacancy(title.value, skills, lifetimeSeconds(), input('ask-for-name').checked);
    $('copy-status').textContent = '';
    renderShown();
    $('vacancy').scrollIntoView({ block: 'nearest' });
    void loadVacancies();
  } catch (error) {
    $('create-error').textContent = error instanceof Error ? error.message : String(error);
  }
}

async function onCopy(): Promise<void> {
  if (shown === undefined) return;
  try {
    await navigator.clipboard.writeText(shown.page);
    $('copy-status').textContent = t('copied');
  } catch {
    $('copy-status').textContent = t('copyFailed');
  }
}

/** Shows the vacancy again (in a new language). */
export function rerenderVacancy(): void {
  renderShown();
}

/** Hides everything of the vacancies (on signing out). */
export function closeVacancies(): void {
  shown = undefined;
  renderShown();
  $('vacancies').hidden = true;
  $('vacancy-list').replaceChildren();
}

export function wireVacancies(): void {
  $('publish-vacancy').addEventListener('click', () => void onPublish());
  $('copy-vacancy').addEventListener('click', () => void onCopy());
}
