import { t } from '../i18n.js';
import { chooseTrustList, trustListInUse, type TrustListChoice } from '../trust/trust-list-choice.js';
import { errorBox, successBox } from './components.js';
import { h, replaceChildren, uid } from './dom.js';

/**
 * Settings: which list of recognised organisations the wallet reads training providers'
 * catalogues from — this wallet's own (its `wallet-config.json`), another the learner gives, or
 * none. Showing it reads nothing from the network.
 */
export function trustListSection(): HTMLElement {
  const titleId = uid('trust-title');
  const current = h('div', { class: 'trust-in-use', 'data-testid': 'trust-in-use' }, t('loading'));
  const out = h('div', { class: 'outcome' });
  const inputId = uid('trust-url');
  const input = h('input', {
    id: inputId,
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: false,
  });

  const show = (): void => {
    void trustListInUse().then((inUse) => {
      replaceChildren(
        current,
        inUse.url === undefined
          ? h('p', {}, t('trustNone'))
          : h(
              'p',
              {},
              t('trustInUse'),
              ' ',
              h('code', { class: 'trust-url' }, inUse.url),
              ' ',
              inUse.from === 'config' ? t('trustFromConfig') : t('trustFromSettings'),
            ),
        inUse.configError === undefined ? null : errorBox(inUse.configError),
      );
    });
  };
  const choose = (choice: TrustListChoice): void => {
    chooseTrustList(choice)
      .then(() => {
        input.value = '';
        replaceChildren(out, successBox(t('trustSaved')));
        show();
      })
      .catch((error: unknown) => replaceChildren(out, errorBox(error)));
  };
  show();
  return h(
    'section',
    { 'aria-labelledby': titleId, 'data-testid': 'trust-list-settings' },
    h('h2', { id: titleId }, t('trustTitle')),
    h('p', {}, t('trustIntro')),
    current,
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          choose({ kind: 'url', url: input.value });
        },
      },
      h('div', { class: 'field' }, h('label', { for: inputId }, t('trustUrlLabel')), input),
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit' }, t('trustSave')),
        ' ',
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => choose({ kind: 'none' }) },
          t('trustClear'),
        ),
        ' ',
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => choose({ kind: 'config' }) },
          t('trustReset'),
        ),
      ),
    ),
    out,
  );
}
