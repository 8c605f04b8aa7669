// Accessibility checks for the journeys (issue 15): axe-core scans a page state in real Chromium,
// and a phone-width check finds what overflows or is too small to tap.
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot } from '@skills-passport/service-kit/testing';

export { expectAccessible };

/** What the phone-width check found: horizontal overflow, and targets too small to tap. */
interface FitReport {
  scrollWidth: number;
  innerWidth: number;
  wide: string[];
  small: string[];
}

/**
 * At the page's current (phone) width: nothing scrolls sideways, and every target a finger can tap
 * is at least 24×24 CSS px (WCAG 2.2's target size, minimum). Stricter than the criterion: room
 * around a small target does not excuse it. Its other exceptions hold: a link inside a sentence, and
 * a page without any style of its own, whose links the browser sizes. A checkbox's or radio's label
 * is part of its target (tapping the label ticks it); a skip link waiting off-screen is no target yet.
 */
export async function expectPhoneFit(page: Page, state: string): Promise<void> {
  const found = await page.evaluate((): FitReport => {
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length > 0 ? `.${[...el.classList].join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
    };
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const innerWidth = window.innerWidth;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => visible(el) && el.getBoundingClientRect().right > innerWidth + 0.5)
      .filter((el) => !el.closest('[aria-hidden=true], .skip-link'))
      .map(describe)
      .slice(0, 10);

    const selector =
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
    const unstyled = document.styleSheets.length === 0 && document.querySelector('[style]') === null;
    const targets = unstyled
      ? []
      : [...document.querySelectorAll(selector)].filter(
          (el) => visible(el) && el.getBoundingClientRect().right > 0,
        );
    const rectOf = (el: Element): DOMRect => {
      const own = el.getBoundingClientRect();
      if (!(el instanceof HTMLInputElement) || !['checkbox', 'radio'].includes(el.type)) return own;
      let { left, top, right, bottom } = own;
      for (const label of el.labels ?? []) {
        const r = label.getBoundingClientRect();
        if (r.width === 0) continue;
        left = Math.min(left, r.left);
        top = Math.min(top, r.top);
        right = Math.max(right, r.right);
        bottom = Math.max(bottom, r.bottom);
      }
      return new DOMRect(left, top, right - left, bottom - top);
    };
    const inSentence = (el: Element): boolean => {
      if (el.tagName !== 'A') return false;
      const parentText = (el.parentElement?.textContent ?? '').trim();
      return (
        parentText.length > (el.textContent ?? '').trim().length + 1 &&
        getComputedStyle(el).display === 'inline'
      );
    };
    const small = targets
      .filter((el) => {
        const r = rectOf(el);
        return (r.width < 24 - 0.01 || r.height < 24 - 0.01) && !inSentence(el);
      })
      .map((el) => {
        const r = rectOf(el);
        return `${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide, small };
  });
  const problems: string[] = [];
  if (found.scrollWidth > found.innerWidth)
    problems.push(
      `the page is ${found.scrollWidth} px wide in a ${found.innerWidth} px window; past the edge: ${found.wide.join(', ')}`,
    );
  if (found.small.length > 0) problems.push(`targets under 24×24 px: ${found.small.join(', ')}`);
  if (problems.length === 0) return;
  throw new Error(`at "${state}" (${page.url()}):\n- ${problems.join('\n- ')}`);
}

/** A phone's viewport: the narrowest common width. */
export const PHONE = { width: 360, height: 740 } as const;

/**
 * Shows the page at phone width (360×740) and checks it there — nothing sideways, targets big
 * enough, no axe violation — optionally writing a screenshot for the README; then puts the
 * viewport back as it was.
 */
export async function checkAtPhoneWidth(page: Page, state: string, screenshotName?: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(PHONE);
  try {
    // Layout settles on the next frame after a resize.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await expectPhoneFit(page, `${state}, 360 px`);
    await expectAccessible(page, `${state}, 360 px`);
    if (screenshotName !== undefined) await screenshot(page, screenshotName);
  } finally {
    if (before !== null) await page.setViewportSize(before);
  }
}
