import { digestApiKey, isWellFormedApiKey } from '../auth/api-key-secret.ts';
import type { AuthDeps } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { Services } from '../handlers/services.ts';

/** What credential checks need; `--admin-key` becomes a key with every scope, acting as the demo account's owner in live mode. */
export function createAuthDeps(services: Services, adminKey: string | null): AuthDeps {
  const { tenancy } = services;
  const adminPrincipal: Principal = {
    type: 'api_key',
    id: 'key_admin',
    get userId() {
      return tenancy.owner(tenancy.defaultAccountId()).id;
    },
    get accountId() {
      return tenancy.defaultAccountId();
    },
    get limits() {
      return services.limitsOf(tenancy.defaultAccountId());
    },
    mode: 'live',
    scopes: new Set(['read:*', 'write:*'] as const),
    rateKey: 'key:admin',
    // `keyPrefix` only when the admin key has the contract's key format.
    ...(adminKey !== null && isWellFormedApiKey(adminKey) ? { keyPrefix: adminKey.slice(0, 12) } : {}),
  };
  return {
    apiKeys: services.apiKeys,
    jwt: services.jwt,
    sessions: services.sessions,
    denylist: services.denylist,
    adminKeyDigest: adminKey === null ? null : digestApiKey(adminKey),
    adminPrincipal,
    accountOfUser: (id) => tenancy.users.peek(id)?.accountId,
    clientAccount: (clientId) => {
      const client = services.oauthClients.get(clientId);
      if (!client) return undefined;
      // A client registered for an account this server does not have acts nowhere.
      const owner = tenancy.ownerOf(client.accountId);
      return owner && { accountId: client.accountId, ownerId: owner.id };
    },
    limitsOf: services.limitsOf,
  };
}
