import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Regen-Signature` header of a delivery (Stripe style):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Checks a `Regen-Signature` header against `body` (what a receiver does); tolerance in seconds. */
export function verifyWebhookSignature(
  header: string,
  body: string,
  secret: string,
  toleranceSeconds = 300,
  now = Math.floor(Date.now() / 1000),
): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || v1 === undefined || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).slice(`t=${t},v1=`.length), 'hex');
  const actual = Buffer.from(v1, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
