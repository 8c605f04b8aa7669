// @skills-passport/issuer/testing: the issuer's test harness, for its own tests and the journeys.
export * from './issuer-harness.js';
export * from './requests.js';
export * from './wallet.js';
export * from './ld-loader.js';
export * from './intake-wallet.js';
