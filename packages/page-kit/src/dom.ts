// Small DOM helpers for the services' pages. Every value from a server reaches the page through
// textContent or attributes, never as HTML.

type ElementClass<T extends HTMLElement> = { new (): T; prototype: T };

/** A lookup of elements of one kind by id; it throws when the page's fixed markup lacks one. */
export function getter<T extends HTMLElement>(type: ElementClass<T>): (id: string) => T {
  return (id: string): T => {
    const node = document.getElementById(id);
    if (!(node instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
    return node;
  };
}

/** The element with this id (it must be there: the page's markup is fixed). */
export const $ = getter(HTMLElement);
export const input = getter(HTMLInputElement);
export const image = getter(HTMLImageElement);
export const form = getter(HTMLFormElement);

/** Attributes of {@link el}: `true` sets an empty attribute, `false` none, `on...` adds a listener. */
export type Attrs = Readonly<Record<string, string | boolean | ((event: Event) => void)>>;
export type Child = Node | string | number | null | undefined | false;

/** A new element with attributes, listeners and children (children may come in lists). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false)
      node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * A button that acts on one row of a list: short visible text ("Remove") and an accessible name
 * that says which row ("Remove lift heavy weights"), so a screen reader's list of controls tells the
 * rows apart. Secondary unless `className` says otherwise.
 */
export function rowButton(
  text: string,
  name: string,
  onClick: () => void,
  className = 'secondary',
): HTMLButtonElement {
  return el('button', { type: 'button', class: className, 'aria-label': name, onclick: onClick }, text);
}
