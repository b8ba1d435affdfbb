/**
 * Plans (the contract's "Rate limits"): an account's limits come from its plan. The demo
 * account's plan is `--plan` (option `plan`), the second seeded account (Northwind) is on `free`,
 * and `--rate-limits` tiers win over every plan. `X-RateLimit-*` report the applicable bucket with
 * the fewest requests left (ties: the one resetting last), so which tier shows is worked out below
 * from the plans' numbers.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type StubOptions, type StubServer, startStub } from '../src/index.ts';
import { startInstance } from './support/cluster.ts';
import { ADMIN_KEY, Client, type Reply, sleep } from './support/stub.ts';

const PASSWORD = 'regen-demo-password';
const NORTHWIND = 'acct_8Hn3Vb6Kx1P';
const HOUR = 3600;
const DAY = 86_400;

/** A value of the `plan` option. */
type Plan = NonNullable<StubOptions['plan']>;

/** A stub with the product's own limits (no raised test limits: they would win over every plan). */
async function withStub<T>(
  options: StubOptions,
  run: (client: Client, stub: StubServer) => Promise<T>,
): Promise<T> {
  const stub = await startStub({ port: 0, adminKey: ADMIN_KEY, logLevel: 'silent', ...options });
  try {
    await stub.ready;
    return await run(new Client(stub.url), stub);
  } finally {
    await stub.close();
    expect(stub.violations).toEqual([]);
  }
}

interface Shown {
  limit: number;
  remaining: number;
  /** Seconds from now until `X-RateLimit-Reset`. */
  resetIn: number;
}

function shown(reply: Reply): Shown {
  return {
    limit: Number(reply.headers.get('x-ratelimit-limit')),
    remaining: Number(reply.headers.get('x-ratelimit-remaining')),
    resetIn: Number(reply.headers.get('x-ratelimit-reset')) - Date.now() / 1000,
  };
}

/** Asserts the bucket shown resets about `windowSeconds` from now (whole seconds, so ±2 s). */
function expectWindow(s: Shown, windowSeconds: number) {
  expect(s.resetIn).toBeGreaterThan(windowSeconds - 3);
  expect(s.resetIn).toBeLessThanOrEqual(windowSeconds + 1);
}

const read = (client: Client, options = {}) => client.get('/api/v1/products?limit=1', options);
const write = (client: Client, options = {}) =>
  client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['order.created'] }, options);

async function loginAs(client: Client, email: string): Promise<string> {
  const reply = await client.post('/api/auth/login', { email, password: PASSWORD }, { key: null });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.accessToken as string;
}

/**
 * Per plan, the first request of a fresh identity: a write (standard, burst and write tiers count),
 * then a read. Fewest left wins; on a tie the later reset.
 */
const CASES: {
  plan: Plan;
  name: string;
  write: { limit: number; remaining: number; window: number };
  read: { limit: number; window: number };
}[] = [
  // free: 1,000/day, 10/s, writes 500/day. Write: 999 / 9 / 499 left → burst.
  {
    plan: 'free',
    name: 'free',
    write: { limit: 10, remaining: 9, window: 1 },
    read: { limit: 10, window: 1 },
  },
  // standard: 100/h, 10/min, writes 50/h. Write: 99 / 9 / 49 → burst.
  {
    plan: 'standard',
    name: 'standard',
    write: { limit: 10, remaining: 9, window: 60 },
    read: { limit: 10, window: 60 },
  },
  // pro: 100,000/day, 100/s, writes 50,000/day. Write: 99,999 / 99 / 49,999 → burst.
  {
    plan: 'pro',
    name: 'pro',
    write: { limit: 100, remaining: 99, window: 1 },
    read: { limit: 100, window: 1 },
  },
  // custom 5000/1h, 50/1m, writes standard's 50/1h. Write: 4,999 / 49 / 49 → tie, the write tier
  // resets last (1 h). Read then: 4,998 / 48 → burst.
  {
    plan: 'custom:standard=5000/1h,burst=50/1m',
    name: 'custom (string)',
    write: { limit: 50, remaining: 49, window: HOUR },
    read: { limit: 50, window: 60 },
  },
  // custom as an object, standard 3/1h (burst and write standard's: 10/min, 50/h). Write: 2 / 9 / 49
  // → standard. Read: 1 / 8 → standard.
  {
    plan: { plan: 'custom', custom: { standard: { limit: 3, windowMs: HOUR * 1000 } } },
    name: 'custom (object)',
    write: { limit: 3, remaining: 2, window: HOUR },
    read: { limit: 3, window: HOUR },
  },
];

