// The Catalogue tab (training providers only): the organisation's modules with their state, and
// per module: edit, withdraw or publish again, and issue a credential for it.
import { account } from './account.js';
import { guarded } from './api.js';
import { listOwnModules, setModuleStatus, type CatalogueItem } from './catalogue-api.js';
import {
  closeEditor,
  formatDay,
  openEditor,
  renderCatalogueForm,
  wireCatalogueForm,
} from './catalogue-form.js';
import {
  renderStartedModule,
  setPickableModules,
  startFromModule,
  stopUsingModule,
  wireStartFromModule,
} from './catalogue-start.js';
import { $, announce, el, rowButton } from './dom.js';
import { pageLang, t } from './locale.js';

let items: CatalogueItem[] | null = null;
let showIssueForm: () => void = () => undefined;

/** Only training providers keep a catalogue: the tab shows for them alone. */
export function renderCatalogueTab(): void {
  const tab = document.querySelector<HTMLButtonElement>('#tabs button[data-view="catalogue"]');
  if (tab !== null) tab.hidden = account()?.organisation.kind !== 'training-provider';
}

/** At sign-in: a training provider's modules, for the issue form to start from. */
export function loadCatalogueAtSignIn(): void {
  renderCatalogueTab();
  if (account()?.organisation.kind === 'training-provider') reloadCatalogue();
}

function price(item: CatalogueItem): string | null {
  const amount = item.module.offering.price?.amount;
  if (amount === undefined) return null;
  if (amount === 0) return t('catFree');
  return new Intl.NumberFormat(pageLang() === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(amount);
}

function facts(item: CatalogueItem): string {
  const m = item.module;
  const level = [
    m.qualificationLevel.nlqf === undefined ? null : `NLQF ${m.qualificationLevel.nlqf}`,
    m.qualificationLevel.eqf === undefined ? null : `EQF ${m.qualificationLevel.eqf}`,
  ];
  return [
    ...level,
    t('catHoursShort', { hours: m.studyLoad.hours }),
    m.studyLoad.ects === undefined ? null : `${m.studyLoad.ects} ECTS`,
    t(`catMode.${m.offering.mode}`),
    m.offering.region ?? null,
    price(item),
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
}

function changeStatus(item: CatalogueItem, status: 'withdrawn' | 'published'): void {
  void guarded(
    async () => {
      const reply = await setModuleStatus(item, status);
      if (!reply.ok) {
        // Someone else changed the module meanwhile: show it as it is now.
        if (reply.status === 412) await reload(t('catStale'));
        else $('catalogue-message').textContent = reply.issues[0]?.message ?? t('networkError');
        return;
      }
      const message = t(status === 'withdrawn' ? 'catWithdrawn' : 'catPublished', { name: item.module.name });
      await reload(message);
      document.getElementById(`cat-item-${item.moduleId}`)?.focus();
    },
    (message) => ($('catalogue-message').textContent = message),
  );
}

function moduleCard(item: CatalogueItem): HTMLLIElement {
  const m = item.module;
  const name = m.name;
  const published = item.status === 'published';
  return el(
    'li',
    { class: `card catalogue-module${published ? '' : ' withdrawn'}` },
    el('h3', { id: `cat-item-${item.moduleId}`, tabindex: '-1' }, name),
    el('p', { class: `badge ${item.status}` }, t(`catStatus.${item.status}`)),
    el('p', { class: 'meta' }, facts(item)),
    m.offering.startDates.length === 0
      ? null
      : el('p', {}, t('catStarts', { dates: m.offering.startDates.map(formatDay).join(', ') })),
    m.offering.endsInMicroCredential ? el('p', {}, t('catEndsMicro')) : null,
    el('p', {}, t('catSkillsLine', { skills: m.alignment.map((a) => a.targetName).join(', ') })),
    el(
      'div',
      { class: 'actions' },
      rowButton(t('catEdit'), t('catEditNamed', { name }), () => openEditor(item)),
      rowButton(
        t(published ? 'catWithdraw' : 'catPublish'),
        t(published ? 'catWithdrawNamed' : 'catPublishNamed', { name }),
        () => changeStatus(item, published ? 'withdrawn' : 'published'),
      ),
      el(
        'button',
        {
          type: 'button',
          'aria-label': t('catIssueNamed', { name }),
          onclick: () => {
            startFromModule(m);
            showIssueForm();
          },
        },
        t('catIssue'),
      ),
    ),
  );
}

/** Draws the modules as last read (also after a change of language). */
export function renderCatalogue(): void {
  renderCatalogueTab();
  renderStartedModule();
  renderCatalogueForm();
  if (items === null) {
    $('catalogue-list').replaceChildren();
    return;
  }
  $('catalogue-empty').hidden = items.length > 0;
  $('catalogue-list').replaceChildren(...items.map(moduleCard));
}

async function reload(message = ''): Promise<void> {
  const reply = await listOwnModules();
  if (reply.ok) {
    items = reply.value.items;
    setPickableModules(items.filter((i) => i.status === 'published').map((i) => i.module));
  }
  renderCatalogue();
  $('catalogue-message').textContent = reply.ok ? message : (reply.issues[0]?.message ?? '');
  if (message !== '') announce(message);
}

/** Reads the catalogue again and draws it (each time the tab is shown). */
export function reloadCatalogue(): void {
  void guarded(
    () => reload(),
    (message) => ($('catalogue-message').textContent = message),
  );
}

/** Forgets the organisation's modules (on sign-out). */
export function resetCatalogue(): void {
  items = null;
  setPickableModules([]);
  stopUsingModule();
  closeEditor();
  $('catalogue-message').textContent = '';
  renderCatalogue();
}

/** Wires the tab; `showIssue` opens the issue form (after a module filled it in). */
export function wireCatalogue(showIssue: () => void): void {
  showIssueForm = showIssue;
  wireCatalogueForm((item) => {
    void guarded(
      async () => {
        await reload(t('catSaved', { name: item.module.name }));
        document.getElementById(`cat-item-${item.moduleId}`)?.focus();
      },
      (message) => ($('catalogue-message').textContent = message),
    );
  });
  wireStartFromModule();
  $('catalogue-add').addEventListener('click', () => openEditor(null));
}
