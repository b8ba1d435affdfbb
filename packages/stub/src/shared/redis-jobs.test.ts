import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../../test/support/shared-stores.ts';
import { createLogger } from '../log/logger.ts';
import type { Job } from './jobs.ts';
import { RedisJobs } from './redis-jobs.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.skipIf(SHARED.skip)('RedisJobs (real Redis)', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const fresh = () => {
    const prefix = `regen_test_jobs_${randomBytes(6).toString('hex')}:`;
    prefixes.push(prefix);
    return prefix;
  };
  const queue = (prefix: string, leaseMs = 5000) =>
    new RedisJobs(redis, prefix, createLogger('silent'), { leaseMs, pollMs: 20 });

  beforeAll(() => {
    redis = new Redis(SHARED.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    for (const prefix of prefixes) await redis.del(`${prefix}jobs`);
    redis.disconnect();
  });

  it('runs each due job exactly once across instances polling together', async () => {
    const prefix = fresh();
    const ran: string[] = [];
    const instances = [queue(prefix), queue(prefix), queue(prefix)];
    for (const q of instances)
      q.handle('count', (job) => {
        ran.push(job.id);
        return undefined;
      });
    for (let i = 0; i < 50; i++) await instances[0]?.schedule({ kind: 'count' }, Date.now() - 1);
    await instances[0]?.schedule({ kind: 'count' }, Date.now() + 60_000); // not due
    for (const q of instances) q.start();
    await sleep(400);
    expect(ran).toHaveLength(50);
    expect(new Set(ran).size).toBe(50);
    expect(await redis.zcard(`${prefix}jobs`)).toBe(1);
    await Promise.all(instances.map((q) => q.close()));
  });

  it('retries a job whose run throws, with backoff, and replaces a job by its follow-up', async () => {
    const prefix = fresh();
    const q = queue(prefix);
    let tries = 0;
    const followed: Job[] = [];
    q.handle('flaky', () => {
      tries++;
      if (tries < 2) throw new Error('PostgreSQL away');
      return { job: { kind: 'next', from: 'flaky' } as { kind: string }, dueAt: Date.now() };
    });
    q.handle('next', (job) => {
      followed.push(job);
      return undefined;
    });
    await q.schedule({ kind: 'flaky' }, Date.now());
    q.start();
    await sleep(1200); // first retry after 500 ms
    expect(tries).toBe(2);
    expect(followed).toHaveLength(1);
    expect(followed[0]).toMatchObject({ kind: 'next', from: 'flaky' });
    expect(await redis.zcard(`${prefix}jobs`)).toBe(0);
    await q.close();
  });

  it('gives a claimed job to another instance when the claiming one never finishes (lease over)', async () => {
    const prefix = fresh();
    const dying = queue(prefix, 150);
    dying.handle('work', () => new Promise<undefined>(() => undefined)); // hangs, as if killed
    const survivor = queue(prefix, 150);
    const ran: Job[] = [];
    survivor.handle('work', (job) => {
      ran.push(job);
      return undefined;
    });
    await dying.schedule({ kind: 'work' }, Date.now());
    expect(await dying.poll()).toBe(1);
    expect(await survivor.poll()).toBe(0); // claimed
    await sleep(200);
    expect(await survivor.poll()).toBe(1);
    await sleep(20);
    expect(ran).toHaveLength(1);
    expect(await redis.zcard(`${prefix}jobs`)).toBe(0);
    await survivor.close();
    void dying.close();
  });
});
