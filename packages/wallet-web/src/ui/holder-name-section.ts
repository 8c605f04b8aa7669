import { t } from '../i18n.js';
import { HOLDER_NAME_SETTING } from '../receive/holder-name.js';
import { errorBox } from './components.js';
import type { WalletContext } from './context.js';
import { h, uid } from './dom.js';

/**
 * The learner's own name, asked once and kept in this browser's settings: what the wallet compares
 * the name on a new credential with before storing it. Empty removes it.
 */
export function holderNameSection(ctx: WalletContext): HTMLElement {
  const id = uid('holdername');
  const helpId = uid('holdernamehelp');
  const input = h('input', { id, type: 'text', autocomplete: 'name', 'aria-describedby': helpId });
  const said = h('p', { role: 'status', 'data-testid': 'holder-name-status' });
  void ctx.db.setting(HOLDER_NAME_SETTING).then((name) => {
    if (name !== undefined && input.value === '') input.value = name;
  });
  const form = h(
    'form',
    {
      class: 'holder-name-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const name = input.value.trim().replace(/\s+/g, ' ');
        ctx.db
          .putSetting(HOLDER_NAME_SETTING, name)
          .then(() => {
            said.replaceChildren(name === '' ? t('holderNameCleared') : t('holderNameSaved', { name }));
          })
          .catch((error: unknown) => said.replaceChildren(errorBox(error)));
      },
    },
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t('holderNameLabel')),
      input,
      h('p', { id: helpId, class: 'help' }, t('holderNameHelp')),
    ),
    h('button', { type: 'submit' }, t('holderNameSave')),
  );
  return h(
    'section',
    { 'aria-labelledby': 'holder-name-title' },
    h('h2', { id: 'holder-name-title' }, t('holderNameTitle')),
    form,
    said,
  );
}
