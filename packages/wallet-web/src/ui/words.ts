import type { Lang } from '@skills-passport/core';

// Plain words for the enumerated values in credentials (assessment methods, evidence kinds,
// assessment types, identifier types); unknown values are shown as they are.
const WORDS: Record<string, Record<Lang, string>> = {
  portfolio: { en: 'portfolio', nl: 'portfolio' },
  'criterion-based-interview': { en: 'criterion-based interview', nl: 'criteriumgericht interview' },
  'workplace-observation': { en: 'observation at the workplace', nl: 'observatie op de werkplek' },
  'practical-assignment': { en: 'practical assignment', nl: 'praktijkopdracht' },
  simulation: { en: 'simulation', nl: 'simulatie' },
  'written-test': { en: 'written test', nl: 'schriftelijke toets' },
  'reference-check': { en: 'reference check', nl: 'referentiecheck' },
  'work-sample': { en: 'work sample', nl: 'werkvoorbeeld' },
  'assessment-report': { en: 'assessment report', nl: 'beoordelingsverslag' },
  reference: { en: 'reference', nl: 'referentie' },
  certificate: { en: 'certificate', nl: 'certificaat' },
  exam: { en: 'exam', nl: 'examen' },
  project: { en: 'project', nl: 'project' },
  presentation: { en: 'presentation', nl: 'presentatie' },
  'oral-exam': { en: 'oral exam', nl: 'mondeling examen' },
  attendance: { en: 'attendance', nl: 'aanwezigheid' },
  other: { en: 'other', nl: 'anders' },
  'ext:evcRegister': { en: 'EVC register number', nl: 'nummer in het EVC-register' },
  'ext:kvkNumber': { en: 'Chamber of Commerce (KvK) number', nl: 'KvK-nummer' },
  'ext:brin': { en: 'BRIN school number', nl: 'BRIN-nummer' },
};

export function word(value: string, lang: Lang): string {
  return WORDS[value]?.[lang] ?? value;
}
