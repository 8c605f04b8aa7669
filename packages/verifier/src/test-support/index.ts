// @skills-passport/verifier/testing: the verifier's test harness, for its own tests and the journeys.
export * from './harness.js';
export * from './response-endpoint.js';
export * from './stand-in-issuer.js';
export * from './test-holder.js';
export * from './vci-wallet.js';
