// @skills-passport/wallet-web/testing: building and serving the wallet the way production does, for
// its own tests and the journeys.
export { buildWallet, serveWallet, removeDir, type WalletServer } from './wallet-server.js';
export { keepOffered, KEEP_BUTTON } from './keep-offered.js';
export { openScreen, receiveAndKeep, openRequestLink, expectRequestShown } from './wallet-screens.js';
