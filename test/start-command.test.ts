import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDemoPlatform, type DemoPlatform } from './support/demo-platform.js';

// The README's first command, minus installing and building: scripts/start.mjs starts the issuer,
// the verifier and the wallet as their own processes on real ports, over a temp data directory,
// and every link it prints must work. Stopping and starting again keeps the data.
describe('./sp start', () => {
  let platform: DemoPlatform;
  const env = (name: string) => platform.env[name];

  beforeAll(async () => {
    platform = await startDemoPlatform();
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  }, 30_000);

  it('prints every place to go, and each link alone on its own line', () => {
    const out = platform.current.output;
    const places: [string, string | undefined][] = [
      ['Wallet (learner)', env('WALLET_PORT')],
      ['Assessor page', env('ISSUER_PORT')],
      ['Employer page', env('VERIFIER_PORT')],
    ];
    for (const [label, port] of places) {
      expect(out).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+http://localhost:${port}`));
    }
    expect(out.match(/^openid-credential-offer:\/\/\S+$/gm)).toHaveLength(4);
    expect(out.match(/^openid4vp:\/\/\S+$/gm)).toHaveLength(1);
    expect(out.match(/API key {2}spk_\S+/g)).toHaveLength(5);
    expect(out).toMatch(/Demo employer API key \(employer page\): \S+/);
  });

  it('prints links that work', async () => {
    for (const link of platform.current.output.match(/^openid-credential-offer:\/\/\S+$/gm)!) {
      const offerUrl = new URL(link).searchParams.get('credential_offer_uri')!;
      const offer = await fetch(offerUrl);
      expect(offer.status).toBe(200);
      expect(
        ((await offer.json()) as any).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      ).toBeDefined();
    }
    const request = new URL(platform.current.output.match(/^openid4vp:\/\/\S+$/m)![0]);
    const requestObject = await fetch(request.searchParams.get('request_uri')!);
    expect(requestObject.status).toBe(200);
    expect((await requestObject.text()).split('.')).toHaveLength(3);
    for (const page of [
      `http://localhost:${env('WALLET_PORT')}/`,
      `http://localhost:${env('ISSUER_PORT')}/assessor/`,
      `http://localhost:${env('VERIFIER_PORT')}/employer/`,
    ]) {
      const response = await fetch(page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('gives the wallet the demo trust list, whose catalogues and intake answer', async () => {
    const config = await fetch(`${platform.urls.wallet}/wallet-config.json`);
    expect(config.status).toBe(200);
    const { trustList } = (await config.json()) as { trustList: string };
    expect(trustList).toBe(`${platform.urls.verifier}/api/trust-list`);
    const { issuers } = (await (await fetch(trustList)).json()) as {
      issuers: { catalogue?: string; intake?: string }[];
    };
    const services = issuers.flatMap((i) => [i.catalogue, i.intake]).filter((u) => u !== undefined);
    expect(services).toHaveLength(3);
    for (const url of services) expect((await fetch(url!)).status).toBe(200);
  });

  it('keeps all data when stopped and started again', async () => {
    const keys = platform.current.output.match(/spk_\S+/g);
    const offers = platform.current.output.match(/^openid-credential-offer:\/\/\S+$/gm)!;
    await platform.restart();
    expect(platform.current.output.match(/spk_\S+/g)).toEqual(keys);
    const earlier = await fetch(new URL(offers[0]!).searchParams.get('credential_offer_uri')!);
    expect(earlier.status).toBe(200);
  }, 60_000);
});
