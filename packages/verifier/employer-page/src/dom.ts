// The employer page's DOM helpers: the shared ones and the lookups it needs besides.
import { getter } from '@skills-passport/page-kit/dom';

export { $, el, form, image, input, rowButton } from '@skills-passport/page-kit/dom';

export const anchor = getter(HTMLAnchorElement);
export const selectBox = getter(HTMLSelectElement);
