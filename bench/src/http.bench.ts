import autocannon from 'autocannon';
import { alternateRounds, deploymentFigures, medianRound } from './deployment-rounds.js';
import { apiKeyOf, assertStoredInPostgres, startDeployments, type Deployment } from './issuer-deployments.js';
import { issueByEmail, issueByPhone } from './issue-requests.js';
import { mailsIn, mailsOut } from './outbox.js';
import { cpuDetails } from './cpu-usage.js';
import { median } from './measure.js';
import type { Figure } from './results.js';

/**
 * `connections` clients POSTing credentials for `seconds`. With `mail`, the learners have e-mail
 * addresses and the round ends when the offer e-mails of its credentials are in the outbox (the
 * rate counts that time: mail work that fell behind would otherwise land in the next round, on
 * another deployment). With more than one instance each client
 * keeps to one of them, in turn (autocannon spreads its connections over the URLs round robin), as
 * a layer-4 balancer with keep-alive does.
 */
async function load(deployment: Deployment, connections: number, seconds: number, mail = false) {
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
    body: mail ? issueByEmail : issueByPhone,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`http_issue (${deployment.label}): ${result.non2xx} non-2xx, ${result.errors} errors`);
  if (mail) await mailsOut(deployment.outboxes, mailsBefore + result.requests.total);
  return {
    rate: (result.requests.total * 1000) / (performance.now() - started),
    operations: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/**
 * http_issue: credentials created per second through POST /api/credentials on the real issuer
 * process, every credential committed durably before the response: on SQLite (WAL fsynced),
 * on PostgreSQL (fsync and synchronous commit on) with one instance and with two instances on the
 * same database; learners reached by phone, so nothing is mailed (`http_issue_mail` measures the
 * offer e-mail). 16 concurrent clients, and 1; three rounds each, the deployments in alternation
 * (SQLite, PG ×1, PG ×2, SQLite …), the median round reported. PG ×1's ratio is to SQLite, PG ×2's
 * to PG ×1 (the scaling), each the median of the per-round ratios.
 */
/**
 * http_issue_mail: the same on SQLite for learners with an e-mail address, the offer e-mail
 * written to the outbox included; in rounds paired with by-phone rounds, its ratio to them.
 */
async function mailFigure(sqlite: Deployment): Promise<Figure> {
  const pairs = [];
  for (let i = 0; i < 3; i += 1) {
    const plain = await load(sqlite, 16, 4);
    const end = sqlite.meter.start();
    const mailed = await load(sqlite, 16, 4, true);
    pairs.push({ plain, mailed, cpu: end() });
  }
  const middle = [...pairs].sort((a, b) => a.mailed.rate - b.mailed.rate)[1]!;
  const cpu = cpuDetails(middle.cpu, middle.mailed.operations);
  return {
    key: 'http_issue_mail',
    label:
      'POST /api/credentials for learners with an e-mail address, 16 clients, durable SQLite; a round ends when every offer e-mail is in the outbox',
    value: middle.mailed.rate,
    unit: 'cred/s',
    ratio: median(pairs.map((p) => p.mailed.rate / p.plain.rate)),
    baseline: {
      label: 'the same by phone (nothing mailed)',
      value: median(pairs.map((p) => p.plain.rate)),
      unit: 'cred/s',
    },
    details: { p50Ms: middle.mailed.p50Ms, p99Ms: middle.mailed.p99Ms, ...cpu },
    note: `offer e-mails to the outbox; CPU ms/op: issuer ${cpu.issuerCpuMsPerOp}, client ${cpu.clientCpuMsPerOp}; cores used: issuer ${cpu.issuerCores}, other ${cpu.otherCores}`,
  };
}

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
    const figures = deploymentFigures(deployments, sixteen, {
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
    return [...figures, await mailFigure(deployments.all[0]!)];
  } finally {
    await deployments.stop();
  }
}
