import type { ValidationIssue } from '@skills-passport/core';
import { EARLIEST_EVENT_DATE } from './event-dates.js';

// What the issuer checks of a development plan beyond its schema and core's consistency rules
// (review after agreement, steps not due before it): the day it was agreed is a day that has
// come. A plan agreed "tomorrow" is a typing error, and the wallet would count its review from it.

/** The furthest time zone ahead of UTC: a day that has begun anywhere may be today's date. */
const FURTHEST_AHEAD_MS = 14 * 3_600_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems with the plan's day of agreement: in the future (`date_future`) or before 1950
 * (`date_range`). Values that are no day at all are left to the schema (`format`). Pointers are
 * into the request body (`/credential/credentialSubject/...`).
 */
export function developmentPlanIssues(subject: Record<string, unknown>, now: Date): ValidationIssue[] {
  const plan = subject.developmentPlan;
  if (!isRecord(plan) || typeof plan.agreedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(plan.agreedOn))
    return [];
  const pointer = '/credential/credentialSubject/developmentPlan/agreedOn';
  const today = new Date(now.getTime() + FURTHEST_AHEAD_MS).toISOString().slice(0, 10);
  if (plan.agreedOn > today)
    return [
      {
        pointer,
        rule: 'date_future',
        message: 'The plan is agreed on a day in the future; it can be today at the latest.',
      },
    ];
  if (plan.agreedOn < EARLIEST_EVENT_DATE)
    return [
      {
        pointer,
        rule: 'date_range',
        message: 'The plan is agreed before 1 January 1950, which cannot be right; check the year.',
      },
    ];
  return [];
}
