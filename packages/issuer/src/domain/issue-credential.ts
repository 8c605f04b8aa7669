import { randomUUID } from 'node:crypto';
import {
  CREDENTIAL_CONTEXTS,
  CREDENTIAL_TYPE_INFO,
  SkillsPassportError,
  isCredentialTypeName,
  validateCredential,
  type CredentialTypeName,
  type ValidationIssue,
} from '@skills-passport/core';
import type { Queries } from '@skills-passport/service-kit';
import { recordAudit } from './audit.js';
import { CREDENTIAL_SELECT, toView, type CredentialRow, type CredentialView } from './credential-view.js';
import type { Actor, IssuerDeps } from './deps.js';
import { ALLOWED_TYPES, type Organisation } from './organisations.js';
import { preAuthorizedCode, transactionCode } from './offers.js';
import { sha256Hex as sha256 } from '@skills-passport/service-kit';
import { allocateStatusIndex, statusListUrl } from './status-lists.js';

/** What staff submit to issue one credential (the HTTP body of POST /api/credentials). */
export interface IssueRequest {
  type: string;
  learner: { name: string; email?: string; phone?: string; contact?: string };
  /** The type-specific content: `credentialSubject` (without id, type, identifier) and optionally name, description, expirationDate, evidence. */
  credential: Record<string, unknown>;
  offer?: { txCode?: boolean };
}

/** The created credential as staff see it, plus the PIN when the offer has one (shown to staff only). */
export interface IssueResult {
  credential: CredentialView;
  txCode?: string;
}

