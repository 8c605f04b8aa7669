import { SkillsPassportError, isCredentialTypeName } from '@skills-passport/core';
import type { CredentialFilter, CredentialState } from '../ports.js';
import { toView, type CredentialView } from './credential-view.js';
import type { IssuerDeps } from './deps.js';

/** Filters of the credential list; all optional, combined with AND. */
export interface CredentialQuery {
  /** Part of the learner's name or contact, case-insensitive. */
  learner?: string;
  type?: string;
  status?: string;
  batchId?: string;
  /** Created at or after / before (RFC 3339). */
  from?: string;
  to?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

const STATES: readonly CredentialState[] = ['offered', 'issued', 'revoked', 'suspended'];

const isCredentialState = (value: string): value is CredentialState =>
  (STATES as readonly string[]).includes(value);

function invalid(pointer: string, message: string): SkillsPassportError {
  return new SkillsPassportError('ERR_VALIDATION', 'The query is not valid.', {
    issues: [{ pointer, rule: 'format', message }],
  });
}

/**
 * Lists and searches an organisation's credentials, newest first, a page at a time.
 * Code: `ERR_VALIDATION` for a bad filter.
 */
export async function listCredentials(
  deps: IssuerDeps,
  orgSlug: string,
  query: CredentialQuery,
): Promise<{ items: CredentialView[]; nextCursor: string | null }> {
  const filter: CredentialFilter = { orgSlug, limit: Math.min(Math.max(query.limit ?? 50, 1), 200) + 1 };
  if (query.learner !== undefined && query.learner !== '') filter.learner = query.learner.slice(0, 200);
  if (query.type !== undefined) {
    if (!isCredentialTypeName(query.type)) throw invalid('/type', 'Unknown credential type.');
    filter.type = query.type;
  }
  if (query.status !== undefined) {
    if (!isCredentialState(query.status)) throw invalid('/status', `Expected one of ${STATES.join(', ')}.`);
    filter.status = query.status;
  }
  if (query.batchId !== undefined) filter.batchId = query.batchId;
  if (query.from !== undefined) filter.createdFrom = isoTime('from', query.from);
  if (query.to !== undefined) filter.createdBefore = isoTime('to', query.to);
  if (query.cursor !== undefined) filter.after = decodeCursor(query.cursor);
  // One more than the page, to know whether another page follows.
  const found = await deps.store.credentials.list(filter);
  const page = found.slice(0, filter.limit - 1);
  const last = page[page.length - 1];
  return {
    items: page.map((record) => toView(record, deps.config, deps.now())),
    nextCursor: found.length > page.length && last !== undefined ? encodeCursor(last) : null,
  };
}

function isoTime(field: 'from' | 'to', value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalid(`/${field}`, 'Expected an RFC 3339 date and time.');
  return new Date(time).toISOString();
}

function encodeCursor(last: { createdAt: string; id: string }): string {
  return Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (createdAt === undefined || id === undefined) throw invalid('/cursor', 'Unknown cursor.');
  return { createdAt, id };
}
