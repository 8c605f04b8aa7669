import { didKeyFromPublicKey } from '@skills-passport/core';
import { generateKeyPairSync, sign } from 'node:crypto';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import { requestFromExample } from '@skills-passport/issuer';
import { startIssuerProcess } from './issuer-process.js';
import type { Figure } from './results.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A holder that answers OpenID4VCI proofs with node:crypto (the wallet's cost, on the client side). */
function holder() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const did = didKeyFromPublicKey(x);
  return {
    proof(aud: string, nonce: string) {
      const input = `${b64({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid: `${did}#${did.slice(8)}` })}.${b64({ aud, nonce, iat: Math.floor(Date.now() / 1000) })}`;
      return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    },
  };
}

async function redeem(offerUrl: string, wallet: ReturnType<typeof holder>): Promise<void> {
  const offer = (await (await fetch(offerUrl)).json()) as {
    credential_issuer: string;
    credential_configuration_ids: string[];
    grants: Record<string, Record<string, string>>;
  };
  const issuer = offer.credential_issuer;
  const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code']!;
  const token = (await (
    await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      }),
    })
  ).json()) as { access_token?: string };
  if (token.access_token === undefined) throw new Error(`token refused: ${JSON.stringify(token)}`);
  const { c_nonce } = (await (await fetch(`${issuer}/nonce`, { method: 'POST' })).json()) as {
    c_nonce: string;
  };
  const response = await fetch(`${issuer}/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({
      credential_configuration_id: offer.credential_configuration_ids[0],
      proofs: { jwt: [wallet.proof(issuer, c_nonce)] },
    }),
  });
  if (response.status !== 200) throw new Error(`redeem failed: ${response.status} ${await response.text()}`);
}

/**
 * redeem: OpenID4VCI offers redeemed per second (token + nonce + credential, each over HTTP) with 16
 * concurrent wallets against the issuer process. Offers are created beforehand (not timed); the
 * offer document fetch is part of each redemption.
 */
export async function redeemBench(): Promise<Figure[]> {
  const issuer = await startIssuerProcess();
  try {
    const apiKey = issuer.demo.organisations.find((o) => o.kind === 'evc-provider')!.apiKey;
    const body = JSON.stringify(requestFromExample(evcExample));
    const offers: string[] = [];
    const create = async () => {
      const response = await fetch(`${issuer.url}/api/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body,
      });
      const created = (await response.json()) as { credential: { offer: { offerUrl: string } } };
      offers.push(created.credential.offer.offerUrl);
    };
    const total = 3000;
    for (let i = 0; i < total; i += 50) await Promise.all(Array.from({ length: 50 }, create));
    const wallets = Array.from({ length: 16 }, holder);
    const run = async (count: number) => {
      const queue = offers.splice(0, count);
      const started = performance.now();
      await Promise.all(
        wallets.map(async (wallet) => {
          for (let offer = queue.pop(); offer !== undefined; offer = queue.pop()) await redeem(offer, wallet);
        }),
      );
      return (count * 1000) / (performance.now() - started);
    };
    await run(200); // warm-up
    const rates = [await run(900), await run(900), await run(900)].sort((a, b) => a - b);
    const rate = rates[1]!;
    return [
      {
        key: 'redeem',
        label: 'OpenID4VCI redemptions (offer + token + nonce + credential), 16 concurrent wallets',
        value: rate,
        unit: 'redeem/s',
        target: '>= 500 redeem/s',
        met: rate >= 500,
      },
    ];
  } finally {
    await issuer.stop();
  }
}
