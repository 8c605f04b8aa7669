import { describe, expect, it } from '@jest/globals';
import type { StoredCredential } from '../store/db.js';
import { otherNames, subjectName } from './holder-name.js';

/** A credential document naming `name` (or no one), as far as the name check reads it. */
function named(name?: string, hashed = false): Pick<StoredCredential, 'document'> {
  return {
    document: {
      credentialSubject:
        name === undefined
          ? {}
          : { identifier: [{ type: 'IdentityObject', hashed, identityHash: name, identityType: 'name' }] },
    },
  } as unknown as Pick<StoredCredential, 'document'>;
}

describe('the name on a credential and the holder', () => {
  it('reads the unhashed name, and nothing from a hashed one', () => {
    expect(subjectName(named('Fatima el Amrani'))).toBe('Fatima el Amrani');
    expect(subjectName(named('sha256$abc', true))).toBeUndefined();
    expect(subjectName(named())).toBeUndefined();
  });

  it.each([
    ['Fatima el Amrani', 'Fatima el Amrani'],
    ['fátima  El-Amrani', 'Fatima el Amrani'],
    ['Chloë de Wit', 'CHLOE DE WIT'],
  ])('takes %s as %s', (holder, onCredential) => {
    expect(otherNames(holder, [named(onCredential)])).toEqual([]);
  });

  it('names each other person once', () => {
    expect(
      otherNames('Sanne Bakker', [
        named('Fatima el Amrani'),
        named('Sanne Bakker'),
        named('Fatima el Amrani'),
        named('Jan Smit'),
      ]),
    ).toEqual(['Fatima el Amrani', 'Jan Smit']);
  });

  it('compares nothing when the learner gave no name, or the credential names no one', () => {
    expect(otherNames(undefined, [named('Jan Smit')])).toEqual([]);
    expect(otherNames('  ', [named('Jan Smit')])).toEqual([]);
    expect(otherNames('Sanne Bakker', [named()])).toEqual([]);
  });
});
