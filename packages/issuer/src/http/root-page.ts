import { htmlPage, languageLink, pageLanguage } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';

type Lang = 'nl' | 'en';

const TEXT: Record<Lang, { title: string; intro: string; assessor: string; api: string }> = {
  nl: {
    title: 'Skills Passport — uitgever',
    intro:
      'Deze dienst geeft verifieerbare bewijzen van vaardigheden uit (OpenID4VCI) en trekt ze zo nodig in.',
    assessor: 'Assessorpagina: inloggen, bewijzen uitgeven, cohorten uploaden, intrekken',
    api: 'API-beschrijving (OpenAPI 3.1, JSON) voor koppelingen',
  },
  en: {
    title: 'Skills Passport — issuer',
    intro: 'This service issues verifiable credentials of skills (OpenID4VCI) and revokes them when needed.',
    assessor: 'Assessor page: sign in, issue credentials, upload cohorts, revoke',
    api: 'API description (OpenAPI 3.1, JSON) for integrations',
  },
};

function html(lang: Lang): string {
  const t = TEXT[lang];
  return htmlPage({
    lang,
    title: t.title,
    main: `<h1>${t.title}</h1>
<p>${t.intro}</p>
<ul>
<li><a href="/assessor/">${t.assessor}</a></li>
<li><a href="/openapi.json" type="application/json">${t.api}</a></li>
</ul>
<p>${languageLink(lang, { path: '/' })}</p>`,
  });
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
    res.type('html').send(pages[pageLanguage(req, 'en')]);
  };
}
