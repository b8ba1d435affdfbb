/**
 * @module A public OAuth client (registered without a secret) on the test stub: the client kind
 * the contract names as not authorised for a grant (`client_credentials` → 400
 * `unauthorized_client`). The stub seeds none by default yet, so the tests that need one register
 * it beside the stub's default clients.
 */
import type { StubOptions } from '@regen/stub';
import { SEMANTICS_FIXTURE } from './broken-semantics.ts';

/** The public client's id (`--oauth-public-client`). */
export const PUBLIC_CLIENT_ID = 'cli_regen_public';

/** Stub options: its default clients (the demo one and Northwind's), and the public one. */
export const WITH_PUBLIC_CLIENT = {
  oauthClients: [
    SEMANTICS_FIXTURE.oauthClient,
    { id: 'cli_northwind_demo', secret: 'cs_northwind_demo_secret', accountId: 'acct_8Hn3Vb6Kx1P' },
    { id: PUBLIC_CLIENT_ID },
  ],
} as const satisfies StubOptions;
