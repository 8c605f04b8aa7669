// OpenID4VCI 1.0 for the fixture organisation, just enough for a wallet to redeem an offer by the
// pre-authorized code flow: offers by reference, issuer and authorization server metadata, token,
// nonce, credential and notification endpoints. The holder's proof is checked (typ, nonce, an
// Ed25519 signature of its did:key, or a `jwk`), and its key is what the credential is bound to.
// What a credential response carries is the caller's: genuine, or whatever a test feeds the wallet.
import { createPublicKey, randomUUID, verify as nodeVerify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CREDENTIAL_TYPE_INFO,
  credentialContexts,
  decodeDidKey,
  type CredentialTypeName,
} from '@skills-passport/core';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** An envelope the fixture offers. */
export type FixtureFormat = 'jwt_vc_json' | 'ldp_vc' | 'dc+sd-jwt';

/** The holder a proof of possession names: its did:key and public JWK. */
export interface ProvenHolder {
  did: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

/** One offer: what it names, and how each envelope is made for the holder who redeems it. */
export interface FixtureOffer {
  type: CredentialTypeName;
  formats: FixtureFormat[];
  /** The credential the credential endpoint answers, per envelope. */
  credential(format: FixtureFormat, holder: ProvenHolder): Promise<unknown>;
}

export interface Openid4vciFixture {
  /** Handles a protocol request; false when the path is none of its endpoints. */
  handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean>;
  /** Publishes an offer; returns its `openid-credential-offer://` link. */
  offer(offer: FixtureOffer): string;
  /** Every notification the wallet sent: `event` per envelope it was about. */
  notifications: { format: FixtureFormat; event: string; description?: string }[];
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, authorization, dpop',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { ...CORS, ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** The credential configuration id of a type in one envelope (`EVCCredential_dc+sd-jwt`). */
export const configurationId = (type: CredentialTypeName, format: FixtureFormat): string =>
  `${type}_${format}`;

function configuration(
  type: CredentialTypeName,
  format: FixtureFormat,
  origin: string,
): Record<string, unknown> {
  const label = CREDENTIAL_TYPE_INFO[type].label;
  const common = {
    format,
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
    credential_metadata: {
      display: [
        { name: label.nl, locale: 'nl' },
        { name: label.en, locale: 'en' },
      ],
    },
  };
  if (format === 'dc+sd-jwt')
    return {
      ...common,
      vct: `${origin}/vct/${type}`,
      cryptographic_binding_methods_supported: ['jwk', 'did:key'],
      credential_signing_alg_values_supported: ['ES256'],
    };
  return {
    ...common,
    cryptographic_binding_methods_supported: ['did:key'],
    credential_signing_alg_values_supported: format === 'ldp_vc' ? ['eddsa-rdfc-2022'] : ['EdDSA'],
    credential_definition: {
      ...(format === 'ldp_vc' ? { '@context': credentialContexts(origin) } : {}),
      type: ['VerifiableCredential', 'OpenBadgeCredential', type],
    },
  };
}

/** The holder key a proof JWT names and is signed with, or why it is not a proof. */
function provenHolder(proof: unknown, nonces: Set<string>, audience: string): ProvenHolder | string {
  if (typeof proof !== 'string') return 'no proof';
  const [h, p, signature] = proof.split('.');
  const json = (part: string | undefined) =>
    JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const header = json(h);
  const payload = json(p);
  if (header.typ !== 'openid4vci-proof+jwt' || header.alg !== 'EdDSA') return 'not an EdDSA proof JWT';
  if (typeof payload.nonce !== 'string' || !nonces.delete(payload.nonce)) return 'unknown nonce';
  if (payload.aud !== audience) return 'another audience';
  let x: string;
  if (typeof header.kid === 'string') {
    const decoded = decodeDidKey(header.kid.split('#')[0]!);
    if (!decoded.ok) return 'kid is not a did:key';
    x = Buffer.from(decoded.publicKey).toString('base64url');
  } else if (typeof header.jwk === 'object' && header.jwk !== null) {
    x = String((header.jwk as Record<string, unknown>).x);
  } else return 'no key';
  const jwk = { kty: 'OKP', crv: 'Ed25519', x } as const;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  if (!nodeVerify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(signature ?? '', 'base64url')))
    return 'bad signature';
  const did =
    typeof header.kid === 'string' ? header.kid.split('#')[0]! : `urn:jwk:${x}`; /* a jwk proof has no DID */
  return { did, jwk };
}

/**
 * The protocol endpoints of organisation `slug` at `origin` (`http://localhost:<port>`), its
 * credential issuer identifier `<origin>/orgs/<slug>`.
 */
export function openid4vciFixture(origin: () => string, slug: string, name: string): Openid4vciFixture {
  const offers = new Map<string, FixtureOffer>();
  const tokens = new Map<string, FixtureOffer>();
  const nonces = new Set<string>();
  const notifications: Openid4vciFixture['notifications'] = [];
  const notificationFormats = new Map<string, FixtureFormat>();
  const issuerId = () => `${origin()}/orgs/${slug}`;

  const metadata = () => {
    const configurations: Record<string, unknown> = {};
    for (const type of Object.keys(CREDENTIAL_TYPE_INFO) as CredentialTypeName[])
      for (const format of ['jwt_vc_json', 'ldp_vc', 'dc+sd-jwt'] as const)
        configurations[configurationId(type, format)] = configuration(type, format, origin());
    return {
      credential_issuer: issuerId(),
      credential_endpoint: `${issuerId()}/credential`,
      nonce_endpoint: `${issuerId()}/nonce`,
      notification_endpoint: `${issuerId()}/notification`,
      display: [
        { name, locale: 'nl' },
        { name, locale: 'en' },
      ],
      credential_configurations_supported: configurations,
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'OPTIONS') {
      send(res, 204);
      return true;
    }
    if (path === `/.well-known/openid-credential-issuer/orgs/${slug}`) {
      send(res, 200, metadata());
      return true;
    }
    if (path === `/.well-known/oauth-authorization-server/orgs/${slug}`) {
      send(res, 200, {
        issuer: issuerId(),
        token_endpoint: `${issuerId()}/token`,
        grant_types_supported: [PRE_AUTHORIZED_GRANT],
        'pre-authorized_grant_anonymous_access_supported': true,
        response_types_supported: [],
      });
      return true;
    }
    const offerId = /^\/offers\/([\w-]+)$/.exec(path)?.[1];
    if (offerId !== undefined) {
      const offer = offers.get(offerId);
      if (offer === undefined) send(res, 404);
      else
        send(res, 200, {
          credential_issuer: issuerId(),
          credential_configuration_ids: offer.formats.map((format) => configurationId(offer.type, format)),
          grants: { [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': offerId } },
        });
      return true;
    }
    if (req.method !== 'POST' || !path.startsWith(`/orgs/${slug}/`)) return false;
    const endpoint = path.slice(`/orgs/${slug}/`.length);
    if (endpoint === 'token') {
      const code = new URLSearchParams(body).get('pre-authorized_code') ?? '';
      const offer = offers.get(code);
      if (offer === undefined) {
        send(res, 400, { error: 'invalid_grant' });
        return true;
      }
      offers.delete(code);
      const token = randomUUID();
      tokens.set(token, offer);
      send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
      return true;
    }
    if (endpoint === 'nonce') {
      const nonce = randomUUID();
      nonces.add(nonce);
      send(res, 200, { c_nonce: nonce });
      return true;
    }
    const offer = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (offer === undefined) {
      send(res, 401, { error: 'invalid_token' });
      return true;
    }
    const request = JSON.parse(body || '{}') as Record<string, any>;
    if (endpoint === 'credential') {
      const format = offer.formats.find(
        (f) => configurationId(offer.type, f) === request.credential_configuration_id,
      );
      if (format === undefined) {
        send(res, 400, { error: 'unknown_credential_configuration' });
        return true;
      }
      const holder = provenHolder(request.proofs?.jwt?.[0], nonces, issuerId());
      if (typeof holder === 'string') {
        send(res, 400, { error: 'invalid_proof', error_description: holder });
        return true;
      }
      const notificationId = randomUUID();
      notificationFormats.set(notificationId, format);
      send(res, 200, {
        credentials: [{ credential: await offer.credential(format, holder) }],
        notification_id: notificationId,
      });
      return true;
    }
    if (endpoint === 'notification') {
      const format = notificationFormats.get(String(request.notification_id));
      if (format === undefined) send(res, 400, { error: 'invalid_notification_id' });
      else {
        notifications.push({
          format,
          event: String(request.event),
          ...(typeof request.event_description === 'string'
            ? { description: request.event_description }
            : {}),
        });
        send(res, 204);
      }
      return true;
    }
    return false;
  }

  return {
    handle,
    notifications,
    offer(offer) {
      const id = randomUUID();
      offers.set(id, offer);
      return `openid-credential-offer://?${new URLSearchParams({
        credential_offer_uri: `${origin()}/offers/${id}`,
      }).toString()}`;
    },
  };
}
