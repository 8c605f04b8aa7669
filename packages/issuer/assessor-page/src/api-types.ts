// What the staff API (`/api/...`) answers, as far as the page reads it.
import type { CredentialFormat, CredentialTypeName, Lang } from '@skills-passport/core';

/** One problem of a refused request: a JSON pointer into what was sent, and a message for people. */
export interface Issue {
  pointer: string;
  rule?: string;
  message: string;
}

export type OrganisationKind = 'evc-provider' | 'training-provider' | 'employer' | 'learn-work-desk';

/** GET /api/me: who the API key belongs to. */
export interface Me {
  staff: { id: string; name: string; role: string };
  organisation: { slug: string; name: string; kind: OrganisationKind };
  allowedTypes: CredentialTypeName[];
}

export type CredentialStatus = 'offered' | 'issued' | 'revoked' | 'suspended';

/**
 * What became of an offer: nothing handed over yet (`waiting`), handed over with no word from the
 * wallet (`delivered`), or the wallet's own report (`accepted`, `failed`, `deleted`).
 */
export type Delivery = 'waiting' | 'delivered' | 'accepted' | 'failed' | 'deleted';

/** The newest offer of a credential. A new offer withdraws the one before. */
export interface OfferView {
  uri: string;
  expiresAt: string;
  state: 'open' | 'redeemed' | 'expired';
  txCodeRequired: boolean;
  delivery: Delivery;
  /** The envelopes the wallet took under this offer. */
  formats: CredentialFormat[];
  /** The learner's claim page, linked from the offer e-mail. */
  claimUrl: string | null;
  /** When the learner first opened the claim page. */
  openedAt: string | null;
  /** The offer e-mail; null when the learner has no e-mail address. */
  mail: { state: 'pending' | 'sent' | 'failed'; at: string; reason: string | null } | null;
  /** How far the offer got to the learner. */
  handover: 'claimed' | 'opened' | 'sent' | 'failed' | 'sending' | 'not_sent';
}

/** GET /api/outbox: the offer e-mails kept when no mail server is set up. */
export interface OutboxView {
  enabled: boolean;
  items: { id: string; to: string; subject: string; at: string; claimUrl: string; file: string }[];
}

/** One issued credential as the staff API shows it. */
export interface CredentialView {
  id: string;
  type: CredentialTypeName;
  title: string;
  status: CredentialStatus;
  learner: { name: string; contact: string | null };
  createdAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
  suspendedAt: string | null;
  batchId: string | null;
  offer: OfferView | null;
}

/**
 * POST /api/credentials, and POST /api/credentials/:id/offer: the credential and, when asked for,
 * the PIN of its (new) offer.
 */
export interface Issued {
  credential: CredentialView;
  txCode?: string;
}

/** GET /api/credentials: one page of the list. */
export interface CredentialPage {
  items: CredentialView[];
  nextCursor: string | null;
}

/** A cohort upload and how far it got. */
export interface BatchView {
  id: string;
  state: 'processing' | 'done';
  total: number;
  processed: number;
  valid: number;
  invalid: number;
  report: { line: number; issues: Issue[] }[];
}

/** POST /api/cohorts/preview: the first rows of a cohort CSV as the upload would treat them. */
export interface CohortPreview {
  separator: ',' | ';';
  columns: string[];
  total: number;
  rows: { line: number; cells: string[]; issues: Issue[] }[];
}

/** A skill of the taxonomy, labels in Dutch and English (each falls back to the other). */
export interface SkillConceptView {
  uri: string;
  label: Partial<Record<Lang, string>>;
  /** What the credential's alignment names as its targetFramework (`ESCO`). */
  framework: string;
  kind: string;
}

/** GET /api/skills: one skill found by label, with the label that matched. */
export interface SkillHit extends SkillConceptView {
  matchedLabel: string;
  matchedLang: Lang;
}

/** `no-match` lets the page say so; `empty-query` that nothing was asked. */
export type SearchOutcome = 'found' | 'no-match' | 'empty-query';

/** An ESCO occupation, labels in Dutch and English. */
export interface OccupationView {
  uri: string;
  label: Partial<Record<Lang, string>>;
}

/** GET /api/occupations: one occupation found by label, with how many skills it lists. */
export interface OccupationHit extends OccupationView {
  matchedLabel: string;
  essentialCount: number;
  optionalCount: number;
}

/** GET /api/occupations/skills: an occupation's essential and optional skills. */
export interface OccupationSkills {
  occupation: OccupationView;
  essential: SkillConceptView[];
  optional: SkillConceptView[];
}
