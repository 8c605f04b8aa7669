import { formatTime, t } from '../i18n.js';
import type { PassportEntry } from '../store/db.js';
import type { LiveStatus } from '../verify/live-status.js';
import { statusChecks, statusOf } from './components.js';
import type { WalletContext } from './context.js';
import { h } from './dom.js';

/** How often the passport checks again while it is open and visible. */
export const RECHECK_MS = 60_000;

/** What the passport's status line does: say when it last checked, and check again. */
export interface StatusFreshness {
  element: HTMLElement;
  /** The first round of checks (made as the cards were shown) is in: say when. */
  checked(): void;
}

/**
 * The passport's "status checked at …" line with a "Check now" button. It checks every
 * credential again (asking each issuer for its status list anew, past any copy) on the button,
 * every minute while the page is visible, and when the page becomes visible after a minute or
 * more away; `update` shows each new status. A revocation reaches an open passport without a
 * reload. The timer stops once the passport is no longer on screen.
 */
export function statusFreshness(
  ctx: WalletContext,
  credentials: readonly PassportEntry[],
  update: (credential: PassportEntry, status: LiveStatus) => void,
): StatusFreshness {
  const line = h('span', { 'data-testid': 'status-checked-at' }, t('statusChecking'));
  const button = h('button', { type: 'button', class: 'secondary' }, t('checkNow'));
  const element = h(
    'div',
    { class: 'status-freshness' },
    // Polite: a timed re-check must not interrupt what the learner is reading.
    h('p', { role: 'status', 'aria-live': 'polite' }, line),
    h('p', {}, button, ' ', h('span', { class: 'help' }, t('statusRecheckHelp'))),
  );
  let lastChecked = 0;
  let running: Promise<void> | undefined;

  const checked = (): void => {
    lastChecked = Date.now();
    line.textContent = t('statusCheckedAt', { time: formatTime(new Date(lastChecked)) });
    element.dataset.checkedAt = new Date(lastChecked).toISOString();
  };

  const checkAgain = (): Promise<void> => {
    running ??= (async () => {
      button.disabled = true;
      line.textContent = t('statusChecking');
      try {
        (await statusChecks()).askStatusListsAgain();
        await Promise.all(
          credentials.map((c) => statusOf(ctx, c, { again: true }).then((status) => update(c, status))),
        );
      } finally {
        button.disabled = false;
        checked();
        running = undefined;
      }
    })();
    return running;
  };

  button.addEventListener('click', () => void checkAgain());
  const due = (): boolean => document.visibilityState === 'visible' && Date.now() - lastChecked >= RECHECK_MS;
  const stopped = (): boolean => {
    if (element.isConnected) return false;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    return true;
  };
  const onVisible = (): void => {
    if (!stopped() && lastChecked > 0 && due()) void checkAgain();
  };
  const timer = setInterval(() => {
    if (!stopped() && lastChecked > 0 && due()) void checkAgain();
  }, RECHECK_MS / 4);
  document.addEventListener('visibilitychange', onVisible);
  return { element, checked };
}
