import { describe, expect, it } from 'vitest';
import { WebhookTargetPolicy } from './target-policy.ts';

/** An injected resolver: nothing here ever asks a real one. */
const resolver = (answers: Record<string, string[]>) => async (host: string) => {
  const found = answers[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('WebhookTargetPolicy', () => {
  const strict = new WebhookTargetPolicy([], resolver({}));

  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['::1', /loopback/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:7f00:1', /loopback/],
    ['169.254.169.254', /link-local/],
    ['fe80::1', /link-local/],
    ['fd00:ec2::254', /unique local/],
    ['fc00::1', /unique local/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['::ffff:192.168.1.1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.100.100.200', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['ff02::1', /multicast/],
    ['240.0.0.1', /reserved/],
    ['255.255.255.255', /reserved/],
    ['192.0.2.10', /documentation/],
    ['198.51.100.1', /documentation/],
    ['203.0.113.7', /documentation/],
    ['2001:db8::1', /documentation/],
    ['198.18.0.1', /benchmarking/],
  ])('refuses the address %s at delivery (%s)', (address, why) => {
    expect(strict.checkAddress(address)).toMatch(why);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111'])(
    'allows the public address %s',
    (address) => {
      expect(strict.checkAddress(address)).toBeUndefined();
    },
  );

  it('allows only the configured ranges beside public addresses', () => {
    const local = new WebhookTargetPolicy(['127.0.0.0/8', '::1/128'], resolver({}));
    expect(local.checkAddress('127.0.0.1')).toBeUndefined();
    expect(local.checkAddress('::ffff:127.0.0.1')).toBeUndefined();
    expect(local.checkAddress('10.0.0.1')).toMatch(/private/);
    expect(new WebhookTargetPolicy('all', resolver({})).checkAddress('169.254.169.254')).toBeUndefined();
    expect(() => new WebhookTargetPolicy(['10.0.0.0/33'])).toThrow(RangeError);
    expect(() => new WebhookTargetPolicy(['not-a-cidr'])).toThrow(RangeError);
  });

  it('judges a name by every address it resolves to, and accepts one that does not resolve yet', async () => {
    const policy = new WebhookTargetPolicy(
      [],
      resolver({
        'mixed.partner-corp.net': ['93.184.216.34', '10.1.2.3'],
        'ok.partner-corp.net': ['93.184.216.34'],
      }),
    );
    expect(await policy.check('https://mixed.partner-corp.net/x')).toMatch(
      /resolves to 10\.1\.2\.3 is a private/,
    );
    expect(await policy.check('https://ok.partner-corp.net/x')).toBeUndefined();
    expect(await policy.check('https://not-yet.partner-corp.net/x')).toBeUndefined();
    expect(await policy.check('https://hooks.example.com/x')).toBeUndefined();
    expect(await policy.check('http://app.localhost/x')).toMatch(/loopback name/);
  });
});
