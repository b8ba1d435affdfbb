/** @module The stderr lines of a run's progress: where it is, what it waits for, how big it is. */
import type { ProgressEvent } from '../options.ts';

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

/** The line printed for `event`, or `undefined` when it prints none. */
export function progressLine(event: ProgressEvent, verbose: boolean): string | undefined {
  switch (event.kind) {
    case 'estimate':
      return `about ${event.requests} requests, about ${duration(event.seconds)} ${
        event.rateLimits
          ? 'at the given limits (paced to them)'
          : 'if nothing limits them (no --rate-limits: not paced)'
      }`;
    case 'start':
      return event.operations > 0
        ? `checking ${event.operations} operations, seed ${event.seed}`
        : `seed ${event.seed} (semantic checks only: no operation-by-operation pass)`;
    case 'probe':
      return event.name === 'semantics' ? 'semantic checks' : undefined;
    case 'operation':
      return `[${event.index + 1}/${event.total}] ${event.operationId}`;
    case 'wait':
      return `  waiting ${duration(event.ms / 1000)} for ${event.waitingFor} (${event.why})`;
    case 'gave-up':
      return `  not waiting: ${event.why} (lifts in ${duration(event.liftsInMs / 1000)}, over --max-retry-wait ${duration(event.allowanceMs / 1000)}): its requests are rate-limited, not judged`;
    case 'exchange':
      return verbose
        ? `  ${event.phase.padEnd(11)} ${event.method} ${event.url} → ${event.status}`
        : undefined;
  }
}
