/**
 * `@regen/client/webhooks`: verify a webhook delivery and get the typed event, as
 * Stripe's `constructEvent` does. Separate from the core so servers that receive no webhooks pay nothing.
 *
 * @module
 */
import type { WebhookEvent } from '@regen/contract';
import { WebhookVerificationError } from './errors/WebhookVerificationError.ts';
import { type VerifyOptions, verifySignature } from './webhooks/signature.ts';

export type { WebhookEvent } from '@regen/contract';
export {
  parseSignatureHeader,
  signPayload,
  type VerifyOptions,
  verifySignature,
} from './webhooks/signature.ts';
export { WebhookVerificationError };

/**
 * Verifies the `Regen-Signature` of a delivery and returns the parsed event. `payload` must be the
 * raw request body (string or bytes), not a re-serialised object.
 *
 * ```ts
 * const event = await constructEvent(rawBody, req.headers['regen-signature'], process.env.REGEN_WEBHOOK_SECRET);
 * if (event.type === 'order.created') …
 * ```
 */
export async function constructEvent(
  payload: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options?: VerifyOptions,
): Promise<WebhookEvent> {
  await verifySignature(payload, signatureHeader, secret, options);
  try {
    return JSON.parse(
      typeof payload === 'string' ? payload : new TextDecoder().decode(payload),
    ) as WebhookEvent;
  } catch (cause) {
    throw new WebhookVerificationError('Webhook payload is not valid JSON.', { cause });
  }
}
