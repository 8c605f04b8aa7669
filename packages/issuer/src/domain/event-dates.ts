import type { ValidationIssue } from '@skills-passport/core';

/** The subject's dates of what happened (the assessment, the activity), with the words for each. */
const EVENT_DATES = [
  ['assessmentDate', 'assessment date'],
  ['activityStartDate', 'start date'],
  ['activityEndDate', 'end date'],
] as const;

/** No assessment or activity of a learner alive today can have happened before this day. */
export const EARLIEST_EVENT_DATE = '1950-01-01';
/** Clocks differ a little; a date-time a few minutes ahead of ours is not yet "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** True when year, month and day name a day of the calendar (no 31 February, 29 February only in leap years). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * What is wrong with the dates of an assessment or activity: a day that does not exist
 * (`date_invalid`), before 1950 (`date_range`), after now (`date_future`), or an end before its
 * start (`date_order`). Values that are no RFC 3339 date-time at all are left to the schema
 * (`format`), so each problem is reported once. Pointers are into the request body.
 */
export function eventDateIssues(subject: Record<string, unknown>, now: Date): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const instants: Partial<Record<(typeof EVENT_DATES)[number][0], number>> = {};
  for (const [field, words] of EVENT_DATES) {
    const value = subject[field];
    if (typeof value !== 'string') continue;
    const match = RFC3339.exec(value);
    if (match === null) continue;
    const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
    const pointer = `/credential/credentialSubject/${field}`;
    if (!isCalendarDay(year, month, day)) {
      issues.push({ pointer, rule: 'date_invalid', message: `The ${words} is a day that does not exist.` });
    } else if (value.slice(0, 10) < EARLIEST_EVENT_DATE) {
      issues.push({
        pointer,
        rule: 'date_range',
        message: `The ${words} is before 1 January 1950, which cannot be right; check the year.`,
      });
    } else if (Date.parse(value) > now.getTime() + CLOCK_SKEW_MS) {
      issues.push({
        pointer,
        rule: 'date_future',
        message: `The ${words} is in the future; it can be today at the latest.`,
      });
    } else {
      instants[field] = Date.parse(value);
    }
  }
  const { activityStartDate: start, activityEndDate: end } = instants;
  if (start !== undefined && end !== undefined && end < start) {
    issues.push({
      pointer: '/credential/credentialSubject/activityEndDate',
      rule: 'date_order',
      message: 'The end date is before the start date.',
    });
  }
  return issues;
}
