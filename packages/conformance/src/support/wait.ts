/** @module Bounded waits, through the run's sleep so tests can observe them. */
import type { CheckContext } from './context.ts';

/** Waits `ms` (through the run's sleep, so tests can observe it). */
export function wait(ctx: CheckContext, ms: number): Promise<void> {
  return ms > 0 ? ctx.client.sleep(ms) : Promise.resolve();
}
