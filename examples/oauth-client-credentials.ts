/**
 * OAuth 2.0 client credentials (server-to-server): the client fetches a token from /oauth/token,
 * caches it, and renews it before it expires; concurrent calls share one token request.
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_CLIENT_ID=cli_regen_demo REGEN_CLIENT_SECRET=cs_regen_demo_secret \
 *     npx tsx examples/oauth-client-credentials.ts
 */
import { AuthenticationError, RegenClient } from '@regen/client';

const regen = new RegenClient({
  baseUrl: process.env.REGEN_BASE_URL ?? 'http://127.0.0.1:4010',
  clientId: process.env.REGEN_CLIENT_ID ?? 'cli_regen_demo',
  clientSecret: process.env.REGEN_CLIENT_SECRET ?? 'cs_regen_demo_secret',
  scopes: ['read:orders', 'read:products'],
  onTokens: (t) =>
    console.log(`Got an access token, valid until ${new Date(t.expiresAt ?? 0).toISOString()}`),
});

const [orders, products] = await Promise.all([
  regen.orders.list({ limit: 3 }),
  regen.products.list({ limit: 3 }),
]);
console.log(`${orders.data.length} orders and ${products.data.length} products with one token`);

try {
  await new RegenClient({
    baseUrl: regen.baseUrl,
    clientId: 'cli_regen_demo',
    clientSecret: 'wrong',
  }).orders.list();
} catch (error) {
  if (!(error instanceof AuthenticationError)) throw error;
  // RFC 6749 §5.2 fields are kept as the server sent them.
  console.log(`A wrong secret is refused: ${error.error} (${error.error_description})`);
}
