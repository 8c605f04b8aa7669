// Accessibility checks for the tests of every package (issue 15): axe-core scans a page state in
// real Chromium and the test fails listing every violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page as it is now and fails listing every violation (rule, impact, the
 * elements, what to do). The pages forbid inline scripts by CSP; `page.evaluate` runs through the
 * DevTools protocol, which no CSP governs, so axe goes in that way, unchanged.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // A string is evaluated as a script of its own (not by `eval` inside the page, which CSP forbids).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    // In the page (service-kit compiles without the DOM's types).
    const w = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<unknown> };
      document: unknown;
    };
    const results = (await w.axe.run(w.document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: Violation[] };
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
  if (violations.length === 0) return;
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n` +
        v.nodes
          .map(
            (n) =>
              `    ${n.target.map(String).join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
          )
          .join('\n'),
    )
    .join('\n');
  throw new Error(
    `axe-core found ${violations.length} violation(s) at "${state}" (${page.url()}):\n${report}`,
  );
}
