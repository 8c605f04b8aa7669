import {
  CREDENTIAL_CONTEXTS,
  SkillsPassportError,
  validateCredential,
  type CredentialTypeName,
  type ValidationIssue,
} from '@skills-passport/core';
import type { IssueRequest } from './issue-request.js';
import type { Organisation } from './organisations.js';
import { statusListUrl } from './status-lists.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The full unsigned credential document: our contexts and type, the organisation as issuer, the
 * learner named in the subject, the status entries (revocation and suspension at one index).
 * The holder's DID is added when the learner redeems the offer.
 */
export function buildDocument(
  org: Organisation,
  type: CredentialTypeName,
  request: IssueRequest,
  ids: { id: string; issuanceDate: string; listNo: number; index: number; publicUrl: URL },
): Record<string, unknown> {
  const { credentialSubject, ...rest } = request.credential;
  const subject = isRecord(credentialSubject) ? credentialSubject : {};
  const issuer: Record<string, unknown> = { id: org.did, type: ['Profile'], name: org.name };
  if (org.url !== null) issuer.url = org.url;
  return {
    '@context': [...CREDENTIAL_CONTEXTS],
    id: ids.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential', type],
    ...rest,
    issuer,
    issuanceDate: ids.issuanceDate,
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
    credentialStatus: (['revocation', 'suspension'] as const).map((purpose) => {
      const list = statusListUrl(ids.publicUrl, org.slug, ids.listNo, purpose);
      return {
        id: `${list}#${ids.index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: purpose,
        statusListIndex: String(ids.index),
        statusListCredential: list,
      };
    }),
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
