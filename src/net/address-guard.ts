import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; the system resolver unless a test swaps it. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** Why an address may not be reached; the message names the address, never a credential. */
export class AddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefused';
  }
}

/**
 * Addresses a webhook must not reach: this machine, private networks, link-local (cloud
 * metadata at 169.254.169.254), unique-local, unspecified, multicast and reserved ranges.
 * IPv4-mapped and IPv4-compatible IPv6 addresses are checked as the IPv4 address they carry.
 */
const PRIVATE_RANGES: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const privateRanges = new BlockList();
for (const [network, prefix, type] of PRIVATE_RANGES) privateRanges.addSubnet(network, prefix, type);

/** Checks a URL's host before each connection and names the one address to connect to. */
export interface AddressGuard {
  /** The address to connect to (checked); rejects with AddressRefused. */
  check(url: URL): Promise<ResolvedAddress>;
}

/**
 * `allowed` holds host names (matched exactly, case-insensitive), addresses and CIDR ranges
 * that may be reached although private (WEBHOOK_ALLOWED_HOSTS). Every address the name
 * resolves to must pass, and the caller connects to the one returned: a second lookup by the
 * HTTP client could answer differently (DNS rebinding), so there is none.
 */
export function createAddressGuard(allowed: readonly string[], resolve: ResolveHost = systemResolver): AddressGuard {
  const allowedNames = new Set(allowed.filter((entry) => isIP(entry.split('/')[0] ?? '') === 0));
  const allowedRanges = new BlockList();
  for (const entry of allowed) {
    const [address = '', prefix] = entry.split('/');
    const version = isIP(address);
    if (version === 0) continue;
    const type = version === 4 ? 'ipv4' : 'ipv6';
    allowedRanges.addSubnet(address, prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix), type);
  }
  const isAllowed = (a: ResolvedAddress) => allowedRanges.check(a.address, a.family === 4 ? 'ipv4' : 'ipv6');
  return {
    async check(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new AddressRefused('Only http and https URLs can be reached.');
      }
      const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      const addresses = await addressesOf(host, resolve);
      if (addresses.length === 0) throw new AddressRefused(`${host} does not resolve to any address.`);
      const named = allowedNames.has(host);
      for (const address of addresses) {
        const effective = embeddedIpv4(address) ?? address;
        if (named || isAllowed(address) || isAllowed(effective)) continue;
        if (privateRanges.check(effective.address, effective.family === 4 ? 'ipv4' : 'ipv6')) {
          throw new AddressRefused(
            `${host} resolves to ${address.address}, a private, loopback or link-local address; ` +
              'add it to WEBHOOK_ALLOWED_HOSTS to allow it.',
          );
        }
      }
      return addresses[0] as ResolvedAddress;
    },
  };
}

async function addressesOf(host: string, resolve: ResolveHost): Promise<ResolvedAddress[]> {
  const version = isIP(host);
  if (version !== 0) return [{ address: host, family: version === 4 ? 4 : 6 }];
  try {
    return await resolve(host);
  } catch {
    throw new AddressRefused(`${host} cannot be resolved.`);
  }
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) one. */
export function embeddedIpv4(address: ResolvedAddress): ResolvedAddress | undefined {
  if (address.family !== 6) return undefined;
  const groups = expandIpv6(address.address);
  if (!groups) return undefined;
  const leadingZeros = groups.slice(0, 5).every((g) => g === 0);
  if (!leadingZeros || (groups[5] !== 0xffff && groups[5] !== 0)) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  // ::/128 and ::1 are IPv6 themselves, not IPv4-compatible addresses.
  if (groups[5] === 0 && high === 0) return undefined;
  const v4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  return { address: v4, family: 4 };
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad allowed); undefined if malformed. */
function expandIpv6(text: string): number[] | undefined {
  let body = text.split('%')[0] ?? '';
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (quad?.[1]) {
    const octets = quad[1].split('.').map(Number);
    const hex = [((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)];
    body = `${body.slice(0, -quad[1].length)}${hex.map((h) => h.toString(16)).join(':')}`;
  }
  const [head = '', tail, ...rest] = body.split('::');
  if (rest.length > 0) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  const fill = 8 - first.length - last.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return undefined;
  const groups = [...first, ...new Array<number>(fill).fill(0), ...last];
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? undefined : groups;
}
