// `./sp start --scale N`: the issuer and the verifier as they run on more than one machine. One
// PostgreSQL cluster (under <data>/pg) holds both services' data; N instances of each listen on
// internal loopback ports, every one with the same public URL (the balancer's) and the same
// secrets; HAProxy answers on the public ports and spreads the requests over them.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { balancerMissing, startBalancer } from './load-balancer.mjs';
import { freePort, waitForHealth } from './platform-processes.mjs';
import { keptSecret, postgresMissing, startCluster } from './postgres-cluster.mjs';

/** Connections each instance's pool holds at most (DATABASE_POOL_SIZE, the services' default 10). */
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);

export async function startScaled({ processes, dataDir, scale, ports, issuerEnv, verifierEnv }) {
  const missing = postgresMissing() ?? balancerMissing();
  if (missing !== undefined) throw new Error(missing);
  // Apart from the SQLite platform's ./data/issuer and ./data/verifier: the demo keys each keeps
  // beside its data belong to its own store.
  const issuerDir = join(dataDir, 'scaled', 'issuer');
  const verifierDir = join(dataDir, 'scaled', 'verifier');
  // Every instance of a service must sign, encrypt and authorise alike: its secrets are made here
  // once (in the files a demo service would make them in) and handed to each.
  const secrets = {
    ISSUER_KMS_SECRET: keptSecret(join(issuerDir, 'demo-kms-secret'), () => randomBytes(32).toString('hex')),
    ISSUER_ADMIN_TOKEN: keptSecret(join(issuerDir, 'demo-admin-token'), () =>
      randomBytes(24).toString('base64url'),
    ),
    VERIFIER_ADMIN_TOKEN: keptSecret(join(verifierDir, 'admin-token'), () =>
      randomBytes(24).toString('base64url'),
    ),
  };
  // Each issuer holds its own pool, Veramo's (3) and one listening for API-key revocations; each
  // verifier its pool and as many for the locks of answers in progress; and headroom for psql,
  // pg_dump and the migrations.
  const needed = scale * (poolSize + 4) + scale * 2 * poolSize + 20;
  const cluster = await startCluster({
    dir: join(dataDir, 'pg'),
    port: Number(process.env.SP_PG_PORT ?? 5433),
    databases: ['issuer', 'verifier'],
    maxConnections: Math.max(100, needed),
  });
  processes.afterChildren.push(() => cluster.stop());

  const instances = { issuer: [], verifier: [] };
  async function startInstances(service, env) {
    const started = [];
    for (let i = 1; i <= scale; i++) {
      const name = `${service}-${i}`;
      const port = await freePort();
      const prefix = service.toUpperCase();
      const child = processes.start(name, {
        script: `packages/${service}/dist/server.js`,
        dataDir: service === 'issuer' ? issuerDir : verifierDir,
        group: service,
        stdout: service === 'verifier' ? 'pipe' : 'ignore',
        env: {
          ...env,
          [`${prefix}_PORT`]: String(port),
          [`${prefix}_DATA_DIR`]: service === 'issuer' ? issuerDir : verifierDir,
          DATABASE_URL: cluster.url(service),
          DATABASE_POOL_SIZE: String(poolSize),
          // HAProxy names the client in X-Forwarded-For: rate limits count per client, not per balancer.
          TRUST_PROXY_HOPS: '1',
          ...secrets,
        },
      });
      instances[service].push({ name, port, pid: child.pid });
      started.push(child);
    }
    // All at once, as instances behind a balancer start: migrations and the demo seed run once.
    await Promise.all(
      instances[service].map((instance) =>
        waitForHealth(instance.name, `http://127.0.0.1:${instance.port}/health`),
      ),
    );
    return started;
  }

  return {
    issuerDir,
    verifierDir,
    async startIssuers() {
      await startInstances('issuer', issuerEnv);
    },
    async startVerifiers(trustedFile) {
      const verifiers = await startInstances('verifier', {
        ...verifierEnv,
        VERIFIER_TRUSTED_ISSUERS_FILE: trustedFile,
      });
      const balancer = startBalancer({
        dir: join(dataDir, 'balancer'),
        services: [
          { name: 'issuer', port: ports.issuer, instances: instances.issuer },
          { name: 'verifier', port: ports.verifier, instances: instances.verifier },
        ],
      });
      processes.adopt('load balancer', balancer);
      await Promise.all([
        waitForHealth('issuer (balancer)', `http://localhost:${ports.issuer}/health`),
        waitForHealth('verifier (balancer)', `http://localhost:${ports.verifier}/health`),
      ]);
      return verifiers;
    },
    summary() {
      const all = [...instances.issuer, ...instances.verifier];
      return [
        `Scaled: ${scale} issuers and ${scale} verifiers behind HAProxy on ports ${ports.issuer} and ${ports.verifier} (round robin;`,
        'each answer names its instance in the X-Instance header). Stopping one leaves the others serving.',
        ...all.map((i) => `  ${i.name.padEnd(12)} http://127.0.0.1:${i.port}   pid ${i.pid}`),
        `PostgreSQL            ${cluster.shownUrl('issuer')} and …/verifier (password in ${cluster.passwordFile})`,
        `                      cluster in ${join(dataDir, 'pg')}, stopped with the platform`,
        `Load balancer         HAProxy, configured in ${join(dataDir, 'balancer', 'haproxy.cfg')}`,
        '',
      ];
    },
  };
}
