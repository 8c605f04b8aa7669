// How the issuer judges the presentations an intake receives: with the verifier's own pipeline
// (@skills-passport/verifier), over the issuer's own view of who is trusted. The issuer's
// organisations are trusted for the types they may issue; a trusted-issuers file (the verifier's
// format) can add others. The issuer's own DID documents and status lists are read in-process,
// not over HTTP to itself; everything else goes through the verifier's guarded fetch.
import type { TrustedIssuer, TrustedIssuerLookup } from '@skills-passport/core';
import {
  createGuardedFetch,
  createVerificationDeps,
  readTrustedIssuersFile,
  type VerificationDeps,
} from '@skills-passport/verifier';
import type { Organisation } from '../ports.js';
import type { IssuerDeps } from './deps.js';
import { ALLOWED_TYPES, didDocument } from './organisations.js';
import { publishedStatusListToken } from './status-list-token.js';
import { publishedStatusList } from './status-lists.js';

type GuardedFetch = ReturnType<typeof createGuardedFetch>;
type FetchOutcome = Awaited<ReturnType<GuardedFetch>>;

/** What intakes verify with: the pipeline's dependencies and the trusted issuers as a list. */
export interface IntakeVerification {
  verification: VerificationDeps;
  /** Every issuer an intake recognises, own organisations first. */
  trustedIssuers(): Promise<TrustedIssuer[]>;
  /** Local development: this issuer runs on http://localhost, so localhost DIDs resolve over http. */
  allowInsecureLocalhost: boolean;
}

const CLOCK_SKEW_SECONDS = 60;
const FETCH_TIMEOUT_MS = 5000;

/** An organisation of this issuer as a trusted issuer: recognised for the types it may issue. */
function asTrusted(org: Organisation): TrustedIssuer {
  return {
    did: org.did,
    name: org.name,
    kind: org.kind,
    accreditedTypes: [...(ALLOWED_TYPES[org.kind] ?? [])],
  };
}

/**
 * A fetch that answers the issuer's own DID documents (`/orgs/:slug/did.json`) and status lists
 * (`/status/:slug/:list[/ldp|/token]`) from its own store, and sends every other URL to `next`.
 */
function ownDocumentsFirst(deps: IssuerDeps, next: GuardedFetch): GuardedFetch {
  const origin = deps.config.publicUrl.origin;
  const maxAgeSeconds = Math.floor(deps.config.statusListTtlMs / 1000);
  return async (url, options) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return next(url, options);
    }
    if (parsed.origin !== origin) return next(url, options);
    const notFound = (): FetchOutcome => ({
      ok: false,
      code: 'ERR_FETCH_FAILED',
      reason: `${url} is not found.`,
    });
    try {
      const did = /^\/orgs\/([a-z0-9-]+)\/did\.json$/.exec(parsed.pathname);
      if (did !== null)
        return {
          ok: true,
          status: 200,
          body: JSON.stringify(await didDocument(deps, did[1]!)),
          contentType: 'application/did+json',
        };
      const list = /^\/status\/([a-z0-9-]+)\/([1-9]\d{0,5})(\/ldp|\/token)?$/.exec(parsed.pathname);
      if (list === null) return notFound();
      const [, slug, no, variant] = list;
      const signed =
        variant === '/token'
          ? await publishedStatusListToken(deps, slug!, Number(no))
          : await publishedStatusList(deps, slug!, Number(no), variant === '/ldp' ? 'ldp_vc' : 'jwt_vc_json');
      const contentType =
        variant === '/token'
          ? 'application/statuslist+jwt'
          : variant === '/ldp'
            ? 'application/ld+json'
            : 'application/vc+jwt';
      return { ok: true, status: 200, body: signed.document, contentType, maxAgeSeconds };
    } catch {
      // An unknown organisation or list: as the route would answer it, a 404.
      return notFound();
    }
  };
}

/**
 * Builds what intakes verify with. Reads the trusted-issuers file now (a bad file fails the
 * start, `ERR_CONFIG_INVALID`).
 */
export function intakeVerification(deps: IssuerDeps): IntakeVerification {
  // The config only allows http for localhost: such an issuer is in local development, and the
  // issuers and wallets beside it are too.
  const allowInsecureLocalhost = deps.config.publicUrl.protocol === 'http:';
  const fromFile =
    deps.config.trustedIssuersFile === undefined
      ? []
      : readTrustedIssuersFile(deps.config.trustedIssuersFile, { allowInsecureLocalhost });
  const now = () => deps.now().getTime();
  const fetch = ownDocumentsFirst(
    deps,
    createGuardedFetch({ allowInsecureLocalhost, timeoutMs: FETCH_TIMEOUT_MS }),
  );
  const trustedIssuers = async (): Promise<TrustedIssuer[]> => {
    const own = (await deps.store.organisations.list()).map(asTrusted);
    const ownDids = new Set(own.map((t) => t.did));
    return [...own, ...fromFile.filter((t) => !ownDids.has(t.did))];
  };
  const lookup: TrustedIssuerLookup = {
    async get(did) {
      return (await trustedIssuers()).find((t) => t.did === did);
    },
  };
  return {
    allowInsecureLocalhost,
    trustedIssuers,
    verification: createVerificationDeps({
      fetch,
      allowInsecureLocalhost,
      trustedIssuers: lookup,
      now,
      clockSkewSeconds: CLOCK_SKEW_SECONDS,
      didCacheTtlMs: 60_000,
    }),
  };
}
