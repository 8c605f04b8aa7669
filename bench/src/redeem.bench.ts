import { didKeyFromPublicKey } from '@skills-passport/core';
import { generateKeyPairSync, sign } from 'node:crypto';
import { issueByPhone } from './issue-requests.js';
import { alternateRounds, deploymentFigures } from './deployment-rounds.js';
import { apiKeyOf, assertStoredInPostgres, startDeployments, type Deployment } from './issuer-deployments.js';
import { keepAliveClient } from './keep-alive-client.js';
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

/**
 * Where a wallet's requests go: each to the next instance of the deployment in turn (a balancer
 * with no affinity), so with two instances a redemption's token, nonce and credential requests
 * land on different processes, as they may behind any load balancer.
 */
function roundRobin(deployment: Deployment): (url: string) => string {
  let next = 0;
  return (url) => {
    const { pathname, search } = new URL(url);
    const target = deployment.urls[next % deployment.urls.length]!;
    next += 1;
    return `${target}${pathname}${search}`;
  };
}

type Client = ReturnType<typeof keepAliveClient>;

async function redeem(
  offerUrl: string,
  wallet: ReturnType<typeof holder>,
  to: (url: string) => string,
  client: Client,
) {
  const offer = (await client.call(to(offerUrl))).json<{
    credential_issuer: string;
    credential_configuration_ids: string[];
    grants: Record<string, Record<string, string>>;
  }>();
  const issuer = offer.credential_issuer;
  const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code']!;
  const token = (
    await client.call(to(`${issuer}/token`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      }).toString(),
    })
  ).json<{ access_token?: string }>();
  if (token.access_token === undefined) throw new Error(`token refused: ${JSON.stringify(token)}`);
  const { c_nonce } = (await client.call(to(`${issuer}/nonce`), { method: 'POST' })).json<{
    c_nonce: string;
  }>();
  const response = await client.call(to(`${issuer}/credential`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({
      credential_configuration_id: offer.credential_configuration_ids[0],
      // The proof names the issuer as every instance calls itself: the public URL.
      proofs: { jwt: [wallet.proof(issuer, c_nonce)] },
    }),
  });
  if (response.status !== 200) throw new Error(`redeem failed: ${response.status} ${response.text}`);
}

/** `count` offers created on the deployment beforehand (not timed), 50 at a time. */
async function createOffers(deployment: Deployment, count: number): Promise<string[]> {
  const apiKey = apiKeyOf(deployment.demo, 'evc-provider');
  const to = roundRobin(deployment);
  const offers: string[] = [];
  const create = async () => {
    const response = await fetch(to(`${deployment.publicUrl}/api/credentials`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      // A learner reached by phone: no offer e-mail is sent, so no mail work runs during the rounds.
      body: issueByPhone,
    });
    if (!response.ok) throw new Error(`offer not created: ${response.status} ${await response.text()}`);
    const created = (await response.json()) as { credential: { offer: { offerUrl: string } } };
    offers.push(created.credential.offer.offerUrl);
  };
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: 50 }, create));
  return offers;
}

const WALLETS = 16;
const ROUND = 900;

/**
 * redeem: OpenID4VCI offers redeemed per second (offer document + token + nonce + credential, each
 * over HTTP) with 16 concurrent wallets, on SQLite, on PostgreSQL with one instance and with two
 * (each request to the next instance). Offers are created beforehand (not timed). Three rounds of
 * 900 redemptions per deployment, in alternation, after a warm-up of 200. The wallets share one
 * client on kept-alive node:http connections: with `fetch` as the client (before 2026-12-07, same
 * issuer) the load generator took 1.3–1.7 ms of CPU per redemption from the two cores the issuer
 * runs on and SQLite measured 410–460/s; with this one 0.3–0.4 ms, and 600–645/s.
 */
export async function redeemBench(): Promise<Figure[]> {
  const deployments = await startDeployments();
  try {
    if (deployments.skipped !== undefined)
      process.stderr.write(`redeem: PostgreSQL figures skipped: ${deployments.skipped}\n`);
    const wallets = Array.from({ length: WALLETS }, holder);
    const offers = new Map<Deployment, string[]>();
    for (const deployment of deployments.all)
      offers.set(deployment, await createOffers(deployment, 200 + 3 * ROUND));
    const run = async (deployment: Deployment, count: number) => {
      const queue = offers.get(deployment)!.splice(0, count);
      if (queue.length < count) throw new Error('redeem: out of offers');
      const to = roundRobin(deployment);
      const client = keepAliveClient(WALLETS);
      try {
        const started = performance.now();
        await Promise.all(
          wallets.map(async (wallet) => {
            for (let offer = queue.pop(); offer !== undefined; offer = queue.pop())
              await redeem(offer, wallet, to, client);
          }),
        );
        return { rate: (count * 1000) / (performance.now() - started), operations: count };
      } finally {
        client.close();
      }
    };
    for (const deployment of deployments.all) {
      await run(deployment, 200); // warm-up
      await assertStoredInPostgres(deployment);
    }
    const rounds = await alternateRounds(deployments.all, 3, (d) => run(d, ROUND));
    return deploymentFigures(deployments, rounds, {
      key: 'redeem',
      what: 'OpenID4VCI redemptions (offer + token + nonce + credential), 16 concurrent wallets',
      unit: 'redeem/s',
      target: '>= 500 redeem/s',
      met: (round) => round.rate >= 500,
    });
  } finally {
    await deployments.stop();
  }
}
