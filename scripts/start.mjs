#!/usr/bin/env node
// Starts the Skills Passport platform on its embedded default: every service on localhost with its
// SQLite files under ./data, in demo mode (demo organisations, assessors and example offers), and
// prints what a person needs to try it. Stop with Ctrl-C; data stays until `./sp reset`.
//
// `--scale N` (N >= 2) starts it as it runs on more than one machine: a PostgreSQL cluster under
// ./data/pg, N issuers and N verifiers on internal ports sharing it, and a load balancer (HAProxy)
// on the public issuer and verifier ports in front of them; the wallet as always.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformProcesses, waitForHealth } from './platform-processes.mjs';
import { startScaled } from './scaled-platform.mjs';

const root = join(import.meta.dirname, '..');
// SP_DATA_DIR moves the data (tests start the platform on a temp dir); the default is ./data.
const dataDir = process.env.SP_DATA_DIR ?? join(root, 'data');
const ports = {
  wallet: Number(process.env.WALLET_PORT ?? 3000),
  issuer: Number(process.env.ISSUER_PORT ?? 3001),
  verifier: Number(process.env.VERIFIER_PORT ?? 3002),
};

/** `--scale N`: the number of instances of the issuer and of the verifier; undefined without it. */
function scaleArgument(args) {
  const at = args.findIndex((arg) => arg === '--scale' || arg.startsWith('--scale='));
  if (at === -1) return undefined;
  const raw = args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  const scale = Number(raw);
  if (!Number.isInteger(scale) || scale < 2 || scale > 16) {
    console.error(`--scale takes a whole number from 2 to 16 (got ${raw ?? 'nothing'}).`);
    process.exit(2);
  }
  return scale;
}
const scale = scaleArgument(process.argv.slice(2));

const processes = platformProcesses({ root });
const fail = (message) => {
  console.error(message);
  processes.stop(1);
  return new Promise(() => undefined);
};

const issuerUrl = `http://localhost:${ports.issuer}`;
const verifierUrl = `http://localhost:${ports.verifier}`;
const walletUrl = `http://localhost:${ports.wallet}`;
const log = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const issuerEnv = {
  ISSUER_DEMO: 'true',
  ISSUER_PUBLIC_URL: issuerUrl,
  // The claim page's "open in my web wallet" button opens this wallet. No ISSUER_SMTP_URL: offer
  // e-mails land in the outbox (<data dir>/outbox, and the assessor page's Outbox tab).
  ISSUER_WALLET_URL: walletUrl,
  ...log,
};
const verifierEnv = {
  VERIFIER_DEMO: 'true',
  VERIFIER_PUBLIC_URL: verifierUrl,
  // A published vacancy's page offers to open the vacancy in this wallet.
  VERIFIER_WALLET_URL: walletUrl,
  // Local development: the demo issuer's did:web and status lists are plain http on localhost.
  VERIFIER_ALLOW_INSECURE_LOCALHOST: 'true',
  ...log,
};

/** One issuer and one verifier on the public ports, each with its SQLite file under ./data. */
function startEmbedded() {
  const issuerDir = join(dataDir, 'issuer');
  const verifierDir = join(dataDir, 'verifier');
  return {
    issuerDir,
    verifierDir,
    summary: () => [],
    async startIssuers() {
      processes.start('issuer', {
        script: 'packages/issuer/dist/server.js',
        dataDir: issuerDir,
        env: { ...issuerEnv, ISSUER_PORT: String(ports.issuer), ISSUER_DATA_DIR: issuerDir },
      });
      await waitForHealth('issuer', `${issuerUrl}/health`);
    },
    async startVerifiers(trustedFile) {
      const verifier = processes.start('verifier', {
        script: 'packages/verifier/dist/server.js',
        dataDir: verifierDir,
        stdout: 'pipe',
        env: {
          ...verifierEnv,
          VERIFIER_PORT: String(ports.verifier),
          VERIFIER_DATA_DIR: verifierDir,
          VERIFIER_TRUSTED_ISSUERS_FILE: trustedFile,
        },
      });
      await waitForHealth('verifier', `${verifierUrl}/health`);
      return [verifier];
    },
  };
}

let platform;
try {
  platform =
    scale === undefined
      ? startEmbedded()
      : await startScaled({ processes, dataDir, scale, ports, issuerEnv, verifierEnv });
  await platform.startIssuers();
} catch (error) {
  await fail(error.message);
}

