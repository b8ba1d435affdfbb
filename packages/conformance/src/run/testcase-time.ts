/**
 * @module The time each testcase spent, so that testcase times add up to no more than the run.
 * A request's time belongs to the testcases that judged it, split evenly among them (five
 * response checks judging one response get a fifth each); the requests of a check that sends
 * its own (security probes, scenarios) and its waits are its wall time, split evenly among the
 * operations it reports on. Nothing is counted twice, so the sum is at most the run's wall time.
 */
import type { Exchange } from '../support/exchange.ts';

interface Share {
  readonly ms: number;
  readonly testcases: Set<string>;
}

/** Collects request times and check wall times; testcases are named by a key. */
export class TestcaseClock {
  private readonly shares: Share[] = [];
  private readonly byExchange = new WeakMap<Exchange, Share>();
  private readonly walls: { readonly check: string; readonly ms: number }[] = [];
  private running: string | undefined;

  /** `testcase` judged `exchange`: it gets a share of that request's time. */
  judged(testcase: string, exchange: Exchange): void {
    // Inside a timed check its wall time covers every request it sent.
    if (this.running !== undefined) return;
    let share = this.byExchange.get(exchange);
    if (!share) {
      share = { ms: exchange.response.elapsedMs, testcases: new Set() };
      this.byExchange.set(exchange, share);
      this.shares.push(share);
    }
    share.testcases.add(testcase);
  }

  /** Runs `work`, a check that sends its own requests; its wall time goes to its testcases. */
  async timed(check: string, work: () => Promise<void>): Promise<void> {
    const started = performance.now();
    this.running = check;
    try {
      await work();
    } finally {
      this.running = undefined;
      this.walls.push({ check, ms: performance.now() - started });
    }
  }

  /** Milliseconds per testcase key; `testcasesOf(check)` names the testcases a check recorded. */
  durations(testcasesOf: (check: string) => readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const add = (testcase: string, ms: number) => out.set(testcase, (out.get(testcase) ?? 0) + ms);
    for (const share of this.shares)
      for (const testcase of share.testcases) add(testcase, share.ms / share.testcases.size);
    for (const wall of this.walls) {
      const testcases = testcasesOf(wall.check);
      for (const testcase of testcases) add(testcase, wall.ms / testcases.length);
    }
    return out;
  }
}
