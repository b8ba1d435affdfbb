import { unprocessable } from './unprocessable.ts';

/**
 * The largest `Money.amount` the contract allows (`maximum` in components/schemas/common.yaml).
 * A sum above it is refused with 422 rather than answered off-contract (which the response
 * check would turn into a 500).
 */
export const MAX_MONEY_AMOUNT = 100_000_000_000;

/** Throws 422 `unprocessable_entity` naming `path` when a computed amount cannot be represented. */
export function assertRepresentable(amount: number, path: string): void {
  if (amount <= MAX_MONEY_AMOUNT) return;
  const message = `The total ${amount} exceeds the largest amount the API represents (${MAX_MONEY_AMOUNT})`;
  throw unprocessable(message, path);
}
