import type { Logger } from '../log/logger.ts';
import { newId } from '../store/ids.ts';
import type { MaybePromise } from './types.ts';

/** A unit of background work: `kind` names its runner, the other fields are its payload (JSON). */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** A job to schedule (its payload: any further JSON fields); its `id` is made when absent. */
export interface NewJob {
  readonly id?: string;
  readonly kind: string;
}

/** What a runner may ask for when it is done: the job that follows it (a webhook retry). */
export interface FollowUp {
  readonly job: NewJob;
  readonly dueAt: number;
}

/**
 * Runs one job. On the shared queue a runner that throws is tried again later (with backoff);
 * a returned {@link FollowUp} replaces the finished job atomically.
 */
export type JobRunner = (job: Job) => MaybePromise<FollowUp | undefined>;

/**
 * Background work that must outlive the request which asked for it (settling a payout, retrying
 * a webhook). In memory mode: in-process timers. On Redis ({@link RedisJobs}): a queue every
 * instance polls, so a job runs on exactly one instance even if the one that scheduled it dies.
 */
export interface JobQueue {
  /** Runs `job` at `dueAt` (epoch ms). Synchronous in memory; a promise on the shared queue. */
  schedule(job: NewJob, dueAt: number): MaybePromise<void>;
  /**
   * Runs `job` here at once; on the shared queue it is recorded first (claimed by this instance),
   * so another instance runs it if this one dies before finishing.
   */
  runHere(job: NewJob): void;
  /** Sets the runner of `kind`. */
  handle(kind: string, run: JobRunner): void;
  /** Stops scheduling and polling; resolves once the jobs running here have finished. */
  close(): Promise<void>;
}

/** `job` with its id. */
export function withId(job: NewJob): Job {
  return (job.id === undefined ? { id: newId('job'), ...job } : job) as Job;
}

/** The in-process queue of memory mode: one timer per job, runners called synchronously. */
export class LocalJobs implements JobQueue {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly runners = new Map<string, JobRunner>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  handle(kind: string, run: JobRunner): void {
    this.runners.set(kind, run);
  }

  schedule(job: NewJob, dueAt: number): void {
    if (this.closed) return;
    const full = withId(job);
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.run(full);
      },
      Math.max(0, dueAt - Date.now()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  runHere(job: NewJob): void {
    this.schedule(job, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private run(job: Job): void {
    const runner = this.runners.get(job.kind);
    if (runner === undefined) {
      this.logger.warn('a job of an unknown kind was dropped', { kind: job.kind });
      return;
    }
    const failed = (error: unknown) =>
      this.logger.error('a scheduled job failed', { kind: job.kind, error: (error as Error).message });
    try {
      const result = runner(job);
      if (result instanceof Promise) result.then((next) => this.followUp(next), failed);
      else this.followUp(result);
    } catch (error) {
      failed(error);
    }
  }

  private followUp(next: FollowUp | undefined): void {
    if (next) this.schedule(next.job, next.dueAt);
  }
}
