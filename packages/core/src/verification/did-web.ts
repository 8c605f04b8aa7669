import type { ErrorCode } from '../errors.js';

/** Options for {@link didWebUrl}. */
export interface DidWebUrlOptions {
  /** Allow `http://` for `localhost` and `127.0.0.1` (local development only). */
  allowInsecureLocalhost?: boolean;
}

/** The outcome of {@link didWebUrl}. */
export type DidWebUrlResult =
  { ok: true; url: string; host: string } | { ok: false; code: ErrorCode; reason: string };

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const SEGMENT = /^[A-Za-z0-9._-]{1,200}$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The URL of the DID document of a `did:web` (DID Web method): `did:web:example.org:orgs:acme` →
 * `https://example.org/orgs/acme/did.json`; without a path, `/.well-known/did.json`. A port is
 * written `%3A`. Anything else percent-encoded, empty or dot segments, upper case or IP-looking
 * hosts other than 127.0.0.1, and DID URLs (`#`, `?`, `/`) are refused (`ERR_DID_INVALID`), so
 * the result is always an https URL on the DID's own host, or http on localhost when allowed.
 */
export function didWebUrl(did: string, options: DidWebUrlOptions = {}): DidWebUrlResult {
  const invalid = (reason: string): DidWebUrlResult => ({ ok: false, code: 'ERR_DID_INVALID', reason });
  if (typeof did !== 'string' || !did.startsWith('did:web:') || did.length > 1000)
    return invalid('Not a did:web identifier.');
  const [hostPart, ...path] = did.slice('did:web:'.length).split(':');
  const portMatch = /^(.+)%3[aA](\d{1,5})$/.exec(hostPart ?? '');
  const host = portMatch === null ? (hostPart ?? '') : portMatch[1]!;
  const port = portMatch === null ? undefined : Number(portMatch[2]);
  if (!HOST.test(host)) return invalid(`"${host}" is not a host name.`);
  if (/^[0-9.]+$/.test(host) && host !== '127.0.0.1')
    return invalid('A did:web must name a host, not an IP address.');
  if (port !== undefined && (port < 1 || port > 65535)) return invalid('The port is out of range.');
  for (const segment of path) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..')
      return invalid(`The path segment "${segment}" is not allowed.`);
  }
  const local = LOCAL_HOSTS.has(host);
  const scheme = local && options.allowInsecureLocalhost === true ? 'http' : 'https';
  const authority = port === undefined ? host : `${host}:${port}`;
  const pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`;
  const url = `${scheme}://${authority}${pathname}`;
  // A host the URL parser rewrites is no plain host name: "0x" or "0x7f000001" become IPv4
  // addresses, non-ASCII names become punycode. Refuse rather than fetch somewhere else.
  let parsedHost: string;
  try {
    parsedHost = new URL(url).hostname;
  } catch {
    return invalid(`"${host}" is not a host name.`);
  }
  if (parsedHost !== host.toLowerCase()) return invalid(`"${host}" is not a plain host name.`);
  return { ok: true, url, host };
}

/** The `did:web` for a host, optional port and path (`localhost`, 3002 → `did:web:localhost%3A3002`). */
export function didWebFor(host: string, port?: number, pathSegments: string[] = []): string {
  const authority = port === undefined ? host : `${host}%3A${port}`;
  return ['did:web', authority, ...pathSegments].join(':');
}
