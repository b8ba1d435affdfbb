import { describe, expect, test } from 'vitest';
import { redactHeaders, redactSecrets } from './redact.ts';

describe('redaction', () => {
  test('headers', () => {
    expect(
      redactHeaders({ 'x-api-key': 'k', Authorization: 'Bearer t', accept: 'application/json' }),
    ).toEqual({
      'x-api-key': '[REDACTED]',
      Authorization: '[REDACTED]',
      accept: 'application/json',
    });
  });
  test('secrets inside text', () => {
    expect(redactSecrets('bad key rg_test_123456 here rg_test_123456', ['rg_test_123456', undefined])).toBe(
      'bad key [REDACTED] here [REDACTED]',
    );
    expect(redactSecrets('short ab', ['ab'])).toBe('short ab');
  });
});

describe('redactSecrets with placeholders', () => {
  test('each secret can name its own stand-in; longer ones first replace whole', () => {
    const placeholders: Record<string, string> = { rg_test_123456_long: '$KEY', rg_test_123456: '$OTHER' };
    expect(
      redactSecrets(
        'a rg_test_123456_long b rg_test_123456',
        ['rg_test_123456_long', 'rg_test_123456'],
        (s) => placeholders[s] ?? '?',
      ),
    ).toBe('a $KEY b $OTHER');
  });
});
