// What the staff API (`/api/...`) answers, as far as the page reads it.
import type { CredentialFormat, CredentialTypeName, Lang } from '@skills-passport/core';

/** One problem of a refused request: a JSON pointer into what was sent, and a message for people. */
export interface Issue {
  pointer: string;
  rule?: string;
  message: string;
}

export type OrganisationKind = 'evc-provider' | 'training-provider' | 'employer';

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

/** GET /api/skills: one skill found by label. */
export interface SkillHit {
  uri: string;
  label: string;
  labels: Partial<Record<Lang, string>>;
  framework: string;
}
