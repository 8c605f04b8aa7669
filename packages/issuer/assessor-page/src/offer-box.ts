// An open offer as the learner takes it: its QR code (fetched with the signed-in key, shown through
// a blob: URL) and its link, to copy.
import { guarded, offerQrCode } from './api.js';
import type { CredentialView } from './api-types.js';
import { announce, domId, el } from './dom.js';
import { t } from './locale.js';

/** The QR code (fetched as it shows) and the link of `item`'s open offer, with `extra` below the link. */
export function offerBox(
  item: CredentialView,
  extra: readonly (Node | null)[] = [],
): { box: HTMLElement; link: HTMLInputElement } {
  const img = el('img', { alt: t('qrAlt', { name: item.learner.name }), width: '200', height: '200' });
  const linkId = domId('link', item.id);
  const link = el('input', { id: linkId, class: 'link', readonly: true });
  link.value = item.offer?.uri ?? '';
  const box = el(
    'div',
    { class: 'offer' },
    img,
    el('div', {}, el('label', { for: linkId }, t('offerLink')), link, ...extra),
  );
  void guarded(
    async () => {
      img.src = await offerQrCode(item.id);
    },
    (message) => box.append(el('p', { class: 'error' }, message)),
  );
  return { box, link };
}

/** Copies the link (or selects it where the clipboard is refused) and says so. */
export async function copyLink(link: HTMLInputElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(link.value);
  } catch {
    link.select();
  }
  announce(t('copied'));
}
