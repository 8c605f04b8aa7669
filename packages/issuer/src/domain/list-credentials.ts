import { SkillsPassportError, isCredentialTypeName } from '@skills-passport/core';
import type { SqlValue } from '@skills-passport/service-kit';
import { CREDENTIAL_SELECT, toView, type CredentialRow, type CredentialView } from './credential-view.js';
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

const STATES = ['offered', 'issued', 'revoked', 'suspended'];

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
  const where = ['c.org_slug = ?'];
  const params: SqlValue[] = [orgSlug];
  if (query.learner !== undefined && query.learner !== '') {
    where.push("(c.learner_name LIKE ? ESCAPE '\\' OR c.learner_contact LIKE ? ESCAPE '\\')");
    const pattern = `%${query.learner.slice(0, 200).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.push(pattern, pattern);
  }
  if (query.type !== undefined) {
    if (!isCredentialTypeName(query.type)) throw invalid('/type', 'Unknown credential type.');
    where.push('c.type = ?');
    params.push(query.type);
  }
  if (query.status !== undefined) {
    if (!STATES.includes(query.status)) throw invalid('/status', `Expected one of ${STATES.join(', ')}.`);
    where.push('c.status = ?');
    params.push(query.status);
  }
  if (query.batchId !== undefined) {
    where.push('c.batch_id = ?');
    params.push(query.batchId);
  }
  for (const [field, op] of [
    ['from', '>='],
    ['to', '<'],
  ] as const) {
    const value = query[field];
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw invalid(`/${field}`, 'Expected an RFC 3339 date and time.');
    where.push(`c.created_at ${op} ?`);
    params.push(new Date(time).toISOString());
  }
  if (query.cursor !== undefined) {
    const [createdAt, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (createdAt === undefined || id === undefined) throw invalid('/cursor', 'Unknown cursor.');
    where.push('(c.created_at < ? OR (c.created_at = ? AND c.id < ?))');
    params.push(createdAt, createdAt, id);
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const rows = await deps.db.all<CredentialRow>(
    `${CREDENTIAL_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toView(row, deps.config, deps.now())),
    nextCursor:
      rows.length > limit && last !== undefined
        ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url')
        : null,
  };
}
