// What "Start the EVC assessment" puts in the issue form from a received intake: the learner's
// name, the standard, the competencies the portfolio names (each once, at the level a recognised
// credential gives on the platform's scale, else the form's usual starting level) and an evidence
// narrative that lists the portfolio — recognised credentials, those of other issuers, and the
// learner's self-declared skills with the evidence they described.
import type { Lang } from '@skills-passport/core';
import type { ChosenSkill } from './content.js';
import { format } from './i18n.js';
import type { IntakeCredentialView, IntakeDetailView } from './intake-api.js';

/** The issue form's fields an intake fills in. */
export interface IssuePrefill {
  learnerName: string;
  title: string;
  description: string;
  criteria: string;
  standard?: { identifier: string; name: string };
  skills: ChosenSkill[];
}

/** The level the form starts a competency at when nothing better is known (as the occupation picker). */
const STARTING_LEVEL = 2;

/** The most the form takes as criteria, and as one self-declared skill's evidence in it. */
const MAX_CRITERIA = 5000;
const MAX_EVIDENCE_IN_NARRATIVE = 400;

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** The date part of an ISO time, as the narrative names it. */
const day = (iso: string | undefined): string => (iso === undefined ? '' : iso.slice(0, 10));

/**
 * The competencies of the portfolio, each once, in the order met; a skill's level is the highest
 * rank a recognised credential gives it on the platform's four-level scale.
 */
function competencies(credentials: readonly IntakeCredentialView[], lang: Lang): ChosenSkill[] {
  const byUri = new Map<string, ChosenSkill>();
  for (const credential of credentials) {
    for (const skill of credential.skills) {
      const known = byUri.get(skill.uri);
      const rank = credential.recognised && skill.level?.defaultScale === true ? skill.level.rank : undefined;
      if (known === undefined) {
        byUri.set(skill.uri, {
          uri: skill.uri,
          label: skill.labels[lang],
          framework: 'ESCO',
          level: rank ?? STARTING_LEVEL,
        });
      } else if (rank !== undefined && rank > known.level) {
        known.level = rank;
      }
    }
  }
  return [...byUri.values()];
}

/** One line of the narrative per credential, by group. */
function narrative(intake: IntakeDetailView, lang: Lang): string {
  const line = (c: IntakeCredentialView): string => {
    if (c.selfDeclared) {
      const skills = c.skills.map((s) => s.labels[lang]).join(', ') || c.title;
      return format(lang, 'intakeNarrativeSelf', {
        skills,
        evidence: clip(c.evidence ?? format(lang, 'intakeNoEvidence'), MAX_EVIDENCE_IN_NARRATIVE),
      });
    }
    return format(lang, c.recognised ? 'intakeNarrativeRecognised' : 'intakeNarrativeOther', {
      title: c.title,
      issuer: c.issuer.name,
      date: day(c.issuedAt),
    });
  };
  const ordered = [
    ...intake.credentials.filter((c) => c.recognised),
    ...intake.credentials.filter((c) => !c.recognised && !c.selfDeclared),
    ...intake.credentials.filter((c) => c.selfDeclared),
  ];
  const text = [
    format(lang, 'intakeNarrativeIntro', { date: day(intake.receivedAt) }),
    ...ordered.map((c) => `- ${line(c)}`),
  ].join('\n');
  return clip(text, MAX_CRITERIA);
}

/** The issue form's values for the EVC assessment of one received intake. */
export function assessmentPrefill(intake: IntakeDetailView, lang: Lang): IssuePrefill {
  const standardName = intake.standard?.name ?? '';
  return {
    learnerName: intake.learnerName ?? '',
    title: format(lang, 'intakeCertificateTitle', { standard: standardName }),
    description: format(lang, 'intakeCertificateDescription', { standard: standardName }),
    criteria: narrative(intake, lang),
    ...(intake.standard === undefined
      ? {}
      : { standard: { identifier: intake.standard.identifier ?? '', name: intake.standard.name } }),
    skills: competencies(intake.credentials, lang),
  };
}
