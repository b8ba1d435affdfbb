import { ApiError } from '../../http/api-error.ts';
import type { WebhookTargetPolicy } from '../../webhooks/target-policy.ts';

/**
 * The contract's "Webhook targets" on a create or update body: a `url` the policy refuses is
 * 422 `webhook_url_refused`, with the rule in the message and in `details`.
 */
export async function checkWebhookTarget(policy: WebhookTargetPolicy, body: unknown): Promise<void> {
  const url = (body as { url?: unknown }).url;
  if (typeof url !== 'string') return;
  const refused = await policy.check(url);
  if (refused !== undefined)
    throw new ApiError('webhook_url_refused', refused, { details: [{ path: '/url', message: refused }] });
}
