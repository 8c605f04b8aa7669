// Signing in with the employer's API key (kept in sessionStorage only) and out again.
import { listRequests, useKey } from './api.js';
import { $, form, input } from './dom.js';
import { loadHistory } from './history.js';
import { t } from './locale.js';

export function show(loggedIn: boolean): void {
  $('login').hidden = loggedIn;
  $('create').hidden = !loggedIn;
  $('history').hidden = !loggedIn;
}

export function logout(): void {
  useKey(null);
  show(false);
}

async function login(event: Event): Promise<void> {
  event.preventDefault();
  const key = input('api-key').value.trim();
  useKey(key);
  try {
    await listRequests();
    useKey(key, true);
    show(true);
    void loadHistory();
  } catch {
    $('login-error').textContent = t('loginFailed');
  }
}

export function wireLogin(): void {
  form('login-form').addEventListener('submit', (event) => void login(event));
}
