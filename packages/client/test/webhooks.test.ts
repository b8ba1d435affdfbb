/** Webhook signature verification (`Regen-Signature: t=…,v1=…`), Stripe-style constructEvent. */
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { RegenError } from '../src/index.ts';
import {
  constructEvent,
  parseSignatureHeader,
  signPayload,
  verifySignature,
  WebhookVerificationError,
} from '../src/webhooks.ts';

const secret = 'whsec_test_0123456789abcdef';
const event = {
  id: 'evt_1',
  type: 'order.created',
  mode: 'live',
  createdAt: '2026-03-01T00:00:00Z',
  data: { object: { id: 'ord_1' } },
};
const body = JSON.stringify(event);
const now = 1_773_489_600;

describe('constructEvent', () => {
  test('returns the parsed event for a valid signature (string or bytes)', async () => {
    const header = await signPayload(body, secret, now);
    await expect(constructEvent(body, header, secret, { now })).resolves.toEqual(event);
    await expect(constructEvent(new TextEncoder().encode(body), header, secret, { now })).resolves.toEqual(
      event,
    );
  });

  test('signatures match an independent HMAC-SHA256 over "<t>.<body>"', async () => {
    const hex = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(await signPayload(body, secret, now)).toBe(`t=${now},v1=${hex}`);
    await expect(constructEvent(body, `t=${now},v1=${hex}`, secret, { now })).resolves.toEqual(event);
  });

  test('a tampered body, wrong secret or forged signature is rejected', async () => {
    const header = await signPayload(body, secret, now);
    await expect(
      constructEvent(body.replace('ord_1', 'ord_2'), header, secret, { now }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(constructEvent(body, header, 'whsec_other', { now })).rejects.toThrow(
      /No Regen-Signature v1 signature matches/,
    );
    await expect(
      constructEvent(body, `t=${now},v1=${'0'.repeat(64)}`, secret, { now }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  test('a timestamp outside the tolerance is a replay', async () => {
    const header = await signPayload(body, secret, now - 301);
    await expect(constructEvent(body, header, secret, { now })).rejects.toThrow(/tolerance/);
    await expect(constructEvent(body, header, secret, { now, tolerance: 600 })).resolves.toEqual(event);
    const future = await signPayload(body, secret, now + 301);
    await expect(constructEvent(body, future, secret, { now })).rejects.toThrow(/tolerance/);
  });

  test('during secret rotation any matching v1 is accepted', async () => {
    const good = (await signPayload(body, secret, now)).split('v1=')[1];
    await expect(
      constructEvent(body, `t=${now},v1=${'a'.repeat(64)},v1=${good}`, secret, { now }),
    ).resolves.toEqual(event);
  });

  test('missing or malformed headers', async () => {
    await expect(constructEvent(body, undefined, secret)).rejects.toThrow(/Missing/);
    await expect(constructEvent(body, 'v1=abc', secret)).rejects.toThrow(/timestamp/);
    await expect(constructEvent(body, `t=${now}`, secret, { now })).rejects.toThrow(/no v1/);
    expect(parseSignatureHeader(`t=1, v1=${'A'.repeat(64)}, v0=zz`)).toEqual({
      timestamp: 1,
      signatures: ['a'.repeat(64)],
    });
  });

  test('the error is a RegenError', async () => {
    const error = await verifySignature(body, 'garbage', secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toBeInstanceOf(RegenError);
  });
});
