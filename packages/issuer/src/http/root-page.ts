import type { Request, RequestHandler } from 'express';

type Lang = 'nl' | 'en';

const TEXT: Record<Lang, { title: string; intro: string; assessor: string; api: string; other: string }> = {
  nl: {
    title: 'Skills Passport — uitgever',
    intro:
      'Deze dienst geeft verifieerbare bewijzen van vaardigheden uit (OpenID4VCI) en trekt ze zo nodig in.',
    assessor: 'Assessorpagina: inloggen, bewijzen uitgeven, cohorten uploaden, intrekken',
    api: 'API-beschrijving (OpenAPI 3.1, JSON) voor koppelingen',
    other: 'English',
  },
  en: {
    title: 'Skills Passport — issuer',
    intro: 'This service issues verifiable credentials of skills (OpenID4VCI) and revokes them when needed.',
    assessor: 'Assessor page: sign in, issue credentials, upload cohorts, revoke',
    api: 'API description (OpenAPI 3.1, JSON) for integrations',
    other: 'Nederlands',
  },
};

/**
 * The language a person asked for: `?lang=` first (the page's own switch), then the first of
 * Accept-Language's ranges by weight that is Dutch or English; English when neither is named.
 */
export function rootLanguage(req: Pick<Request, 'query' | 'headers'>): Lang {
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
  return (ranges[0]?.primary as Lang | undefined) ?? 'en';
}

function html(lang: Lang): string {
  const t = TEXT[lang];
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<ul>
<li><a href="/assessor/">${t.assessor}</a></li>
<li><a href="/openapi.json" type="application/json">${t.api}</a></li>
</ul>
<p><a href="/?lang=${other}" lang="${other}" hreflang="${other}">${t.other}</a></p>
</main>
</body>
</html>
`;
}

/**
 * GET / — where a person who opens the service's root lands: a short page in Dutch or English
 * (Accept-Language, or `?lang=nl|en`) leading to the assessor page and the API description. It
 * needs no script or style, so the service's strict API policy (helmet's, `default-src 'none'`)
 * serves it unchanged. Mounted as middleware like the assessor page: a page, not part of the API.
 * Every other path still falls through to the app's problem+json 404.
 */
export function rootPage(): RequestHandler {
  const pages: Record<Lang, string> = { nl: html('nl'), en: html('en') };
  return (req, res, next) => {
    if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    res.set('Vary', 'Accept-Language').set('Cache-Control', 'no-cache');
    res.type('html').send(pages[rootLanguage(req)]);
  };
}
