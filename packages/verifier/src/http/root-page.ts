import { pageLanguage } from '@skills-passport/service-kit';
import { Router } from 'express';

// The service root, for a person who opens the verifier's address: where to go from here (the
// employer page, the public verification page, the API description). Both
// languages on one page (each marked with its own `lang`), so it needs no script and no cookie;
// the page the Accept-Language header prefers comes first. Its style is a file of its own because
// the pages' CSP allows no inline style; the empty icon spares browsers a 404 for /favicon.ico.

interface RootWords {
  heading: string;
  intro: string;
  employer: string;
  employerWhat: string;
  verify: string;
  verifyWhat: string;
  api: string;
  apiWhat: string;
}

const WORDS: Record<'nl' | 'en', RootWords> = {
  nl: {
    heading: 'Skills Passport — verifier',
    intro: 'Deze dienst controleert vaardigheidsbewijzen die kandidaten vanuit hun wallet delen.',
    employer: 'Werkgeverspagina',
    employerWhat: 'vraag kandidaten om vaardigheden en lees het gecontroleerde rapport',
    verify: 'Bewijs controleren',
    verifyWhat: 'sleep of plak een bewijs en zie of het echt en geldig is, zonder account',
    api: 'API-beschrijving (OpenAPI)',
    apiWhat: 'voor koppelingen met andere systemen',
  },
  en: {
    heading: 'Skills Passport — verifier',
    intro: 'This service checks the proofs of skills that candidates share from their wallet.',
    employer: 'Employer page',
    employerWhat: 'ask candidates for skills and read the verified report',
    verify: 'Verify a credential',
    verifyWhat: 'drop or paste a credential and see whether it is genuine and valid, without an account',
    api: 'API description (OpenAPI)',
    apiWhat: 'for integrations with other systems',
  },
};

const STYLE = `body{font-family:system-ui,sans-serif;color:#1d2433;background:#f5f7fb;margin:0 auto;max-width:40rem;padding:1rem}
section{background:#fff;border:1px solid #d9dee8;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem}
a{color:#2354c6;display:inline-block;min-height:24px;padding:.2rem 0}
`;

function section(lang: 'nl' | 'en', level: 'h1' | 'h2'): string {
  const w = WORDS[lang];
  return `<section lang="${lang}">
<${level}>${w.heading}</${level}>
<p>${w.intro}</p>
<ul>
<li><a href="/employer/">${w.employer}</a> — ${w.employerWhat}</li>
<li><a href="/verify/">${w.verify}</a> — ${w.verifyWhat}</li>
<li><a href="/openapi.json">${w.api}</a> — ${w.apiWhat}</li>
</ul>
</section>`;
}

/** The page in both languages, `first` leading (and naming the document's language). */
export function rootPage(first: 'nl' | 'en'): string {
  const second = first === 'nl' ? 'en' : 'nl';
  return `<!doctype html>
<html lang="${first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${WORDS[first].heading}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/root.css">
</head>
<body>
<main>
${section(first, 'h1')}
${section(second, 'h2')}
</main>
</body>
</html>
`;
}

/** GET / — the service's start page (200 text/html); GET /root.css — its style (200 text/css). */
export function rootRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res
      .set('Vary', 'Accept-Language')
      .type('html')
      .send(rootPage(pageLanguage(req, 'nl')));
  });
  router.get('/root.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(STYLE);
  });
  return router;
}
