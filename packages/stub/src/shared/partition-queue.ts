/**
 * Runs the work of one instance on sets of partitions one after another per partition: work on
 * disjoint partitions runs at once, work sharing a partition waits for the earlier one. Each run
 * waits only for runs queued before it, so runs on overlapping sets cannot deadlock.
 */
export class PartitionQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(partitions: readonly string[], work: () => Promise<T>): Promise<T> {
    const before: Promise<void>[] = [];
    for (const partition of partitions) {
      const tail = this.tails.get(partition);
      if (tail !== undefined) before.push(tail);
    }
    const run =
      before.length === 0
        ? work()
        : (before.length === 1 ? (before[0] as Promise<void>) : Promise.all(before)).then(work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    for (const partition of partitions) this.tails.set(partition, settled);
    // Forget idle partitions, so the map holds only those with work queued.
    void settled.then(() => {
      for (const partition of partitions)
        if (this.tails.get(partition) === settled) this.tails.delete(partition);
    });
    return run;
  }
}
