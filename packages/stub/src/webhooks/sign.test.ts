import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './sign.ts';

describe('webhook signatures', () => {
  it('is t=<ts>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const header = signWebhook('whsec_x', '{"a":1}', 1_700_000_000);
    const mac = createHmac('sha256', 'whsec_x').update('1700000000.{"a":1}').digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
  });

  it('verifies, and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1_700_000_000;
    const header = signWebhook('s', 'body', now);
    expect(verifyWebhookSignature(header, 'body', 's', 300, now)).toBe(true);
    expect(verifyWebhookSignature(header, 'body!', 's', 300, now)).toBe(false);
    expect(verifyWebhookSignature(header, 'body', 't', 300, now)).toBe(false);
    expect(verifyWebhookSignature(header, 'body', 's', 300, now + 301)).toBe(false);
  });
});
