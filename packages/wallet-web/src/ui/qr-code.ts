import QRCode from 'qrcode';
import { t } from '../i18n.js';
import { h } from './dom.js';

/**
 * A QR code of a link as an image: SVG made in the page (`qrcode`), shown from a `blob:` URL — the
 * CSP allows images from `blob:` and not from `data:`, and no markup goes into the page. Sharp at
 * any size and in print; black on white.
 */
export function qrImage(url: string, className = 'qr'): HTMLImageElement {
  const img = h('img', { class: className, alt: t('qrAlt', { url }), width: 192, height: 192 });
  void QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  }).then((svg) => {
    // data-ready once it shows (tests read it then).
    img.addEventListener('load', () => (img.dataset.ready = 'true'), { once: true });
    img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  });
  return img;
}