const CLIENT_FIELDS = new Set(['name', 'description', 'expirationDate', 'evidence', 'credentialSubject']);
const SERVER_SUBJECT_FIELDS = ['id', 'type', 'identifier'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIssues(request: IssueRequest): ValidationIssue[] {
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

/** The learner's contact as one line: e-mail, phone or other. */
function contactOf(learner: IssueRequest['learner']): string | null {
  return learner.email ?? learner.phone ?? learner.contact ?? null;
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
 * Checks the request and the resulting document; throws the coded error a client can act on.
 * Codes: `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_NOT_ALLOWED`, `ERR_VALIDATION`, `ERR_SCHEMA_INVALID`.
 */
export function checkIssueRequest(org: Organisation, request: IssueRequest): CredentialTypeName {
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
  const issues = requestIssues(request);
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', { issues });
  return request.type;
}

/**
 * Creates one credential and its offer inside the caller's transaction: validates the document,
 * allocates a status index, stores both. Returns the new credential's id and offer id.
 */
export async function insertCredential(
  deps: IssuerDeps,
  tx: Queries,
  org: Organisation,
  request: IssueRequest,
  actor: Actor,
  batchId: string | null,
): Promise<{ id: string; offerId: string; view: CredentialView }> {
  const type = checkIssueRequest(org, request);
  const id = `urn:uuid:${randomUUID()}`;
  const now = deps.now();
  const { listNo, index } = await allocateStatusIndex(tx, org.slug);
  const document = buildDocument(org, type, request, {
    id,
    issuanceDate: now.toISOString(),
    listNo,
    index,
    publicUrl: deps.config.publicUrl,
  });
  const verdict = validateCredential(document, { expectedType: type });
  if (!verdict.valid) {
    throw new SkillsPassportError(verdict.code, 'The credential content is not valid.', {
      issues: documentIssues(verdict.issues),
    });
  }
  const row: CredentialRow = {
    id,
    org_slug: org.slug,
    type,
    learner_name: request.learner.name.trim(),
    learner_contact: contactOf(request.learner),
    document: JSON.stringify(document),
    status: 'offered',
    list_no: listNo,
    status_index: index,
    holder_did: null,
    created_by: actor.id,
    created_at: now.toISOString(),
    issued_at: null,
    revoked_at: null,
    revocation_reason: null,
    suspended_at: null,
    batch_id: batchId,
    offer_id: randomUUID(),
    offer_expires_at: now.getTime() + deps.config.offerTtlSeconds * 1000,
    offer_redeemed_at: null,
    offer_tx_code: request.offer?.txCode === true ? 1 : 0,
  };
  await tx.run(
    `INSERT INTO credentials (id, org_slug, type, learner_name, learner_contact, document, status, list_no, status_index,
       created_by, created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, 'offered', ?, ?, ?, ?, ?)`,
    [
      id,
      org.slug,
      type,
      row.learner_name,
      row.learner_contact,
      row.document,
      listNo,
      index,
      actor.id,
      row.created_at,
      batchId,
    ],
  );
  const offerId = row.offer_id!;
  await tx.run(
    'INSERT INTO offers (id, credential_id, org_slug, code_hash, tx_code_required, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    [
      offerId,
      id,
      org.slug,
      sha256(preAuthorizedCode(deps.config, offerId)),
      row.offer_tx_code,
      row.offer_expires_at,
    ],
  );
  if (batchId === null) await recordAudit(tx, actor, 'credential.create', id, now, { type });
  return { id, offerId, view: toView(row, deps.config, now) };
}

/** Loads one credential of an organisation; another organisation's credential is "not found". */
export async function getCredential(deps: IssuerDeps, orgSlug: string, id: string): Promise<CredentialView> {
  const row = await deps.db.get<CredentialRow>(`${CREDENTIAL_SELECT} WHERE c.id = ? AND c.org_slug = ?`, [
    id,
    orgSlug,
  ]);
  if (row === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
  return toView(row, deps.config, deps.now());
}

/** The stored result of an idempotent request. */
interface IdempotentResponse {
  status: number;
  body: unknown;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs `create` at most once per (organisation, Idempotency-Key): the same key with the same body
 * replays the first response and creates nothing; with another body it fails with
 * `ERR_IDEMPOTENCY_KEY_REUSED`. The key is recorded in the same transaction as what it created.
 */
export async function idempotent(
  deps: IssuerDeps,
  orgSlug: string,
  key: string | undefined,
  body: unknown,
  create: (tx: Queries) => Promise<IdempotentResponse>,
): Promise<IdempotentResponse & { replayed: boolean }> {
  if (key === undefined) return { ...(await deps.db.transaction(create)), replayed: false };
  if (key.length === 0 || key.length > 200) {
    throw new SkillsPassportError(
      'ERR_VALIDATION',
      'The Idempotency-Key header must be 1 to 200 characters.',
      {
        issues: [
          {
            pointer: '',
            rule: 'idempotency_key',
            message: 'Use a unique value such as a UUID, at most 200 characters.',
          },
        ],
      },
    );
  }
  const requestHash = sha256(canonicalJson(body));
  return deps.db.transaction(async (tx) => {
    const previous = await tx.get<{ request_hash: string; status: number; response: string }>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE org_slug = ? AND key = ?',
      [orgSlug, key],
    );
    if (previous !== undefined) {
      if (previous.request_hash !== requestHash) {
        throw new SkillsPassportError(
          'ERR_IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with another request body.',
        );
      }
      return { status: previous.status, body: JSON.parse(previous.response) as unknown, replayed: true };
    }
    const response = await create(tx);
    await tx.run(
      'INSERT INTO idempotency_keys (org_slug, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [orgSlug, key, requestHash, response.status, JSON.stringify(response.body), deps.now().toISOString()],
    );
    return { ...response, replayed: false };
  });
}

/**
 * Issues one credential for a learner: validated against its schema, with a status index and a
 * single-use offer. With an Idempotency-Key, a retry returns the first result and creates nothing.
 */
export async function issueCredential(
  deps: IssuerDeps,
  org: Organisation,
  request: IssueRequest,
  actor: Actor,
  idempotencyKey?: string,
): Promise<{ result: IssueResult; replayed: boolean }> {
  checkIssueRequest(org, request);
  let created: CredentialView | undefined;
  const outcome = await idempotent(deps, org.slug, idempotencyKey, request, async (tx) => {
    const inserted = await insertCredential(deps, tx, org, request, actor, null);
    created = inserted.view;
    const { id } = inserted;
    return { status: 201, body: { id } };
  });
  const { id } = outcome.body as { id: string };
  // A replay reads back what the first request created; a new credential is known already.
  const credential = created ?? (await getCredential(deps, org.slug, id));
  const result: IssueResult = { credential };
  if (credential.offer?.txCodeRequired) {
    const offerId = new URL(credential.offer.offerUrl).pathname.split('/').pop()!;
    result.txCode = transactionCode(deps.config, offerId);
  }
  return { result, replayed: outcome.replayed };
}
