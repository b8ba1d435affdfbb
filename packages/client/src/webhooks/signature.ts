import { WebhookVerificationError } from '../errors/WebhookVerificationError.ts';

const encoder = new TextEncoder();

/** Parses `Regen-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (several v1 during secret rotation). */
export function parseSignatureHeader(header: string): {
  /** `t`: when the delivery was signed, Unix seconds (`NaN` when missing). */
  timestamp: number;
  /** Every `v1` signature, hex. */
  signatures: string[];
} {
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toBytes(payload: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof payload === 'string' ? encoder.encode(payload) : new Uint8Array(payload);
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

function signedContent(timestamp: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(prefix);
  out.set(payload, prefix.length);
  return out;
}

/** Options of signature verification. */
export interface VerifyOptions {
  /** Largest accepted age (and clock skew) of `t`, in seconds; default 300 (5 minutes). */
  tolerance?: number | undefined;
  /** Current time in epoch seconds (tests). */
  now?: number | undefined;
}

/**
 * Verifies a delivery: HMAC-SHA256 of `"<t>.<raw body>"` with the endpoint's `whsec_…` secret,
 * compared in constant time (`crypto.subtle.verify`), and `t` within the tolerance against replays.
 * Pass the raw body exactly as received, before any JSON parsing.
 */
export async function verifySignature(
  payload: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): Promise<void> {
  if (!header) throw new WebhookVerificationError('Missing Regen-Signature header.');
  const { timestamp, signatures } = parseSignatureHeader(header);
  if (Number.isNaN(timestamp)) throw new WebhookVerificationError('Regen-Signature has no valid timestamp.');
  if (signatures.length === 0) throw new WebhookVerificationError('Regen-Signature has no v1 signature.');
  const tolerance = options.tolerance ?? 300;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      `Webhook timestamp is outside the ${tolerance} s tolerance (possible replay).`,
    );
  }
  const key = await hmacKey(secret, 'verify');
  const content = signedContent(timestamp, toBytes(payload));
  for (const signature of signatures) {
    // subtle.verify compares the MACs in constant time.
    if (await crypto.subtle.verify('HMAC', key, hexToBytes(signature), content)) return;
  }
  throw new WebhookVerificationError('No Regen-Signature v1 signature matches the payload.');
}

/** The `Regen-Signature` header value for `payload` (for tests and local tooling). */
export async function signPayload(
  payload: string | Uint8Array,
  secret: string,
  timestamp?: number,
): Promise<string> {
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedContent(t, toBytes(payload))),
  );
  let hex = '';
  for (const b of mac) hex += b.toString(16).padStart(2, '0');
  return `t=${t},v1=${hex}`;
}
