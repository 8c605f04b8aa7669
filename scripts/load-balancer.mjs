// The load balancer of `./sp start --scale N`: Debian's HAProxy in the foreground (a child of the
// start script, stopped with it), its configuration under <data>/balancer. One frontend per service
// on the service's public port, round robin over the instances, each checked on /health every
// second; every answer names the instance that gave it in `X-Instance` (the instance's name only).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** HAProxy on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH). */
export function haproxyBinary() {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/local/sbin']))
    if (dir !== '' && existsSync(join(dir, 'haproxy'))) return join(dir, 'haproxy');
  return undefined;
}

/** `name` when that system user exists (Debian's haproxy package makes one), else undefined. */
function systemUser(name) {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return name;
  } catch {
    return undefined;
  }
}

/** Why no balancer can run here (the message for a person), or undefined. */
export function balancerMissing() {
  return haproxyBinary() === undefined
    ? 'HAProxy is not installed: run ./sp setup, or install Debian\'s "haproxy" package.'
    : undefined;
}

/**
 * The configuration. A request whose connection to an instance fails is sent to another at once
 * (that is safe for any request: nothing reached the instance). A GET or HEAD that got no answer
 * (an instance that died while answering) is sent again to another; other methods are not, as
 * the instance may have acted on them. An instance failing two checks gets no requests until one
 * passes again.
 */
export function haproxyConfig(services, runAs) {
  const lines = [
    'global',
    '  maxconn 4096',
    // Started as root, it gives root up once its ports are open.
    ...(runAs === undefined ? [] : [`  user ${runAs}`, `  group ${runAs}`]),
    '',
    'defaults',
    '  mode http',
    '  balance roundrobin',
    // The client's address for the instances, in X-Forwarded-For (their own peer is the balancer).
    '  option forwardfor',
    '  timeout connect 5s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout http-request 30s',
    '  timeout check 5s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
    '  option httpchk GET /health',
    '  http-check expect status 200',
    '  default-server check inter 1s fall 2 rise 1',
  ];
  for (const service of services) {
    lines.push(
      '',
      `frontend ${service.name}`,
      `  bind 127.0.0.1:${service.port}`,
      `  default_backend ${service.name}`,
      '',
      `backend ${service.name}`,
      '  http-request disable-l7-retry if !METH_GET',
      '  http-response set-header X-Instance %s',
      ...service.instances.map((instance) => `  server ${instance.name} 127.0.0.1:${instance.port}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the configuration into `dir` and starts HAProxy on it in the foreground; returns the child. */
export function startBalancer({ dir, services }) {
  const binary = haproxyBinary();
  if (binary === undefined) throw new Error(balancerMissing());
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    haproxyConfig(services, process.getuid?.() === 0 ? systemUser('haproxy') : undefined),
  );
  // -db: stay in the foreground, no daemon; -q: no start-up notices. Errors reach our stderr.
  return spawn(binary, ['-db', '-q', '-f', config], { stdio: ['ignore', 'ignore', 'inherit'] });
}
