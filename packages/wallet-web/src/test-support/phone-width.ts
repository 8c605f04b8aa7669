import type { Page } from 'playwright-core';

/**
 * What does not fit a phone: the page wider than its viewport (it would scroll sideways), and each
 * visible control (button, link styled as a button, input, select, summary) smaller than 24 × 24
 * CSS px (WCAG 2.5.8). Links inside running text are exempt, as WCAG exempts them. Empty when all fits.
 */
export async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(`page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = `${el.tagName.toLowerCase()}${el.className === '' ? '' : `.${String(el.className)}`}`;
      if (box.right > width + 0.5) problems.push(`${name} reaches ${Math.round(box.right)} px`);
      // Text running out of its box (a long word or address) widens the page without widening any box.
      if (
        el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX === 'visible' &&
        el.clientWidth > 0
      )
        problems.push(
          `${name} overflows by ${el.scrollWidth - el.clientWidth} px: "${(el.textContent ?? '').trim().slice(0, 40)}"`,
        );
    }
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a.button, input:not([type=hidden]), select, textarea, summary',
    );
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 24 || box.height < 24)
        problems.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.width)}×${Math.round(box.height)} px`,
        );
    }
    return [...new Set(problems)];
  });
}
