import type { CredentialDocument, ResultDescription, SkillAlignment } from '../credential-model.js';
import type { ValidationIssue } from '../errors.js';

// Rules a JSON Schema cannot express: references between parts of one credential and the order
// of its dates. They run only on documents that already passed the schema.

function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

function checkDateOrder(doc: CredentialDocument, issues: ValidationIssue[]): void {
  if (doc.validUntil !== undefined && !isBefore(doc.validFrom, doc.validUntil)) {
    issues.push({
      pointer: '/validUntil',
      rule: 'date_order',
      message: 'The expiration date must come after the issuance date.',
    });
  }
  const subject = doc.credentialSubject;
  if ('activityEndDate' in subject && subject.activityEndDate !== undefined) {
    const start = 'activityStartDate' in subject ? subject.activityStartDate : undefined;
    if (start !== undefined && isBefore(subject.activityEndDate, start)) {
      issues.push({
        pointer: '/credentialSubject/activityEndDate',
        rule: 'date_order',
        message: 'The end of the period must not come before its start.',
      });
    }
  }
  if ('assessmentDate' in subject && isBefore(doc.validFrom, subject.assessmentDate)) {
    issues.push({
      pointer: '/credentialSubject/assessmentDate',
      rule: 'date_order',
      message: 'The assessment date must not come after the issuance date.',
    });
  }
}

function checkUniqueIds(scales: readonly ResultDescription[], issues: ValidationIssue[]): void {
  const ids = new Set<string>();
  scales.forEach((scale, i) => {
    const at = `/credentialSubject/achievement/resultDescription/${i}`;
    if (ids.has(scale.id)) {
      issues.push({
        pointer: `${at}/id`,
        rule: 'duplicate_id',
        message: 'Another result description has this id.',
      });
    }
    ids.add(scale.id);
    const levelIds = new Set<string>();
    (scale.rubricCriterionLevel ?? []).forEach((level, j) => {
      if (levelIds.has(level.id) || ids.has(level.id)) {
        issues.push({
          pointer: `${at}/rubricCriterionLevel/${j}/id`,
          rule: 'duplicate_id',
          message: 'Another level has this id.',
        });
      }
      levelIds.add(level.id);
    });
  });
}

function checkSkillsDeclared(
  alignments: readonly SkillAlignment[],
  declared: ReadonlySet<string>,
  at: string,
  issues: ValidationIssue[],
): void {
  alignments.forEach((alignment, i) => {
    if (!declared.has(alignment.targetUrl)) {
      issues.push({
        pointer: `${at}/${i}/targetUrl`,
        rule: 'skill_not_in_achievement',
        message: 'This skill is not listed in the achievement\u2019s alignment; add it there too.',
      });
    }
  });
}

function checkResults(doc: CredentialDocument, issues: ValidationIssue[]): void {
  const achievement = doc.credentialSubject.achievement;
  const scales = new Map(achievement.resultDescription.map((rd) => [rd.id, rd]));
  const declaredSkills = new Set(achievement.alignment.map((a) => a.targetUrl));
  doc.credentialSubject.result.forEach((result, i) => {
    const at = `/credentialSubject/result/${i}`;
    const scale = scales.get(result.resultDescription);
    if (scale === undefined) {
      issues.push({
        pointer: `${at}/resultDescription`,
        rule: 'unknown_scale',
        message: 'This result refers to a scale that the achievement does not declare in resultDescription.',
      });
      return;
    }
    if ('achievedLevel' in result) {
      const levels = scale.rubricCriterionLevel ?? [];
      if (!levels.some((level) => level.id === result.achievedLevel)) {
        issues.push({
          pointer: `${at}/achievedLevel`,
          rule: 'unknown_level',
          message:
            levels.length === 0
              ? `The scale "${scale.name}" declares no levels, so no level can be achieved on it.`
              : `This level is not one of the levels of "${scale.name}": ${levels.map((l) => l.name).join(', ')}.`,
        });
      }
      checkSkillsDeclared(result.alignment, declaredSkills, `${at}/alignment`, issues);
    }
    if (
      result.value !== undefined &&
      scale.allowedValue !== undefined &&
      !scale.allowedValue.includes(result.value)
    ) {
      issues.push({
        pointer: `${at}/value`,
        rule: 'value_not_allowed',
        message: `Expected one of the values "${scale.name}" allows: ${scale.allowedValue.join(', ')}.`,
      });
    }
  });
  if ('learningOutcomes' in achievement) {
    achievement.learningOutcomes.forEach((outcome, i) =>
      checkSkillsDeclared(
        outcome.alignment,
        declaredSkills,
        `/credentialSubject/achievement/learningOutcomes/${i}/alignment`,
        issues,
      ),
    );
  }
}

/** Cross-reference and date-order rules; returns one issue per broken rule. */
export function consistencyIssues(doc: CredentialDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkDateOrder(doc, issues);
  checkUniqueIds(doc.credentialSubject.achievement.resultDescription, issues);
  checkResults(doc, issues);
  return issues;
}
