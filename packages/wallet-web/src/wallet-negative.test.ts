// What the wallet refuses, as one table: each row names an attack or a bad input, what the wallet
// is fed (an offer link, the credential the real issuer service's credential endpoint answers, a
// request link, a backup file), the code the wallet shows (`data-code` on its error box) and, where
// core names the precise check, the reason (`data-reason`, the code the verifier gives for the
// same input). After every row: nothing stored (the holder DID, credentials and share log in
// IndexedDB are as they were), nothing sent (opening a request or restoring a backup, not one POST
// leaves the browser profile), no page error, no CSP violation.
// Real Chromium, the built wallet, the real issuer and verifier services; a fixture organisation
// (test-support/fixture-issuer.ts) and a fixture verifier (test-support/fixture-verifier.ts) where
// the attacker needs keys and a server of its own. Each row gets a fresh browser profile.
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHmac, createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toVcdm11, type ErrorCode } from '@skills-passport/core';
import { errorMessage } from './i18n.js';
import {
  backupFile,
  example,
  holderKey,
  sealBackup,
  startFixtureIssuer,
  storedCredential,
  type FixtureIssuer,
  type FixtureIssuerOptions,
} from './test-support/fixture-issuer.js';
import {
  legacyDcqlQuery,
  startFixtureVerifier,
  type FixtureVerifier,
} from './test-support/fixture-verifier.js';
import {
  call,
  createEmployer,
  createSkillsRequest,
  issue,
  issueRequest,
  provisionOrg,
  redeemForOtherHolder,
  startIssuerService,
  startVerifierService,
  type IssuerService,
  type Org,
  type VerifierService,
} from './test-support/issuer-service.js';
import { keepOffered } from './test-support/keep-offered.js';
import { buildWallet, removeDir, serveWallet, type WalletServer } from './test-support/wallet-server.js';

jest.setTimeout(180_000);

const PASSPHRASE = 'correct horse battery staple';
const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

let browser: Browser;
let wallet: WalletServer;
let walletDir: string | undefined;
let issuer: IssuerService;
let verifier: VerifierService;
let trainingOrg: Org;
let employerKey: string;
/** The attacker's (or a broken) organisation: did:web on loopback, real status lists. */
let org: FixtureIssuer;
/** A second organisation, for what one signs on behalf of the other. */
let otherOrg: FixtureIssuer;
/** A did:web verifier on loopback that records every answer it is sent. */
let fixtureVerifier: FixtureVerifier;
/** A holder key made in Node and a backup of a wallet holding one credential for it. */
const holder = holderKey();
let backup: string;
let statusIndex = 100;

// ---------------------------------------------------------------------------------------------
// Building blocks for what the wallet is fed

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64url');

/** A compact JWS with any header and payload text and a signature computed by `signature`. */
function jwsText(header: string, payload: string, signature: (input: Buffer) => Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signature(Buffer.from(input)).toString('base64url')}`;
}

/** The Skills Passport document the fixture organisation signs (a fresh copy). */
function moduleDocument(file = 'short-course-minimal-ok.json'): Record<string, unknown> {
  return example('module-credential', file);
}

/** A credential payload for the wallet's holder from `by` (the fixture organisation), with its own status index. */
function claims(holderDid: string, by: FixtureIssuer = org): Record<string, unknown> {
  statusIndex += 1;
  return by.payload(moduleDocument(), holderDid, statusIndex);
}

/** A credential for the wallet's holder signed by the fixture organisation, after `change`. */
function forged(
  holderDid: string,
  change: (payload: Record<string, any>) => void = () => undefined,
  options: { header?: Record<string, unknown>; foreignKey?: boolean; by?: FixtureIssuer } = {},
): string {
  const payload = claims(holderDid, options.by ?? org);
  change(payload);
  return (options.by ?? org).sign(payload, options);
}

/** Names `did` as the credential's issuer, in the `iss` claim and in the credential, as `name`. */
function claimIssuer(payload: Record<string, any>, did: string, name: string): void {
  payload.iss = did;
  payload.vc.issuer = { id: did, type: ['Profile'], name };
}

/** Sets the validity period, in the JWT claims and in the credential (seconds since the epoch). */
function validity(payload: Record<string, any>, nbf: number, exp?: number): void {
  const dateTime = (seconds: number) => new Date(seconds * 1000).toISOString();
  payload.nbf = nbf;
  payload.vc.issuanceDate = dateTime(nbf);
  if (exp !== undefined) {
    payload.exp = exp;
    payload.vc.expirationDate = dateTime(exp);
  }
}

/** A JWT with one base64url character of its signature changed (mid-signature, so all 64 bytes still decode). */
function flipSignature(jwt: string): string {
  const at = jwt.lastIndexOf('.') + 20;
  return `${jwt.slice(0, at)}${jwt[at] === 'A' ? 'B' : 'A'}${jwt.slice(at + 1)}`;
}

/** The payload of a compact JWS. */
function payloadOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

function offerByValue(offer: unknown): string {
  return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

/** An offer by value for the real issuer's training organisation, with `changes`. */
function realOffer(changes: Record<string, unknown>): string {
  return offerByValue({
    credential_issuer: `${issuer.url}/orgs/${trainingOrg.slug}`,
    credential_configuration_ids: ['ModuleCredential_jwt_vc_json'],
    grants: { [PRE_AUTH]: { 'pre-authorized_code': 'not-a-real-code' } },
    ...changes,
  });
}

/** A fixture organisation that serves a DID document of the test's making. */
async function hostileOrg(
  w: World,
  didDocument: FixtureIssuerOptions['didDocument'],
): Promise<FixtureIssuer> {
  const hostile = await startFixtureIssuer('opleidingen-logistiek', 'Opleidingscentrum Logistiek', {
    didDocument,
  });
  w.after.push(() => hostile.close());
  return hostile;
}

/** A status list credential signed by `by` for `purpose` with `encodedList`, published at a fresh path. */
function publishStatusList(
  by: FixtureIssuer,
  at: FixtureIssuer,
  purpose: string,
  encodedList: string,
  path = `/lists/${(statusIndex += 1)}`,
): string {
  const url = `${at.url}${path}`;
  const jwt = by.sign({
    iss: by.did,
    nbf: Math.floor(Date.now() / 1000) - 60,
    jti: url,
    vc: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        encodedList,
      },
    },
  });
  return at.publish(path, jwt, 'application/vc+jwt');
}

/** The encoded form of an empty status list of `bytes` bytes. */
function encodedList(bytes: number): string {
  return `u${gzipSync(Buffer.alloc(bytes)).toString('base64url')}`;
}

/** The status list index of a credential payload the fixture organisation made. */
function indexOf(payload: Record<string, any>): number {
  return Number(payload.vc.credentialStatus.statusListIndex);
}

/** Points the credential's status entry at `url`. */
function revocationAt(payload: Record<string, any>, url: string, index = 0): void {
  payload.vc.credentialStatus = {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

/** A request object signed by the fixture verifier, published there; returns the link. */
function signedRequest(
  changes: Record<string, unknown> = {},
  options: { header?: Record<string, unknown>; foreignKey?: boolean; by?: FixtureVerifier } = {},
): string {
  const by = options.by ?? fixtureVerifier;
  return by.publish(by.sign(by.requestPayload(changes), options));
}

/** A fresh request of the real verifier: its id, link, client id and request URI. */
async function realRequest(): Promise<{ id: string; link: string; clientId: string; requestUri: string }> {
  const request = await createSkillsRequest(verifier, employerKey, 'Zorg', [{ uri: SUPPORT_NURSES }]);
  const params = new URL(request.link).searchParams;
  return { ...request, clientId: params.get('client_id')!, requestUri: params.get('request_uri')! };
}

function requestLink(params: Record<string, string>): string {
  return `openid4vp://?${new URLSearchParams(params).toString()}`;
}

// ---------------------------------------------------------------------------------------------
// The table

/** One row's fresh wallet. */
interface World {
  context: BrowserContext;
  page: Page;
  holderDid: string;
  /** Checks and clean-ups run after the row's assertions (servers it started, requests it used). */
  after: (() => Promise<void>)[];
}

type Feed =
  /** An offer link the learner opens. */
  | { offer: (w: World) => Promise<string> | string }
  /**
   * The credential the real issuer's credential endpoint answers for a fresh, real offer: made
   * from the `genuine` one it issued (`credentialId`), or in its place.
   */
  | { credential: (w: World, genuine: string, credentialId: string) => unknown }
  /**
   * Both envelopes of a fresh, real offer, or one of them (the offer then names only that one):
   * what the issuer's credential endpoint answers for each, made from the genuine one or not.
   */
  | { envelopes: (w: World) => Replacements }
  /**
   * A request link the learner opens. (The wallet holds no credential: the refusal comes when the
   * request is opened, before anything could be chosen; the control below shares one.)
   */
  | { request: (w: World) => Promise<string> | string }
  /** A backup file the learner restores, with the right passphrase unless another is given. */
  | { backup: (w: World) => Promise<string | Buffer> | string | Buffer; passphrase?: string };

