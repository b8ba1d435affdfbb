import type { Order } from '@regen/contract';
import { ApiError, notFound } from '../http/api-error.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { limitOf, list, nowIso, ok } from './support/envelope.ts';
import { changeLevel } from './support/inventory.ts';
import { assertRepresentable } from './support/money.ts';
import { patched } from './support/patch.ts';
import { unprocessable } from './support/unprocessable.ts';
import type { Handlers } from './types.ts';

/** Commission rate of new orders, in basis points (10 %). */
const COMMISSION_RATE = 1000;

function find(store: Store, id: string): Order {
  const order = store.orders.get(id);
  if (!order) throw notFound('Order', id);
  return order;
}

export const orderHandlers = {
  listOrders: ({ query, store }) => {
    const after = query.createdAfter === undefined ? undefined : Date.parse(query.createdAfter);
    const before = query.createdBefore === undefined ? undefined : Date.parse(query.createdBefore);
    const page = store.orders.page(limitOf(query), query.cursor, (o) => {
      if (query.status !== undefined && o.status !== query.status) return false;
      if (query.customerId !== undefined && o.customerId !== query.customerId) return false;
      const created = Date.parse(o.createdAt);
      if (after !== undefined && created < after) return false;
      if (before !== undefined && created >= before) return false;
      return true;
    });
    return { status: 200, body: list(page) };
  },

  createOrder: ({ body, store, services }) => {
    if (!store.customers.get(body.customerId))
      throw unprocessable(`Customer ${body.customerId} does not exist`, '/customerId');
    const seen = new Set<string>();
    const items = body.items.map((item, i) => {
      const product = store.products.get(item.productId);
      const path = `/items/${i}/productId`;
      if (!product) throw unprocessable(`Product ${item.productId} does not exist`, path);
      if (!product.active) throw unprocessable(`Product ${item.productId} is not active`, path);
      if (product.price.currency !== body.currency)
        throw unprocessable(`Product ${item.productId} is not priced in ${body.currency}`, path);
      if (seen.has(item.productId)) throw unprocessable('One line per product', path);
      seen.add(item.productId);
      const level = store.inventory.get(item.productId);
      if (level && level.available < item.quantity) {
        throw unprocessable(
          `Only ${level.available} units of ${item.productId} are available`,
          `/items/${i}/quantity`,
        );
      }
      return { productId: item.productId, quantity: item.quantity, unitPrice: { ...product.price } };
    });
    const now = nowIso();
    const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice.amount, 0);
    assertRepresentable(total, '/items');
    const order: Order = {
      id: newId('ord'),
      status: 'pending',
      customerId: body.customerId,
      items,
      total: { amount: total, currency: body.currency },
      metadata: body.metadata ?? {},
      shippingAddress: body.shippingAddress ?? null,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      cancellationReason: null,
    };
    store.orders.insert(order);
    for (const item of items) changeLevel(services, store, item.productId, 0, item.quantity);
    store.commissions.insert({
      id: newId('com'),
      orderId: order.id,
      amount: { amount: Math.round((total * COMMISSION_RATE) / 10_000), currency: body.currency },
      rateBasisPoints: COMMISSION_RATE,
      status: 'pending',
      payoutId: null,
      createdAt: now,
    });
    store.changed();
    services.webhooks.emit(store, 'order.created', order);
    return { status: 201, body: ok(order) };
  },

  getOrder: ({ params, store }) => ({ status: 200, body: ok(find(store, params.id)) }),

  updateOrder: ({ params, body, store, services }) => {
    const current = find(store, params.id);
    if (current.status === 'cancelled' || current.status === 'refunded') {
      throw new ApiError('conflict', `Order ${current.id} is ${current.status} and cannot be updated`);
    }
    // Orders are sealed: a change is a new record in the old one's place.
    const order = patched(current, body);
    store.orders.insert(order);
    store.changed();
    services.webhooks.emit(store, 'order.updated', order);
    return { status: 200, body: ok(order) };
  },

  cancelOrder: ({ params, body, store, services }) => {
    const current = find(store, params.id);
    if (current.status !== 'pending' && current.status !== 'paid') {
      throw new ApiError('conflict', `Order ${current.id} is ${current.status} and cannot be cancelled`);
    }
    const now = nowIso();
    const order: Order = {
      ...current,
      status: 'cancelled',
      cancelledAt: now,
      cancellationReason: body?.reason ?? null,
      updatedAt: now,
    };
    store.orders.insert(order);
    for (const item of order.items) changeLevel(services, store, item.productId, 0, -item.quantity);
    // Commissions of a cancelled order are void unless already paid out.
    for (const c of store.commissions.values()) {
      if (c.orderId === order.id && c.payoutId === null) store.commissions.delete(c.id);
    }
    store.changed();
    services.webhooks.emit(store, 'order.cancelled', order);
    return { status: 200, body: ok(order) };
  },
} satisfies Pick<Handlers, 'listOrders' | 'createOrder' | 'getOrder' | 'updateOrder' | 'cancelOrder'>;
