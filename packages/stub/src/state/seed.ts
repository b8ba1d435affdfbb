import type {
  Address,
  Commission,
  Customer,
  InventoryAdjustment,
  InventoryLevel,
  Order,
  Payout,
  Product,
} from '@regen/contract';
import type { Scope } from '@regen/contract/scopes';
import type { ApiKeyRecord } from '../auth/api-key-record.ts';
import { generateApiKey, hashApiKey } from '../auth/api-key-secret.ts';
import { accountLocal, DEMO_USERS, demoEmailOf, SEEDED_ACCOUNTS } from '../config/demo-accounts.ts';
import type { PlanSetting } from '../config/plans.ts';
import { randomBase62 } from '../http/request-id.ts';
import type { UserRecord } from '../store/records.ts';
import { CUSTOMERS, DOCUMENTED_IDS, PRODUCTS, REGIONS } from '../store/seed-data.ts';
import type { PartitionData } from '../store/store.ts';
import { partitionKey, type TenancyData } from '../store/tenancy.ts';

/** The seeded state: accounts, users, API keys and every partition's data. */
export interface SeedData extends TenancyData {
  readonly apiKeys: ApiKeyRecord[];
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DAY = 86_400_000;

/** mulberry32: a tiny deterministic PRNG, so the demo data (and its ids) is the same on every start. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** No data at all (with PostgreSQL the store is filled from the database). */
export function emptySeed(): SeedData {
  return { accounts: [], users: [], apiKeys: [], partitions: {} };
}

/**
 * Builds the seeded accounts (SEEDED_ACCOUNTS): each with one user per role (passwords hashed
 * later) and, unless `withData` is false, both modes of demo data and two API keys whose secrets
 * nobody knows. The demo account's live data carries the contract's documented ids; every other
 * partition draws its own, so no id exists in two partitions. Deterministic apart from timestamps
 * relative to `now`.
 */
export function buildSeed(now: number, demoEmail: string, withData: boolean, plan: PlanSetting): SeedData {
  const seed: SeedData = emptySeed();
  const partitions: Record<string, PartitionData> = {};
  for (const account of SEEDED_ACCOUNTS) {
    const random = prng(account.seed);
    const id = idMaker(random);
    const setting: PlanSetting = account.documented ? plan : { plan: account.plan };
    seed.accounts.push({
      id: account.id,
      name: account.name,
      plan: setting.plan,
      customLimits: setting.custom ?? null,
      createdAt: iso(now - 500 * DAY),
    });
    const users: UserRecord[] = DEMO_USERS.map((u, i) => {
      const generated = id('usr'); // drawn even when replaced, so every later id stays the same
      return {
        id: account.documented && i === 0 ? DOCUMENTED_IDS.owner : generated,
        accountId: account.id,
        email: demoEmailOf(accountLocal(account.emailLocal, u.local), demoEmail),
        name: u.name,
        role: u.role,
        passwordHash: '',
        createdAt: iso(now - (400 - i * 20) * DAY),
      };
    });
    seed.users.push(...users);
    if (!withData) continue;
    const owner = users[0] as UserRecord;
    partitions[partitionKey(account.id, 'live')] = buildPartition(now, random, account.documented);
    seed.apiKeys.push(
      demoKey(
        account.documented ? DOCUMENTED_IDS.apiKey : id('key'),
        'Warehouse sync',
        'live',
        ['read:orders', 'read:inventory', 'write:inventory'],
        now - 45 * DAY,
        now - 2 * 3_600_000,
        owner.id,
        account.id,
      ),
      demoKey(
        account.documented ? DOCUMENTED_IDS.testApiKey : id('key'),
        'Staging integration',
        'test',
        ['read:*'],
        now - 20 * DAY,
        null,
        owner.id,
        account.id,
      ),
    );
    partitions[partitionKey(account.id, 'test')] = buildPartition(now, prng(account.seed + 1), false);
  }
  return { ...seed, partitions };
}

function idMaker(random: () => number): (prefix: string) => string {
  return (prefix) => {
    let out = `${prefix}_`;
    for (let i = 0; i < 14; i++) out += ALPHABET[Math.floor(random() * 62)];
    return out;
  };
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/**
 * (This function is long on purpose: orders, reservations, commissions and the payout depend on
 * one another, and building them in one place keeps those invariants visible.)
 *
 * One partition's demo data: a catalogue, stock, customers, 40 orders over 60 days, commissions,
 * a paid payout and a disabled webhook endpoint; with the documented ids when `documented`.
 */
function buildPartition(now: number, random: () => number, withDocumentedIds: boolean): PartitionData {
  const id = idMaker(random);
  // A documented id replaces the generated one, which is still drawn so every other id stays the same.
  const documented = (prefix: string, fixed: string | undefined) => {
    const generated = id(prefix);
    return withDocumentedIds ? (fixed ?? generated) : generated;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const products: Product[] = PRODUCTS.map(([name, sku, amount, description, active], i) => ({
    id: documented('prd', DOCUMENTED_IDS.products[i]),
    name,
    sku,
    description,
    price: { amount, currency: 'USD' },
    active,
    createdAt: iso(now - (120 - i) * DAY),
    updatedAt: iso(now - (60 - i) * DAY),
  }));

  const customers: Customer[] = CUSTOMERS.map(([name, email, phone], i) => ({
    id: documented('cus', DOCUMENTED_IDS.customers[i]),
    email,
    name,
    phone,
    metadata: i % 3 === 0 ? { crmReference: `SF-${String(4200 + i).padStart(6, '0')}` } : {},
    createdAt: iso(now - (90 - i * 3) * DAY),
    updatedAt: iso(now - (30 - i) * DAY),
  }));
  const addressOf = (c: Customer): Address => {
    const row = CUSTOMERS.find((r) => r[1] === c.email) ?? CUSTOMERS[0];
    const [name, , , line1, city, postalCode] = row as (typeof CUSTOMERS)[number];
    return { name, line1, line2: null, city, region: REGIONS[city] ?? null, postalCode, country: 'US' };
  };

  const onHand = new Map<string, number>(products.map((p) => [p.id, 40 + Math.floor(random() * 220)]));
  onHand.set((products[5] as Product).id, 14);
  onHand.set((products[9] as Product).id, 9);
  const reserved = new Map<string, number>(products.map((p) => [p.id, 0]));

  const orders: Order[] = [];
  const commissions: Commission[] = [];
  const oldApproved: Commission[] = [];
  const statuses = [
    'fulfilled',
    'fulfilled',
    'fulfilled',
    'paid',
    'paid',
    'pending',
    'cancelled',
    'refunded',
  ] as const;
  for (let i = 0; i < 40; i++) {
    const created = now - Math.floor((60 - i * 1.45) * DAY) - Math.floor(random() * 3_600_000);
    const customer = pick(customers);
    const lines = 1 + Math.floor(random() * 3);
    const chosen = new Set<Product>();
    while (chosen.size < lines) chosen.add(pick(products.filter((p) => p.active)));
    const items = [...chosen].map((p) => ({
      productId: p.id,
      quantity: 1 + Math.floor(random() * 3),
      unitPrice: { ...p.price },
    }));
    const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice.amount, 0);
    const status = i >= 36 ? 'pending' : pick(statuses);
    const cancelled = status === 'cancelled';
    const order: Order = {
      id: documented('ord', i === 39 ? DOCUMENTED_IDS.order : undefined),
      status,
      customerId: customer.id,
      items,
      total: { amount: total, currency: 'USD' },
      metadata: i % 4 === 0 ? { channel: 'partner-portal' } : {},
      shippingAddress: addressOf(customer),
      createdAt: iso(created),
      updatedAt: iso(created + (status === 'pending' ? 0 : 2 * DAY)),
      cancelledAt: cancelled ? iso(created + DAY) : null,
      cancellationReason: cancelled ? 'Customer changed their mind' : null,
    };
    orders.push(order);
    if (status === 'pending' || status === 'paid') {
      for (const item of items)
        reserved.set(item.productId, (reserved.get(item.productId) ?? 0) + item.quantity);
    }
    if (status !== 'cancelled' && status !== 'refunded') {
      const commission: Commission = {
        id: id('com'),
        orderId: order.id,
        amount: { amount: Math.round(total * 0.1), currency: 'USD' },
        rateBasisPoints: 1000,
        status: status === 'pending' ? 'pending' : 'approved',
        payoutId: null,
        createdAt: iso(created + 60_000),
      };
      commissions.push(commission);
      if (commission.status === 'approved' && created < now - 35 * DAY) oldApproved.push(commission);
    }
  }

  const payouts: Payout[] = [];
  if (oldApproved.length > 0) {
    const payout: Payout = {
      id: documented('pay', DOCUMENTED_IDS.payout),
      amount: { amount: oldApproved.reduce((s, c) => s + c.amount.amount, 0), currency: 'USD' },
      status: 'paid',
      commissionIds: oldApproved.map((c) => c.id),
      createdAt: iso(now - 30 * DAY),
      paidAt: iso(now - 29 * DAY),
    };
    payouts.push(payout);
    for (const c of oldApproved) {
      c.status = 'paid';
      c.payoutId = payout.id;
    }
  }

  // Nothing refers to an unpaid commission's id yet, so the documented ones are given here.
  commissions
    .filter((c) => withDocumentedIds && c.status === 'approved')
    .slice(0, DOCUMENTED_IDS.commissions.length)
    .forEach((c, i) => {
      c.id = DOCUMENTED_IDS.commissions[i] ?? c.id;
    });
  if (withDocumentedIds) documentCommissionOrders(orders, commissions, payouts);

  const adjustments: InventoryAdjustment[] = [];
  const inventory: InventoryLevel[] = products.map((p, i) => {
    const hand = onHand.get(p.id) ?? 0;
    const held = Math.min(hand, reserved.get(p.id) ?? 0);
    adjustments.push({
      id: documented('adj', DOCUMENTED_IDS.adjustments[i]),
      productId: p.id,
      delta: hand,
      reason: 'restock',
      note: `PO-2026-${String(100 + i).padStart(4, '0')} received`,
      resultingOnHand: hand,
      createdAt: iso(now - (61 - i) * DAY),
    });
    return {
      productId: p.id,
      sku: p.sku,
      onHand: hand,
      reserved: held,
      available: Math.max(0, hand - held),
      lowStockThreshold: 20,
      updatedAt: iso(now - (10 - (i % 10)) * DAY),
    };
  });

  return {
    products,
    inventory,
    adjustments,
    customers,
    orders,
    commissions,
    payouts,
    webhooks: [
      {
        id: documented('whk', DOCUMENTED_IDS.webhook),
        url: 'https://partner.example.com/hooks/regen',
        description: 'Order sync (paused)',
        events: ['order.created', 'order.updated', 'order.cancelled'],
        status: 'disabled',
        // A random secret nobody knows; the endpoint is disabled, so nothing is ever signed with it.
        secret: `whsec_${randomBase62(32)}`,
        createdAt: iso(now - 14 * DAY),
        updatedAt: iso(now - 7 * DAY),
      },
    ],
  };
}

/**
 * The contract's commission and payout examples name the order each commission was earned on and a
 * commission of the paid payout: those records get the documented ids here, once the payout exists.
 */
function documentCommissionOrders(orders: Order[], commissions: Commission[], payouts: Payout[]): void {
  const renameOrder = (commission: Commission | undefined, id: string) => {
    const order = orders.find((o) => o.id === commission?.orderId);
    if (!commission || !order) return;
    order.id = id;
    commission.orderId = id;
  };
  renameOrder(
    commissions.find((c) => c.id === DOCUMENTED_IDS.commissions[0]),
    DOCUMENTED_IDS.commissionOrder,
  );
  const payout = payouts[0];
  const paid = commissions.find((c) => c.id === payout?.commissionIds[0]);
  if (!payout || !paid) return;
  payout.commissionIds = payout.commissionIds.map((id) =>
    id === paid.id ? DOCUMENTED_IDS.paidCommission : id,
  );
  paid.id = DOCUMENTED_IDS.paidCommission;
  renameOrder(paid, DOCUMENTED_IDS.paidCommissionOrder);
}

function demoKey(
  id: string,
  name: string,
  environment: 'live' | 'test',
  scopes: Scope[],
  created: number,
  lastUsed: number | null,
  ownerId: string,
  accountId: string,
): ApiKeyRecord {
  // A random secret, drawn and thrown away: only its digest exists, so nobody can use these keys.
  const secret = generateApiKey(environment);
  return {
    id,
    name,
    environment,
    scopes,
    status: 'active',
    createdAt: new Date(Math.floor(created / 1000) * 1000).toISOString(),
    expiresAt: null,
    lastUsedAtMs: lastUsed,
    keyPrefix: secret.slice(0, 12),
    lastFour: secret.slice(-4),
    hash: hashApiKey(secret),
    previousHash: null,
    previousExpiresAtMs: null,
    ownerId,
    accountId,
  };
}