const demoFile = join(platform.issuerDir, 'demo.json');
if (!existsSync(demoFile)) await fail('The issuer did not write its demo summary.');
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
// The verifier trusts the demo organisations for the types each may issue.
const ACCREDITED = {
  'evc-provider': ['EVCCredential'],
  'training-provider': ['ModuleCredential'],
  employer: ['WorkplaceLearningCredential', 'ModuleCredential'],
  'learn-work-desk': ['DevelopmentPlanCredential'],
};
// The services each publishes on the trust list (contract B): a training provider's module
// catalogue and an EVC provider's intake, both on the issuer.
const services = (o) => ({
  ...(o.kind === 'training-provider' ? { catalogue: `${issuerUrl}/api/catalogues/${o.slug}` } : {}),
  ...(o.kind === 'evc-provider' ? { intake: `${issuerUrl}/api/intake/${o.slug}` } : {}),
});
mkdirSync(platform.verifierDir, { recursive: true });
const trustedFile = join(platform.verifierDir, 'trusted-issuers.json');
writeFileSync(
  trustedFile,
  `${JSON.stringify(
    demo.organisations.map((o) => ({
      did: o.did,
      name: o.name,
      kind: o.kind,
      accreditedTypes: ACCREDITED[o.kind] ?? [],
      ...services(o),
    })),
    null,
    2,
  )}\n`,
);

// Every verifier prints its demo employer's key, the demo vacancy and a fresh request: the first's.
let verifiers;
try {
  verifiers = await platform.startVerifiers(trustedFile);
} catch (error) {
  await fail(error.message);
}
let verifierOut = '';
const verifierSeeded = new Promise((resolve) => {
  let out = '';
  verifiers[0].stdout.on('data', (chunk) => {
    out += chunk.toString();
    if (/openid4vp:\/\/\S+\n/.test(out)) {
      verifierOut = out;
      resolve();
    }
  });
});
for (const other of verifiers.slice(1)) other.stdout.resume();

// The built wallet (./sp start builds it), served by vite preview with the wallet's security headers.
processes.start('wallet', {
  script: join(root, 'packages/wallet-web/node_modules/vite/bin/vite.js'),
  args: ['preview', '--logLevel', 'error'],
  // The wallet reads its trust list (whose catalogues and intakes to offer) from
  // /wallet-config.json, which vite preview answers from this (contract C): the demo verifier's.
  env: { WALLET_PORT: String(ports.wallet), WALLET_TRUST_LIST: `${verifierUrl}/api/trust-list` },
  cwd: join(root, 'packages/wallet-web'),
});

try {
  await Promise.all([
    waitForHealth('wallet', `${walletUrl}/`),
    Promise.race([
      verifierSeeded,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the verifier printed no demo request')), 30_000),
      ),
    ]),
  ]);
} catch (error) {
  await fail(error.message);
}
const employerKey = /Demo employer API key: (\S+)/.exec(verifierOut)?.[1] ?? '(see the verifier output)';
const requestLink = /(openid4vp:\/\/\S+)/.exec(verifierOut)?.[1];
const vacancyPage = /Demo vacancy page: (\S+)/.exec(verifierOut)?.[1];
const vacancyUrl = /Demo vacancy \(for wallets\): (\S+)/.exec(verifierOut)?.[1];

const line = (text = '') => console.log(text);
line('Skills Passport is running (Ctrl-C stops it; data stays in ./data until ./sp reset).');
line();
line(`Wallet (learner)      ${walletUrl}`);
line(`Assessor page         ${issuerUrl}/assessor/`);
line(`Employer page         ${verifierUrl}/employer/`);
line(`Issuer API            ${issuerUrl}/openapi.json   (administrator: Bearer ${demo.adminToken})`);
line(`Verifier API          ${verifierUrl}/openapi.json`);
line();
line('Demo organisations and their assessors\u2019 API keys (sign in on the assessor page with one):');
for (const org of demo.organisations) {
  line(`  ${org.name} (${org.kind}), assessor ${org.assessor}`);
  line(`    DID      ${org.did}`);
  line(`    API key  ${org.apiKey}`);
}
line();
line(`Demo employer API key (employer page): ${employerKey}`);
line();
line('Ready credential offers, one per type (open in the wallet, paste there, or turn into a QR code):');
for (const offer of demo.offers) {
  line(`  ${offer.type} for ${offer.learner}, from ${offer.org}:`);
  line(offer.uri);
  line(`  or open: ${walletUrl}/?${new URL(offer.uri).search.slice(1)}`);
  if (offer.claimUrl) line(`  or its claim page, as the learner's e-mail links it: ${offer.claimUrl}`);
}
line(
  `Offer e-mails (no mail server set): the Outbox tab of the assessor page, and ${join(platform.issuerDir, 'outbox')}`,
);
line();
if (vacancyPage && vacancyUrl) {
  line('The demo vacancy, published as a public link (check your fit in the wallet before sharing):');
  line(vacancyPage);
  line(`  or open in the wallet: ${walletUrl}/?vacancy=${encodeURIComponent(vacancyUrl)}`);
  line();
}
line('Ready employer request for the demo vacancy (open in the wallet to share):');
line(requestLink ?? '(the verifier printed no request link)');
line();
for (const text of platform.summary()) line(text);
line('This service uses the ESCO classification of the European Commission.');
