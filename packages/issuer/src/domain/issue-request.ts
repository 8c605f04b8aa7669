import {
  CREDENTIAL_TYPE_INFO,
  SkillsPassportError,
  isCredentialTypeName,
  type CredentialTypeName,
  type ValidationIssue,
} from '@skills-passport/core';
import { developmentPlanIssues } from './development-plan.js';
import { eventDateIssues } from './event-dates.js';
import { ALLOWED_TYPES, type Organisation } from './organisations.js';

/** What staff submit to issue one credential (the HTTP body of POST /api/credentials). */
export interface IssueRequest {
  type: string;
  learner: { name: string; email?: string; phone?: string; contact?: string };
  /** The type-specific content: `credentialSubject` (without id, type, identifier) and optionally name, description, validUntil, evidence. */
  credential: Record<string, unknown>;
  offer?: { txCode?: boolean };
}

const CLIENT_FIELDS = new Set(['name', 'description', 'validUntil', 'evidence', 'credentialSubject']);
const SERVER_SUBJECT_FIELDS = ['id', 'type', 'identifier'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIssues(request: IssueRequest, now: Date): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const learner: unknown = request.learner;
  if (!isRecord(learner)) {
    issues.push({
      pointer: '/learner',
      rule: 'required',
      message: 'Give the learner: at least a name, and an e-mail or other contact for the hand-over.',
    });
  } else {
    if (typeof learner.name !== 'string' || learner.name.trim().length === 0 || learner.name.length > 200) {
      issues.push({
        pointer: '/learner/name',
        rule: 'required',
        message: 'The learner\u2019s name (1 to 200 characters) is required.',
      });
    }
    if (
      learner.email !== undefined &&
      (typeof learner.email !== 'string' ||
        !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(learner.email) ||
        learner.email.length > 254)
    ) {
      issues.push({ pointer: '/learner/email', rule: 'format', message: 'Expected an e-mail address.' });
    }
    for (const field of ['phone', 'contact'] as const) {
      const value = learner[field];
      if (value !== undefined && (typeof value !== 'string' || value.length > 200)) {
        issues.push({
          pointer: `/learner/${field}`,
          rule: 'type',
          message: 'Expected a text of at most 200 characters.',
        });
      }
    }
  }
  if (!isRecord(request.credential)) {
    issues.push({
      pointer: '/credential',
      rule: 'required',
      message: 'Give the credential content: at least its credentialSubject.',
    });
    return issues;
  }
  for (const key of Object.keys(request.credential)) {
    if (!CLIENT_FIELDS.has(key)) {
      issues.push({
        pointer: `/credential/${key}`,
        rule: 'server_field',
        message: `"${key}" is set by the issuer or unknown; leave it out.`,
      });
    }
  }
  const subject = request.credential.credentialSubject;
  if (isRecord(subject)) {
    for (const key of SERVER_SUBJECT_FIELDS) {
      if (key in subject) {
        issues.push({
          pointer: `/credential/credentialSubject/${key}`,
          rule: 'server_field',
          message: `"${key}" is set by the issuer (the holder's DID at hand-over, the learner's name); leave it out.`,
        });
      }
    }
    issues.push(...eventDateIssues(subject, now));
    if (request.type === 'DevelopmentPlanCredential') issues.push(...developmentPlanIssues(subject, now));
  }
  if (
    request.offer !== undefined &&
    (!isRecord(request.offer) ||
      (request.offer.txCode !== undefined && typeof request.offer.txCode !== 'boolean'))
  ) {
    issues.push({ pointer: '/offer/txCode', rule: 'type', message: 'Expected true or false.' });
  }
  return issues;
}

/**
 * Checks the request and the resulting document; throws the coded error a client can act on.
 * Dates of the assessment or activity are checked against `now`: not before 1950, not in the
 * future (`ERR_VALIDATION`, rules `date_range`, `date_future`, `date_invalid`, `date_order`).
 * Codes: `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_NOT_ALLOWED`, `ERR_VALIDATION`, `ERR_SCHEMA_INVALID`.
 */
export function checkIssueRequest(org: Organisation, request: IssueRequest, now: Date): CredentialTypeName {
  if (!isCredentialTypeName(request.type)) {
    throw new SkillsPassportError('ERR_UNKNOWN_CREDENTIAL_TYPE', 'Unknown credential type.', {
      issues: [
        {
          pointer: '/type',
          rule: 'enum',
          message: `Expected one of ${Object.keys(CREDENTIAL_TYPE_INFO).join(', ')}.`,
        },
      ],
    });
  }
  if (!ALLOWED_TYPES[org.kind].includes(request.type)) {
    throw new SkillsPassportError(
      'ERR_CREDENTIAL_TYPE_NOT_ALLOWED',
      `A ${org.kind} may not issue ${request.type}.`,
      {
        issues: [
          {
            pointer: '/type',
            rule: 'allowed_types',
            message: `This organisation may issue: ${ALLOWED_TYPES[org.kind].join(', ')}.`,
          },
        ],
      },
    );
  }
  const issues = requestIssues(request, now);
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', { issues });
  return request.type;
}

/** The learner's contact as one line: e-mail, phone or other. */
export function contactOf(learner: IssueRequest['learner']): string | null {
  return learner.email ?? learner.phone ?? learner.contact ?? null;
}
