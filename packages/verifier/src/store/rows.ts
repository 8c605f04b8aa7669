// The verifier's rows and their mapping to records, shared by the SQLite and PostgreSQL stores.

import type { CredentialTypeName } from '@skills-passport/core';
import { isSet, type Flag, type RowValues } from '@skills-passport/service-kit';
import type { IssuerKind, TrustedIssuer } from '../domain/trusted-issuers.js';
import type {
  EndedPublication,
  IncompleteAnswers,
  PublicationRecord,
  SkillRequirement,
  StoredRequest,
  StoredPublication,
  StoredResult,
  StoredVacancy,
} from '../ports.js';

export type RequestRow<F extends Flag = Flag> = {
  id: string;
  employer_id: string;
  title: string;
  skills: string;
  accepted_types: string;
  accepted_issuers: string | null;
  ask_for_name: F;
  nonce: string;
  state: string;
  created_at: number;
  expires_at: number;
  status: string;
};

export type VacancyRow = {
  id: string;
  employer_id: string;
  title: string;
  purpose: string;
  query: string;
  created_at: number;
  expires_at: number;
  withdrawn_at: number | null;
};

/** The part of a vacancy kept as JSON in its `query` column. */
export type VacancyQuery = Pick<
  StoredVacancy,
  'skills' | 'acceptedTypes' | 'acceptedIssuers' | 'askForName' | 'requestTtlSeconds'
>;

export function toVacancy(row: VacancyRow): StoredVacancy {
  const query = JSON.parse(row.query) as VacancyQuery;
  return {
    id: row.id,
    employerId: row.employer_id,
    title: row.title,
    purpose: row.purpose,
    skills: query.skills,
    acceptedTypes: query.acceptedTypes,
    acceptedIssuers: query.acceptedIssuers ?? undefined,
    ...(query.askForName === true ? { askForName: true as const } : {}),
    ...(query.requestTtlSeconds === undefined ? {} : { requestTtlSeconds: query.requestTtlSeconds }),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.withdrawn_at === null ? {} : { withdrawnAt: row.withdrawn_at }),
  };
}

export type TrustedIssuerRow = {
  did: string;
  name: string;
  kind: string;
  accredited_types: string;
  catalogue: string | null;
  intake: string | null;
};

export function toRequest(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    employerId: row.employer_id,
    title: row.title,
    skills: JSON.parse(row.skills) as SkillRequirement[],
    acceptedTypes: JSON.parse(row.accepted_types) as CredentialTypeName[],
    acceptedIssuers:
      row.accepted_issuers === null ? undefined : (JSON.parse(row.accepted_issuers) as string[]),
    ...(isSet(row.ask_for_name) ? { askForName: true as const } : {}),
    nonce: row.nonce,
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    // Opening the file settles the 'answering' of earlier versions (see SCHEMA): none is left.
    status: row.status as StoredRequest['status'],
  };
}

export function toTrustedIssuer(row: TrustedIssuerRow): TrustedIssuer {
  return {
    did: row.did,
    name: row.name,
    kind: row.kind as IssuerKind,
    accreditedTypes: JSON.parse(row.accredited_types) as CredentialTypeName[],
    ...(row.catalogue === null ? {} : { catalogue: row.catalogue }),
    ...(row.intake === null ? {} : { intake: row.intake }),
  };
}

export type ResultRow<F extends Flag = Flag> = {
  request_id: string;
  received_at: number;
  accepted: F;
  outcome: string;
  report: string;
};

export const toResult = (row: ResultRow): StoredResult => ({
  requestId: row.request_id,
  receivedAt: row.received_at,
  accepted: isSet(row.accepted),
  outcome: row.outcome,
  report: JSON.parse(row.report) as unknown,
});

export type IncompleteAnswersRow = {
  count: number;
  last_received_at: number;
  last_reason: string;
  last_error: string | null;
};

export const toIncompleteAnswers = (row: IncompleteAnswersRow): IncompleteAnswers => ({
  count: row.count,
  lastReceivedAt: row.last_received_at,
  lastReason: row.last_reason,
  ...(row.last_error === null ? {} : { lastError: row.last_error }),
});

export type PublicationRow = {
  id: string;
  withdraw_token_hash: string | null;
  credentials: string | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  ended_reason: string | null;
};

/** An ended publication keeps only its id and dates; a published one its credentials too. */
export function toPublication(row: PublicationRow): PublicationRecord {
  if (row.ended_at !== null)
    return {
      state: 'ended',
      ended: {
        id: row.id,
        createdAt: row.created_at,
        endedAt: row.ended_at,
        reason: row.ended_reason as EndedPublication['reason'],
      },
    };
  return {
    state: 'published',
    publication: {
      id: row.id,
      withdrawTokenHash: row.withdraw_token_hash!,
      credentials: JSON.parse(row.credentials!) as unknown[],
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    },
  };
}

/** The part of a vacancy kept as JSON in its `query` column, as stored. */
const vacancyQueryOf = (vacancy: StoredVacancy): VacancyQuery => ({
  skills: vacancy.skills,
  acceptedTypes: vacancy.acceptedTypes,
  acceptedIssuers: vacancy.acceptedIssuers,
  ...(vacancy.askForName === true ? { askForName: true as const } : {}),
  ...(vacancy.requestTtlSeconds === undefined ? {} : { requestTtlSeconds: vacancy.requestTtlSeconds }),
});

/** The parameters of a trusted_issuers upsert (with `updated_at`), in its column order. */
export const trustedIssuerParameters = (issuer: TrustedIssuer, now: number): RowValues => [
  issuer.did,
  issuer.name,
  issuer.kind,
  JSON.stringify(issuer.accreditedTypes),
  issuer.catalogue ?? null,
  issuer.intake ?? null,
  now,
];

/** The parameters of a publications insert, in its column order. */
export const publicationParameters = (publication: StoredPublication): RowValues => [
  publication.id,
  publication.withdrawTokenHash,
  JSON.stringify(publication.credentials),
  publication.createdAt,
  publication.expiresAt,
];

/** The parameters of a vacancies insert, in its column order. */
export const vacancyParameters = (vacancy: StoredVacancy): RowValues => [
  vacancy.id,
  vacancy.employerId,
  vacancy.title,
  vacancy.purpose,
  JSON.stringify(vacancyQueryOf(vacancy)),
  vacancy.createdAt,
  vacancy.expiresAt,
  vacancy.withdrawnAt ?? null,
];
