// The employer page (packages/verifier/employer-page): typed modules bundled by Vite, served by the
// verifier under /employer/ with its strict CSP (no inline script or style). This module starts it.
import { onUnauthorized, signedInKey } from './api.js';
import { onRequestSettled, rerenderCurrent } from './current-request.js';
import { $ } from './dom.js';
import { loadHistory } from './history.js';
import { pageLang, text, toggleLang } from './locale.js';
import { wireRequestForm } from './request-form.js';
import { renderLifetime, wireLifetime } from './request-lifetime.js';
import { rerenderOccupation, renderOccupation, wireOccupationPicker } from './occupation-picker.js';
import { logout, show, showEmployer, wireLogin } from './session.js';
import { onChosenChange, renderChosen, wireSkillPicker } from './skill-picker.js';
import { loadVacancies, rerenderVacancy, wireVacancies } from './vacancies.js';

function applyLanguage(): void {
  document.documentElement.lang = pageLang();
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = text(node.dataset.i18n ?? '');
  $('lang-toggle').textContent = pageLang() === 'nl' ? 'English' : 'Nederlands';
  renderChosen();
  rerenderOccupation();
  renderLifetime();
  rerenderCurrent();
  rerenderVacancy();
  if (signedInKey()) {
    void loadHistory();
    void loadVacancies().catch(() => undefined);
  }
}

$('lang-toggle').addEventListener('click', () => {
  toggleLang();
  applyLanguage();
});
onUnauthorized(logout);
onRequestSettled(() => void loadHistory());
wireLogin();
wireSkillPicker();
wireOccupationPicker();
onChosenChange(renderOccupation);
wireRequestForm();
wireLifetime();
wireVacancies();

show(Boolean(signedInKey()));
if (signedInKey()) void showEmployer().catch(() => undefined);
applyLanguage();
