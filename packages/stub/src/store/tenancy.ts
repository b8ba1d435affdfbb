import type { Mode } from '@regen/contract';
import { DEMO_ACCOUNT_ID } from '../config/demo-accounts.ts';
import type { PlanLimits, PlanName } from '../config/plans.ts';
import { Collection } from './collection.ts';
import type { UserRecord } from './records.ts';
import { emptyPartition, type PartitionData, Store } from './store.ts';

/** An account (tenant): its users, API keys, OAuth clients and both modes of data belong to it. */
export interface AccountRecord {
  readonly id: string;
  name: string;
  plan: PlanName;
  /** The agreed tiers of a `custom` plan; `null` otherwise. */
  customLimits: Partial<PlanLimits> | null;
  readonly createdAt: string;
}

/** Everything of the accounts but API keys and sessions, as saved. */
export interface TenancyData {
  readonly accounts: AccountRecord[];
  readonly users: UserRecord[];
  /** Domain data by partition key (`<accountId>/<mode>`). */
  readonly partitions: Readonly<Record<string, PartitionData>>;
}

/** The key of an account's partition of one mode. */
export function partitionKey(accountId: string, mode: Mode): string {
  return `${accountId}/${mode}`;
}

const PARTITION_KEY = /^(acct_[A-Za-z0-9]{8,32})\/(test|live)$/;

/** The account and mode a {@link partitionKey} names, or `undefined` for anything else. */
export function parsePartitionKey(key: string): { accountId: string; mode: Mode } | undefined {
  const match = PARTITION_KEY.exec(key);
  return match ? { accountId: match[1] as string, mode: match[2] as Mode } : undefined;
}

/**
 * The accounts, their users, and one {@link Store} per account and mode.
 */
export class Tenancy {
  readonly accounts: Collection<AccountRecord>;
  readonly users: Collection<UserRecord>;
  /** Partitions by account, then mode (two lookups: no key string built per request). */
  private readonly partitions = new Map<string, Partial<Record<Mode, Store>>>();

  constructor(
    data: TenancyData,
    /** Called after every change, to schedule persistence. */
    readonly changed: () => void,
    /** Called when a partition is made (the PostgreSQL store starts tracking its collections). */
    private readonly onPartition?: (store: Store) => void,
  ) {
    this.accounts = new Collection(data.accounts);
    this.users = new Collection(data.users);
    for (const [key, partition] of Object.entries(data.partitions)) {
      const at = parsePartitionKey(key);
      if (at === undefined) throw new Error(`"${key}" is not a partition (<acct_…>/<test|live>)`);
      this.make(at.accountId, at.mode, partition);
    }
  }

  /** The data of `accountId` in `mode` (made empty on first use). */
  partition(accountId: string, mode: Mode): Store {
    return this.partitions.get(accountId)?.[mode] ?? this.make(accountId, mode, emptyPartition());
  }

  /** Every partition made so far. */
  *allPartitions(): IterableIterator<Store> {
    for (const modes of this.partitions.values())
      for (const store of Object.values(modes)) if (store !== undefined) yield store;
  }

  /** The demo account's id: `--admin-key` and OAuth clients registered without an account act in it. */
  defaultAccountId(): string {
    return DEMO_ACCOUNT_ID;
  }

  /** The user with this email (case-insensitive; emails are unique across accounts). */
  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** The owner of an account: its API keys and client-credentials tokens act as this user. */
  owner(accountId: string): UserRecord {
    const owner = this.ownerOf(accountId);
    if (owner === undefined) throw new Error(`Account ${accountId} has no CLIENT_OWNER user`);
    return owner;
  }

  /** The owner of an account, or `undefined` when there is no such account (or owner). */
  ownerOf(accountId: string): UserRecord | undefined {
    // A lookup, not a change: peek, so a write asking for the owner saves no user (PostgreSQL).
    for (const id of this.users.ids()) {
      const user = this.users.peek(id);
      if (user?.accountId === accountId && user.role === 'CLIENT_OWNER') return user;
    }
    return undefined;
  }

  toData(): TenancyData {
    const partitions: Record<string, PartitionData> = {};
    for (const store of this.allPartitions())
      partitions[partitionKey(store.accountId, store.mode)] = store.toData();
    return { accounts: this.accounts.toArray(), users: this.users.toArray(), partitions };
  }

  private make(accountId: string, mode: Mode, data: PartitionData): Store {
    const store = new Store(accountId, mode, data, this.changed);
    let modes = this.partitions.get(accountId);
    if (modes === undefined) {
      modes = {};
      this.partitions.set(accountId, modes);
    }
    modes[mode] = store;
    this.onPartition?.(store);
    return store;
  }
}