interface Row {
  name: string;
  feed: Feed;
  /** The code the wallet shows. */
  code: ErrorCode;
  /** The precise check that failed (`data-reason`), where the wallet names one. */
  reason?: ErrorCode;
  /** Runs first in the row's wallet; what it stores is the "before" the row must not change. */
  before?: (w: World) => Promise<void>;
}

const JWT_INVALID = 'ERR_CREDENTIAL_JWT_INVALID';

const joseAttacks: Row[] = [
  {
    name: 'credential with alg "none" (unsigned)',
    feed: {
      credential: (w) =>
        `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify(claims(w.holderDid)))}.`,
    },
    code: JWT_INVALID,
    reason: 'ERR_JWS_ALG_NOT_ALLOWED',
  },
  {
    name: "credential with alg HS256 keyed with the issuer's public key (algorithm confusion)",
    feed: {
      credential: async (w) => {
        const did = (await (await fetch(`${org.url}/orgs/opleidingen-logistiek/did.json`)).json()) as any;
        const secret = Buffer.from(did.verificationMethod[0].publicKeyJwk.x as string, 'base64url');
        return jwsText(
          JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: org.kid }),
          JSON.stringify(claims(w.holderDid)),
          (input) => createHmac('sha256', secret).update(input).digest(),
        );
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_JWS_ALG_NOT_ALLOWED',
  },
  {
    name: 'credential with an unexpected alg (ES256, signed with a P-256 key)',
    feed: {
      credential: (w) => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        return jwsText(
          JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: org.kid }),
          JSON.stringify(claims(w.holderDid)),
          (input) => nodeSign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
        );
      },
    },
    // ES256 is allowed now, but the issuer's key-1 is Ed25519: an alg must match its key's type.
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_JWS_ALG_KEY_MISMATCH',
  },
  {
    name: 'credential with a "crit" header naming an extension',
    feed: {
      credential: (w) =>
        forged(w.holderDid, undefined, { header: { crit: ['urn:example:x'], 'urn:example:x': true } }),
    },
    code: JWT_INVALID,
    reason: 'ERR_JWS_CRIT_UNSUPPORTED',
  },
  {
    name: 'credential carrying its own key ("jwk" header), signed with that key',
    feed: {
      credential: (w) => {
        const attacker = generateKeyPairSync('ed25519');
        const { x } = attacker.publicKey.export({ format: 'jwk' });
        return jwsText(
          JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: org.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x } }),
          JSON.stringify(claims(w.holderDid)),
          (input) => nodeSign(null, input, attacker.privateKey),
        );
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_JWS_HEADER_FORBIDDEN',
  },
  {
    name: 'credential pointing at a key set to fetch ("jku" header)',
    feed: {
      credential: (w) =>
        forged(w.holderDid, undefined, { header: { jku: `${org.url}/jwks.json` }, foreignKey: true }),
    },
    code: JWT_INVALID,
    reason: 'ERR_JWS_HEADER_FORBIDDEN',
  },
  {
    name: 'credential payload with duplicate members ("sub" twice: another holder, then this one)',
    feed: {
      credential: (w) => {
        const text = JSON.stringify(claims(w.holderDid));
        return org.signText(
          JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: org.kid }),
          `{"sub":"${holderKey().did}",${text.slice(1)}`,
        );
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_JSON_DUPLICATE_KEY',
  },
  {
    name: 'credential header with duplicate members ("alg" twice)',
    feed: {
      credential: (w) =>
        org.signText(
          `{"alg":"none","alg":"EdDSA","typ":"JWT","kid":${JSON.stringify(org.kid)}}`,
          JSON.stringify(claims(w.holderDid)),
        ),
    },
    code: JWT_INVALID,
    reason: 'ERR_JSON_DUPLICATE_KEY',
  },
  {
    name: "the issuer's genuine credential with one signature character changed",
    feed: { credential: (_w, genuine) => flipSignature(genuine) },
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: "the issuer's genuine credential with its claims changed (a higher level)",
    feed: {
      credential: (_w, genuine) => {
        const [header, , signature] = genuine.split('.');
        const payload = payloadOf(genuine);
        payload.vc.credentialSubject.result = [
          {
            type: ['Result'],
            resultDescription: 'https://w3id.org/skills-passport/scales/proficiency-4/v1',
            achievedLevel: 'https://w3id.org/skills-passport/scales/proficiency-4/v1#4',
          },
        ];
        return `${header}.${b64(JSON.stringify(payload))}.${signature}`;
      },
    },
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: "the issuer's genuine credential with its signature cut short",
    feed: { credential: (_w, genuine) => genuine.slice(0, -12) },
    code: JWT_INVALID,
    reason: 'ERR_JWS_MALFORMED',
  },
  {
    name: 'request object with alg "none" (unsigned)',
    feed: {
      request: () =>
        fixtureVerifier.publish(
          `${b64(JSON.stringify({ alg: 'none', typ: 'oauth-authz-req+jwt' }))}.${b64(JSON.stringify(fixtureVerifier.requestPayload()))}.`,
        ),
    },
    code: 'ERR_REQUEST_INVALID',
    reason: 'ERR_JWS_ALG_NOT_ALLOWED',
  },
  {
    name: 'request object carrying its own key ("jwk" header)',
    feed: {
      request: () => {
        const attacker = generateKeyPairSync('ed25519');
        const { x } = attacker.publicKey.export({ format: 'jwk' });
        return fixtureVerifier.publish(
          jwsText(
            JSON.stringify({
              alg: 'EdDSA',
              typ: 'oauth-authz-req+jwt',
              kid: fixtureVerifier.kid,
              jwk: { kty: 'OKP', crv: 'Ed25519', x },
            }),
            JSON.stringify(fixtureVerifier.requestPayload()),
            (input) => nodeSign(null, input, attacker.privateKey),
          ),
        );
      },
    },
    code: 'ERR_REQUEST_INVALID',
    reason: 'ERR_JWS_HEADER_FORBIDDEN',
  },
  {
    name: 'request object of the wrong type (typ "JWT", e.g. a token of another protocol)',
    feed: { request: () => signedRequest({}, { header: { typ: 'JWT' } }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: "request object signed with a key the verifier's DID does not publish",
    feed: { request: () => signedRequest({}, { foreignKey: true }) },
    code: 'ERR_CLIENT_ID_MISMATCH',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: 'request object with duplicate members ("response_uri" twice: elsewhere, then its own)',
    feed: {
      request: () => {
        const text = JSON.stringify(fixtureVerifier.requestPayload());
        return fixtureVerifier.publish(
          fixtureVerifier.signText(
            JSON.stringify({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: fixtureVerifier.kid }),
            `{"response_uri":"${issuer.url}/steal",${text.slice(1)}`,
          ),
        );
      },
    },
    code: 'ERR_REQUEST_INVALID',
    reason: 'ERR_JSON_DUPLICATE_KEY',
  },
];

const spoofingAndBinding: Row[] = [
  {
    name: 'self-signed credential from a did:key issuer naming a real organisation',
    feed: {
      credential: (w) => {
        const attacker = holderKey();
        const payload = claims(w.holderDid);
        claimIssuer(payload, attacker.did, 'EVC Centrum Zorg Nederland');
        const key = createPrivateKey({ key: Buffer.from(attacker.pkcs8), format: 'der', type: 'pkcs8' });
        return jwsText(
          JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: `${attacker.did}#${attacker.did.slice(8)}` }),
          JSON.stringify(payload),
          (input) => nodeSign(null, input, key),
        );
      },
    },
    code: 'ERR_DID_METHOD_UNSUPPORTED',
  },
  {
    name: 'offer on plain http to a host that is not this machine',
    feed: {
      offer: () => 'openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fexample.org%2Foffers%2F1',
    },
    code: 'ERR_INSECURE_URL',
  },
  {
    name: 'offer by value naming an issuer on plain http elsewhere',
    feed: {
      offer: () =>
        offerByValue({
          credential_issuer: 'http://issuer.example.org/orgs/x',
          credential_configuration_ids: ['ModuleCredential_jwt_vc_json'],
          grants: { [PRE_AUTH]: { 'pre-authorized_code': 'x' } },
        }),
    },
    code: 'ERR_INSECURE_URL',
  },
  {
    name: "offer whose issuer's metadata names another credential issuer (a copy of the real one's)",
    feed: {
      offer: async () => {
        const real = await (
          await fetch(`${issuer.url}/.well-known/openid-credential-issuer/orgs/${trainingOrg.slug}`)
        ).text();
        org.publish('/.well-known/openid-credential-issuer/orgs/spoof', real);
        return offerByValue({
          credential_issuer: `${org.url}/orgs/spoof`,
          credential_configuration_ids: ['ModuleCredential_jwt_vc_json'],
          grants: { [PRE_AUTH]: { 'pre-authorized_code': 'x' } },
        });
      },
    },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'credential whose "iss" differs from the issuer it names',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.vc.issuer = { id: otherOrg.did, type: ['Profile'], name: otherOrg.name };
        }),
    },
    code: JWT_INVALID,
    reason: 'ERR_ISSUER_MISMATCH',
  },
  {
    name: 'credential claiming a real organisation of the issuer service, signed by the attacker',
    feed: {
      credential: (w) =>
        forged(
          w.holderDid,
          (p) => {
            claimIssuer(p, trainingOrg.did, 'ROC Logistiek Academie');
          },
          { header: { kid: undefined } },
        ),
    },
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: "credential signed with a key the issuer's DID does not publish",
    feed: { credential: (w) => forged(w.holderDid, undefined, { foreignKey: true }) },
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: "credential whose kid names the attacker's did:key instead of the issuer's key",
    feed: {
      credential: (w) => {
        const attacker = holderKey();
        return forged(w.holderDid, undefined, {
          header: { kid: `${attacker.did}#${attacker.did.slice('did:key:'.length)}` },
        });
      },
    },
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_KEY_NOT_FOUND',
  },
  {
    name: "the issuer service's genuine credential for another holder's DID",
    feed: {
      credential: async () =>
        (
          await redeemForOtherHolder(
            (
              await issue(
                issuer,
                trainingOrg,
                issueRequest('module-credential', 'short-course-minimal-ok.json'),
              )
            ).offer,
          )
        ).jwt,
    },
    code: 'ERR_HOLDER_MISMATCH',
  },
  {
    name: 'credential bound to no holder at all (no "sub")',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          delete p.sub;
        }),
    },
    code: 'ERR_HOLDER_MISMATCH',
  },
  {
    name: 'credential whose "sub" is this wallet but whose subject is another holder',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.vc.credentialSubject.id = holderKey().did;
        }),
    },
    code: JWT_INVALID,
    reason: 'ERR_CREDENTIAL_JWT_INVALID',
  },
  {
    name: "request naming another verifier as client (the issuer service) for this verifier's request",
    feed: {
      request: async () => {
        const real = await realRequest();
        return requestLink({
          client_id: `decentralized_identifier:did:web:localhost%3A${issuer.port}`,
          request_uri: real.requestUri,
        });
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'request whose client id names no web origin (x509_san_dns)',
    feed: {
      request: async () =>
        requestLink({ client_id: 'x509_san_dns:example.org', request_uri: (await realRequest()).requestUri }),
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'request object naming another client than the client id it was opened with',
    feed: {
      request: async () => signedRequest({ client_id: (await realRequest()).clientId }),
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: "request object signed with a kid of the real verifier's DID",
    feed: {
      request: async () => {
        const real = await realRequest();
        return signedRequest(
          {},
          { header: { kid: `${real.clientId.slice('decentralized_identifier:'.length)}#key-1` } },
        );
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
];

/** The same credential twice: a second offer of the issuer service delivers the first one again. */
function receivedTwice(): Row {
  let first = '';
  return {
    name: 'the same credential received twice (a second offer delivers the first one again)',
    before: async (w) => {
      first = forged(w.holderDid);
      await receiveThrough(w, { jwt: () => first });
      await expect(outcome(w.page, 'credential')).resolves.toBe('accepted');
    },
    feed: { credential: () => first },
    code: 'ERR_CREDENTIAL_DUPLICATE',
  };
}

/** An offer link of the issuer service opened again after the learner accepted it. */
function offerOpenedAgain(): Row {
  let link = '';
  return {
    name: 'an offer link opened again after it was accepted',
    before: async (w) => {
      link = (
        await issue(issuer, trainingOrg, issueRequest('module-credential', 'short-course-minimal-ok.json'))
      ).offer;
      await openOffer(w.page, link);
      await w.page.getByRole('button', { name: 'Accept and add to my passport' }).click();
      await keepOffered(w.page);
      await expect(outcome(w.page, 'credential')).resolves.toBe('accepted');
    },
    feed: { offer: () => link },
    code: 'ERR_OFFER_REDEEMED',
  };
}

const replay: Row[] = [
  receivedTwice(),
  offerOpenedAgain(),
  {
    name: 'an offer someone else already redeemed',
    feed: {
      offer: async () => {
        const created = await issue(
          issuer,
          trainingOrg,
          issueRequest('module-credential', 'short-course-minimal-ok.json'),
        );
        await redeemForOtherHolder(created.offer);
        return created.offer;
      },
    },
    code: 'ERR_OFFER_REDEEMED',
  },
  {
    name: "the real verifier's genuine request, replayed from another origin under its client id",
    feed: {
      request: async (w) => {
        const real = await realRequest();
        const jwt = await (await fetch(real.requestUri)).text();
        w.after.push(() => expectNotAnswered(real.id));
        return fixtureVerifier.publish(jwt, { clientId: real.clientId });
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: "the real verifier's genuine request, replayed under the attacker's client id",
    feed: {
      request: async (w) => {
        const real = await realRequest();
        const jwt = await (await fetch(real.requestUri)).text();
        w.after.push(() => expectNotAnswered(real.id));
        return fixtureVerifier.publish(jwt);
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
];

const dates: Row[] = [
  {
    name: 'credential that expired an hour ago',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          validity(p, Math.floor(Date.now() / 1000) - 86_400, Math.floor(Date.now() / 1000) - 3600);
        }),
    },
    code: 'ERR_CREDENTIAL_EXPIRED',
  },
  {
    name: 'credential not valid until tomorrow',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          validity(p, Math.floor(Date.now() / 1000) + 86_400);
        }),
    },
    code: 'ERR_CREDENTIAL_NOT_YET_VALID',
  },
  {
    name: 'credential whose "exp" is not a time',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.exp = 'tomorrow';
        }),
    },
    code: JWT_INVALID,
    reason: 'ERR_CREDENTIAL_JWT_INVALID',
  },
  {
    name: 'credential whose "nbf" and issuance date disagree',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.vc.issuanceDate = '2020-01-01T00:00:00Z';
        }),
    },
    code: JWT_INVALID,
    reason: 'ERR_CREDENTIAL_JWT_INVALID',
  },
  {
    name: 'request object that expired ten minutes ago',
    feed: {
      request: () => {
        const now = Math.floor(Date.now() / 1000);
        return signedRequest({ iat: now - 900, exp: now - 600 });
      },
    },
    // Said as what it is (expired), no longer as "not a valid request" (issue 15, item 3).
    code: 'ERR_REQUEST_EXPIRED',
  },
  {
    name: 'request object issued an hour in the future',
    feed: {
      request: () => {
        const now = Math.floor(Date.now() / 1000);
        return signedRequest({ iat: now + 3600, exp: now + 3900 });
      },
    },
    code: 'ERR_REQUEST_INVALID',
  },
];

