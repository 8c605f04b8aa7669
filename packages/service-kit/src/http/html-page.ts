// The frame every server-rendered page of the services shares (a root page, the claim page, the
// vacancy page): the document around its <main>, and the link to the same page in the other language.
import { escapeHtml, type PageLang } from './html.js';

/** What makes one page: its language, title, head extras and the HTML inside its <main>. */
export interface HtmlPage {
  readonly lang: PageLang;
  /** Plain text: escaped here. */
  readonly title: string;
  /** `<meta name content>` pairs written before the title, e.g. `{ robots: 'noindex' }`. */
  readonly meta?: Readonly<Record<string, string>>;
  /** `<link rel href>` pairs written after the title (an icon, a stylesheet), in this order. */
  readonly links?: readonly (readonly [rel: string, href: string])[];
  /** The contents of <main>, already HTML. */
  readonly main: string;
}

/** The whole document of a server-rendered page. */
export function htmlPage(page: HtmlPage): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...Object.entries(page.meta ?? {}).map(
      ([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">`,
    ),
    `<title>${escapeHtml(page.title)}</title>`,
    ...(page.links ?? []).map(([rel, href]) => `<link rel="${escapeHtml(rel)}" href="${escapeHtml(href)}">`),
  ];
  return `<!doctype html>
<html lang="${page.lang}">
<head>
${head.join('\n')}
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>
`;
}

/** Each language named in itself, as a switch to it is labelled. */
const LANGUAGE_NAMES: Readonly<Record<PageLang, string>> = { nl: 'Nederlands', en: 'English' };

/**
 * The link to this page in the other language: `<path>?lang=<other>` (the `?lang=` that
 * `pageLanguage` reads first), labelled with that language's own name and marked as being in it.
 */
export function languageLink(lang: PageLang, options: { path?: string; class?: string } = {}): string {
  const other: PageLang = lang === 'nl' ? 'en' : 'nl';
  const cls = options.class === undefined ? '' : ` class="${escapeHtml(options.class)}"`;
  const href = `${escapeHtml(options.path ?? '')}?lang=${other}`;
  return `<a${cls} href="${href}" lang="${other}" hreflang="${other}">${LANGUAGE_NAMES[other]}</a>`;
}
