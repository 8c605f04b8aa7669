import { t, setLang, lang } from '../i18n.js';
import type { WalletContext } from './context.js';
import { credentialView } from './credential-view.js';
import { h, replaceChildren } from './dom.js';
import { logView } from './log-view.js';
import { passportView } from './passport-view.js';
import { printView } from './print-view.js';
import { publishView } from './publish-view.js';
import { receiveView } from './receive-view.js';
import { settingsView } from './settings-view.js';
import { shareView } from './share-view.js';
import type { SharePreset } from './self-declared-view.js';

const NAV = [
  ['#/passport', 'navPassport'],
  ['#/receive', 'navReceive'],
  ['#/share', 'navShare'],
  ['#/career', 'navCareer'],
  ['#/log', 'navLog'],
  ['#/wallet', 'navSettings'],
] as const;

export interface Pending {
  offer?: string;
  request?: string;
  /** A published vacancy's URL (`/?vacancy=…`), checked on the career screen. */
  vacancy?: string;
  /** What the learner chose for the request in `request` (an EVC intake's portfolio). */
  sharePreset?: SharePreset;
  /** An EVC provider's intake URL (`/?intake=…`), opened on the intake screen. */
  intake?: string;
}

/** Mounts the app shell (skip link, header, navigation, main, status area) and routes by hash. */
export function mountApp(
  root: HTMLElement,
  ctx: Omit<WalletContext, 'navigate' | 'announce' | 'refresh' | 'openRequest'>,
  pending: Pending,
  onLang: (l: 'nl' | 'en') => void,
): void {
  const main = h('main', { id: 'main', tabindex: -1 });
  const live = h('div', { class: 'announcer', role: 'status', 'aria-live': 'polite' });
  const nav = h('nav', { 'aria-label': t('appName') });
  const langButton = h('button', { type: 'button', class: 'lang', lang: lang() === 'nl' ? 'en' : 'nl' });
  const context = ctx as WalletContext;

  const renderChrome = (): void => {
    const current = location.hash.split('/').slice(0, 2).join('/') || '#/passport';
    replaceChildren(
      nav,
      h(
        'ul',
        {},
        NAV.map(([href, key]) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href,
                ...(current === href ||
                (href === '#/passport' &&
                  ['#/credential', '#/publish', '#/print', '#/self-declared', '#/plan'].includes(current)) ||
                (href === '#/career' && current === '#/intake')
                  ? { 'aria-current': 'page' }
                  : {}),
              },
              t(key),
            ),
          ),
        ),
      ),
    );
    langButton.textContent = t('switchLanguage');
    langButton.setAttribute('aria-label', t('switchLanguageLabel'));
    langButton.setAttribute('lang', lang() === 'nl' ? 'en' : 'nl');
    document.title = t('appName');
  };

  let firstRender = true;
  let shownVacancy: string | undefined;
  const render = (): void => {
    // Tests (and assistive tech watchers) wait for data-ready=<route> once a screen is complete.
    delete document.body.dataset.ready;
    renderChrome();
    const [, route = 'passport', param] = location.hash.split('/');
    if (route !== 'career') shownVacancy = undefined;
    const done = (() => {
      switch (route) {
        case 'credential':
          return credentialView(context, main, decodeURIComponent(param ?? ''));
        case 'receive': {
          const offer = pending.offer;
          delete pending.offer;
          receiveView(context, main, offer);
          return undefined;
        }
        case 'share': {
          const request = pending.request;
          const preset = pending.sharePreset;
          delete pending.request;
          delete pending.sharePreset;
          shareView(context, main, request, preset);
          return undefined;
        }
        case 'career': {
          // The vacancy the wallet was opened with, or the one last checked on this screen: kept
          // while the learner stays here, so switching the language shows it again.
          shownVacancy = pending.vacancy ?? (param === undefined ? shownVacancy : undefined);
          delete pending.vacancy;
          // Loaded with its screen: the first screens need neither it nor the whole ESCO.
          return import('./career-view.js').then(({ careerView }) =>
            careerView(context, main, decodeURIComponent(param ?? ''), shownVacancy, (url) => {
              shownVacancy = url;
            }),
          );
        }
        case 'self-declared':
          return import('./self-declared-view.js').then(({ selfDeclaredView }) =>
            selfDeclaredView(context, main, decodeURIComponent(param ?? '')),
          );
        case 'intake': {
          const intake = pending.intake;
          delete pending.intake;
          return import('./intake-view.js').then(({ intakeView }) => intakeView(context, main, intake));
        }
        case 'plan':
          // Loaded with its screen, like the career check whose ESCO data it uses.
          return import('./plan-view.js').then(({ planView }) =>
            planView(context, main, decodeURIComponent(param ?? '')),
          );
        case 'log':
          return logView(context, main);
        case 'publish':
          return publishView(context, main);
        case 'print':
          return printView(context, main);
        case 'wallet':
          settingsView(context, main);
          return undefined;
        default:
          return passportView(context, main);
      }
    })();
    void Promise.resolve(done).then(() => {
      // Move focus to the new page's heading so keyboard and screen-reader users start there.
      if (!firstRender) main.querySelector<HTMLElement>('h1')?.focus();
      firstRender = false;
      document.body.dataset.ready = route;
    });
  };

  context.navigate = (route: string) => {
    if (location.hash === route) render();
    else location.hash = route;
  };
  context.openRequest = (link: string, preset?: SharePreset) => {
    pending.request = link;
    if (preset === undefined) delete pending.sharePreset;
    else pending.sharePreset = preset;
    context.navigate('#/share');
  };
  context.announce = (message: string) => {
    live.textContent = '';
    setTimeout(() => {
      live.textContent = message;
    }, 50);
  };
  context.refresh = render;

  langButton.addEventListener('click', () => {
    const next = lang() === 'nl' ? 'en' : 'nl';
    setLang(next);
    document.documentElement.lang = next;
    onLang(next);
    render();
  });

  replaceChildren(
    root,
    h(
      'a',
      {
        href: '#main',
        class: 'skip-link',
        onclick: (e: Event) => {
          e.preventDefault();
          main.focus();
        },
      },
      t('skipToContent'),
    ),
    h(
      'header',
      { class: 'top' },
      h(
        'p',
        { class: 'brand' },
        h('img', { src: '/icon.svg', alt: '', width: 32, height: 32 }),
        t('appName'),
      ),
      langButton,
    ),
    nav,
    main,
    live,
  );
  window.addEventListener('hashchange', render);
  render();
}
