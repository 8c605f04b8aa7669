// The page's language (stored choice, else the browser's), its texts and its dates.
import { proficiencyScale, type Lang } from '@skills-passport/core';
import { TEXT, isTextKey, type TextKey } from './i18n.js';

const LANG_STORE = 'sp-lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_STORE);
  if (stored === 'nl' || stored === 'en') return stored;
  return navigator.language.startsWith('nl') ? 'nl' : 'en';
}

let lang: Lang = initialLang();

export function pageLang(): Lang {
  return lang;
}

/** Switches between Dutch and English and remembers the choice. */
export function toggleLang(): void {
  lang = lang === 'nl' ? 'en' : 'nl';
  localStorage.setItem(LANG_STORE, lang);
}

export function t(key: TextKey): string {
  return TEXT[lang][key];
}

/** A label with its `{name}` places filled in ("Remove {skill}" → "Remove lift heavy weights"). */
export function fill(key: TextKey, values: Readonly<Record<string, string>>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The label for a key from the markup or the server; an unknown key shows as itself. */
export function text(key: string): string {
  return isTextKey(key) ? t(key) : key;
}

/** The name of a level (1 = lowest) of core's default proficiency scale. */
export function levelName(rank: number): string {
  return proficiencyScale(lang).rubricCriterionLevel?.[rank - 1]?.name ?? String(rank);
}

const locale = (): string => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(locale(), { year: 'numeric', month: 'long', day: 'numeric' });
}

/** A moment as a date and a time of day ("14 december 2026 om 11:30"), in the page's language. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(locale(), { dateStyle: 'long', timeStyle: 'short' });
}

/** A number of days, in words ("1 dag", "7 dagen"). */
export function daysText(days: number): string {
  const one = new Intl.PluralRules(locale()).select(days) === 'one';
  return `${days} ${t(one ? 'day' : 'days')}`;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(locale());
}

/**
 * A date the issuer wrote (an assessment, an issuance), as the calendar day it wrote: an
 * assessment on 26 November (2026-11-26T00:00:00+01:00) is not shown as 25 November west of it.
 */
export function formatCalendarDate(iso: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (day === null) return formatDate(iso);
  return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)).toLocaleDateString(
    locale(),
    { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  );
}
