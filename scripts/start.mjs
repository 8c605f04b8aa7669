#!/usr/bin/env node
// Starts the Skills Passport platform on its embedded default: every service on localhost with its
// SQLite files under ./data, in demo mode (demo organisations, assessors and example offers), and
// prints what a person needs to try it. Stop with Ctrl-C; data stays until `./sp reset`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// SP_DATA_DIR moves the data (tests start the platform on a temp dir); the default is ./data.
const dataDir = process.env.SP_DATA_DIR ?? join(root, 'data');
const ports = {
  wallet: Number(process.env.WALLET_PORT ?? 3000),
  issuer: Number(process.env.ISSUER_PORT ?? 3001),
  verifier: Number(process.env.VERIFIER_PORT ?? 3002),
};

const children = [];

function startService(name, script, args, env, stdout = 'ignore', cwd = root) {
  mkdirSync(join(dataDir, name), { recursive: true });
  const child = spawn(process.execPath, [join(root, script), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the platform.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHealth(name, url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
  Promise.all(
    children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.on('exit', resolve)))),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const issuerUrl = `http://localhost:${ports.issuer}`;
const walletUrl = `http://localhost:${ports.wallet}`;
startService('issuer', 'packages/issuer/dist/server.js', [], {
  ISSUER_DEMO: 'true',
  ISSUER_PORT: String(ports.issuer),
  ISSUER_PUBLIC_URL: issuerUrl,
  ISSUER_DATA_DIR: join(dataDir, 'issuer'),
  // The claim page's "open in my web wallet" button opens this wallet. No ISSUER_SMTP_URL: offer
  // e-mails land in the outbox (./data/issuer/outbox, and the assessor page's Outbox tab).
  ISSUER_WALLET_URL: walletUrl,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

try {
  await waitForHealth('issuer', `${issuerUrl}/health`);
} catch (error) {
  console.error(error.message);
  stop(1);
}

const demoFile = join(dataDir, 'issuer', 'demo.json');
if (!existsSync(demoFile)) {
  console.error('The issuer did not write its demo summary.');
  stop(1);
}
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
mkdirSync(join(dataDir, 'verifier'), { recursive: true });
const trustedFile = join(dataDir, 'verifier', 'trusted-issuers.json');
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

const verifierUrl = `http://localhost:${ports.verifier}`;
const verifier = startService(
  'verifier',
  'packages/verifier/dist/server.js',
  [],
  {
    VERIFIER_DEMO: 'true',
    VERIFIER_PORT: String(ports.verifier),
    VERIFIER_PUBLIC_URL: verifierUrl,
    VERIFIER_DATA_DIR: join(dataDir, 'verifier'),
    VERIFIER_TRUSTED_ISSUERS_FILE: trustedFile,
    // A published vacancy's page offers to open the vacancy in this wallet.
    VERIFIER_WALLET_URL: walletUrl,
    // Local development: the demo issuer's did:web and status lists are plain http on localhost.
    VERIFIER_ALLOW_INSECURE_LOCALHOST: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
  'pipe',
);
let verifierOut = '';
const verifierSeeded = new Promise((resolve) => {
  verifier.stdout.on('data', (chunk) => {
    verifierOut += chunk.toString();
    if (/openid4vp:\/\/\S+\n/.test(verifierOut)) resolve();
  });
});

// The built wallet (./sp start builds it), served by vite preview with the wallet's security headers.
startService(
  'wallet',
  'packages/wallet-web/node_modules/vite/bin/vite.js',
  ['preview', '--logLevel', 'error'],
  // The wallet reads its trust list (whose catalogues and intakes to offer) from
  // /wallet-config.json, which vite preview answers from this (contract C): the demo verifier's.
  { WALLET_PORT: String(ports.wallet), WALLET_TRUST_LIST: `${verifierUrl}/api/trust-list` },
  'ignore',
  join(root, 'packages/wallet-web'),
);

try {
  await Promise.all([
    waitForHealth('verifier', `${verifierUrl}/health`),
    waitForHealth('wallet', `${walletUrl}/`),
    Promise.race([
      verifierSeeded,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the verifier printed no demo request')), 30_000),
      ),
    ]),
  ]);
} catch (error) {
  console.error(error.message);
  stop(1);
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
  `Offer e-mails (no mail server set): the Outbox tab of the assessor page, and ${join(dataDir, 'issuer', 'outbox')}`,
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
line('This service uses the ESCO classification of the European Commission.');
