import type { HealthCredential, Scope } from '@regen/contract';
import { nowIso, ok } from './support/envelope.ts';
import type { Handlers } from './types.ts';

/** Version reported by `getHealth`. */
export const STUB_VERSION = '0.1.0';

export const healthHandlers = {
  getHealth: ({ principal }) => {
    let credential: HealthCredential | null = null;
    if (principal) {
      credential = {
        type: principal.type,
        scopes: [...principal.scopes] as Scope[],
        accountId: principal.accountId,
        mode: principal.mode,
      };
      if (principal.keyPrefix !== undefined) credential.keyPrefix = principal.keyPrefix;
    }
    return {
      status: 200,
      body: ok({
        status: 'ok',
        authenticated: principal !== undefined,
        version: STUB_VERSION,
        time: nowIso(),
        credential,
      }),
    };
  },
} satisfies Pick<Handlers, 'getHealth'>;
