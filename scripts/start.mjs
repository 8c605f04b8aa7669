#!/usr/bin/env node
// Starts the Skills Passport platform on its embedded default: every service on localhost with its
// SQLite files under ./data, in demo mode (demo organisations, assessors and example offers), and
// prints what a person needs to try it. Stop with Ctrl-C; data stays until `./sp reset`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, 'data');
const ports = {
  wallet: Number(process.env.WALLET_PORT ?? 3000),
  issuer: Number(process.env.ISSUER_PORT ?? 3001),
  verifier: Number(process.env.VERIFIER_PORT ?? 3002),
};

const children = [];

function startService(name, entry, env) {
  mkdirSync(join(dataDir, name), { recursive: true });
  const child = spawn(process.execPath, [join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
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
startService('issuer', 'packages/issuer/dist/server.js', {
  ISSUER_DEMO: 'true',
  ISSUER_PORT: String(ports.issuer),
  ISSUER_PUBLIC_URL: issuerUrl,
  ISSUER_DATA_DIR: join(dataDir, 'issuer'),
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

const line = (text = '') => console.log(text);
line('Skills Passport is running (Ctrl-C stops it; data stays in ./data until ./sp reset).');
line();
line(`Issuer            ${issuerUrl}   (API: ${issuerUrl}/openapi.json)`);
line(`Administrator     Bearer ${demo.adminToken}`);
line();
line('Demo organisations and their assessors\u2019 API keys (Bearer):');
for (const org of demo.organisations) {
  line(`  ${org.name} (${org.kind}), assessor ${org.assessor}`);
  line(`    DID      ${org.did}`);
  line(`    API key  ${org.apiKey}`);
}
line();
line('Ready credential offers, one per type (open in a wallet, or turn into a QR code):');
for (const offer of demo.offers) {
  line(`  ${offer.type} for ${offer.learner}, from ${offer.org}:`);
  line(offer.uri);
}
line();
line('This service uses the ESCO classification of the European Commission.');
