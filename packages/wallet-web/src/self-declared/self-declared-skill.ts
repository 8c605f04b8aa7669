import { z } from 'zod';

// A skill the learner says they have, without a credential for it (issue 16 item 5): kept only on
// this device, described in the learner's own words (what, where, when, who can confirm), never
// with a file. It shows everywhere marked "self-declared" and never counts as proven.

/** Longest evidence description kept (contract D). */
export const MAX_EVIDENCE_LENGTH = 2000;
/** Longest skill label kept: ESCO labels are far shorter. */
const MAX_LABEL_LENGTH = 500;

/** A self-declared skill as the wallet keeps it (a record of the `selfDeclared` store). */
export interface SelfDeclaredSkill {
  /** `urn:uuid:…`, made when the skill is added. */
  id: string;
  /** The ESCO skill's URI. */
  uri: string;
  /** Its label in the language it was chosen in (the taxonomy names it afresh when it knows it). */
  label: string;
  /** The learner's own estimate, as a rank on the default four-level scale (1 Beginner … 4 Expert). */
  level?: number;
  /** The evidence, described in words. */
  evidence: string;
  addedAt: string;
  /** When the learner last changed it. */
  updatedAt?: string;
}

const schema = z.strictObject({
  id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/),
  uri: z.url({ protocol: /^https?$/ }).max(MAX_LABEL_LENGTH),
  label: z.string().trim().min(1).max(MAX_LABEL_LENGTH),
  level: z.number().int().min(1).max(4).optional(),
  evidence: z.string().trim().min(1).max(MAX_EVIDENCE_LENGTH),
  addedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * A self-declared skill read from somewhere the wallet does not control alone (a backup file, an
 * older record): exactly the members above, each within its bounds; `undefined` otherwise.
 */
export function readSelfDeclared(value: unknown): SelfDeclaredSkill | undefined {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return undefined;
  const { level, updatedAt, ...rest } = parsed.data;
  return {
    ...rest,
    ...(level === undefined ? {} : { level }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

/** What the learner fills in: the skill, an optional level, the evidence described. */
export interface SelfDeclaredInput {
  uri: string;
  label: string;
  level?: number;
  evidence: string;
}

/** Which part of the learner's input is missing or too long, for the form to point at. */
export type SelfDeclaredProblem = 'skill' | 'evidence-missing' | 'evidence-too-long';

/** What is wrong with the learner's input, or `undefined` when it can be kept. */
export function inputProblem(input: Partial<SelfDeclaredInput>): SelfDeclaredProblem | undefined {
  if (input.uri === undefined || input.uri === '' || (input.label ?? '').trim() === '') return 'skill';
  const evidence = (input.evidence ?? '').trim();
  if (evidence === '') return 'evidence-missing';
  if (evidence.length > MAX_EVIDENCE_LENGTH) return 'evidence-too-long';
  return undefined;
}

/**
 * A new self-declared skill, or `before` changed (its id and `addedAt` kept). Throws a `TypeError`
 * for input {@link inputProblem} refuses: the form checks it first.
 */
export function selfDeclaredSkill(
  input: SelfDeclaredInput,
  now: Date,
  before?: SelfDeclaredSkill,
): SelfDeclaredSkill {
  const made: SelfDeclaredSkill = {
    id: before?.id ?? `urn:uuid:${crypto.randomUUID()}`,
    uri: input.uri,
    label: input.label.trim(),
    ...(input.level === undefined ? {} : { level: input.level }),
    evidence: input.evidence.trim(),
    addedAt: before?.addedAt ?? now.toISOString(),
    ...(before === undefined ? {} : { updatedAt: now.toISOString() }),
  };
  if (inputProblem(made) !== undefined || readSelfDeclared(made) === undefined)
    throw new TypeError('not a self-declared skill');
  return made;
}
