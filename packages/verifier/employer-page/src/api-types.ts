// What the verifier's employer API answers, as far as the page reads it. The report's parts are
// core's types: the verifier stores what core's checks and skills match produce.
import type { AnySkillProof, Lang, SkillsMatchReport, VerificationCheck } from '@skills-passport/core';

/** A skill as the page shows it: found by label (with the label that matched) or listed for an occupation. */
export interface SkillHit {
  uri: string;
  label: Partial<Record<Lang, string>>;
  matchedLabel?: string;
}

/** What a label search found; `no-match` lets the page say so, `empty-query` that nothing was asked. */
export type SearchOutcome = 'found' | 'no-match' | 'empty-query';

/** GET /api/occupations: one ESCO occupation found by label, with how many skills it lists. */
export interface OccupationHit {
  uri: string;
  label: Partial<Record<Lang, string>>;
  matchedLabel: string;
  essentialCount: number;
  optionalCount: number;
}

/** GET /api/occupations/skills: an occupation's essential and optional skills. */
export interface OccupationSkills {
  occupation: { uri: string; label: Partial<Record<Lang, string>> };
  essential: SkillHit[];
  optional: SkillHit[];
}

/** What one credential shared: the whole credential, or for an SD-JWT VC what was withheld, in words. */
export interface CredentialSharing {
  index: number;
  format?: 'jwt_vc_json' | 'ldp_vc' | 'dc+sd-jwt';
  shared: 'whole' | 'selective';
  notShared?: Record<Lang, string>;
}

/** One credential of the answer as verified: what it is, by whom, and its checks. */
export interface VerifiedCredential {
  checks: VerificationCheck[];
  type?: string;
  issuerName?: string;
  issuer?: string;
}

/** A kind of identifier (`name`, `identifier`) for which the credentials give different values. */
export interface IdentityConflict {
  identityType: string;
  /** Each value, and the indexes (answer order) of the credentials that give it. */
  values: { value: string; credentials: number[] }[];
}

/** The stored answer to a request: every presentation's checks, and the per-skill match. */
export interface RequestReport {
  presentations: { checks: VerificationCheck[]; credentials: VerifiedCredential[] }[];
  match: SkillsMatchReport<AnySkillProof>;
  /** The learner's name, only when a credential that counts shared it. */
  learnerName?: string;
  /** Present when the credentials name different people. */
  identityConflicts?: IdentityConflict[];
  sharing?: CredentialSharing[];
}

export interface RequestResult {
  outcome: 'verified' | 'issuer_not_recognised' | 'failed';
  /** When the answer was received and verified (milliseconds since the epoch). */
  receivedAt?: number;
  report: RequestReport;
}

/** One request of the employer: what it asks, how to answer it, and the answer once it came. */
export interface RequestView {
  id: string;
  title: string;
  status: 'pending' | 'answered' | 'expired';
  createdAt: string;
  expiresAt: string;
  link: string;
  qrCodeUrl: string;
  /** Answers that did not answer the request (it stayed open): how many, and the last one. */
  incompleteAnswers?: {
    count: number;
    lastReceivedAt: string;
    lastReason: 'no_presentation' | 'required_credentials_missing' | 'wallet_error';
    lastError?: string;
  };
  result?: RequestResult;
}

/** One skill the employer asks for, before the request is made. */
export interface RequestedSkill {
  uri: string;
  required: boolean;
  minimumLevel?: number;
}

/** A published vacancy as the employer sees it (GET /api/vacancies). */
export interface VacancyView {
  id: string;
  title: string;
  /** The public JSON (for wallets) and the public page. */
  url: string;
  page: string;
  publishedAt: string;
  expiresAt: string;
  /** Absent on the answer to publishing: it is published then. */
  status?: 'published' | 'withdrawn' | 'expired';
}
