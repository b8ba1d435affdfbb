/**
 * The contract's "Webhook targets" (Security), over real HTTP, as an attacker of a shared sandbox
 * would try it: every kind of refused URL is 422 `webhook_url_refused` at registration and on
 * update — in memory with the strict policy and on three instances sharing PostgreSQL + Redis
 * (strict by default) — and deliveries connect only to addresses the policy allows, checked
 * against the address actually connected to (a DNS answer that changes after registration is
 * caught). No test target is off this machine: refused addresses are never connected to, and host
 * names resolve through `/etc/hosts` or an injected resolver only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StubOptions, StubServer } from '../src/index.ts';
import { sharedStoreArgs, startInstance } from './support/cluster.ts';
import { startReceiver } from './support/receiver.ts';
import { useSharedCluster } from './support/shared-cluster.ts';
import { SHARED } from './support/shared-stores.ts';
import { Client, eventually, HIGH_LIMITS, orderBody, startTestStub } from './support/stub.ts';

/** Every kind of target the policy refuses, with what the refusal must name. */
const REFUSED: readonly (readonly [string, RegExp])[] = [
  ['file:///etc/passwd', /http or https/],
  ['gopher://127.0.0.1:6379/_INFO', /http or https/],
  ['ftp://files.example.com/x', /http or https/],
  ['data:text/plain,hello', /http or https/],
  ['javascript:alert(1)', /http or https/],
  ['dict://127.0.0.1:6379/info', /http or https/],
  ['https://user:secret@hooks.example.com/x', /user name or password/],
  ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', /link-local/],
  ['http://[fd00:ec2::254]/', /unique local/],
  ['http://metadata.google.internal/computeMetadata/v1/', /metadata service/],
  ['http://100.100.100.200/latest/meta-data/', /carrier-grade NAT/],
  ['http://10.0.0.1/hooks', /private/],
  ['http://172.16.0.1/hooks', /private/],
  ['http://192.168.1.1/hooks', /private/],
  ['http://[fc00::1]/hooks', /unique local/],
  ['http://127.0.0.1:6379/', /loopback/],
  ['http://localhost:4010/hooks', /loopback/],
  ['http://app.localhost/hooks', /loopback/],
  ['http://[::1]/hooks', /loopback/],
  ['http://0.0.0.0/hooks', /unspecified/],
  ['http://2130706433/hooks', /loopback/],
  ['http://0x7f000001/hooks', /loopback/],
  ['http://0177.0.0.1/hooks', /loopback/],
  ['http://127.1/hooks', /loopback/],
  ['http://[::ffff:127.0.0.1]/hooks', /loopback/],
  ['http://[fe80::1]/hooks', /link-local/],
  ['http://224.0.0.1/hooks', /multicast/],
  ['http://192.0.2.10/hooks', /documentation/],
  ['http://198.18.0.1/hooks', /benchmarking/],
];

