import { CREDENTIAL_TYPE_INFO, isCredentialTypeName, type Lang } from '@skills-passport/core';

/** Plain words for the credential types a query accepts. */
export function describeTypes(types: string[], lang: Lang): string[] {
  return types.map((type) => (isCredentialTypeName(type) ? CREDENTIAL_TYPE_INFO[type].label[lang] : type));
}
