// The page's language: chosen once (stored choice, else the browser's), changed by the selector.
import type { Lang } from '@skills-passport/core';
import { format, isTextKey, type TextKey, type TextVars } from './i18n.js';

const LANG_STORE = 'sp-assessor-lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_STORE);
  if (stored === 'nl' || stored === 'en') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (tag.toLowerCase().startsWith('nl')) return 'nl';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'nl';
}

let lang: Lang = initialLang();

/** The language the page speaks. */
export function pageLang(): Lang {
  return lang;
}

/** Switches the page's language and remembers the choice. */
export function setPageLang(next: Lang): void {
  lang = next;
  localStorage.setItem(LANG_STORE, next);
}

/** The text for `key` in the page's language, with `{name}` placeholders filled in. */
export function t(key: TextKey, vars?: TextVars): string {
  return format(lang, key, vars);
}

/** The text for a key the markup names (`data-i18n`); an unknown key shows as itself. */
export function text(key: string): string {
  return isTextKey(key) ? t(key) : key;
}

/** A moment as a date and time in the page's language. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
