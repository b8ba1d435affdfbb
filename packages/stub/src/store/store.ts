import type {
  Commission,
  Customer,
  InventoryAdjustment,
  InventoryLevel,
  Order,
  Payout,
  Product,
} from '@regen/contract';
import type { ApiKeyRecord } from '../auth/api-key-record.ts';
import type { RefreshSession } from '../auth/refresh-sessions.ts';
import { Collection } from './collection.ts';
import type { UserRecord, WebhookRecord } from './records.ts';

/** Everything the stub persists, as saved in `--data-file`. */
export interface StoreSnapshot {
  readonly version: 1;
  readonly jwtSecret: string;
  readonly users: UserRecord[];
  readonly apiKeys: ApiKeyRecord[];
  readonly sessions: RefreshSession[];
  readonly products: Product[];
  readonly inventory: InventoryLevel[];
  readonly adjustments: InventoryAdjustment[];
  readonly customers: Customer[];
  readonly orders: Order[];
  readonly commissions: Commission[];
  readonly payouts: Payout[];
  readonly webhooks: WebhookRecord[];
}

/** The domain data of the stub: one collection per resource. */
export class Store {
  readonly users: Collection<UserRecord>;
  readonly products: Collection<Product>;
  readonly inventory: Collection<InventoryLevel>;
  readonly adjustments: Collection<InventoryAdjustment>;
  readonly customers: Collection<Customer>;
  readonly orders: Collection<Order>;
  readonly commissions: Collection<Commission>;
  readonly payouts: Collection<Payout>;
  readonly webhooks: Collection<WebhookRecord>;

  constructor(
    data: Omit<StoreSnapshot, 'version' | 'jwtSecret' | 'apiKeys' | 'sessions'>,
    /** Called after every change, to schedule persistence. */
    readonly changed: () => void,
  ) {
    this.users = new Collection(data.users);
    this.products = new Collection(data.products);
    this.inventory = new Collection(data.inventory, (level) => level.productId);
    this.adjustments = new Collection(data.adjustments);
    this.customers = new Collection(data.customers);
    this.orders = new Collection(data.orders);
    this.commissions = new Collection(data.commissions);
    this.payouts = new Collection(data.payouts);
    this.webhooks = new Collection(data.webhooks);
  }

  /** The user with this email (case-insensitive). */
  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** The account owner: API keys and client-credentials tokens act as this user. */
  owner(): UserRecord {
    for (const user of this.users.values()) if (user.role === 'CLIENT_OWNER') return user;
    throw new Error('The store has no CLIENT_OWNER user');
  }

  /** The domain part of a snapshot. */
  toData(): Omit<StoreSnapshot, 'version' | 'jwtSecret' | 'apiKeys' | 'sessions'> {
    return {
      users: this.users.toArray(),
      products: this.products.toArray(),
      inventory: this.inventory.toArray(),
      adjustments: this.adjustments.toArray(),
      customers: this.customers.toArray(),
      orders: this.orders.toArray(),
      commissions: this.commissions.toArray(),
      payouts: this.payouts.toArray(),
      webhooks: this.webhooks.toArray(),
    };
  }
}
