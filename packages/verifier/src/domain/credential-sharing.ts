// What each credential of an answer shared with the employer: the whole credential (jwt_vc_json,
// ldp_vc), or for an SD-JWT VC the claims disclosed and, in words, what was withheld. Digests carry
// no names, so a withheld claim is known only by where it sat and how many there were; where one
// place holds several kinds of claim (the learner's details), the words name the kinds it can be.
import {
  SD_JWT_CLAIM_LABELS,
  type ClaimPath,
  type CredentialTypeName,
  type CredentialVerification,
  type EnvelopeFormat,
} from '@skills-passport/core';

type Words = { nl: string; en: string };

/** One credential's share, in the order of the answer (`index` as `credentialIndex` in the match). */
export interface CredentialSharing {
  index: number;
  format?: EnvelopeFormat;
  /** `whole`: every claim of the credential reached the verifier; `selective`: an SD-JWT VC. */
  shared: 'whole' | 'selective';
  /** SD-JWT VC: each claim disclosed, with its label where the type metadata has one. */
  disclosed?: { path: ClaimPath; label?: Words }[];
  /** SD-JWT VC: per place, how many claims were withheld (decoy digests count too). */
  withheld?: { path: ClaimPath; count: number }[];
  /** SD-JWT VC: what was withheld, in words ("Not shared: the learner's name, 4 other skill results"). */
  notShared?: Words;
}

const samePath = (a: ClaimPath, b: ClaimPath): boolean =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

/** The type metadata label of a claim path; `null` in a label's path stands for any element or key. */
function labelOf(path: ClaimPath, type: CredentialTypeName | undefined): Words | undefined {
  return SD_JWT_CLAIM_LABELS.find(
    (claim) =>
      (claim.types === undefined || type === undefined || claim.types.includes(type)) &&
      claim.path.length === path.length &&
      claim.path.every((segment, i) => segment === null || segment === path[i]),
  )?.label;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** Counted words for the places that hold many claims of one kind. */
const COUNTED: { path: ClaimPath; one: Words; many: Words; other: Words }[] = [
  {
    path: ['credentialSubject', 'results'],
    one: { en: 'skill result', nl: 'vaardigheidsresultaat' },
    many: { en: 'skill results', nl: 'vaardigheidsresultaten' },
    other: { en: 'other ', nl: 'andere ' },
  },
  {
    path: ['credentialSubject', 'overallResults'],
    one: { en: 'overall result', nl: 'eindresultaat' },
    many: { en: 'overall results', nl: 'eindresultaten' },
    other: { en: 'other ', nl: 'andere ' },
  },
  {
    path: ['credentialSubject', 'achievement', 'learningOutcomes'],
    one: { en: 'learning outcome', nl: 'leeruitkomst' },
    many: { en: 'learning outcomes', nl: 'leeruitkomsten' },
    other: { en: 'other ', nl: 'andere ' },
  },
  {
    path: ['evidence'],
    one: { en: 'piece of evidence', nl: 'bewijsstuk' },
    many: { en: 'pieces of evidence', nl: 'bewijsstukken' },
    other: { en: 'other ', nl: 'andere ' },
  },
];

/**
 * The learner's details withheld from `credentialSubject` (one digest each): the disclosable
 * subject claims of the type that were not disclosed. When as many digests were withheld as there
 * are such claims, they are named; otherwise the words say how many, of which kinds.
 */
function subjectWords(count: number, disclosed: ClaimPath[], type: CredentialTypeName | undefined): Words[] {
  const disclosedNames = new Set(
    disclosed.filter((p) => p.length === 2 && p[0] === 'credentialSubject').map((p) => p[1]),
  );
  const candidates = SD_JWT_CLAIM_LABELS.filter(
    (claim) =>
      claim.disclosable &&
      claim.path.length === 2 &&
      claim.path[0] === 'credentialSubject' &&
      !disclosedNames.has(claim.path[1]) &&
      (claim.types === undefined || type === undefined || claim.types.includes(type)),
  ).map((claim) => claim.label);
  if (candidates.length === 0)
    return [{ en: `${count} other detail${count === 1 ? '' : 's'}`, nl: `${count} andere gegevens` }];
  if (count >= candidates.length)
    return candidates.map((label) => ({ en: lowerFirst(label.en), nl: lowerFirst(label.nl) }));
  const kinds = (lang: 'en' | 'nl') => candidates.map((label) => lowerFirst(label[lang])).join(', ');
  return [
    {
      en: `${count} detail${count === 1 ? '' : 's'} about the learner (of: ${kinds('en')})`,
      nl: `${count} ${count === 1 ? 'gegeven' : 'gegevens'} over de lerende (uit: ${kinds('nl')})`,
    },
  ];
}

/** What one withheld place says, in words. */
function withheldWords(
  entry: { path: ClaimPath; count: number },
  disclosed: ClaimPath[],
  type: CredentialTypeName | undefined,
): Words[] {
  if (samePath(entry.path, ['credentialSubject'])) return subjectWords(entry.count, disclosed, type);
  const counted = COUNTED.find((c) => samePath(c.path, entry.path));
  if (counted !== undefined) {
    const someShared = disclosed.some(
      (p) => p.length === entry.path.length + 1 && samePath(p.slice(0, -1), entry.path),
    );
    const noun = entry.count === 1 ? counted.one : counted.many;
    return [
      {
        en: `${entry.count} ${someShared ? counted.other.en : ''}${noun.en}`,
        nl: `${entry.count} ${someShared ? counted.other.nl : ''}${noun.nl}`,
      },
    ];
  }
  const label = labelOf([...entry.path, null], type) ?? labelOf(entry.path, type);
  const what = label ?? { en: entry.path.join('.'), nl: entry.path.join('.') };
  return [{ en: `${entry.count} × ${lowerFirst(what.en)}`, nl: `${entry.count} × ${lowerFirst(what.nl)}` }];
}

/** The "not shared" sentence of an SD-JWT VC presentation. */
export function notSharedWords(
  withheld: { path: ClaimPath; count: number }[],
  disclosed: ClaimPath[],
  type: CredentialTypeName | undefined,
): Words {
  // The learner's details first, then what there is many of, in the order of COUNTED.
  const rank = (path: ClaimPath): number =>
    samePath(path, ['credentialSubject'])
      ? -1
      : COUNTED.findIndex((c) => samePath(c.path, path)) + 1 || COUNTED.length + 1;
  const parts = [...withheld]
    .sort((a, b) => rank(a.path) - rank(b.path))
    .flatMap((entry) => withheldWords(entry, disclosed, type));
  if (parts.length === 0)
    return { en: 'Everything in the credential was shared.', nl: 'Alles uit de credential is gedeeld.' };
  return {
    en: `Not shared: ${parts.map((p) => p.en).join(', ')}.`,
    nl: `Niet gedeeld: ${parts.map((p) => p.nl).join(', ')}.`,
  };
}

/** What one verified credential shared. */
export function credentialSharing(index: number, credential: CredentialVerification): CredentialSharing {
  const disclosure = credential.disclosure;
  const format = credential.format === undefined ? {} : { format: credential.format };
  if (disclosure === undefined) return { index, ...format, shared: 'whole' };
  return {
    index,
    ...format,
    shared: 'selective',
    disclosed: disclosure.disclosed.map((path) => {
      const label = labelOf(path, credential.type);
      return { path, ...(label === undefined ? {} : { label }) };
    }),
    withheld: disclosure.withheld,
    notShared: notSharedWords(disclosure.withheld, disclosure.disclosed, credential.type),
  };
}
