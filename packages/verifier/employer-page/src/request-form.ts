// Making a request: a title, the chosen skills and how long it stays open; the new request opens at once.
import { createRequest } from './api.js';
import { openRequest } from './current-request.js';
import { $, form, input } from './dom.js';
import { loadHistory } from './history.js';
import { t } from './locale.js';
import { clearOccupation } from './occupation-picker.js';
import { lifetimeSeconds, resetLifetime } from './request-lifetime.js';
import { clearSkills, requestedSkills } from './skill-picker.js';

async function onCreate(event: Event): Promise<void> {
  event.preventDefault();
  $('create-error').textContent = '';
  const skills = requestedSkills();
  if (skills.length === 0) {
    $('create-error').textContent = t('noSkills');
    return;
  }
  try {
    const request = await createRequest(
      input('request-title').value,
      skills,
      lifetimeSeconds(),
      input('ask-for-name').checked,
    );
    clearSkills();
    clearOccupation();
    form('create-form').reset();
    resetLifetime();
    openRequest(request);
    void loadHistory();
  } catch (error) {
    $('create-error').textContent = error instanceof Error ? error.message : String(error);
  }
}

export function wireRequestForm(): void {
  form('create-form').addEventListener('submit', (event) => void onCreate(event));
}
