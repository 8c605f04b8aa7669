// Signing in with an API key (kept in sessionStorage only) and signing out, which forgets
// everything the page holds for the organisation.
import { account, setAccount } from './account.js';
import { getMe, revokeObjectUrls, setSignedInKey } from './api.js';
import { renderSkills } from './chosen-skills.js';
import { loadCatalogueAtSignIn, resetCatalogue } from './catalogue-view.js';
import { resetCohort } from './cohort.js';
import { renderTypeOptions } from './credential-kind.js';
import { renderList, resetList } from './credential-list.js';
import { $, announce, input } from './dom.js';
import { resetIntakes, showIntakesTab } from './intake-view.js';
import { isAdviser, resetAdviser, showAdviserTab } from './adviser.js';
import { resetIssueForm, showType } from './issue-form.js';
import { t } from './locale.js';
import { resetOccupation } from './occupation-picker.js';
import { resetSelection } from './selection.js';
import { showView } from './views.js';

const KEY_STORE = 'sp-assessor-key';

/** The key of a sign-in this tab still holds, if any. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORE);
}

export function showSignInError(message: string): void {
  $('signin-error').textContent = message;
  $('signin-error').hidden = false;
}

export function renderWho(): void {
  const me = account();
  if (me === null) return;
  $('who-staff').textContent = t('signedInAs', { name: me.staff.name, role: me.staff.role });
  $('who-org').textContent = me.organisation.name;
  $('who-kind').textContent = `(${t(`kind.${me.organisation.kind}`)})`;
  $('who-types').textContent = me.allowedTypes.map((type) => t(`type.${type}`)).join(', ');
}

export async function signIn(key: string): Promise<void> {
  $('signin-error').hidden = true;
  const reply = await getMe(key);
  if (!reply.ok) {
    sessionStorage.removeItem(KEY_STORE);
    showSignInError(
      reply.status === 401 ? t('signInFailed') : (reply.issues[0]?.message ?? t('networkError')),
    );
    return;
  }
  const me = reply.value;
  setSignedInKey(key);
  setAccount(me);
  sessionStorage.setItem(KEY_STORE, key);
  input('api-key').value = '';
  input('attester-name').value = me.staff.name;
  input('attester-role').value = me.staff.role;
  renderWho();
  renderTypeOptions();
  showType();
  showIntakesTab();
  loadCatalogueAtSignIn();
  showAdviserTab();
  $('signin').hidden = true;
  $('workspace').hidden = false;
  showView(isAdviser() ? 'adviser' : 'issue');
}

export function signOut(messageKey: 'signedOut' | 'sessionEnded' = 'signedOut'): void {
  sessionStorage.removeItem(KEY_STORE);
  setSignedInKey(null);
  setAccount(null);
  resetCohort();
  resetSelection();
  resetOccupation();
  resetList();
  resetIntakes();
  resetCatalogue();
  resetAdviser();
  revokeObjectUrls();
  resetIssueForm();
  renderSkills();
  renderList();
  $('workspace').hidden = true;
  $('signin').hidden = false;
  const error = $('signin-error');
  error.textContent = t(messageKey);
  error.hidden = messageKey === 'signedOut';
  announce(t(messageKey));
  input('api-key').focus();
}
