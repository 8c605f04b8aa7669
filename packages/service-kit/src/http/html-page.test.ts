import { describe, expect, it } from '@jest/globals';
import { htmlPage, languageLink } from './html-page.js';

describe('htmlPage', () => {
  it('frames <main> with the language, the escaped title, meta before it and links after it', () => {
    expect(
      htmlPage({
        lang: 'en',
        title: 'Tom & Jerry',
        meta: { robots: 'noindex', referrer: 'no-referrer' },
        links: [
          ['icon', 'data:,'],
          ['stylesheet', '/page.css'],
        ],
        main: '<h1>Hello</h1>',
      }),
    ).toBe(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Tom &amp; Jerry</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
</head>
<body>
<main>
<h1>Hello</h1>
</main>
</body>
</html>
`);
  });

  it('needs no meta or links', () => {
    expect(htmlPage({ lang: 'nl', title: 'Kop', main: '' })).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Kop</title>\n</head>',
    );
  });
});

describe('languageLink', () => {
  it('links to the page in the other language, named and marked in that language', () => {
    expect(languageLink('nl')).toBe('<a href="?lang=en" lang="en" hreflang="en">English</a>');
    expect(languageLink('en', { path: '/' })).toBe(
      '<a href="/?lang=nl" lang="nl" hreflang="nl">Nederlands</a>',
    );
  });

  it('escapes the path and carries a class', () => {
    expect(languageLink('en', { path: '/a"b', class: 'target' })).toBe(
      '<a class="target" href="/a&quot;b?lang=nl" lang="nl" hreflang="nl">Nederlands</a>',
    );
  });
});
