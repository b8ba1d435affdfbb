import type { InventoryLevel } from '@regen/contract';
import type { Store } from '../../store/store.ts';
import type { Services } from '../services.ts';
import { nowIso } from './envelope.ts';

/** Whether a level is low: `available` at or below its threshold. */
export function isLow(level: InventoryLevel): boolean {
  return level.available <= level.lowStockThreshold;
}

/**
 * Changes `onHand` and/or `reserved` of a product's level, recomputes `available`, and fires
 * `inventory.low` when the level falls to or below its threshold.
 */
export function changeLevel(
  services: Services,
  store: Store,
  productId: string,
  deltaOnHand: number,
  deltaReserved: number,
): InventoryLevel | undefined {
  const level = store.inventory.get(productId);
  if (!level) return undefined;
  const wasLow = isLow(level);
  level.onHand = Math.max(0, level.onHand + deltaOnHand);
  level.reserved = Math.max(0, level.reserved + deltaReserved);
  level.available = Math.max(0, level.onHand - level.reserved);
  level.updatedAt = nowIso();
  store.changed();
  if (!wasLow && isLow(level)) services.webhooks.emit(store, 'inventory.low', { ...level });
  return level;
}
