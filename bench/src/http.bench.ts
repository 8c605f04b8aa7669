import autocannon from 'autocannon';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import { requestFromExample } from '@skills-passport/issuer';
import { alternateRounds, deploymentFigures, medianRound } from './deployment-rounds.js';
import { apiKeyOf, assertStoredInPostgres, startDeployments, type Deployment } from './issuer-deployments.js';
import { mailsIn, mailsOut } from './outbox.js';
import type { Figure } from './results.js';

const body = JSON.stringify(requestFromExample(evcExample));

/**
 * `connections` clients POSTing credentials for `seconds`; the round ends when the offer e-mails
 * of its credentials are in the outbox (the rate counts that time). With more than one instance each client
 * keeps to one of them, in turn (autocannon spreads its connections over the URLs round robin), as
 * a layer-4 balancer with keep-alive does.
 */
async function load(deployment: Deployment, connections: number, seconds: number) {
  const urls = deployment.urls.map((url) => `${url}/api/credentials`);
  const mailsBefore = mailsIn(deployment.outboxes);
  const started = performance.now();
  const result = await autocannon({
    // autocannon takes several URLs (its types say one).
    url: (urls.length === 1 ? urls[0]! : urls) as string,
    method: 'POST',
    connections,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKeyOf(deployment.demo, 'evc-provider')}`,
    },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`http_issue (${deployment.label}): ${result.non2xx} non-2xx, ${result.errors} errors`);
  await mailsOut(deployment.outboxes, mailsBefore + result.requests.total);
  return {
    rate: (result.requests.total * 1000) / (performance.now() - started),
    operations: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/**
 * http_issue: credentials created per second through POST /api/credentials on the real issuer
 * process, every credential committed durably before the response: on SQLite (synchronous=FULL),
 * on PostgreSQL (fsync and synchronous commit on) with one instance and with two instances on the
 * same database. Each credential's offer e-mail (to the outbox) is part of the work: a round lasts
 * until they are all written. 16 concurrent clients, and 1; three rounds each, the deployments in alternation
 * (SQLite, PG ×1, PG ×2, SQLite …), the median round reported. PG ×1's ratio is to SQLite, PG ×2's
 * to PG ×1 (the scaling), each the median of the per-round ratios.
 */
export async function httpIssueBench(): Promise<Figure[]> {
  const deployments = await startDeployments();
  try {
    if (deployments.skipped !== undefined)
      process.stderr.write(`http_issue: PostgreSQL figures skipped: ${deployments.skipped}\n`);
    for (const deployment of deployments.all) {
      await load(deployment, 4, 2); // warm-up
      await assertStoredInPostgres(deployment);
    }
    const one = await alternateRounds(deployments.all, 3, (d) => load(d, 1, 4));
    const sixteen = await alternateRounds(deployments.all, 3, (d) => load(d, 16, 4));
    return deploymentFigures(deployments, sixteen, {
      key: 'http_issue',
      what: 'POST /api/credentials, 16 concurrent clients',
      unit: 'cred/s',
      target: '>= 1000 cred/s, p99 <= 50 ms',
      met: (round) => round.rate >= 1000 && (round.p99Ms ?? Infinity) <= 50,
      details: (index) => {
        const round = medianRound(one[index]!);
        return {
          oneClientPerSecond: round.rate,
          oneClientP50Ms: round.p50Ms!,
          oneClientP99Ms: round.p99Ms!,
        };
      },
    });
  } finally {
    await deployments.stop();
  }
}
