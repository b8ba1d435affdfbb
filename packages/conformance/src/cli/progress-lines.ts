/** @module The stderr lines of a run: where it is, what it waits for, how big it is, what it left unjudged. */
import type { ProgressEvent } from '../options.ts';
import type { Report } from '../report/types.ts';
import { RATE_LIMITED } from '../support/rate-limited.ts';

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

/**
 * After the run: the testcases a rate limit left unjudged, by reason, so they stand out from
 * the other skipped ones in the console table.
 */
export function unjudgedLines(report: Report): string[] {
  const byReason = new Map<string, string[]>();
  for (const r of report.results) {
    if (r.status !== 'skipped' || !r.reason?.startsWith(RATE_LIMITED)) continue;
    byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), `${r.check} × ${r.operationId}`]);
  }
  return [...byReason].map(
    ([reason, which]) =>
      `${which.length} testcase${which.length === 1 ? '' : 's'} skipped, ${reason} (${which.slice(0, 4).join(', ')}${which.length > 4 ? ', …' : ''})`,
  );
}
