import type {
  Commission,
  Customer,
  InventoryAdjustment,
  InventoryLevel,
  Mode,
  Order,
  Payout,
  Product,
} from '@regen/contract';
import { Collection } from './collection.ts';
import type { WebhookRecord } from './records.ts';

/** The domain data of one account in one mode (a partition), as saved. */
export interface PartitionData {
  readonly products: Product[];
  readonly inventory: InventoryLevel[];
  readonly adjustments: InventoryAdjustment[];
  readonly customers: Customer[];
  readonly orders: Order[];
  readonly commissions: Commission[];
  readonly payouts: Payout[];
  readonly webhooks: WebhookRecord[];
}

/** The collections of a partition, by name (the PostgreSQL `kind` ends with it). */
export const PARTITION_RESOURCES = [
  'products',
  'inventory',
  'adjustments',
  'customers',
  'orders',
  'commissions',
  'payouts',
  'webhooks',
] as const satisfies readonly (keyof PartitionData)[];

/** A partition with no data. */
export function emptyPartition(): PartitionData {
  return {
    products: [],
    inventory: [],
    adjustments: [],
    customers: [],
    orders: [],
    commissions: [],
    payouts: [],
    webhooks: [],
  };
}

/**
 * The domain data one credential can reach: one account's records of one mode. Handlers only
 * ever get the partition of their caller, so another account's (or mode's) ids are simply not
 * there — 404, absent from lists, unknown when referenced in a body.
 */
export class Store {
  readonly products: Collection<Product>;
  readonly inventory: Collection<InventoryLevel>;
  readonly adjustments: Collection<InventoryAdjustment>;
  readonly customers: Collection<Customer>;
  readonly orders: Collection<Order>;
  readonly commissions: Collection<Commission>;
  readonly payouts: Collection<Payout>;
  readonly webhooks: Collection<WebhookRecord>;

  constructor(
    readonly accountId: string,
    readonly mode: Mode,
    data: PartitionData,
    /** Called after every change, to schedule persistence. */
    readonly changed: () => void,
  ) {
    // Sealed (see records/sealed.ts): a write replaces a record instead of changing it, and each
    // record's checked JSON is kept.
    this.products = new Collection(data.products, { sealed: true });
    this.inventory = new Collection(data.inventory, { keyOf: (level) => level.productId, sealed: true });
    this.adjustments = new Collection(data.adjustments, { sealed: true });
    this.customers = new Collection(data.customers, { sealed: true });
    this.orders = new Collection(data.orders, { sealed: true });
    this.commissions = new Collection(data.commissions, { sealed: true });
    this.payouts = new Collection(data.payouts, { sealed: true });
    this.webhooks = new Collection(data.webhooks, { sealed: true });
  }

  /** The partition's data, for `--data-file`. */
  toData(): PartitionData {
    return {
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
