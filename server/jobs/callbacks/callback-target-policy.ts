/**
 * Which URLs the service may POST job results to. A callback makes the server send a
 * request on a client's behalf, so an operator can pin the targets (host allowlist) and
 * keep callbacks off internal networks (private, loopback and link-local addresses are
 * refused after DNS resolution, at connect time, so a name cannot be re-pointed later).
 */
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { ValidationError } from '../../shared/errors/validation-error.ts';

export interface CallbackTargetPolicy {
  /**
   * Host names (`hooks.example.com`), `*.example.com` for any subdomain, or IP literals;
   * optionally with `:port`. Empty allows every host. @defaultValue []
   */
  allowedHosts: readonly string[];
  /** Refuse targets resolving to private, loopback, link-local or otherwise internal addresses (allowed hosts excepted). */
  denyPrivateAddresses: boolean;
  /** Loopback targets stay allowed (the service binds loopback and has no keys: its callers are on this machine). @defaultValue false */
  allowLoopback?: boolean;
}

/** Ranges no callback should reach when private targets are denied (RFC 1918, 6598, 4193, loopback, link-local...). */
const INTERNAL_RANGES: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const internal = new BlockList();
for (const [network, prefix, family] of INTERNAL_RANGES) internal.addSubnet(network, prefix, family);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether the policy refuses a connection to `address` (an IP). */
function refusesAddress(address: string, policy: CallbackTargetPolicy): boolean {
  if (!policy.denyPrivateAddresses || !isInternalAddress(address)) return false;
  if (policy.allowLoopback !== true) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  return !loopback.check(mapped, isIP(mapped) === 4 ? 'ipv4' : 'ipv6');
}

/** An allow-list entry names this host explicitly: the operator chose it, internal or not. */
function explicitlyAllowed(host: string, policy: CallbackTargetPolicy): boolean {
  return policy.allowedHosts.some((entry) => {
    const pattern = parseEntry(entry).host;
    return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
  });
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped !== null) return internal.check(mapped[1]!, 'ipv4');
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** URL hostname without IPv6 brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function defaultPort(url: URL): string {
  return url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
}

/** Splits an allowlist entry into host pattern and optional port (`[v6]:port`, `v6`, `host:port`, `host`). */
function parseEntry(entry: string): { host: string; port: string | undefined } {
  const trimmed = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed !== null) return { host: bracketed[1]!, port: bracketed[2] };
  if ((trimmed.match(/:/g) ?? []).length > 1) return { host: trimmed, port: undefined };
  const [host, port] = trimmed.split(':');
  return { host: host!, port };
}

function matchesEntry(url: URL, entry: string): boolean {
  const { host: pattern, port } = parseEntry(entry);
  if (port !== undefined && port !== defaultPort(url)) return false;
  const host = bareHost(url);
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/** Throws a 400 naming the reason when `raw` may not be used as a callback target. */
export function assertCallbackTarget(raw: string, policy: CallbackTargetPolicy): URL {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError('callback_url must be an http or https URL', { code: 'callback_url_not_allowed', field: 'callback_url' });
  }
  if (policy.allowedHosts.length > 0 && !policy.allowedHosts.some((entry) => matchesEntry(url, entry))) {
    throw new ValidationError(`callback_url host ${url.host} is not in this server's allowed callback hosts (CHATTERBOX_CALLBACK_ALLOWED_HOSTS)`, { code: 'callback_url_not_allowed', field: 'callback_url' });
  }
  const host = bareHost(url);
  if (!explicitlyAllowed(host, policy) && (refusesAddress(host, policy) || (policy.denyPrivateAddresses && host === 'localhost' && policy.allowLoopback !== true))) {
    throw new ValidationError(
      `callback_url points to an internal address (${host}), which this server refuses; an operator can allow it in CHATTERBOX_CALLBACK_ALLOWED_HOSTS`,
      { code: 'callback_url_not_allowed', field: 'callback_url' },
    );
  }
  return url;
}

/**
 * DNS lookup for outgoing callbacks that fails when a name resolves to an internal
 * address (checked on the address actually connected to, so DNS rebinding cannot slip by).
 */
export function guardedLookup(policy: CallbackTargetPolicy): LookupFunction | undefined {
  if (!policy.denyPrivateAddresses) return undefined;
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const blocked = explicitlyAllowed(hostname.toLowerCase(), policy) ? undefined : list.find((entry) => refusesAddress(entry.address, policy));
      if (blocked !== undefined) {
        // Says what was refused, never which internal address the name has: status fields are no scanner.
        const refusal = Object.assign(new Error(`callback target refused: ${hostname} resolves to an internal address`), {
          code: 'ECALLBACKREFUSED',
        });
        return callback(refusal, '', 0);
      }
      if (options.all === true) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
