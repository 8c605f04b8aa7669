// The one line that sums up a gap — "You prove 2 of 32 essential skills. Partly: 2. Not yet: 28." —
// as the career check, a vacancy and an EVC intake each show it above their lines.
import type { Gap } from '@skills-passport/core';
import { plural, t, type PluralBase } from '../i18n.js';
import { h } from './dom.js';

/** The gap's summary paragraph; `opening` words the proven count ("You prove …", "… required …"). */
export function gapSummary(gap: Gap, opening: PluralBase, testId: string): HTMLElement {
  return h(
    'p',
    { class: 'summary', 'data-testid': testId },
    plural(opening, gap.essential.total, { proven: gap.essential.proven }),
    ' ',
    t('careerSummaryMore', { partly: gap.essential.partly, notYet: gap.essential.notYet }),
  );
}
