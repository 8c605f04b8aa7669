// What the services' server-rendered pages (roots, the claim page, the vacancy page) and the offer
// e-mail's HTML share: escaping text for HTML, and the language a person asked for.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export type PageLang = 'nl' | 'en';

/**
 * The language a person asked for: `?lang=nl|en` first (the page's own switch), then the first of
 * Accept-Language's ranges by weight that is Dutch or English, else `fallback`.
 */
export function pageLanguage(
  req: { query: Record<string, unknown>; headers: Record<string, string | string[] | undefined> },
  fallback: PageLang,
): PageLang {
  const asked = req.query.lang;
  if (asked === 'nl' || asked === 'en') return asked;
  const ranges = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.split('-')[0], weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => (r.primary === 'nl' || r.primary === 'en') && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return (ranges[0]?.primary as PageLang | undefined) ?? fallback;
}
