import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';
import { type FollowUp, type Job, type JobQueue, type JobRunner, type NewJob, withId } from './jobs.ts';
import { storageUnavailable } from './unavailable.ts';

/**
 * Claims the due jobs (score ≤ now) atomically: they are returned and re-scored to the end of
 * their lease, so no other instance takes them while this one runs them. The runner removes a
 * job when done; one whose instance died is due again when its lease ends.
 */
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[3], member) end
return due
`;

/** Removes a finished job and, in the same step, adds what follows it (a retry, a next attempt). */
const REPLACE = `
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2]) end
return 1
`;

/** Settings of {@link RedisJobs}. */
export interface RedisJobsSettings {
  /** How often each instance looks for due jobs. */
  readonly pollMs?: number;
  /** How long a claimed job is kept from the other instances (longer than any run). */
  readonly leaseMs: number;
  /** Jobs claimed per poll. */
  readonly batch?: number;
}

/** First delay before a failed job is tried again, doubled per failure up to {@link MAX_RETRY_MS}. */
const RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

type Commands = {
  regenClaimJobs(key: string, now: number, batch: number, leaseEnd: number): Promise<string[]>;
  regenReplaceJob(key: string, done: string, next: string, dueAt: number): Promise<unknown>;
};

/**
 * The job queue shared by the instances: a sorted set `<prefix>jobs` scored by due time, whose
 * members are the jobs' JSON (`{ id, kind, ...payload }`). Every instance polls it; a job runs
 * on one instance at a time; one whose run throws (PostgreSQL briefly away) is tried again with
 * backoff, never dropped.
 */
export class RedisJobs implements JobQueue {
  readonly key: string;
  private readonly runners = new Map<string, JobRunner>();
  private readonly running = new Set<Promise<void>>();
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly leaseMs: number;
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
    settings: RedisJobsSettings,
  ) {
    this.key = `${prefix}jobs`;
    this.pollMs = settings.pollMs ?? 200;
    this.batch = settings.batch ?? 20;
    this.leaseMs = settings.leaseMs;
    redis.defineCommand('regenClaimJobs', { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand('regenReplaceJob', { numberOfKeys: 1, lua: REPLACE });
  }

  private get commands(): Commands {
    return this.redis as unknown as Commands;
  }

  handle(kind: string, run: JobRunner): void {
    this.runners.set(kind, run);
  }

  /** Starts polling (call once the runners are set). */
  start(): void {
    if (this.poller !== undefined || this.closed) return;
    this.poller = setInterval(() => void this.poll(), this.pollMs);
    this.poller.unref();
  }

  /** Records `job`; 503 when Redis is away (the write asking for it then rolls back). */
  async schedule(job: NewJob, dueAt: number): Promise<void> {
    try {
      await this.redis.zadd(this.key, dueAt, JSON.stringify(withId(job)));
    } catch {
      throw storageUnavailable('Redis');
    }
  }

  runHere(job: NewJob): void {
    const member = JSON.stringify(withId(job));
    if (this.closed) {
      // Shutting down: another instance takes it.
      this.redis
        .zadd(this.key, Date.now(), member)
        .catch((error: Error) =>
          this.logger.error('a job was lost', { kind: job.kind, error: error.message }),
        );
      return;
    }
    this.track(
      (async () => {
        try {
          await this.redis.zadd(this.key, Date.now() + this.leaseMs, member);
        } catch (error) {
          this.logger.warn('a job could not be recorded on Redis; running it here only', {
            kind: job.kind,
            error: (error as Error).message,
          });
        }
        await this.execute(member);
      })(),
    );
  }

  /** Claims and starts the due jobs now (tests; the poller does it every `pollMs`). */
  async poll(): Promise<number> {
    if (this.polling || this.closed) return 0;
    this.polling = true;
    let members: string[];
    try {
      const now = Date.now();
      members = await this.commands.regenClaimJobs(this.key, now, this.batch, now + this.leaseMs);
    } catch {
      return 0; // Redis away: the next poll tries again.
    } finally {
      this.polling = false;
    }
    for (const member of members) this.track(this.execute(member));
    if (members.length === this.batch) setImmediate(() => void this.poll());
    return members.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poller !== undefined) clearInterval(this.poller);
    this.poller = undefined;
    const drained = Promise.allSettled([...this.running]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async execute(member: string): Promise<void> {
    let job: Job;
    try {
      job = JSON.parse(member) as Job;
    } catch {
      this.logger.warn('a malformed job was dropped', { job: member.slice(0, 200) });
      await this.replace(member, undefined);
      return;
    }
    const runner = this.runners.get(job.kind);
    if (runner === undefined) {
      this.logger.warn('a job of an unknown kind was dropped', { kind: job.kind });
      await this.replace(member, undefined);
      return;
    }
    let next: FollowUp | undefined;
    try {
      next = await runner(job);
    } catch (error) {
      const tries = (typeof job.tries === 'number' ? job.tries : 0) + 1;
      const delayMs = Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** (tries - 1));
      this.logger.warn('a job failed; it will be tried again', {
        kind: job.kind,
        id: job.id,
        tries,
        delayMs,
        error: (error as Error).message,
      });
      const again: Job = { ...job, tries };
      await this.replace(member, { job: again, dueAt: Date.now() + delayMs });
      return;
    }
    await this.replace(member, next);
  }

  /**
   * Removes a finished job, adding `next` in the same step. When Redis is away the job stays
   * claimed and runs again when its lease ends (runners are idempotent where it matters).
   */
  private async replace(member: string, next: FollowUp | undefined): Promise<void> {
    try {
      await this.commands.regenReplaceJob(
        this.key,
        member,
        next ? JSON.stringify(withId(next.job)) : '',
        next ? next.dueAt : 0,
      );
    } catch (error) {
      this.logger.warn('could not update a job on Redis; it may run again', {
        error: (error as Error).message,
      });
    }
  }
}
