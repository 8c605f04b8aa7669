// Who the credentials of one answer say the learner is: the name they carry (an SD-JWT VC only
// when it disclosed it), and whether they name different people. Each credential is bound to the
// holder who presented it, but that does not make them one person's: a holder can present a
// credential issued to someone else's name. The employer is told, not refused: a name may change
// (marriage) or be written differently by two issuers, and only a person can judge that.
import type { CredentialVerification } from '@skills-passport/core';

/** One value the credentials give for a kind of identifier, and which credentials give it. */
export interface IdentityValue {
  value: string;
  /** Indexes in the answer (as `credentialIndex` in the skills match and `index` in `sharing`). */
  credentials: number[];
}

/**
 * A kind of identifier for which the credentials that count give different values: `name`, or
 * another Open Badges `identityType` given in the clear (`identifier`, such as a student number).
 */
export interface IdentityConflict {
  identityType: string;
  values: IdentityValue[];
}

export interface LearnerIdentity {
  /** The first name a credential that counts gives. */
  learnerName?: string;
  /** Empty when the credentials agree (or name no one). */
  conflicts: IdentityConflict[];
}

interface IdentityObject {
  identityType?: unknown;
  hashed?: unknown;
  identityHash?: unknown;
}

/**
 * The identifiers a credential gives in the clear, by `identityType`. Hashed ones are left out:
 * each is salted by its issuer, so two hashes of one value differ and cannot be compared. The
 * holder's DID or key is left out too: wallets may bind each credential to a key of its own.
 */
function clearIdentifiers(credential: CredentialVerification): [string, string][] {
  const subject = credential.credential?.credentialSubject as { identifier?: unknown } | undefined;
  const entries = Array.isArray(subject?.identifier) ? (subject.identifier as IdentityObject[]) : [];
  return entries.flatMap((entry) =>
    entry !== null &&
    typeof entry === 'object' &&
    entry.hashed === false &&
    typeof entry.identityType === 'string' &&
    typeof entry.identityHash === 'string' &&
    entry.identityHash.trim() !== ''
      ? [[entry.identityType, entry.identityHash.trim()] as [string, string]]
      : [],
  );
}

/**
 * Two spellings of one value count as the same: case, accents, spacing and punctuation aside
 * ("José van der Berg" and "Jose Van der  Berg"), so the warning is kept for different values.
 */
function comparable(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@]+/gu, ' ')
    .trim();
}

/** The name one credential gives in the clear, whatever its outcome (a public page shows it beside the verdict). */
export function nameOn(credential: CredentialVerification): string | undefined {
  return clearIdentifiers(credential).find(([identityType]) => identityType === 'name')?.[1];
}

/**
 * Reads the learner's name and any conflicts from an answer's credentials, in answer order. Only
 * credentials that count are read (a failed one proves nothing, its name neither).
 */
export function learnerIdentity(credentials: readonly CredentialVerification[]): LearnerIdentity {
  const byType = new Map<string, Map<string, IdentityValue>>();
  credentials.forEach((credential, index) => {
    if (credential.outcome === 'failed') return;
    for (const [identityType, value] of clearIdentifiers(credential)) {
      const values = byType.get(identityType) ?? new Map<string, IdentityValue>();
      byType.set(identityType, values);
      const key = comparable(value);
      const known = values.get(key);
      if (known === undefined) values.set(key, { value, credentials: [index] });
      else if (!known.credentials.includes(index)) known.credentials.push(index);
    }
  });
  const learnerName = [...(byType.get('name')?.values() ?? [])][0]?.value;
  const conflicts = [...byType]
    .filter(([, values]) => values.size > 1)
    .map(([identityType, values]) => ({ identityType, values: [...values.values()] }))
    // Names first: that is what the employer reads.
    .sort((a, b) => Number(b.identityType === 'name') - Number(a.identityType === 'name'));
  return { ...(learnerName === undefined ? {} : { learnerName }), conflicts };
}
