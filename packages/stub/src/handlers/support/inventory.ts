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
  const current = store.inventory.get(productId);
  if (!current) return undefined;
  const onHand = Math.max(0, current.onHand + deltaOnHand);
  const reserved = Math.max(0, current.reserved + deltaReserved);
  // Levels are sealed: a change is a new record in the old one's place.
  const level: InventoryLevel = {
    ...current,
    onHand,
    reserved,
    available: Math.max(0, onHand - reserved),
    updatedAt: nowIso(),
  };
  store.inventory.insert(level);
  store.changed();
  if (!isLow(current) && isLow(level)) services.webhooks.emit(store, 'inventory.low', level);
  return level;
}
