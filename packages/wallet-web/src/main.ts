import './zod-config.js';
import { demoTaxonomy } from '@skills-passport/core';
import { createHolderKey } from './crypto/holder-key.js';
import { initialLang, lang, setLang, t } from './i18n.js';
import { WalletDb } from './store/db.js';
import { useTrustListStore } from './trust/trust-list-choice.js';
import { mountApp, type Pending } from './ui/app.js';
import { statusChecks } from './ui/components.js';
import { h, replaceChildren } from './ui/dom.js';

/**
 * Reads an offer, request, published vacancy or EVC intake the wallet was opened with
 * (`/?credential_offer_uri=…`, `/?client_id=…`, `/?vacancy=<URL of the vacancy's JSON>`,
 * `/?intake=<URL of GET /api/intake/:slug>`).
 */
function pendingFromUrl(): Pending {
  const params = new URLSearchParams(location.search);
  const pending: Pending = {};
  let hash = location.hash;
  if (params.has('credential_offer_uri') || params.has('credential_offer')) {
    pending.offer = `openid-credential-offer://${location.search}`;
    hash = '#/receive';
  } else if (params.has('client_id') && (params.has('request_uri') || params.has('request'))) {
    pending.request = `openid4vp://${location.search}`;
    hash = '#/share';
  } else if (params.get('intake')) {
    // An EVC provider's intake link: only read here; fetched (a GET) on the intake screen.
    pending.intake = params.get('intake')!;
    hash = '#/intake';
  } else if (params.get('vacancy')) {
    // Only read here; it is fetched (a GET, nothing about the learner) on the career screen.
    pending.vacancy = params.get('vacancy')!;
    hash = '#/career';
  }
  // Drop the query so a reload does not open the same offer, request or vacancy again (replaceState fires
  // no hashchange, so the view is rendered once, with the pending offer or request).
  if (location.search !== '') history.replaceState(null, '', `${location.pathname}${hash}`);
  return pending;
}

/** Asks the browser not to evict the wallet's storage under pressure; whether it will. */
async function persistStorage(): Promise<boolean> {
  try {
    return (
      (await navigator.storage?.persisted?.()) === true || (await navigator.storage?.persist?.()) === true
    );
  } catch {
    return false;
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  // Read first: opened with an offer or a request, the wallet starts on that screen, so the
  // passport is not its first screen and its credentials are read when it is shown (after the
  // offer is kept, not before).
  const pending = pendingFromUrl();
  const passportFirst = location.hash.startsWith('#/passport') || location.hash === '';
  // The passport checks the status of every credential it shows: its code loads meanwhile.
  if (passportFirst) void statusChecks();
  const db = await WalletDb.open();
  // The learner's choice of trust list (Settings) lives in the wallet's settings.
  useTrustListStore(db);
  // Asked before anything else: the issuers' DID documents and status lists the last visit's
  // checks used are fetched at once, while the wallet reads its credentials.
  if (passportFirst)
    void db.statusSources().then(async (sources) => {
      if (sources !== undefined) (await statusChecks()).prefetch(sources);
    });
  // Asked next: IndexedDB answers in order, and these are small while the credentials are not.
  const settings = Promise.all([db.setting('lang'), db.keyring()]);
  // The passport is the usual first screen: its credentials are read while the wallet starts, and
  // the issuers' DID documents and status lists their checks need are fetched while they are read.
  const initialCredentials = passportFirst
    ? db.passport((checks) => {
        void statusChecks().then(({ prefetchFor }) => prefetchFor(checks));
      })
    : undefined;
  initialCredentials?.catch(() => undefined);
  const [storedLang, stored] = await settings;
  setLang(initialLang(storedLang, navigator.languages));
  document.documentElement.lang = lang();
  let keyring = stored;
  if (keyring === undefined) {
    keyring = await createHolderKey();
    await db.putKeyring(keyring);
  }
  mountApp(
    root,
    {
      db,
      keyring,
      taxonomy: demoTaxonomy(),
      statuses: new Map(),
      persisted: persistStorage(),
      ...(initialCredentials === undefined ? {} : { initialCredentials }),
    },
    pending,
    (lang) => void db.putSetting('lang', lang),
  );
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  }
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('app');
  if (root !== null) {
    replaceChildren(
      root,
      h(
        'main',
        {},
        h('h1', {}, t('appName')),
        h(
          'p',
          { role: 'alert', class: 'message error' },
          'The wallet cannot start in this browser (WebCrypto Ed25519 and IndexedDB are needed). / De wallet kan in deze browser niet starten.',
        ),
      ),
    );
  }
});
