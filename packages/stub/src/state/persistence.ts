import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ApiKeyRecord } from '../auth/api-key-record.ts';
import type { RefreshSession } from '../auth/refresh-sessions.ts';
import { DEMO_ACCOUNT_ID } from '../config/demo-accounts.ts';
import type { Logger } from '../log/logger.ts';
import type { UserRecord } from '../store/records.ts';
import { PARTITION_RESOURCES, type PartitionData } from '../store/store.ts';
import { parsePartitionKey, partitionKey } from '../store/tenancy.ts';
import type { SeedData } from './seed.ts';

/** Everything the stub persists, as saved in `--data-file` (version 2: with accounts and modes). */
export interface StoreSnapshot extends SeedData {
  readonly version: 2;
  readonly jwtSecret: string;
  readonly sessions: RefreshSession[];
}

/** A version-1 file: one account, one mode, no account ids. */
interface SnapshotV1 extends PartitionData {
  readonly version: 1;
  readonly jwtSecret: string;
  readonly users: Omit<UserRecord, 'accountId'>[];
  readonly apiKeys: Omit<ApiKeyRecord, 'accountId'>[];
  readonly sessions: RefreshSession[];
}

/**
 * Reads a `--data-file`; `undefined` when it does not exist yet. Throws on unreadable content.
 * A version-1 file (before accounts) is read as the demo account's live data, and is saved as
 * version 2 at the next change.
 */
export function loadSnapshot(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    version?: unknown;
    jwtSecret?: unknown;
    users?: unknown;
  };
  if (
    (data.version !== 1 && data.version !== 2) ||
    typeof data.jwtSecret !== 'string' ||
    !Array.isArray(data.users)
  ) {
    throw new Error(`${file} is not a regen-stub data file (version 1 or 2)`);
  }
  if (data.version === 1) return fromVersion1(data as SnapshotV1);
  const problem = version2Problem(data as Partial<StoreSnapshot>);
  if (problem !== undefined) throw new Error(`${file} is not a regen-stub data file (version 2: ${problem})`);
  return data as StoreSnapshot;
}

/** What makes `data` no version-2 data file, if anything (checked before any of it is used). */
function version2Problem(data: Partial<StoreSnapshot>): string | undefined {
  for (const field of ['accounts', 'users', 'apiKeys', 'sessions'] as const)
    if (!Array.isArray(data[field])) return `${field} is not a list`;
  const partitions = data.partitions;
  if (typeof partitions !== 'object' || partitions === null || Array.isArray(partitions))
    return 'partitions is not an object';
  for (const [key, partition] of Object.entries(partitions)) {
    if (parsePartitionKey(key) === undefined) return `partition "${key}" is not <acct_…>/<test|live>`;
    for (const resource of PARTITION_RESOURCES)
      if (!Array.isArray((partition as Partial<PartitionData>)[resource]))
        return `partition "${key}" has no list of ${resource}`;
  }
  return undefined;
}

function fromVersion1(v1: SnapshotV1): StoreSnapshot {
  const accountId = DEMO_ACCOUNT_ID;
  const { version: _v, jwtSecret, users, apiKeys, sessions, ...partition } = v1;
  return {
    version: 2,
    jwtSecret,
    sessions,
    accounts: [],
    users: users.map((u) => ({ ...u, accountId })),
    apiKeys: apiKeys.map((k) => ({ ...k, accountId })),
    partitions: { [partitionKey(accountId, 'live')]: partition },
  };
}

/** Writes the state to disk shortly after changes (atomically: temp file, then rename). */
export class Persister {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => StoreSnapshot,
    private readonly logger: Logger,
    private readonly delayMs = 50,
  ) {}

  /** Schedules a write (coalescing bursts of changes). */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    try {
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.snapshot()), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (error) {
      this.logger.error('could not save the data file', { file: this.file, error: (error as Error).message });
    }
  }
}