const statusLists: Row[] = [
  {
    name: 'credential the issuer service revokes right after issuing it, before the wallet checks it',
    feed: {
      credential: async (_w, genuine, credentialId) => {
        const revoked = await call(
          issuer.url,
          'POST',
          `/api/credentials/${encodeURIComponent(credentialId)}/revoke`,
          {
            token: trainingOrg.apiKey,
            body: { reason: 'issued by mistake' },
          },
        );
        expect(revoked.status).toBe(200);
        // The issuer republishes its lists within their 1 s time-to-live in this test.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        return genuine;
      },
    },
    code: 'ERR_CREDENTIAL_REVOKED',
  },
  {
    name: 'offer of a credential the issuer service revoked before the learner opened it',
    feed: {
      offer: async () => {
        const created = await issue(
          issuer,
          trainingOrg,
          issueRequest('module-credential', 'short-course-minimal-ok.json'),
        );
        const revoked = await call(
          issuer.url,
          'POST',
          `/api/credentials/${encodeURIComponent(created.id)}/revoke`,
          {
            token: trainingOrg.apiKey,
            body: { reason: 'withdrawn' },
          },
        );
        expect(revoked.status).toBe(200);
        return created.offer;
      },
    },
    code: 'ERR_OFFER_WITHDRAWN',
  },
  {
    name: 'credential already revoked on its status list',
    feed: {
      credential: (w) => {
        const payload = claims(w.holderDid);
        org.revoke(indexOf(payload));
        return org.sign(payload);
      },
    },
    code: 'ERR_CREDENTIAL_REVOKED',
  },
  {
    name: 'credential already suspended on its status list',
    feed: {
      credential: (w) => {
        const payload = claims(w.holderDid);
        org.suspend(indexOf(payload));
        return org.sign(payload);
      },
    },
    code: 'ERR_CREDENTIAL_SUSPENDED',
  },
  {
    name: 'credential with a status of an unknown type (StatusList2021Entry): the model allows none',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.vc.credentialStatus.type = 'StatusList2021Entry';
        }),
    },
    code: 'ERR_SCHEMA_INVALID',
    reason: 'ERR_SCHEMA_INVALID',
  },
  {
    name: 'credential whose status list is signed by another organisation',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) =>
          revocationAt(p, publishStatusList(otherOrg, otherOrg, 'revocation', encodedList(16_384))),
        ),
    },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    reason: 'ERR_STATUS_LIST_ISSUER_MISMATCH',
  },
  {
    name: 'credential whose status list is not a JWT',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) =>
          revocationAt(p, org.publish(`/lists/junk-${statusIndex}`, '<html>gone</html>', 'text/html')),
        ),
    },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    reason: 'ERR_JWS_MALFORMED',
  },
  {
    name: 'credential whose status list is missing (404)',
    feed: { credential: (w) => forged(w.holderDid, (p) => revocationAt(p, `${org.url}/lists/nowhere`)) },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
  },
  {
    name: 'credential whose status index lies beyond its list',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) =>
          revocationAt(p, publishStatusList(org, org, 'revocation', encodedList(16_384)), 16_384 * 8 + 5),
        ),
    },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    reason: 'ERR_STATUS_INDEX_OUT_OF_RANGE',
  },
  {
    name: 'credential whose revocation entry points at a suspension list',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) =>
          revocationAt(p, publishStatusList(org, org, 'suspension', encodedList(16_384))),
        ),
    },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    reason: 'ERR_STATUS_LIST_INVALID',
  },
  {
    name: 'credential whose status list expands to 8 MB (a gzip bomb)',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) =>
          revocationAt(p, publishStatusList(org, org, 'revocation', encodedList(8 * 1024 * 1024))),
        ),
    },
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    reason: 'ERR_STATUS_LIST_TOO_LARGE',
  },
  {
    name: 'credential whose status list is on plain http elsewhere',
    feed: {
      credential: (w) => forged(w.holderDid, (p) => revocationAt(p, 'http://status.example.org/lists/1')),
    },
    code: 'ERR_INSECURE_URL',
  },
];

