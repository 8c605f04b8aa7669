// The kind and language of credential the issue form is set to.
import {
  CREDENTIAL_TYPES,
  isCredentialTypeName,
  type CredentialTypeName,
  type Lang,
} from '@skills-passport/core';
import { account } from './account.js';
import { select, setOptions } from './dom.js';
import { t } from './locale.js';

export function currentType(): CredentialTypeName {
  const value = select('cred-type').value;
  return isCredentialTypeName(value) ? value : CREDENTIAL_TYPES[0];
}

export function credentialLang(): Lang {
  return select('cred-lang').value === 'en' ? 'en' : 'nl';
}

/** Offers the types the signed-in organisation may issue. */
export function renderTypeOptions(): void {
  const allowed = account()?.allowedTypes ?? [];
  setOptions(
    select('cred-type'),
    allowed.map((type) => [type, t(`type.${type}`)]),
  );
}
