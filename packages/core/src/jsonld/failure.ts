import type { JsonLdEvent } from 'jsonld';
import type { ErrorCode } from '../errors.js';
import { isSkillsPassportError } from '../errors.js';

/** Why jsonld refused a document, as a stable code and a sentence a person can act on. */
export interface JsonLdFailure {
  ok: false;
  code: ErrorCode;
  reason: string;
}

const REASONS: Record<string, string> = {
  'invalid property': 'a property does not expand to a term any of its contexts define',
  'invalid type value': 'a type does not expand to a term any of its contexts define',
  'relative @id reference': 'an id is not an absolute IRI',
  'relative @type reference': 'a type is not an absolute IRI',
};

/**
 * Describes an error thrown by jsonld (expansion, RDF conversion): a coded error of ours from the
 * document loader keeps its code (`ERR_JSONLD_CONTEXT_UNKNOWN`); a safe-mode event or any other
 * JSON-LD error becomes `ERR_JSONLD_INVALID`, with the offending property when jsonld names it.
 */
export function describeJsonLdFailure(error: unknown): JsonLdFailure {
  const cause = (error as { details?: { cause?: unknown } } | null)?.details?.cause;
  for (const candidate of [error, cause]) {
    if (isSkillsPassportError(candidate))
      return { ok: false, code: candidate.code, reason: candidate.message };
  }
  const details = (error as { details?: { event?: JsonLdEvent; code?: string } } | null)?.details;
  const event = details?.event;
  if (event !== undefined) {
    const property = (event.details as { property?: string; type?: unknown } | undefined)?.property;
    const why = REASONS[event.code] ?? event.message;
    return {
      ok: false,
      code: 'ERR_JSONLD_INVALID',
      reason: `${why}${property === undefined ? '' : `: "${property}"`}.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    code: 'ERR_JSONLD_INVALID',
    reason: /protected term redefinition/i.test(message)
      ? 'a context redefines a term another context protects.'
      : `the document is not valid JSON-LD (${message.slice(0, 200)}).`,
  };
}
