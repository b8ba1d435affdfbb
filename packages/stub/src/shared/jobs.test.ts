import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { type Job, LocalJobs } from './jobs.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('LocalJobs (memory mode)', () => {
  it('runs a job when due, synchronously in its timer, with its payload and an id', async () => {
    const jobs = new LocalJobs(createLogger('silent'));
    const ran: Job[] = [];
    jobs.handle('ping', (job) => {
      ran.push(job);
      return undefined;
    });
    const result = jobs.schedule({ kind: 'ping', n: 1 } as { kind: string }, Date.now() + 30);
    expect(result).toBeUndefined(); // synchronous: no promise
    await sleep(5);
    expect(ran).toHaveLength(0);
    await sleep(60);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ kind: 'ping', n: 1 });
    expect(ran[0]?.id).toMatch(/^job_/);
    await jobs.close();
  });

  it('schedules what a job returns as its follow-up', async () => {
    const jobs = new LocalJobs(createLogger('silent'));
    const attempts: number[] = [];
    jobs.handle('retry', (job) => {
      const attempt = job.attempt as number;
      attempts.push(attempt);
      if (attempt >= 3) return undefined;
      return { job: { kind: 'retry', attempt: attempt + 1 } as { kind: string }, dueAt: Date.now() + 5 };
    });
    jobs.runHere({ kind: 'retry', attempt: 1 } as { kind: string });
    await sleep(80);
    expect(attempts).toEqual([1, 2, 3]);
    await jobs.close();
  });

  it('runs nothing after close, and survives a runner that throws', async () => {
    const jobs = new LocalJobs(createLogger('silent'));
    let runs = 0;
    jobs.handle('boom', () => {
      runs++;
      throw new Error('boom');
    });
    jobs.schedule({ kind: 'boom' }, Date.now());
    await sleep(20);
    expect(runs).toBe(1);
    jobs.schedule({ kind: 'boom' }, Date.now() + 20);
    await jobs.close();
    await sleep(40);
    expect(runs).toBe(1);
  });
});
