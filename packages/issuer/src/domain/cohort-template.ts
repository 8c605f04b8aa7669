import { SkillsPassportError, isCredentialTypeName, type CredentialTypeName } from '@skills-passport/core';
import type { CsvSeparator } from './cohort-csv.js';
import { ALLOWED_TYPES, type Organisation } from './organisations.js';

/**
 * The per-learner columns of each type's template: the learner, and the dates that differ per
 * learner. Everything else is the cohort's common content; any other field can still be added as
 * a JSON-pointer column.
 */
const TEMPLATE_COLUMNS: Readonly<Record<CredentialTypeName, readonly string[]>> = {
  EVCCredential: ['name', 'email', '/credentialSubject/assessmentDate'],
  ModuleCredential: [
    'name',
    'email',
    '/credentialSubject/activityStartDate',
    '/credentialSubject/activityEndDate',
  ],
  WorkplaceLearningCredential: [
    'name',
    'email',
    '/credentialSubject/activityStartDate',
    '/credentialSubject/activityEndDate',
  ],
  DevelopmentPlanCredential: ['name', 'email', '/credentialSubject/developmentPlan/agreedOn'],
};

/**
 * An empty cohort CSV for a type: the header line only (an example row would be issued if left
 * in), with a UTF-8 byte order mark so Excel reads names such as "Ayşe" or "Zoë" correctly, and the
 * separator the assessor's spreadsheet expects (`;` for Dutch Excel).
 * Codes: `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_NOT_ALLOWED`.
 */
export function cohortTemplate(org: Organisation, type: string, separator: CsvSeparator): string {
  if (!isCredentialTypeName(type)) {
    throw new SkillsPassportError('ERR_UNKNOWN_CREDENTIAL_TYPE', 'Unknown credential type.', {
      issues: [{ pointer: '/type', rule: 'enum', message: 'Expected a credential type this issuer knows.' }],
    });
  }
  if (!ALLOWED_TYPES[org.kind].includes(type)) {
    throw new SkillsPassportError('ERR_CREDENTIAL_TYPE_NOT_ALLOWED', `A ${org.kind} may not issue ${type}.`, {
      issues: [
        {
          pointer: '/type',
          rule: 'allowed_types',
          message: `This organisation may issue: ${ALLOWED_TYPES[org.kind].join(', ')}.`,
        },
      ],
    });
  }
  return `\uFEFF${TEMPLATE_COLUMNS[type].join(separator)}\r\n`;
}
