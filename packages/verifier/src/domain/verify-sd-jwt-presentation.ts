import { SD_JWT_VC_FORMAT, pass, type CredentialEnvelope } from '@skills-passport/core';
import { verifyCredential, type VerificationDeps } from './verify-credential.js';
import {
  MAX_STATUS_LISTS_PER_ANSWER,
  newPresentationBudget,
  presentationReport,
  takeFromBudget,
  type PresentationVerification,
  type VerifyPresentationOptions,
} from './verify-presentation.js';

/**
 * An SD-JWT VC presentation (`dc+sd-jwt`, OpenID4VP 1.0 B.3.6: `<issuer JWT>~<disclosures>~<KB-JWT>`):
 * one credential, verified by core's pipeline with its Key Binding JWT held to this request — the
 * request's nonce, this verifier's full client id (prefix included) as `aud`, a recent `iat` and an
 * `sd_hash` over exactly what was presented, signed by the key in the credential's `cnf`. Those
 * checks come back as the credential's `holder_binding`; the presentation's own checks are its
 * envelope and the answer's bounds, which it shares with the other presentations.
 *
 * The holder is proved by key, not by DID: the report names no holder, and an answer that also
 * holds VPs does not require the SD-JWT VC's holder to be their holder DID — there is no DID to
 * compare — but each credential counts only when every one of its checks passed. Never throws.
 */
export async function verifySdJwtPresentation(
  token: string,
  options: VerifyPresentationOptions,
  deps: VerificationDeps,
): Promise<PresentationVerification> {
  const envelope: CredentialEnvelope = {
    format: SD_JWT_VC_FORMAT,
    token,
    keyBinding: { nonce: options.nonce, audience: options.audience },
  };
  const budget = options.budget ?? newPresentationBudget();
  const checks = [
    pass(
      'presentation_format',
      'An SD-JWT VC presentation: the holder proves its key with a Key Binding JWT, checked with the credential.',
    ),
  ];
  const size = takeFromBudget(budget, [envelope]);
  checks.push(size);
  if (size.status === 'fail') return presentationReport(checks, []);
  const credential = await verifyCredential(envelope, deps, {
    statusMemo: budget.statusMemo,
    maxStatusLists: MAX_STATUS_LISTS_PER_ANSWER,
  });
  return presentationReport(checks, [credential]);
}
