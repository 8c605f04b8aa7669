import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestFromExample as requestFromDocument } from '../demo/seed-demo.js';

const examples = join(import.meta.dirname, '../../../../schemas/examples');

/** A fresh issue request built from one of the valid schema examples, for `learner`. */
export function requestFromExample(
  file: string,
  learner = { name: 'Fatima el Amrani', email: 'fatima@example.nl' },
) {
  const doc = JSON.parse(readFileSync(join(examples, file), 'utf8')) as Record<string, unknown>;
  return { ...requestFromDocument(doc), learner };
}

export const evcRequest = () => requestFromExample('evc-credential/zorghulp-ok.json');
export const moduleRequest = () => requestFromExample('module-credential/magazijn-microcredential-ok.json');
export const workplaceRequest = () =>
  requestFromExample('workplace-learning-credential/magazijnmedewerker-ok.json');
