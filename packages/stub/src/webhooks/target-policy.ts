/**
 * @module The contract's "Webhook targets": which URLs an endpoint may have and which addresses a
 * delivery may connect to. A URL is judged at registration (and update) and again at each
 * delivery, where the address checked is the one connected to (see `deliver.ts`).
 */
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { HostLookup } from '../config/options.ts';
import { addCidr, canonicalAddress, REFUSED_RANGES } from './address-ranges.ts';

export type { HostLookup };

/** `dns.lookup` (the system resolver, `/etc/hosts` included) for every address of a name. */
export const systemLookup: HostLookup = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** A registration waits at most this long for the resolver. */
const LOOKUP_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Names of cloud metadata services, refused without asking any resolver. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data']);

/** Domains reserved for documentation and testing (RFC 2606, RFC 6761): no receiver ever lives there. */
const RESERVED_NAME = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)\.?$/i;
/** `localhost` and its subdomains are loopback (RFC 6761 §6.3), whatever a resolver says. */
const LOOPBACK_NAME = /(?:^|\.)localhost\.?$/i;

/** Whether a host name is reserved for documentation or testing (never resolved, never delivered to). */
export function isReservedName(host: string): boolean {
  return isIP(host) === 0 && RESERVED_NAME.test(host);
}

/** Why a URL or address is refused (the 422's message), or `undefined` when it is allowed. */
export type Verdict = string | undefined;

/** A URL that passed the policy: what a delivery connects to. */
export interface CheckedTarget {
  readonly url: URL;
  /** The host as the URL names it, without IPv6 brackets. */
  readonly host: string;
}

export class WebhookTargetPolicy {
  private readonly refused = new Map<string, BlockList>();
  private readonly allowed = new BlockList();
  private readonly allowAll: boolean;
  private readonly allowedCidrs: readonly string[];

  /**
   * `allowPrivate`: CIDRs allowed beside public addresses (`'all'`: every address); throws
   * `RangeError` on a malformed CIDR. `lookup` resolves host names (the system resolver by default).
   */
  constructor(
    allowPrivate: 'all' | readonly string[],
    readonly lookup: HostLookup = systemLookup,
  ) {
    this.allowAll = allowPrivate === 'all';
    this.allowedCidrs = allowPrivate === 'all' ? [] : allowPrivate;
    for (const cidr of this.allowedCidrs) addCidr(this.allowed, cidr);
    for (const { cidr, name } of REFUSED_RANGES) {
      let list = this.refused.get(name);
      if (!list) {
        list = new BlockList();
        this.refused.set(name, list);
      }
      addCidr(list, cidr);
    }
  }

  /** What the policy allows beside public addresses, for the start line. */
  describeAllowance(): string {
    if (this.allowAll) return 'every address (--webhook-allow-private)';
    return this.allowedCidrs.length === 0
      ? 'public addresses only'
      : `public addresses and ${this.allowedCidrs.join(', ')}`;
  }

  /** The URL's form: scheme, credentials, host. Says why it is refused, or gives the parsed target. */
  checkForm(raw: string): CheckedTarget | string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'url is not a valid absolute URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `url must be http or https (not ${url.protocol.slice(0, -1)})`;
    if (url.username !== '' || url.password !== '') return 'url must not carry a user name or password';
    if (raw.length > 2048) return 'url is longer than 2,048 characters';
    // WHATWG parsing has already turned 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 into 127.0.0.1.
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (host === '') return 'url has no host';
    if (METADATA_NAMES.has(host.toLowerCase().replace(/\.$/, '')))
      return `url is refused: ${host} is a cloud metadata service`;
    if (LOOPBACK_NAME.test(host) && !this.allowsLoopback())
      return `url is refused: ${host} is a loopback name (RFC 6761)`;
    return { url, host };
  }

  private allowsLoopback(): boolean {
    return this.checkAddress('127.0.0.1') === undefined;
  }

  /** Why an address is refused, if it is. */
  checkAddress(address: string): Verdict {
    const ip = canonicalAddress(address);
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(ip) === 0) return `${address} is not an IP address`;
    if (this.allowAll || this.allowed.check(ip, type)) return undefined;
    for (const [name, list] of this.refused) {
      if (list.check(ip, type)) return `${address} is ${name}`;
    }
    return undefined;
  }

  /**
   * The whole check of a URL at registration: its form, then every address its host has (a name
   * that resolves to one refused address is refused). Resolves to why it is refused, or `undefined`.
   */
  async check(raw: string): Promise<Verdict> {
    const target = this.checkForm(raw);
    if (typeof target === 'string') return target;
    if (isIP(target.host) !== 0) {
      const verdict = this.checkAddress(target.host);
      return verdict && `url is refused: ${verdict}`;
    }
    // Reserved names are accepted unresolved (the contract's own examples use example.com) and
    // never delivered to; a name that does not resolve (yet) is accepted: every delivery checks again.
    if (isReservedName(target.host)) return undefined;
    let addresses: readonly { address: string }[];
    try {
      addresses = await withTimeout(this.lookup(target.host), LOOKUP_TIMEOUT_MS);
    } catch {
      return undefined;
    }
    for (const { address } of addresses) {
      const verdict = this.checkAddress(address);
      if (verdict) return `url is refused: ${target.host} resolves to ${verdict}`;
    }
    return undefined;
  }
}
