// `./sp start --scale 2` (issue 17), started from the repository as a person starts it: a PostgreSQL
// cluster, two issuers and two verifiers sharing it, HAProxy on the public ports in front of them,
// and the wallet. Everything below goes through the balancer, as a learner's and an employer's
// requests do:
//   1. requests reach both instances of each service (the balancer names the instance that answered
//      in X-Instance);
//   2. the demo EVC provider's credential is received by the wallet in Chromium, shared with the
//      demo employer and verified, and every instance reads the same verified answer;
//   3. one issuer is killed (SIGKILL) between making an offer and its redemption: the survivor
//      redeems it, and the credential is shared and verified as before;
//   4. stopped and started again, the platform reuses its cluster and finds everything kept.
// Skipped, with the reason, where no PostgreSQL or HAProxy can run. Every step waits for text a
// person sees or for an answer; no fixed waits, no timings.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { evcRequest, call } from '@skills-passport/issuer/testing';
import { launchChromium, newProfile, watchPage } from '@skills-passport/service-kit/testing';
import { expectRequestShown, openRequestLink, receiveAndKeep } from '@skills-passport/wallet-web/testing';
import { scaleUnavailable, startDemoPlatform, type DemoPlatform } from './support/demo-platform.js';

jest.setTimeout(180_000);

const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

const unavailable = scaleUnavailable();
if (unavailable !== undefined) console.warn(`./sp start --scale 2 test skipped: ${unavailable}`);
const describeScaled = unavailable === undefined ? describe : describe.skip;

/** The instance that answered, as the balancer names it. */
async function answeredBy(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.headers.get('x-instance') ?? '(none)';
}

describeScaled('./sp start --scale 2', () => {
  let platform: DemoPlatform;
  let browser: Browser;
  let learner: BrowserContext;
  let page: Page;
  /** The request answered in the last journey, read again after a restart. */
  let answered: string;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startDemoPlatform({ scale: 2 }), launchChromium()]);
    learner = await newProfile(browser);
    page = await learner.newPage();
  }, 300_000);
  afterAll(async () => {
    await learner?.close();
    await browser?.close();
    await platform?.close();
  }, 60_000);

  /** The demo employer asks, through the balancer, for a skill of the demo EVC certificate. */
  async function employerRequest(title: string): Promise<{ id: string; link: string }> {
    const response = await fetch(`${platform.urls.verifier}/api/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.employerKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, skills: [{ uri: SUPPORT_NURSES, required: true }] }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; link: string };
  }

  /** The learner shares with the request; the wallet says the employer received it, accepted. */
  async function share(link: string): Promise<void> {
    await openRequestLink(page, platform.urls.wallet, link);
    await expectRequestShown(page);
    await page.getByRole('button', { name: 'Share the selected credentials' }).click();
    await page.getByText(/received your credentials\.$/).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('share-outcome').getAttribute('data-outcome')).resolves.toBe('accepted');
  }

  /** The employer reads the answer from each verifier instance in turn: answered and accepted. */
  async function expectVerified(id: string): Promise<void> {
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${platform.urls.verifier}/api/requests/${id}`, {
        headers: { authorization: `Bearer ${platform.employerKey()}` },
      });
      expect(response.status).toBe(200);
      const view = (await response.json()) as { status: string; result?: { accepted: boolean } };
      expect(view).toMatchObject({ status: 'answered', result: { accepted: true } });
      seen.add(response.headers.get('x-instance') ?? '(none)');
    }
    expect([...seen].sort()).toEqual(['verifier-1', 'verifier-2']);
  }

  it('starts two issuers and two verifiers and spreads the requests over both of each', async () => {
    expect(platform.instances().map((i) => i.name)).toEqual([
      'issuer-1',
      'issuer-2',
      'verifier-1',
      'verifier-2',
    ]);
    for (const service of ['issuer', 'verifier'] as const) {
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) seen.add(await answeredBy(`${platform.urls[service]}/health`));
      expect([...seen].sort()).toEqual([`${service}-1`, `${service}-2`]);
    }
    // Each instance answers on its own port too, with the balancer's public URL as its own.
    for (const instance of platform.instances()) {
      const health = await fetch(`${instance.url}/health`);
      expect(health.status).toBe(200);
    }
    // The pages, through the balancer.
    for (const page of [`${platform.urls.issuer}/assessor/`, `${platform.urls.verifier}/employer/`]) {
      const response = await fetch(page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    expect(platform.current.output).toMatch(
      /PostgreSQL\s+postgres:\/\/skills_passport@127\.0\.0\.1:\d+\/issuer/,
    );
    // The printed URL leaves the password out.
    expect(platform.current.output).not.toMatch(/postgres:\/\/skills_passport:/);
  });

  it('the demo EVC certificate goes into the wallet in Chromium, is shared with the demo employer and verified', async () => {
    const watch = await watchPage(page);
    await receiveAndKeep(page, platform.urls.wallet, platform.offer('EVCCredential'));
    const request = await employerRequest('Helpende zorg (twee instanties)');
    await share(request.link);
    await expectVerified(request.id);
    expect(watch.problems).toEqual([]);
  });

  it('an issuer killed (SIGKILL) between an offer and its redemption: the other issues, and the journey goes on', async () => {
    // The demo EVC provider's assessor makes an offer through the balancer.
    const issued = await call(platform.urls.issuer, 'POST', '/api/credentials', {
      token: platform.orgKey('evc-zorg-nl'),
      body: evcRequest(),
    });
    expect(issued.status).toBe(201);
    const killed = platform.instances().find((i) => i.name === 'issuer-1')!;
    process.kill(killed.pid, 'SIGKILL');
    // The start script says so, and keeps the platform up.
    const deadline = Date.now() + 30_000;
    while (!platform.current.output.includes('issuer-1 stopped (SIGKILL); issuer-2 still serving.')) {
      if (Date.now() > deadline) throw new Error(`start.mjs did not notice:\n${platform.current.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(platform.current.child.exitCode).toBeNull();

    // The wallet redeems the offer on the survivor (a request routed to the dead one is sent on).
    await receiveAndKeep(page, platform.urls.wallet, issued.body.credential.offer.uri as string);
    const request = await employerRequest('Helpende zorg (na een uitval)');
    await share(request.link);
    await expectVerified(request.id);
    // Every issuer answer now comes from the one left.
    for (let i = 0; i < 4; i++) expect(await answeredBy(`${platform.urls.issuer}/health`)).toBe('issuer-2');
    answered = request.id;
  });

  it('stopped (SIGTERM) and started again, it reuses its cluster: the same demo keys, the answers kept', async () => {
    const employerKey = platform.employerKey();
    const evcKey = platform.orgKey('evc-zorg-nl');
    await platform.restart();
    const log = readFileSync(join(platform.dataDir, 'pg', 'server.log'), 'utf8');
    // Stopped with the platform, not killed: a clean shutdown, then ready again.
    expect(log).toMatch(/database system is shut down[\s\S]*database system is ready to accept connections/);
    expect(platform.employerKey()).toBe(employerKey);
    expect(platform.orgKey('evc-zorg-nl')).toBe(evcKey);
    expect(platform.instances().map((i) => i.name)).toEqual([
      'issuer-1',
      'issuer-2',
      'verifier-1',
      'verifier-2',
    ]);
    await expectVerified(answered);
  });
});
