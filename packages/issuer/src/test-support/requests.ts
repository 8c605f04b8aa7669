import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const examples = join(import.meta.dirname, '../../../../schemas/examples');

/** A fresh issue request built from one of the valid schema examples. */
export function requestFromExample(
  file: string,
  learner = { name: 'Fatima el Amrani', email: 'fatima@example.nl' },
) {
  const doc = JSON.parse(readFileSync(join(examples, file), 'utf8'));
  const { id: _id, type: _type, identifier: _identifier, ...subject } = doc.credentialSubject;
  const credential: Record<string, unknown> = { name: doc.name, credentialSubject: subject };
  for (const field of ['description', 'evidence', 'expirationDate'])
    if (doc[field] !== undefined) credential[field] = doc[field];
  return { type: doc.type[2] as string, learner, credential };
}

export const evcRequest = () => requestFromExample('evc-credential/zorghulp-ok.json');
export const moduleRequest = () => requestFromExample('module-credential/magazijn-microcredential-ok.json');
export const workplaceRequest = () =>
  requestFromExample('workplace-learning-credential/magazijnmedewerker-ok.json');
