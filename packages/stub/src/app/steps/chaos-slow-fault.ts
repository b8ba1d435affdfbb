import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A slow fault delays the work itself, so the request is "in flight" (its idempotency key too) meanwhile. */
export const chaosSlowFault: Step<Exchange> = (ex, next) =>
  ex.fault?.kind === 'slow' ? sleep(ex.fault.delayMs).then(next) : next();
