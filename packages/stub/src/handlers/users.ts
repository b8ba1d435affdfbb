import type { Scope } from '@regen/contract';
import { ApiError } from '../http/api-error.ts';
import { ok } from './support/envelope.ts';
import type { Handlers } from './types.ts';

export const userHandlers = {
  getCurrentUser: ({ principal, services }) => {
    const user = principal && services.tenancy.users.get(principal.userId);
    if (!principal || !user)
      throw new ApiError('invalid_token', 'The user of this credential no longer exists');
    return {
      status: 200,
      body: ok({
        id: user.id,
        accountId: user.accountId,
        email: user.email,
        name: user.name,
        role: user.role,
        scopes: [...principal.scopes] as Scope[],
        createdAt: user.createdAt,
      }),
    };
  },
} satisfies Pick<Handlers, 'getCurrentUser'>;
