import type { Answer } from '../http/exchange.ts';

/** Runs the rest of the pipeline: its response, or the promise of it. */
export type Next = () => Answer;

/**
 * One step of the request pipeline: answers itself (an error, a preflight, a replay) or calls
 * `next` and may act on the response it gets back, which is a promise only when some step had
 * to wait. A step that need not wait returns `next()` as is; a thrown error rejects the pipeline.
 */
export type Step<C> = (ctx: C, next: Next) => Answer;

/**
 * Chains steps into one (in the style of hono's `compose`): the first runs first and gets the
 * others as its `next`. The last step must answer: calling `next` past it, or twice, is a bug
 * and rejects.
 */
export function compose<C>(steps: readonly Step<C>[]): (ctx: C) => Answer {
  return (ctx) => {
    let reached = -1;
    const dispatch = (index: number): Answer => {
      if (index <= reached) return Promise.reject(new Error('a pipeline step called next() twice'));
      reached = index;
      const step = steps[index];
      if (step === undefined) return Promise.reject(new Error('the last pipeline step called next()'));
      try {
        return step(ctx, () => dispatch(index + 1));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
}
