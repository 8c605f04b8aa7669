// The issue form: the fields of the chosen type, submitting it, and the offer it gives.
import { guarded, issueCredential, offerQrCode } from './api.js';
import type { CredentialView } from './api-types.js';
import { renderSkills } from './chosen-skills.js';
import { renderCohortCommon } from './cohort.js';
import { currentType } from './credential-kind.js';
import { $, announce, button, form, image, input, select, textarea } from './dom.js';
import { clearErrors, showErrors } from './field-errors.js';
import { currentCredential, formProblems } from './form-values.js';
import type { TextKey } from './i18n.js';
import type { IssuePrefill } from './intake-prefill.js';
import { formatDate, t } from './locale.js';
import { addSkill, resetSelection } from './selection.js';

/** Labels that say something else for a module (optional assessor, completion date). */
const MODULE_LABELS: readonly (readonly [id: string, other: TextKey, module: TextKey])[] = [
  ['attester-legend', 'attester', 'attesterOptional'],
  ['attester-name-label', 'attesterName', 'attesterNameOpt'],
  ['attester-role-label', 'attesterRole', 'attesterRoleOpt'],
  ['start-date-label', 'startDateRequired', 'startDate'],
  ['end-date-label', 'endDate', 'completionDate'],
];

/** Shows the fields of the chosen type and labels the shared ones for it. */
export function showType(): void {
  const type = currentType();
  for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>('#credential-content [data-for]')) {
    const on = (fieldset.dataset.for ?? '').split(' ').includes(type);
    fieldset.hidden = !on;
    fieldset.disabled = !on;
  }
  const module = type === 'ModuleCredential';
  for (const [id, other, moduleKey] of MODULE_LABELS) {
    const key = module ? moduleKey : other;
    $(id).dataset.i18n = key;
    $(id).textContent = t(key);
  }
  renderSkills();
  renderCohortCommon();
}

async function submitIssue(): Promise<void> {
  clearErrors();
  const name = input('learner-name').value.trim();
  const email = input('learner-email').value.trim();
  const problems = formProblems({ name, email });
  if (problems.length > 0) {
    showErrors(problems);
    return;
  }
  const submit = button('issue-submit');
  submit.disabled = true;
  submit.textContent = t('issuing');
  announce(t('issuing'));
  try {
    await guarded(
      async () => {
        const reply = await issueCredential({
          type: currentType(),
          learner: { name, email },
          credential: currentCredential(),
          offer: { txCode: input('pin').checked },
        });
        if (reply.ok) await showIssued(reply.value.credential, reply.value.txCode);
        else showErrors(reply.issues);
      },
      (message) => showErrors([{ pointer: '', message }]),
    );
  } finally {
    submit.disabled = false;
    submit.textContent = t('issue');
  }
}

async function showIssued(credential: CredentialView, txCode: string | undefined): Promise<void> {
  $('issue-form').hidden = true;
  $('issue-errors').hidden = true;
  $('issue-result').hidden = false;
  const heading = $('issue-result-title');
  heading.textContent = t('issued', { name: credential.learner.name });
  input('issue-link').value = credential.offer?.uri ?? '';
  $('issue-expires').textContent =
    credential.offer === null ? '' : t('offerExpires', { date: formatDate(credential.offer.expiresAt) });
  $('issue-pin').hidden = txCode === undefined;
  $('issue-pin-value').textContent = txCode ?? '';
  const qr = image('issue-qr');
  qr.alt = t('qrAlt', { name: credential.learner.name });
  qr.removeAttribute('src');
  heading.focus();
  announce(heading.textContent);
  qr.src = await offerQrCode(credential.id);
}

/** The next learner starts from the same content; only the learner is cleared. */
function issueAnother(): void {
  input('learner-name').value = '';
  input('learner-email').value = '';
  $('issue-result').hidden = true;
  $('issue-form').hidden = false;
  input('learner-name').focus();
}

async function copy(link: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(link);
  } catch {
    input('issue-link').select();
  }
  announce(t('copied'));
}

/**
 * Fills the form from elsewhere on the page (an EVC intake): an EVC certificate for the learner,
 * with the standard, the competencies at their levels, and the texts. The e-mail address and the
 * assessment's own details are left for the assessor.
 */
export function prefillIssueForm(values: IssuePrefill): void {
  // Not a reset: the attester (the signed-in assessor) and the credential's language stay.
  clearErrors();
  $('issue-result').hidden = true;
  $('issue-form').hidden = false;
  input('learner-email').value = '';
  if ([...select('cred-type').options].some((o) => o.value === 'EVCCredential'))
    select('cred-type').value = 'EVCCredential';
  input('learner-name').value = values.learnerName;
  input('title').value = values.title;
  textarea('description').value = values.description;
  textarea('criteria').value = values.criteria;
  if (values.standard !== undefined) {
    input('std-identifier').value = values.standard.identifier;
    input('std-name').value = values.standard.name;
    select('std-kind').value = 'kwalificatiedossier';
  }
  resetSelection();
  for (const skill of values.skills) addSkill({ ...skill });
  showType();
}

/** Empties the form and hides the last offer (on sign-out). */
export function resetIssueForm(): void {
  form('issue-form').reset();
  clearErrors();
  $('issue-result').hidden = true;
  $('issue-form').hidden = false;
}

export function wireIssueForm(): void {
  select('cred-type').addEventListener('change', () => {
    clearErrors();
    showType();
  });
  input('title').addEventListener('input', renderCohortCommon);
  $('issue-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitIssue();
  });
  $('issue-copy').addEventListener('click', () => void copy(input('issue-link').value));
  $('issue-another').addEventListener('click', issueAnother);
}
