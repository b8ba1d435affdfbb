import type { WebhookEventType } from '@regen/contract';

/**
 * The contract's webhook event types. `@regen/contract` exports them as a type only, so the list
 * is written here and checked both ways: a name the contract does not have fails `satisfies`, and
 * one the contract adds fails the `Missing` check below.
 */
export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.cancelled',
  'inventory.low',
  'payout.paid',
  'api_key.rotated',
] as const satisfies readonly WebhookEventType[];

type Missing = Exclude<WebhookEventType, (typeof EVENT_TYPES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;
