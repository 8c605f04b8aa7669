import { t } from '../i18n.js';
import { h, uid } from './dom.js';

/**
 * Asks in the page (a modal `<dialog>`, not `window.confirm`, which a screen reader announces
 * poorly and a browser may suppress): resolves true on the confirming button, false on cancel or
 * Escape. The dialog removes itself when answered.
 */
export function confirmInPage(
  parent: HTMLElement,
  text: { title: string; body: string; confirm: string; cancel?: string },
): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = uid('dialog');
    const bodyId = uid('dialogtext');
    let answer = false;
    const dialog = h(
      'dialog',
      { 'aria-labelledby': titleId, 'aria-describedby': bodyId, class: 'confirm' },
      h('h2', { id: titleId }, text.title),
      h('p', { id: bodyId }, text.body),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => dialog.close() },
          text.cancel ?? t('cancel'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: () => {
              answer = true;
              dialog.close();
            },
          },
          text.confirm,
        ),
      ),
    );
    // `close` fires for both buttons and for Escape.
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    parent.append(dialog);
    dialog.showModal();
  });
}
