// @skills-passport/wallet-web/testing: building and serving the wallet the way production does, for
// its own tests and the journeys.
export {
  buildWallet,
  serveWallet,
  removeDir,
  type ServeWalletOptions,
  type WalletServer,
} from './wallet-server.js';
// A stand-in for the catalogue and trust-list routes (contracts A and B) on loopback.
export {
  fixtureModule,
  startCatalogueServer,
  type CatalogueServer,
  type FixtureModuleOptions,
  type FixtureProvider,
} from './catalogue-server.js';
export { keepOffered, KEEP_BUTTON } from './keep-offered.js';
export { openScreen, receiveAndKeep, openRequestLink, expectRequestShown } from './wallet-screens.js';
