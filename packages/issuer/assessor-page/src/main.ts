// The assessor page (packages/issuer/assessor-page): typed modules bundled by Vite, served by the
// issuer under /assessor/ with a strict CSP (no inline script or style). This module only starts it.
import { guarded, onSessionEnded } from './api.js';
import { wireCatalogue } from './catalogue-view.js';
import { wireCohort } from './cohort.js';
import { filterByBatch, wireList } from './credential-list.js';
import { $, announce, input, select } from './dom.js';
import { wireIntakes } from './intake-view.js';
import { wireAdviser } from './adviser.js';
import { wireIssueForm } from './issue-form.js';
import { applyText, wireLanguage } from './language.js';
import { pageLang, t } from './locale.js';
import { wireOccupationPicker } from './occupation-picker.js';
import { wireOutcomes } from './outcomes.js';
import { wireOutbox } from './outbox.js';
import { showSignInError, signIn, signOut, storedKey } from './session.js';
import { wireSkillSearch } from './skill-search.js';
import { showView, wireTabs } from './views.js';

function wireSignIn(): void {
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input('api-key').value.trim();
    if (key === '') {
      showSignInError(t('required'));
      return;
    }
    announce(t('signingIn'));
    void guarded(() => signIn(key), showSignInError);
  });
  $('sign-out').addEventListener('click', () => signOut());
  onSessionEnded(() => signOut('sessionEnded'));
}

function start(): void {
  const today = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  input('assessment-date').max =
    `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  select('cred-lang').value = pageLang();
  applyText();
  wireLanguage();
  wireSignIn();
  wireTabs();
  wireIssueForm();
  wireSkillSearch();
  wireOccupationPicker();
  wireOutcomes();
  wireList();
  wireOutbox();
  wireCatalogue(() => showView('issue'));
  wireIntakes(() => showView('issue'));
  wireAdviser();
  wireCohort((batchId) => {
    filterByBatch(batchId);
    showView('list');
  });
  const key = storedKey();
  if (key !== null) void guarded(() => signIn(key), showSignInError);
}

start();
