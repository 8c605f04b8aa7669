// Small DOM helpers. Every value from the server reaches the page through textContent or
// attributes, never as HTML.

type ElementClass<T extends HTMLElement> = { new (): T; prototype: T };

function getter<T extends HTMLElement>(type: ElementClass<T>) {
  return (id: string): T => {
    const node = document.getElementById(id);
    if (!(node instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
    return node;
  };
}

/** The element with this id (it must be there: the page's markup is fixed). */
export const $ = getter(HTMLElement);
export const input = getter(HTMLInputElement);
export const select = getter(HTMLSelectElement);
export const textarea = getter(HTMLTextAreaElement);
export const button = getter(HTMLButtonElement);
export const form = getter(HTMLFormElement);
export const image = getter(HTMLImageElement);
export const progress = getter(HTMLProgressElement);

/** Attributes of {@link el}: `true` sets an empty attribute, `false` none, `on...` adds a listener. */
export type Attrs = Readonly<Record<string, string | boolean | ((event: Event) => void)>>;
export type Child = Node | string | null | undefined | false;

/** A new element with attributes, listeners and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

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
