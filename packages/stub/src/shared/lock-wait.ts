/**
 * How long write transactions waited for their partitions: in this instance (behind an earlier
 * write of the same partition, and for a pooled connection), and for the partition row lock in
 * PostgreSQL, measured by PostgreSQL itself (`clock_timestamp()` right before and after the
 * claim or the `FOR UPDATE`, so the network is not counted). Kept only when
 * `REGEN_STUB_LOCK_WAIT_STATS=1` (a benchmark's switch, not an option of the stub): printed as one
 * JSON line on stdout when the store closes.
 */
export class LockWaitStats {
  private readonly locks: number[] = [];
  private readonly queues: number[] = [];
  /** Claimed writes that found a partition moved on and ran again under the lock. */
  private reruns = 0;

  /** The switch, read once per store. */
  static fromEnv(): LockWaitStats | undefined {
    return process.env.REGEN_STUB_LOCK_WAIT_STATS === '1' ? new LockWaitStats() : undefined;
  }

  record(queueMs: number, lockMs: number): void {
    this.queues.push(queueMs);
    this.locks.push(lockMs);
  }

  ranAgain(): void {
    this.reruns++;
  }

  /**
   * `{ event: 'lock-wait', count, meanMs, p50Ms, p99Ms, maxMs }` of the PostgreSQL lock waits,
   * plus `queueMeanMs` and `queueP99Ms` of the waits in the instance, and `reruns`: claims that
   * found a partition moved on (their second, locked attempt is counted among the waits too).
   */
  summary(): Record<string, number | string> {
    const lock = stats(this.locks);
    const queue = stats(this.queues);
    return {
      event: 'lock-wait',
      ...lock,
      queueMeanMs: queue.meanMs,
      queueP99Ms: queue.p99Ms,
      reruns: this.reruns,
    };
  }
}

function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const total = sorted.reduce((s, x) => s + x, 0);
  return {
    count: sorted.length,
    meanMs: round(sorted.length === 0 ? 0 : total / sorted.length),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
