// How long a new request stays open: the employer picks a number of days (a week unless they
// choose otherwise), and sees the moment it ends, in the page's language.
import { $, el, selectBox } from './dom.js';
import { daysText, formatDateTime, t } from './locale.js';

const DAY_SECONDS = 86_400;
/** The choices, in days; the verifier takes one minute to 30 days (REQUEST_LIFETIME). */
const CHOICES = [1, 3, 7, 14, 30];
const DEFAULT_DAYS = 7;

const select = (): HTMLSelectElement => selectBox('request-lifetime');

function showUntil(): void {
  const until = new Date(Date.now() + lifetimeSeconds() * 1000).toISOString();
  $('lifetime-until').textContent = `${t('openUntil')} ${formatDateTime(until)}`;
}

/** Writes the choices in the page's language, keeping the one made. */
export function renderLifetime(): void {
  const chosen = select().value || String(DEFAULT_DAYS * DAY_SECONDS);
  select().replaceChildren(
    ...CHOICES.map((days) => el('option', { value: String(days * DAY_SECONDS) }, daysText(days))),
  );
  select().value = chosen;
  showUntil();
}

/** The lifetime chosen, in seconds. */
export function lifetimeSeconds(): number {
  return Number(select().value) || DEFAULT_DAYS * DAY_SECONDS;
}

/** Back to a week, for the next request. */
export function resetLifetime(): void {
  select().value = String(DEFAULT_DAYS * DAY_SECONDS);
  showUntil();
}

export function wireLifetime(): void {
  select().addEventListener('change', showUntil);
}
