import type { Product } from '@regen/contract';
import type { Services } from '../app/services.ts';
import { ApiError, notFound } from '../http/api-error.ts';
import { newId } from '../store/ids.ts';
import { limitOf, list, nowIso, ok } from './support/envelope.ts';
import type { Handlers } from './types.ts';

/** Threshold of the inventory level a new product starts with. */
const DEFAULT_LOW_STOCK_THRESHOLD = 10;

function find(services: Services, id: string): Product {
  const product = services.store.products.get(id);
  if (!product) throw notFound('Product', id);
  return product;
}

function assertSkuFree(services: Services, sku: string, self?: string): void {
  for (const p of services.store.products.values()) {
    if (p.sku === sku && p.id !== self)
      throw new ApiError('conflict', `SKU ${sku} is already used by ${p.id}`);
  }
}

export const productHandlers = {
  listProducts: ({ query, services }) => ({
    status: 200,
    body: list(
      services.store.products.page(
        limitOf(query),
        query.cursor,
        (p) => query.active === undefined || p.active === query.active,
      ),
    ),
  }),

  createProduct: ({ body, services }) => {
    assertSkuFree(services, body.sku);
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
    services.store.products.insert(product);
    services.store.inventory.insert({
      productId: product.id,
      sku: product.sku,
      onHand: 0,
      reserved: 0,
      available: 0,
      lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD,
      updatedAt: now,
    });
    services.store.changed();
    return { status: 201, body: ok(product) };
  },

  getProduct: ({ params, services }) => ({ status: 200, body: ok(find(services, params.id)) }),

  updateProduct: ({ params, body, services }) => {
    const product = find(services, params.id);
    if (body.sku !== undefined) {
      assertSkuFree(services, body.sku, product.id);
      product.sku = body.sku;
      const level = services.store.inventory.get(product.id);
      if (level) level.sku = body.sku;
    }
    if (body.name !== undefined) product.name = body.name;
    if (body.description !== undefined) product.description = body.description;
    if (body.price !== undefined) product.price = body.price;
    if (body.active !== undefined) product.active = body.active;
    product.updatedAt = nowIso();
    services.store.changed();
    return { status: 200, body: ok(product) };
  },

  deleteProduct: ({ params, services }) => {
    find(services, params.id);
    services.store.products.delete(params.id);
    services.store.inventory.delete(params.id);
    services.store.changed();
    return { status: 200, body: ok({ id: params.id, deleted: true as const }) };
  },
} satisfies Pick<
  Handlers,
  'listProducts' | 'createProduct' | 'getProduct' | 'updateProduct' | 'deleteProduct'
>;
