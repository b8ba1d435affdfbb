import type { Product } from '@regen/contract';
import { ApiError, notFound } from '../http/api-error.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { limitOf, list, nowIso, ok } from './support/envelope.ts';
import { patched } from './support/patch.ts';
import type { Handlers } from './types.ts';

/** Threshold of the inventory level a new product starts with. */
const DEFAULT_LOW_STOCK_THRESHOLD = 10;

function find(store: Store, id: string): Product {
  const product = store.products.get(id);
  if (!product) throw notFound('Product', id);
  return product;
}

function assertSkuFree(store: Store, sku: string, self?: string): void {
  for (const p of store.products.values()) {
    if (p.sku === sku && p.id !== self)
      throw new ApiError('conflict', `SKU ${sku} is already used by ${p.id}`);
  }
}

export const productHandlers = {
  listProducts: ({ query, store }) => ({
    status: 200,
    body: list(
      store.products.page(
        limitOf(query),
        query.cursor,
        (p) => query.active === undefined || p.active === query.active,
      ),
    ),
  }),

  createProduct: ({ body, store }) => {
    assertSkuFree(store, body.sku);
    const now = nowIso();
    const product: Product = {
      id: newId('prd'),
      name: body.name,
      sku: body.sku,
      description: body.description ?? null,
      price: body.price,
      active: body.active ?? true,
      createdAt: now,
      updatedAt: now,
    };
    store.products.insert(product);
    store.inventory.insert({
      productId: product.id,
      sku: product.sku,
      onHand: 0,
      reserved: 0,
      available: 0,
      lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD,
      updatedAt: now,
    });
    store.changed();
    return { status: 201, body: ok(product) };
  },

  getProduct: ({ params, store }) => ({ status: 200, body: ok(find(store, params.id)) }),

  updateProduct: ({ params, body, store }) => {
    const current = find(store, params.id);
    if (body.sku !== undefined) {
      assertSkuFree(store, body.sku, current.id);
      const level = store.inventory.get(current.id);
      if (level) store.inventory.insert({ ...level, sku: body.sku });
    }
    // Products are sealed: a change is a new record in the old one's place.
    const product = patched(current, body);
    store.products.insert(product);
    store.changed();
    return { status: 200, body: ok(product) };
  },

  deleteProduct: ({ params, store }) => {
    find(store, params.id);
    store.products.delete(params.id);
    store.inventory.delete(params.id);
    store.changed();
    return { status: 200, body: ok({ id: params.id, deleted: true as const }) };
  },
} satisfies Pick<
  Handlers,
  'listProducts' | 'createProduct' | 'getProduct' | 'updateProduct' | 'deleteProduct'
>;
