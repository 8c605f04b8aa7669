import type { OccupationTaxonomy, SkillTaxonomy } from '@skills-passport/core';
import type { Logger } from '@skills-passport/service-kit';
import type { VerifierConfig } from './config.js';
import type { RequestContext } from './domain/skills-requests.js';
import type { VerifierIdentity } from './domain/verifier-identity.js';
import type { VerificationDeps } from './domain/verify-credential.js';
import type { VerifierStores } from './ports.js';

/** Everything the verifier's app needs, built once by `openVerifier` (or by tests). */
export interface VerifierDeps {
  config: VerifierConfig;
  store: VerifierStores;
  identity: VerifierIdentity;
  verification: VerificationDeps;
  /** The skills requests may ask for, and the label search over them (the whole ESCO in a real start). */
  taxonomy: SkillTaxonomy;
  /** The occupations over `taxonomy`'s skills, for vacancies built from an occupation. */
  occupations: OccupationTaxonomy;
  logger: Logger;
}

/** The slice of the deps request handling reads. */
export function requestContext(deps: VerifierDeps): RequestContext {
  return {
    store: deps.store,
    identity: deps.identity,
    verification: deps.verification,
    taxonomy: deps.taxonomy,
    publicUrl: deps.config.publicUrl,
    requestTtlSeconds: deps.config.requestTtlSeconds,
    trustedIssuers: deps.store,
    employers: deps.store,
    allowInsecureLocalhost: deps.config.allowInsecureLocalhost,
  };
}
