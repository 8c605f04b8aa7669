import type { StoredCredential } from '../store/db.js';

/** The settings key of the name the learner gave as theirs (asked once, on the Wallet screen). */
export const HOLDER_NAME_SETTING = 'holderName';

/** The name a credential is made out to (an unhashed `identifier` of type `name`), if it names one. */
export function subjectName(credential: Pick<StoredCredential, 'document'>): string | undefined {
  const identifiers = (credential.document.credentialSubject as { identifier?: unknown }).identifier;
  if (!Array.isArray(identifiers)) return undefined;
  for (const entry of identifiers as Record<string, unknown>[]) {
    if (entry.identityType === 'name' && entry.hashed !== true && typeof entry.identityHash === 'string')
      return entry.identityHash;
  }
  return undefined;
}

/**
 * A name as compared: accents, case, spacing and punctuation do not make another person
 * ("Fatima el Amrani" is "Fátima El-Amrani"); anything else does.
 */
function folded(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The names among `credentials` that are not the holder's: each credential that names someone
 * other than `holder`, with that name. None when the learner gave no name, or a credential names none.
 */
export function otherNames(
  holder: string | undefined,
  credentials: readonly Pick<StoredCredential, 'document'>[],
): string[] {
  if (holder === undefined || folded(holder) === '') return [];
  const names = credentials.flatMap((c) => {
    const name = subjectName(c);
    return name === undefined || folded(name) === folded(holder) ? [] : [name];
  });
  return [...new Set(names)];
}
