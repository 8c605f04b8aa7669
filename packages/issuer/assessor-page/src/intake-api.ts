// The intake part of the staff API (contract E), as the Intakes tab reads it.
import type { Lang } from '@skills-passport/core';
import { call } from './api.js';

/** One skill of a shared credential. */
export interface IntakeSkillView {
  uri: string;
  /** In Dutch; `labels` has both languages. */
  label: string;
  labels: Record<Lang, string>;
  level?: { name: string; labels: Record<Lang, string>; rank?: number; of?: number; defaultScale: boolean };
  outcome?: string;
  date?: string;
}

/** One shared credential, as the issuer summarised it. */
export interface IntakeCredentialView {
  type: string;
  title: string;
  issuer: { id: string; name: string };
  recognised: boolean;
  selfDeclared: boolean;
  verified: boolean;
  problem?: string;
  issuedAt?: string;
  learning: 'formal' | 'informal';
  skills: IntakeSkillView[];
  evidence?: string;
}

/** One intake in the list. */
export interface IntakeSummaryView {
  id: string;
  purpose: 'evc-intake' | 'advice';
  standard?: { id: string; name: string; identifier?: string; occupation?: string };
  purposeText?: string;
  status: 'pending' | 'received' | 'expired';
  createdAt: string;
  expiresAt: string;
  receivedAt?: string;
  learnerName?: string;
  requestLink?: string;
  counts?: { credentials: number; selfDeclared: number; recognised: number };
}

/** One intake with what was shared. */
export interface IntakeDetailView extends IntakeSummaryView {
  holder?: string;
  credentials: IntakeCredentialView[];
}

/** GET /api/intakes */
export const listIntakes = () => call<{ items: IntakeSummaryView[] }>('GET', '/api/intakes', [200]);

/** GET /api/intakes/:id */
export const getIntake = (id: string) =>
  call<IntakeDetailView>('GET', `/api/intakes/${encodeURIComponent(id)}`, [200]);
