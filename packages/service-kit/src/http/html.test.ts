import { describe, expect, it } from '@jest/globals';
import { escapeHtml, pageLanguage } from './html.js';

const asked = (lang: unknown, acceptLanguage?: string) => ({
  query: lang === undefined ? {} : { lang },
  headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
});

describe('escapeHtml', () => {
  it('escapes the five characters that end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
    expect(escapeHtml('Zorggroep Oost — cliënt')).toBe('Zorggroep Oost — cliënt');
  });
});

describe('pageLanguage', () => {
  it('takes ?lang= first, when it names one of ours', () => {
    expect(pageLanguage(asked('en', 'nl-NL'), 'nl')).toBe('en');
    expect(pageLanguage(asked('nl', 'en-GB'), 'en')).toBe('nl');
    expect(pageLanguage(asked('de', 'en-GB'), 'nl')).toBe('en');
    expect(pageLanguage(asked(['en', 'nl'], undefined), 'nl')).toBe('nl');
  });

  it('then Accept-Language by weight, Dutch or English only', () => {
    expect(pageLanguage(asked(undefined, 'de-DE,en;q=0.5,nl;q=0.8'), 'en')).toBe('nl');
    expect(pageLanguage(asked(undefined, 'en-US,nl;q=0.9'), 'nl')).toBe('en');
    expect(pageLanguage(asked(undefined, 'nl;q=0,en;q=0.1'), 'nl')).toBe('en');
    expect(pageLanguage(asked(undefined, 'nl-BE;q=0.7,en;q=0.7'), 'en')).toBe('nl');
  });

  it('else the page’s own fallback', () => {
    expect(pageLanguage(asked(undefined, undefined), 'nl')).toBe('nl');
    expect(pageLanguage(asked(undefined, 'fr-FR,de'), 'en')).toBe('en');
    expect(pageLanguage(asked(undefined, ';;;,q=,'), 'nl')).toBe('nl');
  });
});
