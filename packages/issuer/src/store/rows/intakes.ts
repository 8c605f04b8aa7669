import type { IntakePurpose, IntakeRecord, IntakeStandard } from '../../ports.js';
import type { RowValues } from '@skills-passport/service-kit';

export type StandardRow = {
  org_slug: string;
  id: string;
  name: string;
  identifier: string | null;
  occupation: string | null;
  skills: string | null;
  updated_at: string;
};

export type IntakeRow = {
  id: string;
  org_slug: string;
  purpose: string;
  standard_id: string | null;
  purpose_text: string | null;
  created_by: string | null;
  nonce: string;
  state: string;
  created_at: number;
  expires_at: number;
  received_at: number | null;
  holder: string | null;
  learner_name: string | null;
  answer: string | null;
};

export const toStandard = (row: StandardRow): IntakeStandard => ({
  orgSlug: row.org_slug,
  id: row.id,
  name: row.name,
  identifier: row.identifier,
  occupation: row.occupation,
  skills: row.skills === null ? null : (JSON.parse(row.skills) as IntakeStandard['skills']),
  updatedAt: row.updated_at,
});

export const toIntake = (row: IntakeRow): IntakeRecord => ({
  id: row.id,
  orgSlug: row.org_slug,
  purpose: row.purpose as IntakePurpose,
  standardId: row.standard_id,
  purposeText: row.purpose_text,
  createdBy: row.created_by,
  nonce: row.nonce,
  state: row.state,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  receivedAt: row.received_at,
  holder: row.holder,
  learnerName: row.learner_name,
  answer: row.answer,
});

/** The parameters of an intake_standards upsert, in its column order. */
export const standardParameters = (s: IntakeStandard): RowValues => [
  s.orgSlug,
  s.id,
  s.name,
  s.identifier,
  s.occupation,
  s.skills === null ? null : JSON.stringify(s.skills),
  s.updatedAt,
];

/** The parameters of an intakes insert, in its column order. */
export const intakeParameters = (i: IntakeRecord): RowValues => [
  i.id,
  i.orgSlug,
  i.purpose,
  i.standardId,
  i.purposeText,
  i.createdBy,
  i.nonce,
  i.state,
  i.createdAt,
  i.expiresAt,
  i.receivedAt,
  i.holder,
  i.learnerName,
  i.answer,
];
