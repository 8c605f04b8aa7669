import { plural } from '../i18n.js';
import type { CredentialState, PassportEntry, StatusSnapshot } from '../store/db.js';
import type { WalletContext } from '../ui/context.js';
import { h } from '../ui/dom.js';
import { currentPlan, heldCredential, planProgress } from './progress.js';

/** A credential's state as the passport last saw it: this visit's check, else the one remembered. */
export function lastKnownState(
  ctx: Pick<WalletContext, 'statuses'>,
  credential: { id: string; lastStatus?: StatusSnapshot },
): CredentialState {
  return ctx.statuses.get(credential.id)?.state ?? credential.lastStatus?.state ?? 'unknown';
}

/**
 * "Your plan: 1 of 3 modules done", a link to the plan, for the passport's front — or nothing when
 * the passport holds no plan. The full credentials are read only when it does.
 */
export async function planSummaryLink(
  ctx: Pick<WalletContext, 'db' | 'statuses'>,
  entries: readonly PassportEntry[],
): Promise<HTMLElement | undefined> {
  if (!entries.some((e) => e.type === 'DevelopmentPlanCredential')) return undefined;
  const credentials = await ctx.db.credentials();
  const stateOf = (c: { id: string; lastStatus?: StatusSnapshot }) => lastKnownState(ctx, c);
  const plan = currentPlan(credentials.map((credential) => ({ credential, state: stateOf(credential) })));
  if (plan === undefined) return undefined;
  const progress = planProgress(
    plan,
    credentials.map((c) => heldCredential(c, stateOf(c))),
  );
  return h(
    'p',
    { class: 'plan-summary' },
    h(
      'a',
      { href: '#/plan', 'data-testid': 'to-plan' },
      plural('planFront', progress.total, { done: progress.done }),
    ),
  );
}
