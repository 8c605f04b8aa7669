import { WalletError } from '../errors.js';
import { allowedUrl } from '../verify/http.js';
import { walletConfig } from './wallet-config.js';

/** The settings key of the learner's own choice of trust list. */
const SETTING = 'trustList';

/** The learner's choice: the wallet's configured list, none at all, or a list of their own. */
export type TrustListChoice = { kind: 'config' } | { kind: 'none' } | { kind: 'url'; url: string };

/** Where the wallet keeps the choice: its settings store (the WalletDb). */
export interface ChoiceStore {
  setting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;
}

/** The trust list in use and where that comes from. */
export interface TrustListInUse {
  url?: string;
  /** `settings`: the learner chose it (or chose none); `config`: the wallet's configuration. */
  from: 'settings' | 'config';
  choice: TrustListChoice;
  /** Set when the wallet's configuration file is there but cannot be used. */
  configError?: WalletError;
}

let store: ChoiceStore | undefined;
const listeners = new Set<() => void>();

/** Hands the module the wallet's settings store (once, at start). */
export function useTrustListStore(settings: ChoiceStore): void {
  store = settings;
}

/** Called whenever the learner changes the choice (the session's cached list is then dropped). */
export function onTrustListChange(listener: () => void): void {
  listeners.add(listener);
}

function parseChoice(value: string | undefined): TrustListChoice | undefined {
  if (value === undefined) return undefined;
  try {
    const choice = JSON.parse(value) as TrustListChoice;
    if (choice.kind === 'none' || choice.kind === 'config') return { kind: choice.kind };
    if (choice.kind === 'url' && typeof choice.url === 'string' && allowedUrl(choice.url) !== undefined)
      return { kind: 'url', url: choice.url };
  } catch {
    // A damaged setting counts as no choice.
  }
  return undefined;
}

/** The trust list the wallet reads: the learner's choice first, else the wallet's configuration. */
export async function trustListInUse(): Promise<TrustListInUse> {
  const [stored, configRead] = await Promise.all([
    store?.setting(SETTING).catch(() => undefined),
    walletConfig(),
  ]);
  const configError = 'error' in configRead ? { configError: configRead.error } : {};
  const choice = parseChoice(stored) ?? { kind: 'config' };
  if (choice.kind === 'url') return { url: choice.url, from: 'settings', choice, ...configError };
  if (choice.kind === 'none') return { from: 'settings', choice, ...configError };
  const url = configRead.config.trustList;
  return { ...(url === undefined ? {} : { url }), from: 'config', choice, ...configError };
}

/**
 * Stores the learner's choice. A list of their own must be https (plain http on this computer
 * only): `ERR_INSECURE_URL` otherwise, and nothing changes.
 */
export async function chooseTrustList(choice: TrustListChoice): Promise<void> {
  if (choice.kind === 'url' && allowedUrl(choice.url.trim()) === undefined)
    throw new WalletError('ERR_INSECURE_URL', choice.url);
  if (store === undefined) throw new WalletError('ERR_INTERNAL', 'no settings store');
  const value = choice.kind === 'url' ? { kind: 'url', url: choice.url.trim() } : choice;
  await store.putSetting(SETTING, JSON.stringify(value));
  for (const listener of listeners) listener();
}
