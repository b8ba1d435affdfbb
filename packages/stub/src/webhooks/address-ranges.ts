/**
 * @module The address ranges the contract's "Webhook targets" refuses, by name (the name is what a
 * refusal says). IANA special-purpose registries (RFC 6890 and its updates): loopback, link-local
 * (cloud metadata services live there), private, shared (CGNAT), unspecified, multicast, reserved,
 * documentation and benchmarking ranges.
 */
import { type BlockList, isIPv4, isIPv6 } from 'node:net';

/** A refused range: its CIDR and what it is. */
export interface NamedRange {
  readonly cidr: string;
  readonly name: string;
}

export const REFUSED_RANGES: readonly NamedRange[] = [
  { cidr: '0.0.0.0/8', name: 'an unspecified ("this network") address' },
  { cidr: '10.0.0.0/8', name: 'a private address' },
  { cidr: '100.64.0.0/10', name: 'a shared (carrier-grade NAT) address' },
  { cidr: '127.0.0.0/8', name: 'a loopback address' },
  { cidr: '169.254.0.0/16', name: 'a link-local address (cloud metadata services live there)' },
  { cidr: '172.16.0.0/12', name: 'a private address' },
  { cidr: '192.0.0.0/24', name: 'an IETF protocol assignment' },
  { cidr: '192.0.2.0/24', name: 'a documentation address' },
  { cidr: '192.88.99.0/24', name: 'a reserved (6to4 relay) address' },
  { cidr: '192.168.0.0/16', name: 'a private address' },
  { cidr: '198.18.0.0/15', name: 'a benchmarking address' },
  { cidr: '198.51.100.0/24', name: 'a documentation address' },
  { cidr: '203.0.113.0/24', name: 'a documentation address' },
  { cidr: '224.0.0.0/4', name: 'a multicast address' },
  { cidr: '240.0.0.0/4', name: 'a reserved address' },
  { cidr: '::/128', name: 'an unspecified address' },
  { cidr: '::1/128', name: 'a loopback address' },
  { cidr: '64:ff9b:1::/48', name: 'a local-use translation address' },
  { cidr: '100::/64', name: 'a discard-only address' },
  { cidr: '2001::/23', name: 'an IETF protocol assignment' },
  { cidr: '2001:db8::/32', name: 'a documentation address' },
  { cidr: '3fff::/20', name: 'a documentation address' },
  { cidr: 'fc00::/7', name: 'a private (unique local) address' },
  { cidr: 'fe80::/10', name: 'a link-local address' },
  { cidr: 'fec0::/10', name: 'a site-local address' },
  { cidr: 'ff00::/8', name: 'a multicast address' },
];

/** `a.b.c.d/n` or `x::/n` → a BlockList entry; throws `RangeError` on anything else. */
export function addCidr(list: BlockList, cidr: string): void {
  const slash = cidr.indexOf('/');
  const address = slash === -1 ? cidr : cidr.slice(0, slash);
  const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  const prefix = slash === -1 ? (type === 'ipv4' ? 32 : 128) : Number(cidr.slice(slash + 1));
  const max = type === 'ipv4' ? 32 : 128;
  if (type === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max)
    throw new RangeError(`not a CIDR: ${cidr} (e.g. 127.0.0.0/8, 10.1.0.0/16, ::1/128)`);
  list.addSubnet(address, prefix, type);
}

/**
 * The IPv4 address an IPv6 one stands for (IPv4-mapped `::ffff:a.b.c.d`, in either spelling),
 * else the address itself: the mapped form reaches the same host and is judged as it.
 */
export function canonicalAddress(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] as string;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const high = Number.parseInt(hex[1] as string, 16);
    const low = Number.parseInt(hex[2] as string, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return address;
}
