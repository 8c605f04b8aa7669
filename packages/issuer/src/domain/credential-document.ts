import { randomUUID } from 'node:crypto';
import {
  credentialContexts,
  SkillsPassportError,
  validateCredential,
  type CredentialTypeName,
  type ValidationIssue,
} from '@skills-passport/core';
import type { IssueRequest } from './issue-request.js';
import type { Organisation } from './organisations.js';
import { statusListUrl, type BitstringListFormat } from './status-lists.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Profile as Open Badges wants it, with an id: a fresh URN when the request gives none. */
function withId(profile: unknown): unknown {
  if (!isRecord(profile) || profile.id !== undefined) return profile;
  return { id: `urn:uuid:${randomUUID()}`, ...profile };
}

/** The subject as the request gives it, with ids on the assessor and their organisation. */
function subjectOf(request: IssueRequest): Record<string, unknown> {
  const subject = isRecord(request.credential.credentialSubject)
    ? { ...request.credential.credentialSubject }
    : {};
  if (isRecord(subject.source)) {
    const source = withId(subject.source) as Record<string, unknown>;
    subject.source = isRecord(source.parentOrg) ? { ...source, parentOrg: withId(source.parentOrg) } : source;
  }
  return subject;
}

/**
 * A credential's `validFrom` for `now`, in whole seconds: a JWT's `nbf` holds seconds, so every
 * envelope of the credential (and every decoder of the JWT) then reads the same date-time.
 */
export function validFromFor(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The full unsigned credential document (VC Data Model 2.0, Open Badges 3.0): our contexts and
 * type, the organisation as issuer, the learner named in the subject, the one status entry. The
 * holder's DID is added when the learner redeems the offer.
 */
export function buildDocument(
  org: Organisation,
  type: CredentialTypeName,
  request: IssueRequest,
  ids: { id: string; validFrom: string; listNo: number; index: number; publicUrl: URL },
): Record<string, unknown> {
  const { credentialSubject: _subject, ...rest } = request.credential;
  const subject = subjectOf(request);
  const list = statusListUrl(ids.publicUrl, org.slug, ids.listNo);
  const issuer: Record<string, unknown> = { id: org.did, type: ['Profile'], name: org.name };
  if (org.url !== null) issuer.url = org.url;
  return {
    '@context': credentialContexts(ids.publicUrl.origin),
    id: ids.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential', type],
    ...rest,
    issuer,
    validFrom: ids.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          hashed: false,
          identityHash: request.learner.name.trim(),
          identityType: 'name',
        },
      ],
      ...subject,
    },
    credentialStatus: {
      id: `${list}#${ids.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(ids.index),
      statusListCredential: list,
    },
  };
}

/** Issue problems found in the document are reported against the request body (`/credential/...`). */
function documentIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ ...issue, pointer: `/credential${issue.pointer}` }));
}

/**
 * The document must be a valid credential of its type before it is stored; problems are reported
 * against the request body. Codes: those of `validateCredential` (`ERR_SCHEMA_INVALID`, ...).
 */
export function assertValidDocument(document: Record<string, unknown>, type: CredentialTypeName): void {
  const verdict = validateCredential(document, { expectedType: type });
  if (!verdict.valid) {
    throw new SkillsPassportError(verdict.code, 'The credential content is not valid.', {
      issues: documentIssues(verdict.issues),
    });
  }
}

/**
 * The stored document as the envelope `format` carries it. Each envelope's status entry names the
 * status list in the same envelope (a Data Integrity verifier cannot read a JWT list): the same
 * list and index, at its `ldp_vc` address. Everything else is the same document.
 */
export function envelopeDocument(
  publicUrl: URL,
  document: Record<string, unknown>,
  format: BitstringListFormat,
): Record<string, unknown> {
  const entry = document.credentialStatus as Record<string, unknown> | undefined;
  if (format === 'jwt_vc_json' || entry === undefined) return document;
  const match = /^\/status\/([^/]+)\/(\d+)$/.exec(new URL(String(entry.statusListCredential)).pathname);
  if (match === null) return document;
  const list = statusListUrl(publicUrl, match[1]!, Number(match[2]), format);
  return {
    ...document,
    credentialStatus: {
      ...entry,
      id: `${list}#${String(entry.statusListIndex)}`,
      statusListCredential: list,
    },
  };
}
