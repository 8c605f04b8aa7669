import { employerStoreContract } from './employer-store.contract.js';
import { publicationStoreContract } from './publication-store.contract.js';
import { requestStoreContract } from './request-store.contract.js';
import { settingsStoreContract } from './settings-store.contract.js';
import type { OpenStores } from './stores-under-test.js';
import { trustedIssuerStoreContract } from './trusted-issuer-store.contract.js';
import { vacancyStoreContract } from './vacancy-store.contract.js';

/** Every store contract suite, which each adapter of `VerifierStores` passes alike. */
export function verifierStoresContract(open: OpenStores): void {
  settingsStoreContract(open);
  employerStoreContract(open);
  trustedIssuerStoreContract(open);
  requestStoreContract(open);
  publicationStoreContract(open);
  vacancyStoreContract(open);
}