function policySuite(url: () => string) {
  let client: Client;
  beforeAll(() => {
    client = new Client(url());
  });

  it.each(REFUSED)('refuses %s at registration with 422 webhook_url_refused', async (target, why) => {
    const reply = await client.post('/api/v1/webhooks', { url: target, events: ['order.created'] });
    expect(reply.status, reply.text).toBe(422);
    expect(reply.body.error.code).toBe('webhook_url_refused');
    expect(reply.body.error.message).toMatch(why);
  });

  it('refuses an update to a refused target, keeping the endpoint as it was', async () => {
    // A public address (no host name: nothing is resolved); subscribed to an event no test
    // emits and deleted at the end, so nothing is ever sent to it.
    const created = await client.post('/api/v1/webhooks', {
      url: 'https://93.184.216.34/regen',
      events: ['payout.paid'],
      description: 'never delivered to',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    for (const target of ['http://127.0.0.1:6379/', 'http://169.254.169.254/']) {
      const patched = await client.call('PATCH', `/api/v1/webhooks/${id}`, { body: { url: target } });
      expect(patched.status, patched.text).toBe(422);
      expect(patched.body.error.code).toBe('webhook_url_refused');
    }
    const read = await client.get(`/api/v1/webhooks/${id}`);
    expect(read.body.data.url).toBe('https://93.184.216.34/regen');
    expect((await client.call('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(200);
  });
}

/** A stub with these options, closed after the file. */
function stubWith(options: StubOptions) {
  const holder: { stub?: StubServer } = {};
  beforeAll(async () => {
    holder.stub = await startTestStub({ webhookBackoff: '50ms', webhookMaxAttempts: 2, ...options });
  });
  afterAll(async () => {
    await holder.stub?.close();
    expect(holder.stub?.violations ?? []).toEqual([]);
  });
  return () => holder.stub as StubServer;
}

describe('webhook targets, in memory with the shared-sandbox policy', () => {
  const stub = stubWith({ webhookAllowPrivate: false });
  policySuite(() => stub().url);
});

describe('webhook deliveries connect only to what the policy allows', () => {
  /** Answers for host names, changed by the tests (never the system resolver: nothing leaves the machine). */
  const answers = new Map<string, string[]>();
  const lookups: string[] = [];
  const stub = stubWith({
    webhookAllowPrivate: false,
    webhookLookup: async (host) => {
      lookups.push(host);
      const found = answers.get(host);
      if (!found) throw new Error(`ENOTFOUND ${host}`);
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  });

  it('a name that resolved to a public address at registration and to loopback at delivery gets no connection', async () => {
    const receiver = await startReceiver();
    try {
      const { port } = new URL(receiver.url);
      answers.set('hooks.rebinding-partner.net', ['93.184.216.34']);
      const client = new Client(stub().url);
      const created = await client.post('/api/v1/webhooks', {
        url: `http://hooks.rebinding-partner.net:${port}/hooks`,
        events: ['order.created'],
      });
      expect(created.status, created.text).toBe(201);
      // The DNS answer changes: the name now points at the receiver on loopback.
      answers.set('hooks.rebinding-partner.net', ['127.0.0.1']);
      lookups.length = 0;
      await client.post('/api/v1/orders', await orderBody(client));
      const deliveries = await eventually(async () => {
        const reply = await client.get(`/api/v1/webhooks/${created.body.data.id}/deliveries`);
        return reply.body.data[0]?.status === 'failed' ? reply.body.data : undefined;
      });
      expect(deliveries[0].attempts[0]).toMatchObject({ statusCode: null });
      expect(deliveries[0].attempts[0].error).toMatch(
        /refused: hooks\.rebinding-partner\.net resolves to 127\.0\.0\.1 is a loopback/,
      );
      expect(lookups).toContain('hooks.rebinding-partner.net');
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('accepts a name that does not resolve yet, and a documentation name it never delivers to', async () => {
    const client = new Client(stub().url);
    const pending = await client.post('/api/v1/webhooks', {
      url: 'https://not-yet-live.partner-corp.net/hooks',
      events: ['payout.paid'],
    });
    expect(pending.status, pending.text).toBe(201);
    const documented = await client.post('/api/v1/webhooks', {
      url: 'https://partner.example.com/hooks/regen',
      events: ['order.created'],
    });
    expect(documented.status, documented.text).toBe(201);
    lookups.length = 0;
    await client.post('/api/v1/orders', await orderBody(client));
    const deliveries = await eventually(async () => {
      const reply = await client.get(`/api/v1/webhooks/${documented.body.data.id}/deliveries`);
      return reply.body.data[0]?.status === 'failed' ? reply.body.data : undefined;
    });
    expect(deliveries[0].attempts[0].error).toMatch(/reserved for documentation/);
    expect(lookups).not.toContain('partner.example.com');
  });

  it('refuses at delivery every loopback spelling a changed DNS answer can give, connecting to none', async () => {
    const receiver = await startReceiver();
    try {
      const { port } = new URL(receiver.url);
      const client = new Client(stub().url);
      const spellings = ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '0.0.0.0'];
      const endpoints: [string, string][] = [];
      for (const [i, address] of spellings.entries()) {
        const host = `rebind-${i}.partner-corp.net`;
        answers.set(host, ['93.184.216.34']);
        const created = await client.post('/api/v1/webhooks', {
          url: `http://${host}:${port}/hooks`,
          events: ['order.created'],
        });
        expect(created.status, created.text).toBe(201);
        answers.set(host, [address]);
        endpoints.push([created.body.data.id, address]);
      }
      await client.post('/api/v1/orders', await orderBody(client));
      for (const [id, address] of endpoints) {
        const deliveries = await eventually(async () => {
          const reply = await client.get(`/api/v1/webhooks/${id}/deliveries`);
          return reply.body.data[0]?.status === 'failed' ? reply.body.data : undefined;
        });
        expect(deliveries[0].attempts[0].error, address).toMatch(
          /^refused: .* is (a loopback|an unspecified)/,
        );
      }
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a name resolving to loopback at registration', async () => {
    answers.set('internal.partner-corp.net', ['10.0.0.5', '127.0.0.1']);
    const reply = await new Client(stub().url).post('/api/v1/webhooks', {
      url: 'http://internal.partner-corp.net/hooks',
      events: ['order.created'],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toMatch(
      /internal\.partner-corp\.net resolves to 10\.0\.0\.5 is a private address/,
    );
  });
});

describe('webhook deliveries on an allowed range go to the address the check resolved', () => {
  const stub = stubWith({
    webhookAllowPrivate: ['127.0.0.0/8'],
    webhookTimeout: '400ms',
    webhookLookup: async () => [{ address: '127.0.0.1', family: 4 }],
  });

  it('connects to the resolved address, follows no redirect, and reads a huge answer only in part', async () => {
    const elsewhere = await startReceiver();
    // Redirects to `elsewhere` first, then answers with 5 MB.
    const redirecting = createServer((req, res) => {
      redirecting.count = (redirecting.count ?? 0) + 1;
      req.resume();
      req.on('end', () => {
        if (redirecting.count === 1) res.writeHead(307, { location: elsewhere.url }).end();
        else {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(Buffer.alloc(5 * 1024 * 1024, 'x'));
        }
      });
    }) as ReturnType<typeof createServer> & { count?: number };
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const { port } = redirecting.address() as AddressInfo;
    try {
      const client = new Client(stub().url);
      const created = await client.post('/api/v1/webhooks', {
        url: `http://hooks.partner-corp.net:${port}/hooks`,
        events: ['order.created'],
      });
      expect(created.status, created.text).toBe(201);
      await client.post('/api/v1/orders', await orderBody(client));
      const deliveries = await eventually(async () => {
        const reply = await client.get(`/api/v1/webhooks/${created.body.data.id}/deliveries`);
        return reply.body.data[0]?.status === 'delivered' ? reply.body.data : undefined;
      }, 10_000);
      expect(deliveries[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([307, 200]);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });

  it('gives up on a receiver that never answers within the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const client = new Client(stub().url);
      const created = await client.post('/api/v1/webhooks', {
        url: `http://127.0.0.1:${port}/hooks`,
        events: ['order.created'],
      });
      await client.post('/api/v1/orders', await orderBody(client));
      const deliveries = await eventually(async () => {
        const reply = await client.get(`/api/v1/webhooks/${created.body.data.id}/deliveries`);
        return reply.body.data[0]?.status === 'failed' ? reply.body.data : undefined;
      }, 10_000);
      expect(deliveries[0].attempts[0].error).toMatch(/no answer within 400 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe.skipIf(SHARED.skip)('webhook targets, three instances on PostgreSQL + Redis', () => {
  const shared = useSharedCluster(['--rate-limits', HIGH_LIMITS, '--log-level', 'warn']);
  policySuite(() => shared.url);

  it('refuses at delivery a loopback endpoint an instance with another policy stored', async () => {
    const receiver = await startReceiver();
    const lenient = await startInstance([
      ...sharedStoreArgs(shared.stores),
      '--webhook-allow-private=127.0.0.0/8',
      '--rate-limits',
      HIGH_LIMITS,
      '--log-level',
      'warn',
    ]);
    try {
      const created = await new Client(lenient.url).post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['order.created'],
      });
      expect(created.status, created.text).toBe(201);
      await lenient.stop();
      const strict = new Client(shared.cluster.instances[0]?.url as string);
      await strict.post('/api/v1/orders', await orderBody(strict));
      const deliveries = await eventually(async () => {
        const reply = await strict.get(`/api/v1/webhooks/${created.body.data.id}/deliveries`);
        return reply.body.data[0]?.attempts[0] ? reply.body.data : undefined;
      }, 15_000);
      expect(deliveries[0].attempts[0].error).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await lenient.stop();
      await receiver.close();
    }
  }, 60_000);
});
