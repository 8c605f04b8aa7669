import { describe, expect, it } from '@jest/globals';
import type { VerificationCheck } from '@skills-passport/core';
import { checkLabels, failedChecks, refusalForChecks, walletErrorResponse } from './direct-post.js';
import type { PresentationVerification } from './verify-presentation.js';

// What the verifier's requests and the issuer's intakes both make of a direct_post: the wallet's
// error response, and a refusal built from the checks that failed.

const fail = (
  id: VerificationCheck['id'],
  code: VerificationCheck['code'],
  reason: string,
): VerificationCheck => ({
  id,
  status: 'fail',
  code,
  reason,
});
const pass = (id: VerificationCheck['id']): VerificationCheck => ({ id, status: 'pass', reason: 'fine' });

/** A presentation verdict with only what failedChecks reads. */
const presentation = (checks: VerificationCheck[], credentials: VerificationCheck[][]) =>
  ({ checks, credentials: credentials.map((c) => ({ checks: c })) }) as unknown as PresentationVerification;

describe('walletErrorResponse', () => {
  it('keeps the error code of a wallet error response', () => {
    expect(
      walletErrorResponse({ error: 'access_denied', error_description: 'declined', state: 's' }),
    ).toEqual({
      kind: 'wallet_error',
      error: 'access_denied',
    });
  });

  it.each([
    ['an error that is not one OAuth error code', { error: 'a"b' }],
    ['an empty error', { error: '' }],
    ['a list of errors', { error: ['access_denied'] }],
    ['an error response with a vp_token', { error: 'access_denied', vp_token: '{}' }],
  ])('refuses %s, leaving the request open', (_name, form) => {
    expect(walletErrorResponse(form)).toMatchObject({
      kind: 'refused',
      code: 'ERR_VALIDATION',
      requestOpen: true,
    });
  });
});

describe('failedChecks and refusalForChecks', () => {
  const answer = [
    presentation(
      [pass('presentation_signature'), fail('presentation_nonce', 'ERR_NONCE_INVALID', 'Wrong nonce.')],
      [[pass('signature')]],
    ),
    presentation(
      [],
      [
        [
          fail('expiration', 'ERR_CREDENTIAL_EXPIRED', 'Expired.'),
          fail('schema', 'ERR_SCHEMA_INVALID', 'Bad.'),
        ],
      ],
    ),
  ];

  it('lists the failures presentation by presentation, leaving out those a credential stands with', () => {
    expect(checkLabels(failedChecks(answer))).toEqual([
      'presentation_nonce:ERR_NONCE_INVALID',
      'expiration:ERR_CREDENTIAL_EXPIRED',
      'schema:ERR_SCHEMA_INVALID',
    ]);
    expect(checkLabels(failedChecks(answer, new Set(['expiration'])))).toEqual([
      'presentation_nonce:ERR_NONCE_INVALID',
      'schema:ERR_SCHEMA_INVALID',
    ]);
  });

  it('refuses with the first three reasons and the first code', () => {
    const refused = refusalForChecks(
      [...failedChecks(answer), fail('presentation_audience', 'ERR_AUDIENCE_INVALID', 'x')],
      false,
    );
    expect(refused).toEqual({
      kind: 'refused',
      error: 'invalid_request',
      description: 'Wrong nonce. Expired. Bad.',
      code: 'ERR_NONCE_INVALID',
      requestOpen: false,
    });
    expect(refusalForChecks([], true)).toMatchObject({ code: 'ERR_PRESENTATION_INVALID', requestOpen: true });
  });
});
