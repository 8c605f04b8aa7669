import { CREDENTIAL_TYPE_INFO, isCredentialTypeName, type Lang } from '@skills-passport/core';
import { t } from '../i18n.js';

/** The last segment of a type: its short name, whether written short or as an expanded IRI. */
function shortName(type: string): string {
  return /([A-Za-z0-9_]+)$/.exec(type)?.[1] ?? type;
}

/** Open Badges 3.0 types: a request naming them takes badges of any issuer. */
const OPEN_BADGE_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential']);

/**
 * Plain words for the credential types a query accepts: our types by their label, the Open Badges
 * types (short or expanded, either name) as one "Open Badge", the base type left out, and each
 * said once.
 */
export function describeTypes(types: string[], lang: Lang): string[] {
  const words = types.flatMap((type) => {
    const name = shortName(type);
    if (isCredentialTypeName(name)) return [CREDENTIAL_TYPE_INFO[name].label[lang]];
    if (OPEN_BADGE_TYPES.has(name)) return [t('requestedOpenBadge')];
    if (name === 'VerifiableCredential') return [];
    return [type];
  });
  return [...new Set(words)];
}
