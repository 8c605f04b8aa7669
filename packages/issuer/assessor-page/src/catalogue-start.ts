// Starting a ModuleCredential from a catalogue module: the issue form filled in with the module's
// title, description, criteria, skills, learning outcomes, level and study load, and the module's
// id as the achievement id. The assessor adds the learner, the levels reached and the result.
import { account } from './account.js';
import { setStartedModule, startedModule } from './catalogue-achievement.js';
import type { CatalogueModule } from './catalogue-api.js';
import { currentType } from './credential-kind.js';
import { $, announce, input, select, setOptions, textarea } from './dom.js';
import { showType } from './issue-form.js';
import { t } from './locale.js';
import { resetOccupation } from './occupation-picker.js';
import { chosenSkills, outcomes, resetSelection } from './selection.js';

/** The published modules the issue form can start from. */
let pickable: CatalogueModule[] = [];

export function setPickableModules(modules: CatalogueModule[]): void {
  pickable = modules;
  renderStartedModule();
}

/** The issue form's "start from a catalogue module" choice: training providers issuing a module. */
function renderModulePicker(): void {
  const on =
    account()?.organisation.kind === 'training-provider' &&
    currentType() === 'ModuleCredential' &&
    pickable.length > 0;
  $('from-module-field').hidden = !on;
  const picker = select('from-module');
  setOptions(picker, [['', t('none')], ...pickable.map((m) => [m.id, m.name] as const)]);
  picker.value = startedModule()?.id ?? '';
}

/** Says on the issue form which module it was started from, with a way out. */
export function renderStartedModule(): void {
  renderModulePicker();
  const module = startedModule();
  $('issue-from-module').hidden = module === null;
  $('issue-from-module-text').textContent = module === null ? '' : t('catFromModule', { name: module.name });
}

/** Fills the issue form from `module`; the caller shows the form. */
export function startFromModule(module: CatalogueModule): void {
  select('cred-type').value = 'ModuleCredential';
  select('cred-lang').value = module.inLanguage;
  input('title').value = module.name;
  textarea('description').value = module.description;
  textarea('criteria').value = module.criteria.narrative;
  select('achievement-type').value = module.achievementType;
  select('eqf').value =
    module.qualificationLevel.eqf === undefined ? '' : String(module.qualificationLevel.eqf);
  select('nlqf').value = module.qualificationLevel.nlqf ?? '';
  input('hours').value = String(module.studyLoad.hours);
  input('ects').value = module.studyLoad.ects === undefined ? '' : String(module.studyLoad.ects);
  resetOccupation();
  resetSelection();
  chosenSkills.push(
    ...module.alignment.map((a) => ({ uri: a.targetUrl, label: a.targetName, framework: 'ESCO', level: 2 })),
  );
  outcomes.splice(
    0,
    outcomes.length,
    ...module.learningOutcomes.map((o) => ({
      description: o.description,
      skills: o.alignment.map((a) => a.targetUrl),
    })),
  );
  setStartedModule({ id: module.id, name: module.name });
  showType();
  renderStartedModule();
  announce(t('catIssueStarted', { name: module.name }));
}

/** The form stays as it is, but the credential gets an achievement id of its own again. */
export function stopUsingModule(): void {
  setStartedModule(null);
  renderStartedModule();
}

export function wireStartFromModule(): void {
  $('issue-stop-module').addEventListener('click', () => {
    stopUsingModule();
    input('title').focus();
  });
  // Another type of credential is not this module's.
  select('cred-type').addEventListener('change', () => {
    if (select('cred-type').value !== 'ModuleCredential') stopUsingModule();
    else renderStartedModule();
  });
  select('from-module').addEventListener('change', () => {
    const module = pickable.find((m) => m.id === select('from-module').value);
    if (module === undefined) stopUsingModule();
    else startFromModule(module);
  });
}
