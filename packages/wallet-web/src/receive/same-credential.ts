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

// An SD-JWT VC carries the same credential laid out for selective disclosure (core's
// sd-jwt/layout.ts), and core rebuilds the VC 2.0 document from its claims. Three things differ by
// design and are left out when it is compared: the subject's id (an SD-JWT VC is bound to the
// holder's key by `cnf`, which the wallet checks is its own key, instead of naming a DID), the
// status (a Token Status List entry of its own), and the order of the results (keyed by skill
// there). Dates are compared as instants: a JWT date has whole seconds only.

/** The document an SD-JWT VC stands for, and another, made comparable as said above. */
function sdJwtComparable(document: CredentialDocument): unknown {
  const {
    credentialStatus: _status,
    validFrom,
    validUntil,
    credentialSubject,
    ...rest
  } = document as unknown as Record<string, unknown> & { credentialSubject: Record<string, unknown> };
  const { id: _subject, result, ...subject } = credentialSubject;
  const instant = (date: unknown) => (typeof date === 'string' ? Math.floor(Date.parse(date) / 1000) : date);
  return {
    ...rest,
    validFrom: instant(validFrom),
    ...(validUntil === undefined ? {} : { validUntil: instant(validUntil) }),
    credentialSubject: {
      ...subject,
      result: (Array.isArray(result) ? result : []).map(canonical).sort(),
    },
  };
}

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
  for (const other of others) {
    const read =
      first.envelope.format === 'dc+sd-jwt' || other.envelope.format === 'dc+sd-jwt'
        ? sdJwtComparable
        : content;
    const [a, b] = [read(first.document), read(other.document)];
    if (other.id === first.id && canonical(a) === canonical(b)) continue;
    const member = other.id === first.id ? firstDifference(a, b) : 'id';
    throw new WalletError(
      'ERR_CREDENTIAL_JWT_INVALID',
      `the ${first.envelope.format} and ${other.envelope.format} envelopes carry different credentials (${member})`,
      { reason: 'ERR_CONFLICT' },
    );
  }
}
