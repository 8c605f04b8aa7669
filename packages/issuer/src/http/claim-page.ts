import { escapeHtml, htmlPage, languageLink, pageLanguage } from '@skills-passport/service-kit';
import { Router, type Response } from 'express';
import QRCode from 'qrcode';
import { openClaim, type ClosedClaim, type OpenClaim } from '../domain/claim.js';
import type { IssuerDeps } from '../domain/deps.js';

type Lang = 'nl' | 'en';

/**
 * The claim page's own policy: its stylesheet only (the QR code is inline SVG, which needs no
 * source); no script at all, no framing, no form.
 */
export const CLAIM_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Small and fluid: nothing wider than the screen, down to 320 px phones. */
export const CLAIM_PAGE_CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f7f9}
main{max-width:36rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
section h2{margin-top:0}
section{background:#fff;border:1px solid #d8dbe0;border-radius:.5rem;padding:1rem;margin:1rem 0}
.lead{font-size:1.1rem}
.button{display:inline-block;max-width:100%;padding:.75rem 1.25rem;border-radius:.4rem;background:#0b5cad;color:#fff;font-weight:600;text-decoration:none}
.button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.qr{width:min(16rem,100%);margin:0 auto}
.qr svg{display:block;width:100%;height:auto}
label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;max-width:100%;font:inherit;font-size:.9rem;padding:.5rem;border:1px solid #8a9099;border-radius:.3rem}
.pin{border-left:4px solid #f2a900;padding-left:.75rem}
.note{color:#4a4f57;font-size:.95rem}
nav{margin-top:2rem}
.target{display:inline-block;min-height:1.5rem;padding:.25rem 0}
`;

const TEXT = {
  nl: {
    title: 'Je bewijs ophalen',
    offers: (org: string, title: string) => `${org} biedt je een digitaal bewijs aan: \u201c${title}\u201d.`,
    webWallet: 'Met de Skills Passport-wallet',
    openWallet: 'Openen in mijn webwallet',
    webWalletHelp: 'De wallet opent in je browser en laat het bewijs zien voordat je het bewaart.',
    pin: 'Je wallet vraagt om een pincode van 6 cijfers. Die krijg je apart van je assessor, nooit per e-mail. Heb je hem niet? Vraag er dan om.',
    noPin: 'Je hebt geen pincode nodig.',
    other: 'Met een andere wallet',
    otherHelp:
      'Scan de QR-code met een wallet-app die OpenID4VCI ondersteunt, of open het aanbod in een wallet-app op dit apparaat. Je kunt de link ook kopiëren en in je wallet plakken.',
    qr: 'QR-code van het aanbod',
    openApp: 'Openen in een wallet-app op dit apparaat',
    link: 'Link van het aanbod',
    until: (when: string) => `Dit aanbod geldt tot ${when}.`,
    secret: 'Deel deze pagina met niemand: wie de link heeft, kan het bewijs ophalen.',
    closedTitle: {
      claimed: 'Dit bewijs is al opgehaald',
      withdrawn: 'Dit aanbod is ingetrokken',
      expired: 'Dit aanbod is verlopen',
      revoked: 'Dit bewijs is ingetrokken',
    },
    closedText: {
      claimed: (org: string) =>
        `Het bewijs staat al in een wallet. Was jij dat niet? Laat het ${org} weten: zij kunnen het intrekken en opnieuw aanbieden.`,
      withdrawn: (org: string) =>
        `${org} heeft dit aanbod vervangen of stopgezet. Kijk of je een nieuwere e-mail hebt, of vraag het je assessor.`,
      expired: (org: string) => `Vraag ${org} (je assessor) om het bewijs opnieuw aan te bieden.`,
      revoked: (org: string) => `${org} heeft dit bewijs ingetrokken. Vraag je assessor waarom.`,
    },
    unknownTitle: 'Geen aanbod op dit adres',
    unknownText: 'Controleer of je de hele link uit de e-mail hebt gekopieerd.',
  },
  en: {
    title: 'Collect your credential',
    offers: (org: string, title: string) => `${org} offers you a digital credential: \u201c${title}\u201d.`,
    webWallet: 'With the Skills Passport wallet',
    openWallet: 'Open in my web wallet',
    webWalletHelp: 'The wallet opens in your browser and shows you the credential before you keep it.',
    pin: 'Your wallet will ask for a 6-digit PIN code. Your assessor gives it to you separately, never by e-mail. Do you not have it? Ask for it.',
    noPin: 'You do not need a PIN code.',
    other: 'With another wallet',
    otherHelp:
      'Scan the QR code with any wallet app that supports OpenID4VCI, or open the offer in a wallet app on this device. You can also copy the link and paste it into your wallet.',
    qr: 'QR code of the offer',
    openApp: 'Open in a wallet app on this device',
    link: 'Link of the offer',
    until: (when: string) => `This offer holds until ${when}.`,
    secret: 'Share this page with no one: whoever has the link can collect the credential.',
    closedTitle: {
      claimed: 'This credential has already been collected',
      withdrawn: 'This offer was withdrawn',
      expired: 'This offer has expired',
      revoked: 'This credential was revoked',
    },
    closedText: {
      claimed: (org: string) =>
        `The credential is in a wallet already. Was that not you? Tell ${org}: they can revoke it and offer it again.`,
      withdrawn: (org: string) =>
        `${org} replaced or stopped this offer. Look for a newer e-mail, or ask your assessor.`,
      expired: (org: string) => `Ask ${org} (your assessor) to offer the credential again.`,
      revoked: (org: string) => `${org} revoked this credential. Ask your assessor why.`,
    },
    unknownTitle: 'No offer at this address',
    unknownText: 'Check that you copied the whole link from the e-mail.',
  },
} as const;

function page(lang: Lang, title: string, body: string): string {
  return htmlPage({
    lang,
    title,
    meta: { robots: 'noindex', referrer: 'no-referrer' },
    links: [['stylesheet', '/claim/claim.css']],
    main: `${body}\n<nav>${languageLink(lang, { class: 'target' })}</nav>`,
  });
}

/** The web wallet opened with this offer: `<wallet>/?credential_offer_uri=<offer URL>`. */
export function walletLink(walletUrl: URL, offerUrl: string): string {
  const url = new URL(walletUrl);
  url.search = '';
  url.searchParams.set('credential_offer_uri', offerUrl);
  return url.href;
}

async function openPage(lang: Lang, claim: OpenClaim, walletUrl: URL | undefined): Promise<string> {
  const t = TEXT[lang];
  const qr = await QRCode.toString(claim.offerUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const when = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(claim.expiresAt);
  const pin = `<p class="pin">${claim.txCodeRequired ? t.pin : t.noPin}</p>`;
  const web =
    walletUrl === undefined
      ? ''
      : `<section aria-labelledby="web-wallet">
<h2 id="web-wallet">${t.webWallet}</h2>
<p><a class="button" href="${escapeHtml(walletLink(walletUrl, claim.offerUrl))}" rel="noreferrer">${t.openWallet}</a></p>
<p class="note">${t.webWalletHelp}</p>
</section>`;
  return page(
    lang,
    t.title,
    `<h1>${t.title}</h1>
<p class="lead">${escapeHtml(t.offers(claim.organisation, claim.title))}</p>
${pin}
${web}
<section aria-labelledby="other-wallet">
<h2 id="other-wallet">${t.other}</h2>
<p>${t.otherHelp}</p>
<div class="qr" role="img" aria-label="${t.qr}">${qr}</div>
<p><a class="target" href="${escapeHtml(claim.offerUri)}" rel="noreferrer">${t.openApp}</a></p>
<label for="offer-link">${t.link}</label>
<input id="offer-link" type="text" readonly value="${escapeHtml(claim.offerUri)}">
</section>
<p>${t.until(when)}</p>
<p class="note">${t.secret}</p>`,
  );
}

function closedPage(lang: Lang, claim: ClosedClaim): string {
  const t = TEXT[lang];
  const title = t.closedTitle[claim.kind];
  return page(
    lang,
    title,
    `<h1>${title}</h1>
<p>${escapeHtml(t.closedText[claim.kind](claim.organisation))}</p>`,
  );
}

function unknownPage(lang: Lang): string {
  const t = TEXT[lang];
  return page(lang, t.unknownTitle, `<h1>${t.unknownTitle}</h1>\n<p>${t.unknownText}</p>`);
}

/** The claim URL is a secret: never cached, never sent on as a referrer, never indexed. */
function claimHeaders(res: Response): Response {
  return res
    .set('Content-Security-Policy', CLAIM_PAGE_CSP)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .set('X-Robots-Tag', 'noindex')
    .set('Vary', 'Accept-Language');
}

/**
 * The learner's claim page, linked from the offer e-mail. A page, not part of the API: mounted as
 * middleware like the root page, so it stays out of the OpenAPI route list.
 * - GET /claim/<claim id>[?lang=nl|en] -> 200 HTML: who offers what, the PIN instructions, an
 *   "open in my web wallet" button (when `ISSUER_WALLET_URL` is set), the QR code and link for any
 *   other OpenID4VCI wallet, the expiry. The first visit is recorded (the assessor sees "opened").
 * - 410 HTML when the offer was collected, withdrawn, expired or its credential revoked; 404 HTML
 *   for an id no offer has. Never a stack trace: an unexpected failure goes to the app's handler.
 * - GET /claim/claim.css -> the page's stylesheet.
 */
export function claimPage(deps: IssuerDeps): Router {
  const router = Router();
  router.use('/claim', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const path = req.path;
    if (path === '/claim.css') {
      res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CLAIM_PAGE_CSS);
      return;
    }
    const id = /^\/([^/]+)$/.exec(path)?.[1];
    if (id === undefined) {
      next();
      return;
    }
    const lang = pageLanguage(req, 'en');
    claimHeaders(res);
    openClaim(deps, id, { record: req.method === 'GET' })
      .then(async (claim) => {
        if (claim === undefined) res.status(404).type('html').send(unknownPage(lang));
        else if (claim.kind !== 'open') res.status(410).type('html').send(closedPage(lang, claim));
        else
          res
            .status(200)
            .type('html')
            .send(await openPage(lang, claim, deps.config.walletUrl));
      })
      .catch(next);
  });
  return router;
}
