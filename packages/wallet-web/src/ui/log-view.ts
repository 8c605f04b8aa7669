import { formatDateTime, t, tAny } from '../i18n.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren } from './dom.js';
import { selfDeclaredMark } from './self-declared-view.js';

/** The share log: what was shared, with whom and when. */
export async function logView(ctx: WalletContext, main: HTMLElement): Promise<void> {
  const entries = (await ctx.db.shares()).sort((a, b) => b.at.localeCompare(a.at));
  replaceChildren(
    main,
    h('h1', { tabindex: -1 }, t('logTitle')),
    entries.length === 0
      ? h('p', {}, t('logEmpty'))
      : h(
          'table',
          { class: 'log' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('logWhen'), t('logWith'), t('logWhat'), t('logOutcome')].map((label) =>
                h('th', { scope: 'col' }, label),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            entries.map((e) =>
              h(
                'tr',
                { 'data-outcome': e.outcome },
                h('td', {}, formatDateTime(e.at)),
                h('td', {}, e.verifier.name, h('br'), h('small', {}, e.verifier.origin)),
                h(
                  'td',
                  {},
                  h(
                    'ul',
                    {},
                    e.credentials.map((c) =>
                      h(
                        'li',
                        {},
                        c.name,
                        // Sent as the learner's own statement (an Open Badge the wallet issued to itself).
                        c.selfDeclared === true ? [' ', selfDeclaredMark()] : '',
                        // An SD-JWT VC: only these claims went; the rest stayed in the wallet.
                        c.disclosed === undefined
                          ? ''
                          : h(
                              'small',
                              { class: 'disclosed' },
                              ` — ${t('sharedClaims', { list: c.disclosed.join('; ') })}`,
                            ),
                      ),
                    ),
                  ),
                ),
                h(
                  'td',
                  {},
                  tAny(`outcomeLog_${e.outcome}`, e.outcome),
                  e.detail === undefined ? '' : h('small', {}, ` — ${e.detail}`),
                ),
              ),
            ),
          ),
        ),
  );
}
