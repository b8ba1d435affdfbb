import { describe, expect, it } from 'vitest';
import type { StubResponse } from '../http/exchange.ts';
import { compose, type Step } from './compose.ts';

const answer = (status: number): StubResponse => ({ status, headers: {}, body: undefined });

describe('compose', () => {
  it('runs the steps in order, each around the ones after it', async () => {
    const seen: string[] = [];
    const around =
      (name: string): Step<string[]> =>
      async (log, next) => {
        log.push(`${name} in`);
        const response = await next();
        log.push(`${name} out`);
        return response;
      };
    const run = compose<string[]>([
      around('a'),
      around('b'),
      (log) => {
        log.push('last');
        return Promise.resolve(answer(200));
      },
    ]);
    expect((await run(seen)).status).toBe(200);
    expect(seen).toEqual(['a in', 'b in', 'last', 'b out', 'a out']);
  });

  it('lets a step answer without running the rest', async () => {
    let reached = false;
    const run = compose<null>([
      () => Promise.resolve(answer(204)),
      () => {
        reached = true;
        return Promise.resolve(answer(200));
      },
    ]);
    expect((await run(null)).status).toBe(204);
    expect(reached).toBe(false);
  });

  it('turns a synchronous throw into a rejection an earlier step can catch', async () => {
    const run = compose<null>([
      async (_ctx, next) => {
        try {
          return await next();
        } catch {
          return answer(500);
        }
      },
      () => {
        throw new Error('refused');
      },
    ]);
    expect((await run(null)).status).toBe(500);
  });

  it('rejects when a step calls next twice, or the last step calls next', async () => {
    const twice = compose<null>([
      async (_ctx, next) => {
        await next();
        return next();
      },
      () => Promise.resolve(answer(200)),
    ]);
    await expect(twice(null)).rejects.toThrow('twice');
    const pastTheEnd = compose<null>([(_ctx, next) => next()]);
    await expect(pastTheEnd(null)).rejects.toThrow('last pipeline step');
  });
});
