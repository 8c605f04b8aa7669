// The fixed choices of the form and the list filters, in the page's language.
import { CREDENTIAL_TYPES } from '@skills-passport/core';
import type { CredentialStatus } from './api-types.js';
import { $, el, select, setOptions } from './dom.js';
import { t } from './locale.js';

const STATUSES: readonly CredentialStatus[] = ['offered', 'issued', 'suspended', 'revoked'];
const METHODS = [
  'portfolio',
  'criterion-based-interview',
  'workplace-observation',
  'practical-assignment',
  'simulation',
  'written-test',
  'reference-check',
  'other',
] as const;
const ASSESSMENT_TYPES = [
  'exam',
  'practical-assignment',
  'project',
  'portfolio',
  'presentation',
  'oral-exam',
  'attendance',
  'other',
] as const;
const LEVELS = ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => [n, n] as const);

/** The assessment methods as checkboxes, keeping what is ticked. */
function renderMethods(): void {
  const methods = $('methods');
  const checked = new Set(
    [...methods.querySelectorAll<HTMLInputElement>('input:checked')].map((n) => n.value),
  );
  for (const node of methods.querySelectorAll('.check')) node.remove();
  for (const method of METHODS) {
    const id = `method-${method}`;
    methods.append(
      el(
        'div',
        { class: 'check' },
        el('input', { type: 'checkbox', id, value: method, checked: checked.has(method) }),
        el('label', { for: id }, t(`method.${method}`)),
      ),
    );
  }
}

export function fillStaticOptions(): void {
  renderMethods();
  setOptions(
    select('assessment-type'),
    ASSESSMENT_TYPES.map((v) => [v, t(`assess.${v}`)]),
  );
  setOptions(select('eqf'), [['', t('none')], ...LEVELS]);
  setOptions(select('nlqf'), [['', t('none')], ['entry', 'Instap / entry'], ...LEVELS]);
  setOptions(select('filter-type'), [
    ['', t('all')],
    ...CREDENTIAL_TYPES.map((v) => [v, t(`type.${v}`)] as const),
  ]);
  setOptions(select('filter-status'), [
    ['', t('all')],
    ...STATUSES.map((v) => [v, t(`status.${v}`)] as const),
  ]);
}
