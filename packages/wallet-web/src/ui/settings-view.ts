import { WalletError } from '../errors.js';
import { plural, t } from '../i18n.js';
import type { RestoreOutcome } from '../backup/backup.js';
import { errorBox, successBox } from './components.js';
import { confirmInPage } from './confirm-dialog.js';
import { holderNameSection } from './holder-name-section.js';
import { trustListSection } from './trust-list-section.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';

const MIN_PASSPHRASE = 10;

function field(label: string, input: HTMLInputElement): HTMLElement {
  const id = uid('f');
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function backupSection(ctx: WalletContext): HTMLElement {
  const pass1 = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    minlength: MIN_PASSPHRASE,
    required: true,
  });
  const pass2 = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    minlength: MIN_PASSPHRASE,
    required: true,
  });
  const out = h('div', { class: 'outcome' });
  const button = h('button', { type: 'submit' }, t('makeBackup'));
  const form = h(
    'form',
    {
      class: 'backup-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (pass1.value.length < MIN_PASSPHRASE) {
          replaceChildren(out, h('div', { class: 'message error', role: 'alert' }, t('passphraseTooShort')));
          pass1.focus();
          return;
        }
        if (pass1.value !== pass2.value) {
          replaceChildren(out, h('div', { class: 'message error', role: 'alert' }, t('passphraseMismatch')));
          pass2.focus();
          return;
        }
        button.disabled = true;
        replaceChildren(out, h('p', { role: 'status' }, t('working')));
        // The backup code (and the model it checks restored credentials against) loads when used.
        import('../backup/backup.js')
          .then(({ createBackup }) => createBackup(ctx.db, ctx.keyring, pass1.value))
          .then((file) => {
            const name = `skills-passport-backup-${new Date().toISOString().slice(0, 10)}.json`;
            const url = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
            const link = h(
              'a',
              { href: url, download: name, class: 'button', 'data-testid': 'backup-download' },
              t('downloadBackup', { file: name }),
            );
            replaceChildren(out, successBox(h('p', {}, t('backupMade', { file: name })), h('p', {}, link)));
            pass1.value = '';
            pass2.value = '';
            link.focus();
          })
          .catch((error: unknown) => replaceChildren(out, errorBox(error)))
          .finally(() => {
            button.disabled = false;
          });
      },
    },
    field(t('passphraseLabel'), pass1),
    field(t('passphraseRepeatLabel'), pass2),
    button,
  );
  return h(
    'section',
    { 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title' }, t('backupTitle')),
    h('p', {}, t('backupIntro')),
    form,
    out,
  );
}

/** What a restore put in the wallet: how many credentials, and each by name and issuer. */
function restoredBox(outcome: RestoreOutcome): HTMLElement {
  const box = successBox(
    h(
      'p',
      {},
      t('restored', {
        credentials: plural('credentialCount', outcome.credentials.length),
        did: outcome.keyring.did,
      }),
    ),
    outcome.credentials.length === 0
      ? ''
      : h(
          'ul',
          { class: 'restored', 'data-testid': 'restored-credentials' },
          outcome.credentials.map((c) => h('li', { 'data-credential-id': c.id }, `${c.name} — ${c.issuer}`)),
        ),
    h('p', {}, h('a', { href: '#/passport', class: 'back' }, t('backToPassport'))),
  );
  box.setAttribute('tabindex', '-1');
  box.dataset.testid = 'restored';
  return box;
}

/**
 * Asks before a restore replaces credentials this wallet holds (an empty wallet has nothing to
 * lose): true when the learner confirms, or when there is nothing to replace.
 */
async function mayReplace(ctx: WalletContext, parent: HTMLElement): Promise<boolean> {
  const held = await ctx.db.credentialCount();
  if (held === 0) return true;
  return confirmInPage(parent, {
    title: t('restoreConfirmTitle'),
    body: plural('restoreConfirmText', held),
    confirm: t('restoreConfirm'),
  });
}

function restoreSection(ctx: WalletContext, onRestored: (outcome: RestoreOutcome) => void): HTMLElement {
  const file = h('input', { type: 'file', accept: '.json,application/json' });
  const pass = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const out = h('div', { class: 'outcome' });
  const button = h('button', { type: 'submit' }, t('restore'));
  const form = h(
    'form',
    {
      class: 'restore-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (chosen === undefined) {
          replaceChildren(out, h('div', { class: 'message error', role: 'alert' }, t('chooseFile')));
          return;
        }
        button.disabled = true;
        mayReplace(ctx, form)
          .then((replace) => {
            if (!replace) {
              replaceChildren(out, h('p', { role: 'status' }, t('restoreCancelled')));
              return;
            }
            return restoreFrom(chosen);
          })
          .catch((error: unknown) => replaceChildren(out, errorBox(error)))
          .finally(() => {
            button.disabled = false;
          });
      },
    },
    field(t('backupFileLabel'), file),
    field(t('restorePassphraseLabel'), pass),
    button,
  );
  const restoreFrom = (chosen: File): Promise<void> => {
    replaceChildren(out, h('p', { role: 'status' }, t('restoring')));
    return chosen
      .text()
      .catch((cause: unknown) => {
        throw new WalletError('ERR_BACKUP_DAMAGED', 'unreadable', { cause });
      })
      .then(async (text) => (await import('../backup/backup.js')).restoreBackup(ctx.db, text, pass.value))
      .then((outcome) => {
        ctx.keyring = outcome.keyring;
        ctx.statuses.clear();
        pass.value = '';
        file.value = '';
        onRestored(outcome);
        // Said where the learner is, and kept there: how many credentials, and which.
        const box = restoredBox(outcome);
        replaceChildren(out, box);
        box.focus();
      });
  };
  return h(
    'section',
    { 'aria-labelledby': 'restore-title' },
    h('h2', { id: 'restore-title' }, t('restoreTitle')),
    h('p', {}, t('restoreIntro')),
    form,
    out,
  );
}

/** Whether the browser keeps the wallet's data under pressure, once it has said so. */
function storageState(ctx: WalletContext): HTMLElement {
  const state = h('p', { 'data-testid': 'storage-state' });
  void ctx.persisted.then((persisted) => {
    state.textContent = persisted ? t('storagePersistent') : t('storageBestEffort');
  });
  return state;
}

/** The wallet itself: its DID, storage, language, backup and restore. */
export function settingsView(ctx: WalletContext, main: HTMLElement): void {
  const copied = h('span', { role: 'status', class: 'copied' });
  const did = h('code', { class: 'did', 'data-testid': 'wallet-did' }, ctx.keyring.did);
  replaceChildren(
    main,
    h('h1', { tabindex: -1 }, t('settingsTitle')),
    h(
      'section',
      { 'aria-labelledby': 'did-title' },
      h('h2', { id: 'did-title' }, t('didTitle')),
      h('p', {}, did),
      h(
        'p',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              void navigator.clipboard?.writeText(ctx.keyring.did).then(() => {
                copied.textContent = t('copied');
              });
            },
          },
          t('copy'),
        ),
        ' ',
        copied,
      ),
      h('p', { class: 'help' }, t('didHelp')),
    ),
    h(
      'section',
      { 'aria-labelledby': 'storage-title' },
      h('h2', { id: 'storage-title' }, t('storageTitle')),
      storageState(ctx),
    ),
    holderNameSection(ctx),
    trustListSection(),
    backupSection(ctx),
    restoreSection(ctx, (outcome) => {
      did.textContent = outcome.keyring.did;
    }),
  );
}
