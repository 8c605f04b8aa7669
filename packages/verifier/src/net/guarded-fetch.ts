import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { ErrorCode } from '@skills-passport/core';

/** What {@link GuardedFetch} returns: the body, or why nothing was fetched. */
export type FetchOutcome =
  | { ok: true; status: 200; body: string; contentType: string; etag?: string; maxAgeSeconds?: number }
  | { ok: true; status: 304; etag?: string; maxAgeSeconds?: number }
  | { ok: false; code: ErrorCode; reason: string };

export interface FetchOptions {
  /** Accepted media types (without parameters); anything else is `ERR_FETCH_FAILED`. */
  accept: string[];
  maxBytes: number;
  /** Sent as `If-None-Match`; a 304 answer comes back as `status: 304`. */
  etag?: string;
}

/** Fetches a public document for verification: DID documents and status lists. */
export type GuardedFetch = (url: string, options: FetchOptions) => Promise<FetchOutcome>;

export interface GuardedFetchConfig {
  /** Allow http:// and loopback addresses for the hosts `localhost` and `127.0.0.1` (local development only). */
  allowInsecureLocalhost: boolean;
  timeoutMs: number;
  /** Same-origin redirects followed at most; a redirect to another origin is always refused. */
  maxRedirects?: number;
}

/** Addresses a verifier must never be made to call: private, loopback, link-local, reserved. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}
// IPv4-mapped IPv6 addresses are unwrapped and checked as IPv4 in addressRefusal; a ::ffff:0:0/96
// rule here would make BlockList refuse every IPv4 address.
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Why an address may not be called, or `undefined` when it may. */
export function addressRefusal(
  address: string,
  hostname: string,
  allowInsecureLocalhost: boolean,
): string | undefined {
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address.`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowInsecureLocalhost && LOCAL_HOSTS.has(hostname) && loopback.check(address, type)) return undefined;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it stands for.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped !== null) return addressRefusal(mapped[1]!, hostname, allowInsecureLocalhost);
  return blocked.check(address, type)
    ? `${hostname} resolves to ${address}, a private or reserved address.`
    : undefined;
}

function maxAgeOf(header: string | undefined): number | undefined {
  const match = /(?:^|,)\s*max-age=(\d{1,9})\s*(?:,|$)/i.exec(header ?? '');
  return match === null ? undefined : Number(match[1]);
}

/**
 * A fetch for untrusted URLs: https only (http for localhost when configured), every resolved
 * address checked against private, loopback and link-local ranges at connect time (so DNS cannot
 * rebind between check and use), same-origin redirects only, a deadline and a byte cap, no
 * cookies or credentials. Never rejects: failures come back as `ERR_FETCH_*` outcomes.
 */
export function createGuardedFetch(config: GuardedFetchConfig): GuardedFetch {
  const maxRedirects = config.maxRedirects ?? 2;

  const guardedLookup =
    (hostname: string): LookupFunction =>
    (host, options, callback) => {
      dnsLookup(host, { all: true, verbatim: false }, (error, addresses: LookupAddress[]) => {
        if (error !== null) return callback(error, '', 0);
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, hostname, config.allowInsecureLocalhost);
          if (refusal !== undefined)
            return callback(Object.assign(new Error(refusal), { code: 'ERR_FETCH_BLOCKED' }), '', 0);
        }
        if (options.all === true)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses.find((a) => a.family === 4) ?? addresses[0];
        if (first === undefined) return callback(new Error('No address.'), '', 0);
        return callback(null, first.address, first.family);
      });
    };

  const once = (
    url: URL,
    options: FetchOptions,
    deadline: number,
  ): Promise<FetchOutcome | { redirect: string }> =>
    new Promise((resolve) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        return resolve({
          ok: false,
          code: 'ERR_FETCH_TIMEOUT',
          reason: `${url.href} did not answer in time.`,
        });
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        {
          method: 'GET',
          headers: {
            accept: options.accept.join(', '),
            'user-agent': 'skills-passport-verifier',
            ...(options.etag === undefined ? {} : { 'if-none-match': options.etag }),
          },
          lookup: guardedLookup(url.hostname),
          timeout: remaining,
        },
        (response: IncomingMessage) => {
          const status = response.statusCode ?? 0;
          const etag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
          const maxAgeSeconds = maxAgeOf(response.headers['cache-control']);
          const meta = {
            ...(etag === undefined ? {} : { etag }),
            ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
          };
          if ([301, 302, 303, 307, 308].includes(status)) {
            response.resume();
            return resolve({ redirect: response.headers.location ?? '' });
          }
          if (status === 304 && options.etag !== undefined) {
            response.resume();
            return resolve({ ok: true, status: 304, ...meta });
          }
          if (status !== 200) {
            response.resume();
            return resolve({
              ok: false,
              code: 'ERR_FETCH_FAILED',
              reason: `${url.href} answered HTTP ${status}.`,
            });
          }
          const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (!options.accept.includes(contentType)) {
            response.resume();
            return resolve({
              ok: false,
              code: 'ERR_FETCH_FAILED',
              reason: `${url.href} answered with ${contentType || 'no content type'}, not ${options.accept.join(' or ')}.`,
            });
          }
          const declared = Number(response.headers['content-length'] ?? '0');
          if (declared > options.maxBytes) {
            response.destroy();
            return resolve({
              ok: false,
              code: 'ERR_FETCH_TOO_LARGE',
              reason: `${url.href} is larger than ${options.maxBytes} bytes.`,
            });
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes) {
              response.destroy();
              resolve({
                ok: false,
                code: 'ERR_FETCH_TOO_LARGE',
                reason: `${url.href} is larger than ${options.maxBytes} bytes.`,
              });
            } else {
              chunks.push(chunk);
            }
          });
          response.on('end', () =>
            resolve({
              ok: true,
              status: 200,
              body: Buffer.concat(chunks).toString('utf8'),
              contentType,
              ...meta,
            }),
          );
          response.on('error', () =>
            resolve({ ok: false, code: 'ERR_FETCH_FAILED', reason: `${url.href} broke off the answer.` }),
          );
        },
      );
      request.on('timeout', () => {
        request.destroy();
        resolve({ ok: false, code: 'ERR_FETCH_TIMEOUT', reason: `${url.href} did not answer in time.` });
      });
      request.on('error', (error: Error & { code?: string }) => {
        resolve(
          error.code === 'ERR_FETCH_BLOCKED'
            ? { ok: false, code: 'ERR_FETCH_BLOCKED', reason: error.message }
            : {
                ok: false,
                code: 'ERR_FETCH_FAILED',
                reason: `${url.host} could not be reached (${error.code ?? 'network error'}).`,
              },
        );
      });
      request.end();
    });

  return async (href, options) => {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: 'Not a URL.' };
    }
    const origin = url.origin;
    const local = LOCAL_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local && config.allowInsecureLocalhost)) {
      return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: `${url.href}: only https is allowed.` };
    }
    if (url.username !== '' || url.password !== '')
      return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: 'URLs with credentials are refused.' };
    // Literal IP hosts never reach the resolver, so they are checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const refusal = addressRefusal(literal, url.hostname, config.allowInsecureLocalhost);
      if (refusal !== undefined) return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: refusal };
    }
    const deadline = Date.now() + config.timeoutMs;
    for (let hop = 0; hop <= maxRedirects; hop += 1) {
      const outcome = await once(url, options, deadline);
      if (!('redirect' in outcome)) return outcome;
      let next: URL;
      try {
        next = new URL(outcome.redirect, url);
      } catch {
        return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: 'A redirect pointed at no valid URL.' };
      }
      if (next.origin !== origin) {
        return {
          ok: false,
          code: 'ERR_FETCH_BLOCKED',
          reason: `${url.href} redirects to another host (${next.host}); refused.`,
        };
      }
      url = next;
    }
    return { ok: false, code: 'ERR_FETCH_BLOCKED', reason: 'Too many redirects.' };
  };
}