/** A credential for the holder from a hostile organisation whose DID document is `didDocument(document)`. */
function fromHostileOrg(didDocument: NonNullable<FixtureIssuerOptions['didDocument']>): Feed {
  return {
    credential: async (w) => {
      const hostile = await hostileOrg(w, didDocument);
      return hostile.sign(claims(w.holderDid, hostile));
    },
  };
}

/** A credential for the holder signed by the fixture organisation but naming `did()` as its issuer. */
function fromDid(did: () => string): Feed {
  return {
    credential: (w) =>
      forged(
        w.holderDid,
        (p) => {
          claimIssuer(p, did(), 'Opleidingscentrum Logistiek');
        },
        { header: { kid: `${did()}#key-1` } },
      ),
  };
}

/** The fixture organisation's host as a did:web names it (`localhost%3A<port>`). */
const orgHost = (): string => new URL(org.url).host.replace(':', '%3A');

const didResolution: Row[] = [
  {
    name: "did:web issuer whose DID document's id is another DID",
    feed: fromHostileOrg((doc) => JSON.stringify({ ...doc, id: otherOrg.did })),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_DID_DOCUMENT_INVALID',
  },
  {
    name: 'did:web issuer whose DID document has duplicate members ("id" twice)',
    feed: fromHostileOrg((doc) => `{"id":${JSON.stringify(otherOrg.did)},${JSON.stringify(doc).slice(1)}`),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_JSON_DUPLICATE_KEY',
  },
  {
    name: 'did:web issuer whose DID document is not JSON',
    feed: fromHostileOrg(() => '<html>did</html>'),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_MALFORMED_JSON',
  },
  {
    name: 'did:web issuer whose key is listed for authentication only, not for assertions',
    feed: fromHostileOrg((doc) => JSON.stringify({ ...doc, assertionMethod: [] })),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_KEY_NOT_FOUND',
  },
  {
    name: 'did:web issuer whose key is controlled by another DID',
    feed: fromHostileOrg((doc) =>
      JSON.stringify({
        ...doc,
        verificationMethod: (doc.verificationMethod as Record<string, unknown>[]).map((m) => ({
          ...m,
          controller: otherOrg.did,
        })),
      }),
    ),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_KEY_NOT_FOUND',
  },
  {
    name: 'did:web issuer that publishes its private key in its DID document',
    feed: fromHostileOrg((doc) =>
      JSON.stringify({
        ...doc,
        verificationMethod: (doc.verificationMethod as Record<string, any>[]).map((m) => ({
          ...m,
          publicKeyJwk: { ...m.publicKeyJwk, d: b64('not really the key but present') },
        })),
      }),
    ),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_KEY_NOT_FOUND',
  },
  {
    name: 'did:web issuer with no DID document (404)',
    feed: fromDid(() => `did:web:${orgHost()}:orgs:nobody`),
    code: 'ERR_ISSUER_UNREACHABLE',
  },
  {
    name: 'did:web issuer with a ".." path segment (path traversal)',
    feed: fromDid(() => `did:web:${orgHost()}:orgs:..:opleidingen-logistiek`),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_DID_INVALID',
  },
  {
    name: 'did:web issuer naming an IP address',
    feed: fromDid(() => 'did:web:10.0.0.1'),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_DID_INVALID',
  },
  {
    name: 'issuer DID of an unsupported method (did:example)',
    feed: fromDid(() => 'did:example:123456789abcdefghi'),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_DID_METHOD_UNSUPPORTED',
  },
  {
    name: 'issuer DID that is a malformed did:key',
    feed: fromDid(() => 'did:key:z6MkNotAKeyAtAll'),
    code: 'ERR_DID_RESOLUTION_FAILED',
    reason: 'ERR_DID_INVALID',
  },
  {
    name: "verifier whose DID document's id is another DID",
    feed: {
      request: async (w) => {
        const hostile = await startFixtureVerifier({
          didDocument: (doc) => JSON.stringify({ ...doc, id: fixtureVerifier.did }),
        });
        w.after.push(() => hostile.close());
        return signedRequest({}, { by: hostile });
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
    reason: 'ERR_DID_DOCUMENT_INVALID',
  },
];

/** The issuer service's genuine Data Integrity credential (the offer's only envelope), changed. */
function changedLdp(change: (credential: Record<string, any>) => void): Feed {
  return {
    envelopes: () => ({
      ldp: (genuine) => {
        const copy = structuredClone(genuine);
        change(copy);
        return copy;
      },
    }),
  };
}

/** A credential JWT of the fixture organisation for exactly `document` (VC 2.0). */
function jwtOfDocument(document: Record<string, any>, by: FixtureIssuer = org): string {
  return by.sign({
    iss: by.did,
    sub: document.credentialSubject.id,
    jti: document.id,
    nbf: Math.floor(Date.parse(document.validFrom as string) / 1000),
    vc: toVcdm11(document),
  });
}

const jsonLdAndDataIntegrity: Row[] = [
  {
    name: "the issuer's genuine Data Integrity credential with its claims changed (another name)",
    feed: changedLdp((c) => {
      c.name = `${c.name as string} (cum laude)`;
    }),
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_SIGNATURE_INVALID',
  },
  {
    name: "the issuer's genuine Data Integrity credential with its proof removed",
    feed: changedLdp((c) => {
      delete c.proof;
    }),
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_PROOF_MISSING',
  },
  {
    name: "the issuer's genuine Data Integrity credential whose proof says it is for authentication",
    feed: changedLdp((c) => {
      c.proof[0].proofPurpose = 'authentication';
    }),
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_PROOF_PURPOSE_MISMATCH',
  },
  {
    name: "the issuer's genuine Data Integrity credential whose proof names the attacker's did:key",
    feed: changedLdp((c) => {
      const attacker = holderKey();
      c.proof[0].verificationMethod = `${attacker.did}#${attacker.did.slice('did:key:'.length)}`;
    }),
    code: 'ERR_SIGNATURE_INVALID',
    reason: 'ERR_ISSUER_MISMATCH',
  },
  {
    name: "the issuer's genuine Data Integrity credential with a member no context defines",
    feed: changedLdp((c) => {
      c.credentialSubject.secretLevel = 'expert';
    }),
    code: 'ERR_SCHEMA_INVALID',
    reason: 'ERR_JSONLD_INVALID',
  },
  {
    name: "the issuer's genuine Data Integrity credential naming a context of the attacker's",
    feed: changedLdp((c) => {
      c['@context'] = [...(c['@context'] as string[]), 'https://attacker.example/context.jsonld'];
    }),
    code: 'ERR_SCHEMA_INVALID',
    reason: 'ERR_JSONLD_CONTEXT_UNKNOWN',
  },
  {
    name: 'a VC-JWT where the Data Integrity credential belongs',
    feed: { envelopes: (w) => ({ ldp: () => forged(w.holderDid) }) },
    code: JWT_INVALID,
  },
  {
    name: 'a Data Integrity credential of the fixture organisation issued to another holder',
    feed: {
      envelopes: () => ({
        ldp: () => org.issueLdp(moduleDocument(), holderKey().did, (statusIndex += 1)),
      }),
    },
    code: 'ERR_HOLDER_MISMATCH',
  },
  {
    name: 'both envelopes validly signed by the issuer but saying different things (another name)',
    feed: {
      envelopes: (w) => {
        statusIndex += 1;
        const document = org.document(moduleDocument(), w.holderDid, statusIndex);
        return {
          jwt: () => jwtOfDocument(document),
          ldp: () => org.secure({ ...document, name: `${document.name as string} (cum laude)` }),
        };
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_CONFLICT',
  },
  {
    name: 'both envelopes validly signed by the issuer but for different status entries',
    feed: {
      envelopes: (w) => {
        statusIndex += 1;
        const document = org.document(moduleDocument(), w.holderDid, statusIndex);
        const status = document.credentialStatus as Record<string, unknown>;
        return {
          jwt: () => jwtOfDocument(document),
          ldp: () => org.secure({ ...document, credentialStatus: { ...status, statusListIndex: '999' } }),
        };
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_CONFLICT',
  },
];

/** The genuine backup file with `change` made to it after encryption. */
function backupOf(change: (file: Record<string, any>) => void): string {
  const file = JSON.parse(backup) as Record<string, any>;
  change(file);
  return JSON.stringify(file);
}

/** A backup of the Node-made holder's key with `contents` (no credentials, no shares unless given). */
function sealedBackup(contents: Record<string, unknown>): Promise<string> {
  return sealBackup(
    {
      exportedAt: new Date().toISOString(),
      key: {
        did: holder.did,
        publicKey: b64(Buffer.from(holder.publicKey)),
        privateKeyPkcs8: b64(Buffer.from(holder.pkcs8)),
        createdAt: new Date().toISOString(),
      },
      credentials: [],
      shares: [],
      ...contents,
    },
    PASSPHRASE,
    100_000,
  );
}

const requestBodies: Row[] = [
  { name: 'offer that is not a link', feed: { offer: () => 'here is my offer' }, code: 'ERR_OFFER_INVALID' },
  {
    name: 'offer link of an unknown scheme (javascript:)',
    feed: { offer: () => 'javascript:alert(document.domain)//?credential_offer_uri=x' },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer link with neither credential_offer nor credential_offer_uri',
    feed: { offer: () => 'openid-credential-offer://?nothing=here' },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer link with both credential_offer and credential_offer_uri',
    feed: {
      offer: () =>
        `openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=${encodeURIComponent(`${issuer.url}/x`)}`,
    },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer by value that is not JSON',
    feed: { offer: () => 'openid-credential-offer://?credential_offer=%7Bnot%20json' },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer without a pre-authorized code grant',
    feed: { offer: () => realOffer({ grants: { authorization_code: { issuer_state: 'x' } } }) },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer of a credential configuration the issuer does not have',
    feed: { offer: () => realOffer({ credential_configuration_ids: ['PassportOfTheKing_jwt_vc_json'] }) },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer by reference that answers with a web page, not an offer',
    feed: {
      offer: () =>
        `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(
          org.publish('/offers/page', '<html>hello</html>', 'text/html'),
        )}`,
    },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer by reference that answers with JSON that is no offer',
    feed: {
      offer: () =>
        `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(
          org.publish('/offers/json', JSON.stringify({ hello: 'world' })),
        )}`,
    },
    code: 'ERR_OFFER_INVALID',
  },
  {
    name: 'offer by reference whose issuer cannot be reached',
    feed: {
      offer: () =>
        'openid-credential-offer://?credential_offer_uri=http%3A%2F%2Flocalhost%3A9%2Foffers%2Fgone',
    },
    code: 'ERR_ISSUER_UNREACHABLE',
  },
  {
    name: 'offer by value naming an issuer that cannot be reached',
    feed: {
      offer: () =>
        offerByValue({
          credential_issuer: 'http://localhost:9/orgs/nobody',
          credential_configuration_ids: ['ModuleCredential_jwt_vc_json'],
          grants: { [PRE_AUTH]: { 'pre-authorized_code': 'x' } },
        }),
    },
    code: 'ERR_ISSUER_UNREACHABLE',
  },
  {
    name: 'credential response holding a JSON object instead of a JWT',
    feed: { credential: (w) => payloadOf(forged(w.holderDid)) },
    code: JWT_INVALID,
  },
  {
    name: 'credential that does not follow the Skills Passport model (EQF level 9)',
    feed: {
      credential: (w) => {
        statusIndex += 1;
        return org.sign(org.payload(moduleDocument('eqf-level-9-fail.json'), w.holderDid, statusIndex));
      },
    },
    code: 'ERR_SCHEMA_INVALID',
    reason: 'ERR_SCHEMA_INVALID',
  },
  {
    name: 'credential of a type the wallet does not know',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          p.vc.type = ['VerifiableCredential', 'OpenBadgeCredential', 'CertificateOfNobility'];
        }),
    },
    code: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
    reason: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
  },
  {
    name: 'credential with a "__proto__" member (prototype pollution)',
    feed: {
      credential: (w) => {
        const text = JSON.stringify(claims(w.holderDid));
        return org.signText(
          JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: org.kid }),
          `{"__proto__":{"polluted":true},${text.slice(1)}`,
        );
      },
    },
    code: JWT_INVALID,
    reason: 'ERR_FORBIDDEN_KEY',
  },
  {
    name: 'credential nested 200 levels deep',
    feed: {
      credential: (w) =>
        forged(w.holderDid, (p) => {
          let deep: unknown = 'bottom';
          for (let i = 0; i < 200; i += 1) deep = { deeper: deep };
          p.vc.credentialSubject.extra = deep;
        }),
    },
    code: JWT_INVALID,
    reason: 'ERR_INPUT_TOO_DEEP',
  },
  {
    name: 'request link with only a client_id',
    feed: { request: () => 'openid4vp://?client_id=only' },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request that is not a link',
    feed: { request: () => 'not a link at all' },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request object that is not a JWS',
    feed: { request: () => fixtureVerifier.publish('{"client_id":"me"}') },
    code: 'ERR_REQUEST_INVALID',
    reason: 'ERR_JWS_MALFORMED',
  },
  {
    name: 'request with no nonce',
    feed: { request: () => signedRequest({ nonce: undefined }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request with a guessable nonce (3 characters)',
    feed: { request: () => signedRequest({ nonce: 'abc' }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request asking for nothing (an empty DCQL query)',
    feed: { request: () => signedRequest({ dcql_query: { credentials: [] } }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request without a DCQL query',
    feed: { request: () => signedRequest({ dcql_query: undefined }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request for an id_token instead of a vp_token',
    feed: { request: () => signedRequest({ response_type: 'id_token' }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request answered in the URL fragment instead of by direct_post',
    feed: { request: () => signedRequest({ response_mode: 'fragment' }) },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request by value whose DCQL query is not JSON',
    feed: {
      request: () =>
        requestLink({
          client_id: `redirect_uri:${fixtureVerifier.url}/responses/by-value`,
          response_type: 'vp_token',
          response_mode: 'direct_post',
          response_uri: `${fixtureVerifier.url}/responses/by-value`,
          nonce: 'a-nonce-long-enough',
          dcql_query: '{"credentials":[',
        }),
    },
    code: 'ERR_REQUEST_INVALID',
    reason: 'ERR_MALFORMED_JSON',
  },
  {
    name: 'backup file that is not JSON',
    feed: { backup: () => 'PK\u0003\u0004 a zip, perhaps' },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'JSON file that is not a wallet backup',
    feed: { backup: () => '{"format":"something else"}' },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup whose ciphertext was damaged',
    feed: {
      backup: () =>
        backupOf((file) => {
          const c = file.ciphertext as string;
          file.ciphertext = `${c.slice(0, -5)}${c.at(-5) === 'A' ? 'B' : 'A'}${c.slice(-4)}`;
        }),
    },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup file cut off half-way',
    feed: { backup: () => backup.slice(0, backup.length / 2) },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup file over 20 MB',
    feed: {
      backup: () =>
        Buffer.from(`{"format":"skills-passport-wallet-backup","pad":"${'A'.repeat(21 * 1024 * 1024)}"}`),
    },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup, encrypted with the right passphrase, holding a credential that is none ({id, jwt, document: {}})',
    feed: { backup: () => sealedBackup({ credentials: [{ id: 'urn:x', jwt: 'x.y.z', document: {} }] }) },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup, encrypted with the right passphrase, whose share log entry has no id',
    feed: { backup: () => sealedBackup({ shares: [{ at: new Date().toISOString(), outcome: 'accepted' }] }) },
    code: 'ERR_BACKUP_DAMAGED',
  },
];

const accessControl: Row[] = [
  {
    name: "request whose signer sends the answers to another verifier's origin (exfiltration)",
    feed: {
      request: async (w) => {
        const real = await realRequest();
        w.after.push(() => expectNotAnswered(real.id));
        return signedRequest({ response_uri: `${verifier.url}/oid4vp/responses/${real.id}` });
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'request whose answers go to plain http on another host',
    feed: { request: () => signedRequest({ response_uri: 'http://collector.example.org/responses' }) },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: "request whose response_uri hides another host behind the verifier's name (userinfo)",
    feed: {
      request: () =>
        signedRequest({ response_uri: `http://${new URL(fixtureVerifier.url).host}@localhost:9/responses` }),
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'request by value whose response_uri differs from its redirect_uri client id',
    feed: {
      request: () =>
        requestLink({
          client_id: `redirect_uri:${fixtureVerifier.url}/responses/by-value`,
          response_type: 'vp_token',
          response_mode: 'direct_post',
          response_uri: `${issuer.url}/collect`,
          nonce: 'a-nonce-long-enough',
          dcql_query: JSON.stringify(fixtureVerifier.requestPayload().dcql_query),
        }),
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'request claiming a DID client id but sent unsigned, by value',
    feed: {
      request: () =>
        requestLink({
          client_id: fixtureVerifier.clientId,
          response_type: 'vp_token',
          response_mode: 'direct_post',
          response_uri: `${fixtureVerifier.url}/responses/unsigned`,
          nonce: 'a-nonce-long-enough',
          dcql_query: JSON.stringify(fixtureVerifier.requestPayload().dcql_query),
        }),
    },
    code: 'ERR_REQUEST_INVALID',
  },
  {
    name: 'request fetched from another origin than its client id names',
    feed: {
      request: async () => {
        const real = await realRequest();
        return requestLink({
          client_id: real.clientId,
          request_uri: real.requestUri.replace(verifier.url, fixtureVerifier.url),
        });
      },
    },
    code: 'ERR_CLIENT_ID_MISMATCH',
  },
  {
    name: 'backup restored with the wrong passphrase',
    feed: { backup: () => backup, passphrase: 'not the passphrase' },
    code: 'ERR_BACKUP_PASSPHRASE',
  },
  {
    name: 'backup whose key derivation was lowered to 1 iteration (cheap guessing)',
    feed: { backup: () => backupOf((file) => (file.kdf.iterations = 1)) },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup whose header was changed after encryption (another IV)',
    feed: { backup: () => backupOf((file) => (file.cipher.iv = b64(Buffer.alloc(12, 7)))) },
    code: 'ERR_BACKUP_DAMAGED',
  },
  {
    name: 'backup whose key does not belong to its DID',
    feed: {
      backup: async () => {
        const other = holderKey();
        return backupFile({ ...holder, did: other.did }, [], PASSPHRASE, 100_000);
      },
    },
    code: 'ERR_BACKUP_DAMAGED',
  },
];

// ---------------------------------------------------------------------------------------------
// Driving the wallet

/** Shows a screen of the wallet (`#/receive`, ...), freshly rendered. */
async function open(page: Page, hash: string): Promise<void> {
  const route = hash.split('/')[1] ?? 'passport';
  const current =
    page.url() === 'about:blank' ? undefined : await page.locator('body').getAttribute('data-ready');
  if (current === undefined) {
    await page.goto(`${wallet.url}/${hash}`);
  } else if (current !== null && current !== route) {
    // Another screen: a hash change renders the new one (its data-ready cannot be stale).
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  } else {
    // The same screen again: a full load (about:blank first), or its data-ready would be stale.
    await page.goto('about:blank');
    await page.goto(`${wallet.url}/${hash}`);
  }
  await page.locator(`body[data-ready="${route}"]`).waitFor();
}

/** What the wallet keeps: its DID, its credentials' ids, the number of shares it logged. */
async function snapshot(page: Page): Promise<{ did: string; credentials: string[]; shares: number }> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('skills-passport-wallet');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['keyring', 'credentials', 'shares']);
      const out = {};
      tx.objectStore('keyring').get('holder').onsuccess = (e) => { out.did = e.target.result.did; };
      tx.objectStore('credentials').getAllKeys().onsuccess = (e) => { out.credentials = e.target.result.map(String).sort(); };
      tx.objectStore('shares').count().onsuccess = (e) => { out.shares = e.target.result; };
      tx.oncomplete = () => { db.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  })`);
}

type Kind = 'offer' | 'credential' | 'request' | 'backup';

/** What each screen shows when it does not refuse. */
const ACCEPTED: Record<Kind, [selector: string, outcome: string]> = {
  offer: ['form.offer', 'offer shown'],
  credential: ['.message.success', 'accepted'],
  request: ['form.request', 'request shown'],
  backup: ['[data-testid=restored]', 'restored'],
};

/** Waits for the screen's answer: the code of its error box, or what it shows instead. */
async function outcome(page: Page, kind: Kind): Promise<string> {
  const [selector, accepted] = ACCEPTED[kind];
  await page.locator(`[role=alert], ${selector}`).first().waitFor({ timeout: 20_000 });
  const alert = page.locator('[role=alert]');
  if ((await alert.count()) > 0) return (await alert.first().getAttribute('data-code')) ?? 'no code';
  return accepted;
}

function kindOf(feed: Feed): Kind {
  return 'offer' in feed
    ? 'offer'
    : 'credential' in feed || 'envelopes' in feed
      ? 'credential'
      : 'request' in feed
        ? 'request'
        : 'backup';
}

async function openOffer(page: Page, link: string): Promise<void> {
  // The receive screen takes one link after another; a fresh one only when elsewhere.
  if ((await page.locator('body[data-ready="receive"]').count()) === 0) await open(page, '#/receive');
  await page.getByLabel('Offer link (openid-credential-offer://…)').fill(link);
  await page.getByRole('button', { name: 'Open offer' }).click();
}

/** What stands in for the issuer service's credential response, per envelope asked for. */
interface Replacements {
  /** For the `jwt_vc_json` configuration, made from the genuine VC-JWT (or not). */
  jwt?: (genuine: string, credentialId: string) => unknown;
  /** For the `ldp_vc` configuration, made from the genuine Data Integrity credential (or not). */
  ldp?: (genuine: Record<string, any>, credentialId: string) => unknown;
}

/**
 * A fresh offer of the real issuer service, accepted, with the issuer's credential responses
 * replaced: the offer names only the configurations replaced (the issuer offers each credential
 * as a VC-JWT and as a Data Integrity credential; a row feeds one envelope or both).
 */
async function receiveThrough(w: World, replacements: Replacements): Promise<void> {
  const created = await issue(
    issuer,
    trainingOrg,
    issueRequest('module-credential', 'short-course-minimal-ok.json'),
  );
  const offerUri = new URL(created.offer).searchParams.get('credential_offer_uri')!;
  await w.context.unrouteAll();
  await w.context.route(offerUri, async (route) => {
    const response = await route.fetch();
    const offer = (await response.json()) as { credential_configuration_ids: string[] };
    offer.credential_configuration_ids = offer.credential_configuration_ids.filter(
      (id) =>
        (id.endsWith('_jwt_vc_json') && replacements.jwt !== undefined) ||
        (id.endsWith('_ldp_vc') && replacements.ldp !== undefined),
    );
    await route.fulfill({ response, json: offer });
  });
  await w.context.route(`${issuer.url}/orgs/*/credential`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { credentials: { credential: any }[]; notification_id: string };
    const asked = (route.request().postDataJSON() as { credential_configuration_id: string })
      .credential_configuration_id;
    const genuine = body.credentials[0]!.credential;
    const replaced = asked.endsWith('_ldp_vc')
      ? await replacements.ldp!(genuine as Record<string, any>, created.id)
      : await replacements.jwt!(genuine as string, created.id);
    await route.fulfill({
      response,
      json: { credentials: [{ credential: replaced }], notification_id: body.notification_id },
    });
  });
  await openOffer(w.page, created.offer);
  await w.page.locator('form.offer').waitFor();
  await w.page.getByRole('button', { name: 'Accept and add to my passport' }).click();
  await keepOffered(w.page);
}

async function openRequest(page: Page, link: string): Promise<void> {
  if ((await page.locator('body[data-ready="share"]').count()) === 0) await open(page, '#/share');
  await page.getByLabel('Request link (openid4vp://…)').fill(link);
  await page.getByRole('button', { name: 'Open request' }).click();
}

async function restore(page: Page, file: string | Buffer, passphrase: string): Promise<void> {
  if ((await page.locator('body[data-ready="wallet"]').count()) === 0) await open(page, '#/wallet');
  const input = page.locator('.restore-form input[type=file]');
  if (file.length > 1024 * 1024) {
    // Large files by path: Chromium reads them from disk instead of over the DevTools protocol.
    const path = join(mkdtempSync(join(tmpdir(), 'wallet-backup-')), 'backup.json');
    writeFileSync(path, file);
    await input.setInputFiles(path);
    rmSync(dirname(path), { recursive: true, force: true });
  } else {
    await input.setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
  }
  await page.getByLabel('Passphrase of the backup').fill(passphrase);
  await page.getByRole('button', { name: 'Restore backup' }).click();
  // A wallet that holds credentials asks first (rows that restored before): the learner agrees.
  await page.locator('dialog[open], .restore-form + .outcome > *').first().waitFor();
  if ((await page.locator('dialog[open]').count()) > 0)
    await page.getByRole('button', { name: 'Yes, replace with the backup' }).click();
}

async function expectNotAnswered(requestId: string): Promise<void> {
  const report = await call(verifier.url, 'GET', `/api/requests/${requestId}`, { token: employerKey });
  expect(report.body.status).toBe('pending');
}

/** A fresh browser profile: its own IndexedDB (so a new holder key), no service worker. */
function freshProfile(): Promise<BrowserContext> {
  return newProfile(browser, 'en-GB', { serviceWorkers: 'block' });
}

/**
 * Runs one row in a fresh browser profile and checks that the wallet refused it and kept still:
 * the same DID, credentials and share log, and (sharing, restoring) not one POST to anywhere.
 */
async function refuses(row: Row): Promise<void> {
  const context = await freshProfile();
  const page = await context.newPage();
  const watch = await watchPage(page);
  const posts: string[] = [];
  context.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  const w: World = { context, page, holderDid: '', after: [] };
  try {
    const feed = row.feed;
    const kind = kindOf(feed);
    await open(
      page,
      { offer: '#/receive', credential: '#/receive', request: '#/share', backup: '#/wallet' }[kind],
    );
    w.holderDid = (await snapshot(page)).did;
    await row.before?.(w);
    const before = await snapshot(page);
    posts.length = 0;

    if ('offer' in feed) await openOffer(page, await feed.offer(w));
    else if ('credential' in feed)
      await receiveThrough(w, { jwt: (genuine, id) => feed.credential(w, genuine, id) });
    else if ('envelopes' in feed) await receiveThrough(w, feed.envelopes(w));
    else if ('request' in feed) await openRequest(page, await feed.request(w));
    else await restore(page, await feed.backup(w), feed.passphrase ?? PASSPHRASE);

    await expect(outcome(page, kind)).resolves.toBe(row.code);
    const alert = page.locator('[role=alert]');
    await expect(alert.getAttribute('data-reason')).resolves.toBe(row.reason ?? null);
    // ... in the plain words the wallet has for that code (never the generic "something went wrong").
    await expect(alert.locator('p').first().textContent()).resolves.toBe(errorMessage(row.code, 'en'));
    await expect(page.locator('form.request').count()).resolves.toBe(0);
    expect(await snapshot(page)).toEqual(before);
    if (kind === 'request' || kind === 'backup') expect(posts).toEqual([]);
    for (const check of w.after) await check();
    expect(watch.problems).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Any JSON, or a string written to break out of text into markup or a URL. */
function anything(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      '<img src=x onerror=alert(1)>',
      '"><script>alert(1)</script>',
      'javascript:alert(1)',
      '\u202egnp.exe',
      '__proto__',
    ),
  );
}

/**
 * Feeds random inputs to one screen of one fresh wallet: each must end in a coded refusal (one of
 * `codes`, else any code but ERR_INTERNAL) or the screen showing what it was given; and, unless
 * `mayChange`, nothing stored; never a POST to anywhere, never a page error or CSP violation.
 * `feed` may return the answer itself, else it is read from the screen.
 */
async function withRandomInput<T>(
  hash: string,
  kind: Kind,
  inputs: fc.Arbitrary<T>,
  feed: (page: Page, input: T) => Promise<string | void>,
  options: { codes?: string[]; mayChange?: boolean } = {},
): Promise<void> {
  const context = await freshProfile();
  const page = await context.newPage();
  const watch = await watchPage(page);
  const posts: string[] = [];
  context.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  try {
    await open(page, hash);
    const before = await snapshot(page);
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        await page.evaluate(
          `document.querySelectorAll('.outcome, .announcer').forEach((e) => e.replaceChildren())`,
        );
        const answer = (await feed(page, input)) ?? (await outcome(page, kind));
        if (options.codes !== undefined) expect(options.codes).toContain(answer);
        else
          expect(answer === ACCEPTED[kind][1] || (/^ERR_/.test(answer) && answer !== 'ERR_INTERNAL')).toBe(
            true,
          );
        expect(watch.problems).toEqual([]);
      }),
      { numRuns: 20 },
    );
    if (options.mayChange !== true) expect(await snapshot(page)).toEqual(before);
    expect(posts).toEqual([]);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  const [dir, b, i, v, o, other, fv] = await Promise.all([
    buildWallet(),
    launchChromium(),
    // Every request comes from this one test: no per-address rate limit.
    startIssuerService({ ISSUER_RATE_LIMIT_PER_MINUTE: '0' }),
    startVerifierService(),
    startFixtureIssuer('opleidingen-logistiek', 'Opleidingscentrum Logistiek'),
    startFixtureIssuer('evc-zorg-nl', 'EVC Centrum Zorg Nederland'),
    startFixtureVerifier(),
  ]);
  browser = b;
  issuer = i;
  verifier = v;
  org = o;
  otherOrg = other;
  fixtureVerifier = fv;
  walletDir = dir;
  wallet = await serveWallet(dir);
  trainingOrg = await provisionOrg(issuer, 'roc-logistiek', 'training-provider', 'ROC Logistiek Academie');
  employerKey = await createEmployer(verifier, 'Zorggroep Oost');
  const credential = storedCredential(await org.issue(moduleDocument(), holder.did, 7));
  backup = await backupFile(holder, [credential], PASSPHRASE, 100_000);
});

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  if (walletDir !== undefined) removeDir(walletDir);
  await Promise.all([
    issuer?.stop(),
    verifier?.stop(),
    org?.close(),
    otherOrg?.close(),
    fixtureVerifier?.close(),
  ]);
});

describe('controls: the same feeds, well-formed, are accepted', () => {
  it('stores a credential the fixture organisation signed, fed through the issuer service', async () => {
    const context = await freshProfile();
    const page = await context.newPage();
    const w: World = { context, page, holderDid: '', after: [] };
    await open(page, '#/receive');
    w.holderDid = (await snapshot(page)).did;
    await receiveThrough(w, { jwt: () => forged(w.holderDid) });
    await expect(outcome(page, 'credential')).resolves.toBe('accepted');
    expect((await snapshot(page)).credentials).toHaveLength(1);
    await context.close();
  });

  it.each([
    [
      'the DCQL query the Skills Passport verifier sends (a query per envelope, one set)',
      {},
      'skills_jwt_vc_json',
    ],
    ['the older DCQL query of one jwt_vc_json query per type', { dcql_query: legacyDcqlQuery() }, 'module'],
  ])(
    "shows the fixture verifier's request with %s and sends the answer to its response URI",
    async (_name, changes, answered) => {
      const context = await freshProfile();
      const page = await context.newPage();
      await restore(page, backup, PASSPHRASE);
      await expect(outcome(page, 'backup')).resolves.toBe('restored');
      const sent = fixtureVerifier.responses.length;
      await openRequest(page, signedRequest(changes));
      await expect(outcome(page, 'request')).resolves.toBe('request shown');
      await page.getByRole('button', { name: 'Share the selected credentials' }).click();
      await page.getByTestId('share-outcome').waitFor();
      expect(fixtureVerifier.responses.length).toBe(sent + 1);
      const answer = new URLSearchParams(fixtureVerifier.responses.at(-1)!.split(' ')[1]);
      // The one credential of the backup (a module credential, a VC-JWT) answers its query.
      expect(Object.keys(JSON.parse(answer.get('vp_token')!) as object)).toEqual([answered]);
      await context.close();
    },
  );
});

describe('[JOSE attacks] the wallet', () => {
  it.concurrent.each(joseAttacks)('$name: $code', refuses);
});

describe('[issuer spoofing and holder binding] the wallet', () => {
  it.concurrent.each(spoofingAndBinding)('$name: $code', refuses);
});

describe('[replay] the wallet', () => {
  it.concurrent.each(replay)('$name: $code', refuses);
});

describe('[dates] the wallet', () => {
  it.concurrent.each(dates)('$name: $code', refuses);
});

describe('[status lists] the wallet', () => {
  it.concurrent.each(statusLists)('$name: $code', refuses);
});

describe('[DID resolution] the wallet', () => {
  it.concurrent.each(didResolution)('$name: $code', refuses);
});

describe('[request bodies] the wallet', () => {
  it.concurrent.each(requestBodies)('$name: $code', refuses);

  it('[property tests] never crashes on a random offer: a coded refusal or the offer shown, nothing stored', async () => {
    // A copy of the real issuer's metadata, served by the fixture organisation as its own under a
    // fresh path per draw, so one member of a well-formed offer or of the metadata can be random.
    const realBase = `${issuer.url}/orgs/${trainingOrg.slug}`;
    const wellKnown = async (kind: string): Promise<string> =>
      (await fetch(`${issuer.url}/.well-known/${kind}/orgs/${trainingOrg.slug}`)).text();
    const metadata = await wellKnown('openid-credential-issuer');
    const authorization = await wellKnown('oauth-authorization-server');
    let draw = 0;
    const offers = fc.oneof(
      fc.record({ whole: fc.jsonValue() }),
      fc.record({
        offer: fc.constantFrom('credential_issuer', 'credential_configuration_ids', 'grants'),
        value: anything(),
      }),
      fc.record({
        grant: fc.constantFrom('pre-authorized_code', 'tx_code', 'authorization_server'),
        value: fc.oneof(
          anything(),
          fc.record({ length: anything(), input_mode: anything(), description: anything() }),
        ),
      }),
      fc.record({
        metadata: fc.constantFrom('display', 'credential_configurations_supported', 'nonce_endpoint'),
        value: anything(),
      }),
      fc.record({
        configuration: fc.constantFrom('credential_metadata', 'format', 'credential_definition'),
        value: anything(),
      }),
    );
    await withRandomInput('#/receive', 'offer', offers, async (page, change) => {
      draw += 1;
      const base = `${org.url}/orgs/fuzz-${draw}`;
      const issuerMetadata = JSON.parse(metadata.replaceAll(realBase, base)) as Record<string, any>;
      if ('metadata' in change) issuerMetadata[change.metadata] = change.value;
      if ('configuration' in change)
        issuerMetadata.credential_configurations_supported.ModuleCredential_jwt_vc_json[
          change.configuration
        ] = change.value;
      org.publish(`/.well-known/openid-credential-issuer/orgs/fuzz-${draw}`, JSON.stringify(issuerMetadata));
      org.publish(
        `/.well-known/oauth-authorization-server/orgs/fuzz-${draw}`,
        authorization.replaceAll(realBase, base),
      );
      const grant: Record<string, unknown> = { 'pre-authorized_code': `code-${draw}` };
      if ('grant' in change) grant[change.grant] = change.value;
      const offer: Record<string, unknown> = {
        credential_issuer: base,
        credential_configuration_ids: ['ModuleCredential_jwt_vc_json'],
        grants: { [PRE_AUTH]: grant },
      };
      if ('offer' in change) offer[change.offer] = change.value;
      await page
        .getByLabel('Offer link (openid-credential-offer://…)')
        .fill(offerByValue('whole' in change ? change.whole : offer));
      await page.getByRole('button', { name: 'Open offer' }).click();
    });
  });

  it('[property tests] never crashes on a random request object: a coded refusal or the request shown, nothing sent', async () => {
    const members = [
      'client_id',
      'response_type',
      'response_mode',
      'response_uri',
      'nonce',
      'state',
      'iat',
      'exp',
      'client_metadata',
      'dcql_query',
      'purpose',
    ] as const;
    const requests = fc.oneof(
      fc.record({ text: fc.string() }),
      fc.record({ payload: fc.jsonValue() }),
      fc.record({ member: fc.constantFrom(...members), value: anything() }),
      fc.record({
        member: fc.constant('dcql_query'),
        value: fc.record(
          {
            credentials: fc.array(
              fc.record(
                {
                  id: anything(),
                  format: fc.oneof(fc.constant('jwt_vc_json'), anything()),
                  meta: anything(),
                  claims: anything(),
                  multiple: anything(),
                },
                { requiredKeys: ['id', 'format'] },
              ),
            ),
            credential_sets: anything(),
          },
          { requiredKeys: ['credentials'] },
        ),
      }),
    );
    await withRandomInput('#/share', 'request', requests, async (page, change) => {
      let body: string;
      if ('text' in change) body = change.text;
      else if ('payload' in change)
        body = fixtureVerifier.signText(
          JSON.stringify({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: fixtureVerifier.kid }),
          JSON.stringify(change.payload),
        );
      else body = fixtureVerifier.sign(fixtureVerifier.requestPayload({ [change.member]: change.value }));
      await page.getByLabel('Request link (openid4vp://…)').fill(fixtureVerifier.publish(body));
      await page.getByRole('button', { name: 'Open request' }).click();
    });
  });

  it('[property tests] never restores a random file: ERR_BACKUP_DAMAGED or ERR_BACKUP_PASSPHRASE, nothing changed', async () => {
    const real = JSON.parse(backup) as Record<string, any>;
    const files = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      // The genuine file with one member made random, and never its own ciphertext, so no draw
      // is the genuine backup.
      fc
        .record({
          member: fc.constantFrom('format', 'version', 'kdf', 'cipher', 'check', 'ciphertext'),
          value: fc.oneof(
            anything(),
            fc.record(
              {
                name: fc.constantFrom('PBKDF2', 'scrypt', 'AES-GCM'),
                hash: fc.constantFrom('SHA-256', 'SHA-1'),
                iterations: fc.constantFrom(1, 100_000, -1, 1e300, '100000'),
                salt: fc.oneof(fc.string(), fc.constant(real.kdf.salt as string)),
                iv: fc.oneof(fc.string(), fc.constant(real.cipher.iv as string)),
              },
              { requiredKeys: [] },
            ),
          ),
          ciphertext: fc.base64String().map((b) => b.replace(/[=+/]/g, 'A')),
        })
        .map(({ member, value, ciphertext }) => JSON.stringify({ ...real, ciphertext, [member]: value })),
    );
    await withRandomInput('#/wallet', 'backup', files, (page, file) => restore(page, file, PASSPHRASE), {
      codes: ['ERR_BACKUP_DAMAGED', 'ERR_BACKUP_PASSPHRASE'],
    });
  });

  it('[property tests] refuses or restores whatever a backup decrypts to; every screen still shows', async () => {
    const stored = storedCredential(await org.issue(moduleDocument(), holder.did, 8));
    const key = {
      did: holder.did,
      publicKey: b64(Buffer.from(holder.publicKey)),
      privateKeyPkcs8: b64(Buffer.from(holder.pkcs8)),
      createdAt: new Date().toISOString(),
    };
    const contents = fc.oneof(
      fc.jsonValue(),
      fc
        .record({
          part: fc.constantFrom(
            'key',
            'credentials',
            'shares',
            'credential',
            'share',
            'keyMember',
            'credentialMember',
          ),
          name: fc.constantFrom(
            'id',
            'jwt',
            'document',
            'did',
            'publicKey',
            'privateKeyPkcs8',
            'createdAt',
            'type',
          ),
          value: anything(),
        })
        .map(({ part, name, value }) => {
          const share = {
            id: 'share-1',
            at: new Date().toISOString(),
            verifier: {
              clientId: 'redirect_uri:https://example.org/',
              name: 'Example',
              origin: 'https://example.org',
            },
            requested: ['any'],
            credentials: [{ id: stored.id, name: 'x' }],
            outcome: 'accepted',
          };
          const base: Record<string, any> = {
            exportedAt: key.createdAt,
            key,
            credentials: [stored],
            shares: [share],
          };
          if (part === 'key' || part === 'credentials' || part === 'shares') base[part] = value;
          if (part === 'credential') base.credentials = [stored, value];
          if (part === 'share') base.shares = [share, value];
          if (part === 'keyMember') base.key = { ...key, [name]: value };
          if (part === 'credentialMember') base.credentials = [{ ...stored, [name]: value }];
          return base;
        }),
    );
    await withRandomInput(
      '#/wallet',
      'backup',
      contents,
      async (page, value) => {
        await restore(page, await sealBackup(value, PASSPHRASE, 100_000), PASSPHRASE);
        const answer = await outcome(page, 'backup');
        // Restored or not, the passport and the share log still show (data-ready, no page error).
        for (const screen of ['#/passport', '#/log', '#/wallet']) await open(page, screen);
        return answer;
      },
      { codes: ['ERR_BACKUP_DAMAGED', 'restored'], mayChange: true },
    );
  });
});

describe('[JSON-LD and Data Integrity] the wallet', () => {
  it.concurrent.each(jsonLdAndDataIntegrity)('$name: $code', refuses);
});

describe('[access control] the wallet', () => {
  it.concurrent.each(accessControl)('$name: $code', refuses);
});
