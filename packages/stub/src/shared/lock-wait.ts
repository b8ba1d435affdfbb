/**
 * How long write transactions waited for their partition locks, measured by PostgreSQL itself
 * (`clock_timestamp()` right before and after the `FOR UPDATE`), so network and pool waits are
 * not counted. Kept only when `REGEN_STUB_LOCK_WAIT_STATS=1` (a benchmark's switch, not an option
 * of the stub): printed as one JSON line on stdout when the store closes.
 */
export class LockWaitStats {
  private readonly samples: number[] = [];

  /** The switch, read once per store. */
  static fromEnv(): LockWaitStats | undefined {
    return process.env.REGEN_STUB_LOCK_WAIT_STATS === '1' ? new LockWaitStats() : undefined;
  }

  record(ms: number): void {
    this.samples.push(ms);
  }

  /** `{ event: 'lock-wait', count, meanMs, p50Ms, p99Ms, maxMs }`. */
  summary(): Record<string, number | string> {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    const total = sorted.reduce((s, x) => s + x, 0);
    return {
      event: 'lock-wait',
      count: sorted.length,
      meanMs: round(sorted.length === 0 ? 0 : total / sorted.length),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: round(sorted[sorted.length - 1] ?? 0),
    };
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
