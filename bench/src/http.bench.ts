import autocannon from 'autocannon';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import { requestFromExample } from '@skills-passport/issuer';
import { startIssuerProcess } from './issuer-process.js';
import type { Figure } from './results.js';

async function load(url: string, apiKey: string, connections: number, seconds: number) {
  const result = await autocannon({
    url: `${url}/api/credentials`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(requestFromExample(evcExample)),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`http_issue: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

/**
 * http_issue: credentials created per second through POST /api/credentials on the real issuer
 * process with durable SQLite (every credential committed with synchronous=FULL before the
 * response), with 1 and with 16 concurrent clients (autocannon). Median of three rounds each.
 */
export async function httpIssueBench(): Promise<Figure[]> {
  const issuer = await startIssuerProcess();
  try {
    const apiKey = issuer.demo.organisations.find((o) => o.kind === 'evc-provider')!.apiKey;
    await load(issuer.url, apiKey, 4, 2); // warm-up
    const pick = async (connections: number) => {
      const rounds = [];
      for (let i = 0; i < 3; i += 1) rounds.push(await load(issuer.url, apiKey, connections, 4));
      return rounds.sort((a, b) => a.perSecond - b.perSecond)[1]!;
    };
    const one = await pick(1);
    const sixteen = await pick(16);
    return [
      {
        key: 'http_issue',
        label: 'POST /api/credentials, durable, 16 concurrent clients',
        value: sixteen.perSecond,
        unit: 'cred/s',
        target: '>= 1000 cred/s, p99 <= 50 ms',
        met: sixteen.perSecond >= 1000 && sixteen.p99 <= 50,
        details: {
          p50Ms: sixteen.p50,
          p99Ms: sixteen.p99,
          oneClientPerSecond: one.perSecond,
          oneClientP50Ms: one.p50,
          oneClientP99Ms: one.p99,
        },
      },
    ];
  } finally {
    await issuer.stop();
  }
}
