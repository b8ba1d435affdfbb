import { describe, expect, it } from 'vitest';
import { Redactor } from '../http/redact.ts';
import { maskSecret, reportSecrets } from './secrets.ts';

const KEY_A = 'rg_live_AAAAbbbbCCCCddddEEEEffffGGGGhhhh';
const KEY_B = 'rg_live_ZZZZyyyyXXXXwwwwVVVVuuuuTTTTssss';

describe('obtained secrets', () => {
  it('get a variable each, so one curl line can name two created keys', () => {
    const redactor = new Redactor();
    redactor.add(KEY_A, '$REGEN_CREATED_KEY');
    redactor.add(KEY_B, '$REGEN_CREATED_KEY');
    redactor.add(KEY_A, '$REGEN_CREATED_KEY');
    expect(redactor.redact(`${KEY_A} ${KEY_B}`)).toBe('$REGEN_CREATED_KEY $REGEN_CREATED_KEY_2');
    expect(redactor.inOrder().map((s) => s.placeholder)).toEqual([
      '$REGEN_CREATED_KEY',
      '$REGEN_CREATED_KEY_2',
    ]);
  });

  it('are masked to a recognisable prefix and their last 4, or nothing when short', () => {
    expect(maskSecret(KEY_A)).toBe('rg_live_AAAA…hhhh');
    expect(maskSecret('eyJhbGciOiJIUzI1NiJ9.e30.signature-part')).toBe('eyJh…part');
    expect(maskSecret('short-secret')).toBe('…');
  });

  it('carry their values only when kept', () => {
    const secrets = [{ value: KEY_A, placeholder: '$REGEN_CREATED_KEY' }];
    expect(reportSecrets(secrets, false, true).obtained).toEqual([
      { variable: 'REGEN_CREATED_KEY', masked: 'rg_live_AAAA…hhhh' },
    ]);
    expect(reportSecrets(secrets, true, false).obtained[0]?.value).toBe(KEY_A);
  });
});
