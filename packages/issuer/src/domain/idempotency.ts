import { SkillsPassportError } from '@skills-passport/core';
import { sha256Hex } from '@skills-passport/service-kit';
import type { IssuerStores } from '../ports.js';
import type { IssuerDeps } from './deps.js';

/** What an idempotent operation created: an outcome in domain words and its result. */
export interface Created<T> {
  outcome: string;
  result: T;
}

/** JSON with object keys sorted, so the same request hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function checkKey(key: string): void {
  if (key.length > 0 && key.length <= 200) return;
  throw new SkillsPassportError('ERR_VALIDATION', 'The Idempotency-Key header must be 1 to 200 characters.', {
    issues: [
      {
        pointer: '',
        rule: 'idempotency_key',
        message: 'Use a unique value such as a UUID, at most 200 characters.',
      },
    ],
  });
}

/**
 * Runs `create` in one transaction, at most once per (organisation, Idempotency-Key): the same key
 * with the same body returns the first result and creates nothing; with another body it fails with
 * `ERR_IDEMPOTENCY_KEY_REUSED`. The key is recorded in the same transaction as what it created.
 */
export async function idempotent<T>(
  deps: IssuerDeps,
  orgSlug: string,
  key: string | undefined,
  body: unknown,
  create: (tx: IssuerStores) => Promise<Created<T>>,
): Promise<Created<T> & { replayed: boolean }> {
  if (key === undefined) return { ...(await deps.store.transaction(create)), replayed: false };
  checkKey(key);
  const requestHash = sha256Hex(canonicalJson(body));
  return deps.store.transaction(async (tx) => {
    const previous = await tx.idempotency.find(orgSlug, key);
    if (previous !== undefined) {
      if (previous.requestHash !== requestHash) {
        throw new SkillsPassportError(
          'ERR_IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with another request body.',
        );
      }
      return { outcome: previous.outcome, result: JSON.parse(previous.result) as T, replayed: true };
    }
    const created = await create(tx);
    await tx.idempotency.save(
      orgSlug,
      key,
      { requestHash, outcome: created.outcome, result: JSON.stringify(created.result) },
      deps.now().toISOString(),
    );
    return { ...created, replayed: false };
  });
}
