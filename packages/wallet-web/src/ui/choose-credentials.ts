import { formatCalendarDate } from '../i18n.js';
import type { CredentialState, PassportEntry } from '../store/db.js';
import { liveStatusBadge, statusOf, typeLabel } from './components.js';
import type { WalletContext } from './context.js';
import { h, uid } from './dom.js';

/** States in which a credential proves nothing today: it is not published or printed. */
const NOT_OFFERED: ReadonlySet<CredentialState> = new Set([
  'revoked',
  'suspended',
  'expired',
  'unrecognised',
]);

/** A fieldset of checkboxes, one per credential, with its live status; what is chosen. */
export interface CredentialChoice {
  element: HTMLElement;
  chosen(): string[];
}

/**
 * The learner's choice of credentials to show others (publish, print): each with its title, kind,
 * issuer, date and live status; revoked, suspended, expired or unrecognised ones listed but not
 * choosable (and unticked when their status arrives). Every choosable one starts ticked, unless
 * `initial` names which. `onChange` runs on every change of the choice.
 */
export async function credentialChoice(
  ctx: WalletContext,
  credentials: readonly PassportEntry[],
  text: { legend: string; notAllowed: string },
  onChange: () => void = () => undefined,
  initial?: ReadonlySet<string>,
): Promise<CredentialChoice> {
  // Know each status before choosing for the learner: nothing revoked is ticked, even for a moment.
  await Promise.all(credentials.map((c) => statusOf(ctx, c)));
  const inputs: HTMLInputElement[] = [];
  const note = h('p', { class: 'help', hidden: true }, text.notAllowed);
  const refuse = (input: HTMLInputElement, state: CredentialState): void => {
    if (!NOT_OFFERED.has(state)) return;
    input.checked = false;
    input.disabled = true;
    note.hidden = false;
  };
  const options = credentials.map((credential) => {
    const id = uid('c');
    const input = h('input', {
      id,
      type: 'checkbox',
      value: credential.id,
      'data-credential-id': credential.id,
      checked: initial === undefined || initial.has(credential.id),
      onchange: onChange,
    });
    inputs.push(input);
    const known = ctx.statuses.get(credential.id)?.state ?? credential.lastStatus?.state;
    if (known !== undefined) refuse(input, known);
    return h(
      'div',
      { class: 'choice' },
      input,
      h(
        'label',
        { for: id },
        h('strong', {}, credential.summary.name),
        ` — ${typeLabel(credential)}, ${credential.summary.issuerName}, ${formatCalendarDate(credential.validFrom)} `,
        liveStatusBadge(ctx, credential, (status) => {
          const was = input.checked;
          refuse(input, status.state);
          if (was !== input.checked) onChange();
        }),
      ),
    );
  });
  const legendId = uid('legend');
  return {
    element: h(
      'fieldset',
      { class: 'query', 'aria-labelledby': legendId },
      h('legend', { id: legendId }, text.legend),
      options,
      note,
    ),
    chosen: () => inputs.filter((i) => i.checked).map((i) => i.value),
  };
}
