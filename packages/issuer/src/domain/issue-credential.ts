import { randomUUID } from 'node:crypto';
import { SkillsPassportError, type CredentialTypeName } from '@skills-passport/core';
import { sha256Hex } from '@skills-passport/service-kit';
import type { CredentialRecord, IssuerStores, OfferRecord } from '../ports.js';
import { recordAudit } from './audit.js';
import { assertValidDocument, buildDocument, validFromFor } from './credential-document.js';
import { toView, type CredentialView } from './credential-view.js';
import type { Actor, IssuerDeps } from './deps.js';
import { idempotent } from './idempotency.js';
import { checkIssueRequest, contactOf, type IssueRequest } from './issue-request.js';
import { sendOfferMailLater } from './offer-mail.js';
import { claimHash, claimId, isEmailAddress, preAuthorizedCode, transactionCode } from './offers.js';
import type { Organisation } from './organisations.js';
import { allocateStatusIndex } from './status-lists.js';

export { buildDocument } from './credential-document.js';
export { checkIssueRequest, type IssueRequest } from './issue-request.js';

/** The created credential as staff see it, plus the PIN when the offer has one (shown to staff only). */
export interface IssueResult {
  credential: CredentialView;
  txCode?: string;
}

/** The stored record of a new credential, not yet handed over. */
function newRecord(
  org: Organisation,
  type: CredentialTypeName,
  request: IssueRequest,
  document: Record<string, unknown>,
  place: {
    id: string;
    listNo: number;
    index: number;
    createdAt: string;
    createdBy: string;
    batchId: string | null;
  },
): CredentialRecord {
  return {
    id: place.id,
    orgSlug: org.slug,
    type,
    learnerName: request.learner.name.trim(),
    learnerContact: contactOf(request.learner),
    document: JSON.stringify(document),
    status: 'offered',
    listNo: place.listNo,
    statusIndex: place.index,
    holderDid: null,
    createdBy: place.createdBy,
    createdAt: place.createdAt,
    issuedAt: null,
    revokedAt: null,
    revocationReason: null,
    suspendedAt: null,
    batchId: place.batchId,
  };
}

/**
 * A single-use offer of a credential; only the hashes of its pre-authorized code and its claim id
 * are kept. A learner with an e-mail address gets the offer by mail: it starts `pending`, and is
 * sent once the transaction that stores it has committed.
 */
export function newOffer(
  deps: IssuerDeps,
  credential: Pick<CredentialRecord, 'id' | 'orgSlug' | 'learnerContact'>,
  txCodeRequired: boolean,
  now: Date,
): OfferRecord {
  const id = randomUUID();
  return {
    id,
    credentialId: credential.id,
    orgSlug: credential.orgSlug,
    codeHash: sha256Hex(preAuthorizedCode(deps.config, id)),
    txCodeRequired,
    failedTxAttempts: 0,
    createdAt: now.getTime(),
    expiresAt: now.getTime() + deps.config.offerTtlSeconds * 1000,
    redeemedAt: null,
    withdrawnAt: null,
    claimHash: claimHash(claimId(deps.config, id)),
    openedAt: null,
    mail: isEmailAddress(credential.learnerContact)
      ? { state: 'pending', at: now.getTime(), reason: null }
      : null,
  };
}

/**
 * The checked request as the document it becomes, valid against its type's schema, at the given
 * place; no side effects, so a cohort's preview runs exactly the checks its upload will.
 * Codes: those of `checkIssueRequest` and `assertValidDocument`.
 */
export function draftDocument(
  deps: Pick<IssuerDeps, 'now' | 'config'>,
  org: Organisation,
  request: IssueRequest,
  place: { id: string; listNo: number; index: number },
): { type: CredentialTypeName; document: Record<string, unknown> } {
  const type = checkIssueRequest(org, request, deps.now());
  const document = buildDocument(org, type, request, {
    ...place,
    validFrom: validFromFor(deps.now()),
    publicUrl: deps.config.publicUrl,
  });
  assertValidDocument(document, type);
  return { type, document };
}

/** What staff see of an offer nothing has happened to yet. */
const FRESH_OUTCOME = { delivered: [], event: null };

/**
 * Creates one credential and its offer inside the caller's transaction: checks the request,
 * allocates a status index, builds and validates the document, stores both. Returns what staff see.
 */
export async function insertCredential(
  deps: IssuerDeps,
  tx: IssuerStores,
  org: Organisation,
  request: IssueRequest,
  actor: Actor,
  batchId: string | null,
): Promise<CredentialView> {
  checkIssueRequest(org, request, deps.now());
  const id = `urn:uuid:${randomUUID()}`;
  const now = deps.now();
  const { listNo, index } = await allocateStatusIndex(tx, org.slug);
  const { type, document } = draftDocument(deps, org, request, { id, listNo, index });
  const credential = newRecord(org, type, request, document, {
    id,
    listNo,
    index,
    createdAt: now.toISOString(),
    createdBy: actor.id,
    batchId,
  });
  const offer = newOffer(deps, credential, request.offer?.txCode === true, now);
  await tx.credentials.insert(credential);
  await tx.offers.insert(offer);
  if (batchId === null) await recordAudit(tx, actor, 'credential.create', id, now, { type });
  return toView({ ...credential, offer: { ...offer, outcome: FRESH_OUTCOME } }, deps.config, now);
}

/** Loads one credential of an organisation; another organisation's credential is "not found". */
export async function getCredential(deps: IssuerDeps, orgSlug: string, id: string): Promise<CredentialView> {
  const found = await deps.store.credentials.find(orgSlug, id);
  if (found === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
  return toView(found, deps.config, deps.now());
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
  checkIssueRequest(org, request, deps.now());
  let created: CredentialView | undefined;
  const outcome = await idempotent(deps, org.slug, idempotencyKey, request, async (tx) => {
    created = await insertCredential(deps, tx, org, request, actor, null);
    return { outcome: 'credential_created', result: { id: created.id } };
  });
  // A replay reads back what the first request created, and sends nothing: the first request's
  // mail went (or is going) already. A new credential is known already.
  const credential = created ?? (await getCredential(deps, org.slug, outcome.result.id));
  if (!outcome.replayed) sendOfferMailLater(deps, credential);
  const result: IssueResult = { credential };
  if (credential.offer?.txCodeRequired) {
    const offerId = new URL(credential.offer.offerUrl).pathname.split('/').pop()!;
    result.txCode = transactionCode(deps.config, offerId);
  }
  return { result, replayed: outcome.replayed };
}