describe('the demo account’s plan (option plan / --plan)', () => {
  for (const c of CASES) {
    it(`${c.name}: X-RateLimit-* show the plan's closest bucket`, async () => {
      await withStub({ plan: c.plan }, async (client) => {
        const w = await write(client);
        expect(w.status, w.text).toBe(201);
        const sw = shown(w);
        expect({ limit: sw.limit, remaining: sw.remaining }).toEqual({
          limit: c.write.limit,
          remaining: c.write.remaining,
        });
        expectWindow(sw, c.write.window);
        const r = await read(client);
        expect(r.status).toBe(200);
        const sr = shown(r);
        expect(sr.limit).toBe(c.read.limit);
        expectWindow(sr, c.read.window);
      });
    });
  }

  it('refuses exactly at the plan’s burst, with Retry-After, per identity', async () => {
    await withStub({ plan: 'custom:standard=5000/1h,burst=3/1m' }, async (client) => {
      const admitted: Reply[] = [];
      for (let i = 0; i < 3; i++) admitted.push(await read(client));
      expect(admitted.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(admitted.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);
      expect(admitted.map((r) => r.headers.get('x-ratelimit-limit'))).toEqual(['3', '3', '3']);
      const refused = await read(client);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limit_exceeded');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      // Another credential of the account (the demo user's session) has its own buckets.
      const token = await loginAs(client, 'demo@regen.test');
      const other = await read(client, { bearer: token });
      expect(other.status).toBe(200);
      expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
    });
  });

  it('free: admits 10 simultaneous requests per second, and asks to retry after 1 s', async () => {
    await withStub({ plan: 'free' }, async (client) => {
      // A fixed window of one second starts at the first request: if the batch straddles its end,
      // more than 10 pass, so try a few times.
      let statuses: number[] = [];
      let refused: Reply | undefined;
      for (let attempt = 0; attempt < 4; attempt++) {
        const replies = await Promise.all(Array.from({ length: 15 }, () => read(client)));
        statuses = replies.map((r) => r.status);
        refused = replies.find((r) => r.status === 429);
        if (statuses.filter((s) => s === 200).length === 10) break;
        await sleep(1100);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      expect(refused?.headers.get('retry-after')).toBe('1');
      await sleep(1100);
      expect((await read(client)).status).toBe(200);
    });
  });
});

describe('accounts on different plans in one stub', () => {
  it('Northwind (free) shows free’s numbers while the demo account shows standard’s', async () => {
    await withStub({}, async (client) => {
      const northwind = await loginAs(client, 'northwind@regen.test');
      const health = await client.get('/api/health', { bearer: northwind });
      expect(health.body.data.credential).toMatchObject({ accountId: NORTHWIND, mode: 'live' });

      // Both plans' bursts are 10, over different windows: a second (free) and a minute (standard).
      const nw = shown(await read(client, { bearer: northwind }));
      expect(nw.limit).toBe(10);
      expectWindow(nw, 1);
      const demo = shown(await read(client));
      expect(demo.limit).toBe(10);
      expectWindow(demo, 60);
      const demoUser = shown(await read(client, { bearer: await loginAs(client, 'admin@regen.test') }));
      expect(demoUser.limit).toBe(10);
      expectWindow(demoUser, 60);
    });
  });

  it('with a burst raised out of the way, the request tiers differ: 100/h against 1,000/day', async () => {
    await withStub({ rateLimits: 'burst=100000/1m' }, async (client) => {
      const northwind = await loginAs(client, 'northwind@regen.test');
      // Northwind: 999 of 1,000/day left against 99,999 of the burst → its request tier.
      const nw = shown(await read(client, { bearer: northwind }));
      expect(nw).toMatchObject({ limit: 1000, remaining: 999 });
      expectWindow(nw, DAY);
      // A write: 998 / 99,998 / 499 of 500 writes/day → its write tier.
      const nwWrite = await write(client, { bearer: northwind });
      expect(nwWrite.status, nwWrite.text).toBe(201);
      expect(shown(nwWrite)).toMatchObject({ limit: 500, remaining: 499 });
      expectWindow(shown(nwWrite), DAY);
      // The demo account (standard): 99 of 100/h.
      const demo = shown(await read(client));
      expect(demo).toMatchObject({ limit: 100, remaining: 99 });
      expectWindow(demo, HOUR);
    });
  });
});

describe('--rate-limits (option rateLimits) wins over every plan', () => {
  it('an overridden tier applies to the demo account on pro and to Northwind on free', async () => {
    await withStub({ plan: 'pro', rateLimits: 'burst=2/1m' }, async (client) => {
      const northwind = await loginAs(client, 'northwind@regen.test');
      for (const options of [{}, { bearer: northwind }]) {
        const statuses: number[] = [];
        let last: Reply | undefined;
        for (let i = 0; i < 3; i++) {
          last = await read(client, options);
          statuses.push(last.status);
        }
        expect(statuses).toEqual([200, 200, 429]);
        expect(last?.headers.get('x-ratelimit-limit')).toBe('2');
        expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(1);
      }
    });
  });

  it('the tiers not given stay the plan’s', async () => {
    await withStub({ plan: 'pro', rateLimits: 'burst=1000000/1m' }, async (client) => {
      // pro: 99,999 of 100,000/day against 999,999 of the burst → the plan's request tier.
      const demo = shown(await read(client));
      expect(demo).toMatchObject({ limit: 100_000, remaining: 99_999 });
      expectWindow(demo, DAY);
    });
  });
});

describe('an invalid plan', () => {
  it('makes startStub reject with a RangeError naming the plans', async () => {
    const start = (plan: Plan) => startStub({ port: 0, logLevel: 'silent', plan });
    await expect(start('gold')).rejects.toThrow(RangeError);
    await expect(start('gold')).rejects.toThrow(/Invalid plan "gold".*free.*standard.*pro.*custom:/);
    await expect(start('Pro')).rejects.toThrow(/Invalid plan "Pro"/);
    await expect(start('custom')).rejects.toThrow(/Invalid plan "custom"/);
    await expect(start('custom:fast=1/1s')).rejects.toThrow(RangeError);
  });

  it('given as an object, is refused the same way (not at the first request)', async () => {
    // JavaScript callers (and JSON configuration) are not held back by the PlanSetting type.
    const plan = { plan: 'gold' } as unknown as Plan;
    let started: StubServer | undefined;
    let error: unknown;
    try {
      started = await startStub({ port: 0, adminKey: ADMIN_KEY, logLevel: 'silent', plan });
    } catch (caught) {
      error = caught;
    }
    if (started !== undefined) {
      // Accepted: show what a request then meets before failing.
      const reply = await read(new Client(started.url));
      await started.close();
      expect.fail(
        `startStub accepted { plan: 'gold' }; the first request answered ${reply.status} ${reply.text}`,
      );
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).toMatch(/Invalid plan "gold"/);
  });
});

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
const NODE_ARGS = ['--conditions=@regen/source', '--import', TSX, CLI];

describe('regen-stub --plan', () => {
  it('is listed by --help and refuses an unknown plan', () => {
    const help = spawnSync(process.execPath, [...NODE_ARGS, '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--plan');
    const bad = spawnSync(process.execPath, [...NODE_ARGS, '--port', '0', '--plan', 'gold'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('Invalid plan "gold"');
  });

  it('--plan pro gives the demo account pro’s limits', async () => {
    const instance = await startInstance([
      '--admin-key',
      ADMIN_KEY,
      '--plan',
      'pro',
      '--log-level',
      'silent',
    ]);
    try {
      const reply = await new Client(instance.url).get('/api/v1/products?limit=1');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('100');
      expect(reply.headers.get('x-ratelimit-remaining')).toBe('99');
      const exited = new Promise<number | null>((resolve) => instance.child.once('exit', resolve));
      instance.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await instance.stop();
    }
  });
});
