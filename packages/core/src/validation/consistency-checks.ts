import {
  isSkillCredential,
  type CredentialDocument,
  type DevelopmentPlanCredential,
  type ResultDescription,
  type SkillAlignment,
  type SkillCredentialDocument,
} from '../credential-model.js';
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

function checkResults(doc: SkillCredentialDocument, issues: ValidationIssue[]): void {
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

/**
 * A plan says something to do (a module or a step), looks ahead from the day it was agreed (review,
 * due dates), and names each module once: the wallet counts a module done by its id.
 */
function checkPlan(doc: DevelopmentPlanCredential, issues: ValidationIssue[]): void {
  const plan = doc.credentialSubject.developmentPlan;
  const at = '/credentialSubject/developmentPlan';
  if (plan.modules.length === 0 && plan.nextSteps.length === 0) {
    issues.push({
      pointer: `${at}/nextSteps`,
      rule: 'empty_plan',
      message: 'A plan needs at least one module or one next step.',
    });
  }
  if (plan.reviewOn !== undefined && plan.reviewOn <= plan.agreedOn) {
    issues.push({
      pointer: `${at}/reviewOn`,
      rule: 'date_order',
      message: 'The review date must come after the day the plan was agreed.',
    });
  }
  plan.nextSteps.forEach((step, i) => {
    if (step.due !== undefined && step.due < plan.agreedOn) {
      issues.push({
        pointer: `${at}/nextSteps/${i}/due`,
        rule: 'date_order',
        message: 'A step cannot be due before the day the plan was agreed.',
      });
    }
  });
  const ids = new Set<string>();
  plan.modules.forEach((module, i) => {
    if (ids.has(module.id)) {
      issues.push({
        pointer: `${at}/modules/${i}/id`,
        rule: 'duplicate_id',
        message: 'This module is already in the plan.',
      });
    }
    ids.add(module.id);
  });
}

/** Cross-reference and date-order rules; returns one issue per broken rule. */
export function consistencyIssues(doc: CredentialDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkDateOrder(doc, issues);
  if (isSkillCredential(doc)) {
    checkUniqueIds(doc.credentialSubject.achievement.resultDescription, issues);
    checkResults(doc, issues);
  } else {
    checkPlan(doc, issues);
  }
  return issues;
}
