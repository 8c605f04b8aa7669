// @skills-passport/service-kit/testing: what the test suites of every package share. Node only;
// never imported by service code.
export { freePort } from './free-port.js';
export { repoRoot, testDataDir, builtServer } from './paths.js';
export { spawnService, type SpawnedService } from './spawn-service.js';
export { raisedErrorCodes } from './error-codes.js';
export { ed25519Multibase, newHolderKey, type HolderKey } from './holder-key.js';
export {
  NEGATIVE_CLASSES,
  classOfCode,
  classified,
  tagged,
  withClass,
  type NegativeClass,
} from './negative-cases.js';
export {
  mountScratch,
  scratchMountUnavailable,
  describeWithScratchMount,
  digestOfDir,
  type ScratchMount,
} from './scratch-mount.js';
export { CHROMIUM_ARGS, launchChromium, newProfile, watchPage, screenshot } from './browser.js';
export { expectAccessible } from './accessibility.js';
export {
  startPostgres,
  postgresUnavailable,
  postgresBinDir,
  describeWithPostgres,
  describeOnCluster,
  type BlockCluster,
  type RunningPostgres,
} from './postgres.js';
export { storeVariants, type StoreVariant, type OpenedStore } from './store-variants.js';
export { describeMigrateCommand, type MigrateCommandOutput, type MigrateTarget } from './migrate-command.js';
export { startFront, type Front } from './front.js';
