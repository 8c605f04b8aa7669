// The assessor page's DOM helpers: the shared ones, and lookups and helpers of its own.
import { $, el, getter, rowButton } from '@skills-passport/page-kit/dom';

export { $, el, form, image, input, rowButton, type Attrs, type Child } from '@skills-passport/page-kit/dom';

export const select = getter(HTMLSelectElement);
export const textarea = getter(HTMLTextAreaElement);
export const button = getter(HTMLButtonElement);
export const progress = getter(HTMLProgressElement);

/** Says `message` through the page's live region. */
export function announce(message: string): void {
  const region = $('announce');
  region.textContent = '';
  // A fresh text node after clearing makes screen readers read a repeated message again.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Replaces a select's options (value and text), keeping its value when it is still offered. */
export function setOptions(node: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const value = node.value;
  node.replaceChildren(...options.map(([v, text]) => el('option', { value: v }, text)));
  if (options.some(([v]) => v === value)) node.value = value;
}

/** An id for the DOM made from a server id (only letters, digits and dashes). */
export function domId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^a-zA-Z0-9-]/g, '')}`;
}

/** A row's "×" button that takes the row away; its accessible name says what it removes. */
export function removeButton(name: string, onClick: () => void): HTMLButtonElement {
  return rowButton('×', name, onClick, 'secondary remove');
}
