import type { Answer } from '../../http/exchange.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';
import { fail } from '../respond.ts';

/** A step's thrown error becomes the operation's error response (checked like any response). */
export const answerErrors: Step<Exchange> = (ex, next) => {
  let answer: Answer;
  try {
    answer = next();
  } catch (error) {
    return fail(ex, error);
  }
  return answer instanceof Promise ? answer.then(undefined, (error: unknown) => fail(ex, error)) : answer;
};
