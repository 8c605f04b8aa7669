// Small DOM helpers. Every value from the server is put on the page as text, never as HTML.

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
export const image = getter(HTMLImageElement);
export const anchor = getter(HTMLAnchorElement);
export const form = getter(HTMLFormElement);

type Child = Node | string | number | null | undefined | false;

/** A new element: `class` sets the class, `on...` adds a listener; children may come in lists. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | ((event: Event) => void)>> = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false)
      node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
