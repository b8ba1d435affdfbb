import { RegenError } from './RegenError.ts';

/** A webhook delivery failed verification: bad or missing signature, or a timestamp outside the tolerance. */
export class WebhookVerificationError extends RegenError {
  static override readonly brand: string = 'WebhookVerificationError';
}
