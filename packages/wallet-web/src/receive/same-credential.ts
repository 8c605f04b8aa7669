import type { CredentialDocument } from '@skills-passport/core';
import { WalletError } from '../errors.js';
import type { AcceptedEnvelope } from '../verify/wallet-verification.js';

// When an issuer hands one credential over in two envelopes (a VC-JWT and a Data Integrity
// credential), the wallet keeps them as one credential, and a verifier may be shown either. So
// both must say exactly the same thing: what the learner sees in the passport and what any
// verifier reads must not depend on the envelope the wallet happened to send.
//
// "The same" is decided on the documents core read out of each envelope (VC Data Model 2.0: the
// JWT's VC 1.1 rendering mapped back, the Data Integrity proof removed), compared member by member
// regardless of key order, with one exception: each envelope names its status list in its own
// envelope (a JWT list for the JWT, a Data Integrity list for the other), so status entries are
// compared by type, purpose and index, not by the list's address. Revoking or suspending the
// credential thus means the same for both. Everything else (id, issuer, subject and holder,
// validity dates, types, contexts, achievement, results, evidence) must be identical.

/** A document's content with its status entries named by what they mean, not where they are. */
function content(document: CredentialDocument): unknown {
  const entries = [document.credentialStatus as unknown].flat().filter((e) => e !== undefined);
  return {
    ...document,
    credentialStatus: entries.map((entry) => {
      const { id: _id, statusListCredential: _list, ...meaning } = entry as Record<string, unknown>;
      return meaning;
    }),
  };
}

/** JSON with object members in code-point order, so key order does not count. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The first top-level member in which two documents differ (for the technical details). */
function firstDifference(a: unknown, b: unknown): string {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.find((key) => canonical(left[key]) !== canonical(right[key])) ?? '';
}

/**
 * Checks that the envelopes of one offered credential carry the same credential (see above).
 * Throws `ERR_CREDENTIAL_JWT_INVALID` ("not a credential") with reason `ERR_CONFLICT`.
 */
export function assertSameCredential(envelopes: AcceptedEnvelope[]): void {
  const [first, ...others] = envelopes;
  if (first === undefined) return;
  const expected = canonical(content(first.document));
  for (const other of others) {
    if (other.id === first.id && canonical(content(other.document)) === expected) continue;
    const member =
      other.id === first.id ? firstDifference(content(first.document), content(other.document)) : 'id';
    throw new WalletError(
      'ERR_CREDENTIAL_JWT_INVALID',
      `the ${first.envelope.format} and ${other.envelope.format} envelopes carry different credentials (${member})`,
      { reason: 'ERR_CONFLICT' },
    );
  }
}
