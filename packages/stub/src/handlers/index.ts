import { analyticsHandlers } from './analytics.ts';
import { apiKeyHandlers } from './api-keys.ts';
import { authHandlers } from './auth.ts';
import { commissionHandlers } from './commissions.ts';
import { customerHandlers } from './customers.ts';
import { healthHandlers } from './health.ts';
import { inventoryHandlers } from './inventory.ts';
import { oauthHandlers } from './oauth.ts';
import { orderHandlers } from './orders.ts';
import { productHandlers } from './products.ts';
import type { Handlers } from './types.ts';
import { usageHandlers } from './usage.ts';
import { userHandlers } from './users.ts';
import { webhookHandlers } from './webhooks.ts';

/**
 * One handler per contract operation. `satisfies Handlers` (the generated `HandlerTable`) makes a
 * missing one a compile error naming the operation (`Property 'getOrder' is missing …`), and an
 * off-contract one an error too.
 */
export const handlers = {
  ...healthHandlers,
  ...authHandlers,
  ...userHandlers,
  ...oauthHandlers,
  ...apiKeyHandlers,
  ...orderHandlers,
  ...productHandlers,
  ...inventoryHandlers,
  ...commissionHandlers,
  ...customerHandlers,
  ...webhookHandlers,
  ...analyticsHandlers,
  ...usageHandlers,
} satisfies Handlers;
