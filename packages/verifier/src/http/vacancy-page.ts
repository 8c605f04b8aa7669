import { SkillsPassportError } from '@skills-passport/core';
import { escapeHtml, htmlPage, languageLink, pageLanguage } from '@skills-passport/service-kit';
import type { Request, Response } from 'express';
import { vacancyLinks, viewVacancy, type PublicVacancy, type VacancyContext } from '../domain/vacancies.js';

// A published vacancy's public page, rendered here (no script, no cookie): what the employer asks,
// and how to check the fit in a wallet before sharing anything. Its style is /vacancy.css because
// the pages' CSP allows no inline style. NL or EN by `?lang=`, else by Accept-Language.

type Lang = 'nl' | 'en';

const WORDS = {
  nl: {
    employer: 'Werkgever',
    purpose: 'Waarom',
    skills: 'Gevraagde vaardigheden',
    required: 'vereist',
    optional: 'gewenst',
    level: 'minimaal niveau',
    levels: ['Beginner', 'Basis', 'Gevorderd', 'Expert'],
    expires: 'Open tot',
    fit: 'Bekijk in je wallet of je past',
    fitWhat:
      'Je wallet vergelijkt deze vacature met je eigen bewijzen, op je eigen apparaat. Er wordt niets gedeeld tot je daar zelf voor kiest.',
    paste: 'Plak deze link in je wallet',
    open: 'Open in mijn wallet',
    unknown: 'Deze vacature bestaat niet.',
    withdrawn: 'Deze vacature is ingetrokken of verlopen.',
    title: 'Vacature',
  },
  en: {
    employer: 'Employer',
    purpose: 'Why',
    skills: 'Skills asked for',
    required: 'required',
    optional: 'optional',
    level: 'minimum level',
    levels: ['Beginner', 'Basic', 'Proficient', 'Expert'],
    expires: 'Open until',
    fit: 'Check your fit in your wallet',
    fitWhat:
      'Your wallet compares this vacancy with your own credentials, on your own device. Nothing is shared until you choose to.',
    paste: 'Paste this link into your wallet',
    open: 'Open in my wallet',
    unknown: 'There is no such vacancy.',
    withdrawn: 'This vacancy was withdrawn or has expired.',
    title: 'Vacancy',
  },
} as const;

export const VACANCY_STYLE = `body{font-family:system-ui,sans-serif;color:#1d2433;background:#f5f7fb;margin:0 auto;max-width:44rem;padding:1rem;line-height:1.5}
section{background:#fff;border:1px solid #d9dee8;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:.2rem 0 .5rem}
a{color:#2354c6}
.lang{text-align:right;margin:0}
.lang a{display:inline-block;min-height:24px;padding:.2rem 0}
ul.skills{padding-left:1.2rem}
.tag{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;background:#e7ecf6;color:#1d2433}
.tag.required{background:#1d4f91;color:#fff}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input{box-sizing:border-box;width:100%;font:inherit;padding:.4rem;border:1px solid #6b7385;border-radius:4px}
a.button{display:inline-block;margin-top:.75rem;background:#1d4f91;color:#fff;text-decoration:none;padding:.55rem 1rem;border-radius:6px;min-height:24px}
a.button:focus,a.button:hover{background:#143a6c}
`;

function shell(lang: Lang, title: string, path: string, body: string): string {
  return htmlPage({
    lang,
    title,
    meta: { robots: 'noindex' },
    links: [
      ['icon', 'data:,'],
      ['stylesheet', '/vacancy.css'],
    ],
    main: `<p class="lang">${languageLink(lang, { path })}</p>\n${body}`,
  });
}

function date(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
}

/** The page of a published vacancy, in `lang`. */
export function vacancyHtml(vacancy: PublicVacancy, lang: Lang, apiUrl: string, walletUrl?: URL): string {
  const w = WORDS[lang];
  const skills = vacancy.skills
    .map((skill) => {
      const level =
        skill.minLevel === undefined
          ? ''
          : ` — ${w.level}: ${w.levels[skill.minLevel - 1] ?? String(skill.minLevel)}`;
      return `<li><span lang="${lang}">${escapeHtml(skill.label[lang])}</span> <span class="tag${skill.required ? ' required' : ''}">${skill.required ? w.required : w.optional}</span>${level}</li>`;
    })
    .join('\n');
  const wallet =
    walletUrl === undefined
      ? ''
      : `<p><a class="button" href="${escapeHtml(new URL(`?vacancy=${encodeURIComponent(apiUrl)}`, walletUrl).href)}">${w.open}</a></p>`;
  const body = `<section>
<p>${w.title}</p>
<h1>${escapeHtml(vacancy.title)}</h1>
<p><strong>${w.employer}:</strong> ${escapeHtml(vacancy.employer.name)}</p>
${vacancy.purpose === '' ? '' : `<p><strong>${w.purpose}:</strong> ${escapeHtml(vacancy.purpose)}</p>`}
<h2>${w.skills}</h2>
<ul class="skills">
${skills}
</ul>
<p><strong>${w.expires}:</strong> <time datetime="${vacancy.expiresAt}">${date(vacancy.expiresAt, lang)}</time></p>
</section>
<section>
<h2>${w.fit}</h2>
<p>${w.fitWhat}</p>
<label for="vacancy-link">${w.paste}</label>
<input id="vacancy-link" type="text" readonly value="${escapeHtml(apiUrl)}">
${wallet}
</section>`;
  return shell(lang, `${vacancy.title} — ${w.title}`, `/vacancies/${vacancy.id}`, body);
}

/** Renders GET /vacancies/:id: the vacancy, or a short page saying why there is none (404 / 410). */
export async function vacancyPage(
  req: Request,
  res: Response,
  ctx: VacancyContext,
  walletUrl: URL | undefined,
): Promise<void> {
  const lang = pageLanguage(req, 'nl');
  const id = typeof req.params.id === 'string' ? req.params.id : '';
  res.set({ Vary: 'Accept-Language', 'Cache-Control': 'public, max-age=60' }).type('html');
  try {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id))
      throw new SkillsPassportError('ERR_VACANCY_UNKNOWN', 'There is no vacancy at this link.');
    const vacancy = await viewVacancy(id, ctx);
    res.send(vacancyHtml(vacancy, lang, vacancyLinks(id, ctx.publicUrl).url, walletUrl));
  } catch (error) {
    if (!(error instanceof SkillsPassportError)) throw error;
    if (error.code !== 'ERR_VACANCY_UNKNOWN' && error.code !== 'ERR_VACANCY_WITHDRAWN') throw error;
    const unknown = error.code === 'ERR_VACANCY_UNKNOWN';
    const message = unknown ? WORDS[lang].unknown : WORDS[lang].withdrawn;
    res
      .status(unknown ? 404 : 410)
      .set('Cache-Control', 'no-store')
      .send(
        shell(
          lang,
          WORDS[lang].title,
          `/vacancies/${encodeURIComponent(id)}`,
          `<section><h1>${WORDS[lang].title}</h1><p>${message}</p></section>`,
        ),
      );
  }
}
