import type { InventoryAdjustment } from '@regen/contract';
import { ApiError, notFound } from '../http/api-error.ts';
import { newId } from '../store/ids.ts';
import { limitOf, list, nowIso, ok } from './support/envelope.ts';
import { changeLevel, isLow } from './support/inventory.ts';
import type { Handlers } from './types.ts';

export const inventoryHandlers = {
  listInventoryLevels: ({ query, store }) => ({
    status: 200,
    body: list(
      store.inventory.page(
        limitOf(query),
        query.cursor,
        (l) => query.lowStock === undefined || isLow(l) === query.lowStock,
      ),
    ),
  }),

  getInventoryLevel: ({ params, store }) => {
    const level = store.inventory.get(params.productId);
    if (!level) throw notFound('Inventory level of product', params.productId);
    return { status: 200, body: ok(level) };
  },

  listInventoryAdjustments: ({ query, store }) => ({
    status: 200,
    body: list(store.adjustments.page(limitOf(query), query.cursor)),
  }),

  createInventoryAdjustment: ({ body, store, services }) => {
    const level = store.inventory.get(body.productId);
    if (!level) {
      throw new ApiError('unprocessable_entity', `Product ${body.productId} does not exist`, {
        details: [{ path: '/productId', message: 'does not exist' }],
      });
    }
    if (level.onHand + body.delta < 0) {
      throw new ApiError(
        'unprocessable_entity',
        `onHand would become negative (${level.onHand} + ${body.delta})`,
        {
          details: [{ path: '/delta', message: `must be at least ${-level.onHand}` }],
        },
      );
    }
    const updated = changeLevel(services, store, body.productId, body.delta, 0) ?? level;
    const adjustment: InventoryAdjustment = {
      id: newId('adj'),
      productId: body.productId,
      delta: body.delta,
      reason: body.reason,
      note: body.note ?? null,
      resultingOnHand: updated.onHand,
      createdAt: nowIso(),
    };
    store.adjustments.insert(adjustment);
    store.changed();
    return { status: 201, body: ok(adjustment) };
  },
} satisfies Pick<
  Handlers,
  'listInventoryLevels' | 'getInventoryLevel' | 'listInventoryAdjustments' | 'createInventoryAdjustment'
>;
