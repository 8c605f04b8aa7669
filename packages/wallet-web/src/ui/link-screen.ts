import { t, type MessageKey } from '../i18n.js';
import { h, replaceChildren, uid } from './dom.js';
import { qrScanner } from './qr-scan.js';

/** What differs between the screens that open an offer or a request link. */
export interface LinkScreenOptions {
  idPrefix: string;
  title: MessageKey;
  intro: MessageKey;
  label: MessageKey;
  submit: MessageKey;
  /** A link that came with the wallet's URL, opened at once. */
  initial?: string | undefined;
  /** Opens a link and shows what it leads to in `out`. */
  open: (link: string, out: HTMLElement) => void;
}

/**
 * The receive and share screens: a link pasted into a field, scanned as a QR code, or given in the
 * wallet's URL, and below it what the link leads to.
 */
export function linkScreen(main: HTMLElement, options: LinkScreenOptions): void {
  const inputId = uid(options.idPrefix);
  const input = h('input', {
    id: inputId,
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: false,
    required: true,
  });
  const out = h('div', { class: 'outcome' });
  const open = (link: string): void => options.open(link, out);
  const scanner = qrScanner((text) => {
    input.value = text;
    open(text);
  });
  replaceChildren(
    main,
    h('h1', { tabindex: -1 }, t(options.title)),
    h('p', {}, t(options.intro)),
    h(
      'form',
      {
        class: 'link-form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          open(input.value);
        },
      },
      h('div', { class: 'field' }, h('label', { for: inputId }, t(options.label)), input),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t(options.submit)), scanner.button),
    ),
    scanner.area,
    out,
  );
  if (options.initial !== undefined) {
    input.value = options.initial;
    open(options.initial);
  }
}
