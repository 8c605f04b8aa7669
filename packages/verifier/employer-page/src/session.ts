// Signing in with the employer's API key (kept in sessionStorage only) and out again; while signed
// in, the header names the organisation and offers to sign out.
import { getEmployer, useKey } from './api.js';
import { closeCurrent } from './current-request.js';
import { $, form, input } from './dom.js';
import { loadHistory } from './history.js';
import { t } from './locale.js';
import { closeVacancies, loadVacancies } from './vacancies.js';

export function show(loggedIn: boolean): void {
  $('login').hidden = loggedIn;
  $('create').hidden = !loggedIn;
  $('history').hidden = !loggedIn;
  $('logout').hidden = !loggedIn;
  if (!loggedIn) $('signed-in').hidden = true;
}

/** Names the signed-in organisation in the header; a key no longer valid signs out (api.ts). */
export async function showEmployer(): Promise<void> {
  const employer = await getEmployer();
  $('employer-name').textContent = employer.name;
  $('signed-in').hidden = false;
}

/** Forgets the key and everything shown with it. */
export function logout(): void {
  useKey(null);
  closeCurrent();
  closeVacancies();
  $('past-requests').replaceChildren();
  $('employer-name').textContent = '';
  show(false);
}

async function login(event: Event): Promise<void> {
  event.preventDefault();
  const key = input('api-key').value.trim();
  useKey(key);
  try {
    await showEmployer();
    useKey(key, true);
    form('login-form').reset();
    $('login-error').textContent = '';
    show(true);
    void loadHistory();
    void loadVacancies().catch(() => undefined);
  } catch {
    $('login-error').textContent = t('loginFailed');
  }
}

export function wireLogin(): void {
  form('login-form').addEventListener('submit', (event) => void login(event));
  $('logout').addEventListener('click', () => {
    logout();
    input('api-key').focus();
  });
}
