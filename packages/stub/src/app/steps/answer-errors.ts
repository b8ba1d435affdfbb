import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';
import { fail } from '../respond.ts';

/** A step's thrown error becomes the operation's error response (checked like any response). */
export const answerErrors: Step<Exchange> = async (ex, next) => {
  try {
    return await next();
  } catch (error) {
    return fail(ex, error);
  }
};
