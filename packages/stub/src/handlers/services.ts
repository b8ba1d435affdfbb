import type { ApiKeyRegistry } from '../auth/api-key-registry.ts';
import type { FailureBudgetPort } from '../auth/failure-budget.ts';
import type { JwtService } from '../auth/jwt.ts';
import type { SessionStore } from '../auth/refresh-sessions.ts';
import type { DenylistPort } from '../auth/token-denylist.ts';
import type { RateLimits } from '../config/rate-limits.ts';
import type { Settings } from '../config/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { CodeStore } from '../oauth/authorization-codes.ts';
import type { OAuthClients } from '../oauth/clients.ts';
import type { JobQueue } from '../shared/jobs.ts';
import type { PgStore } from '../shared/pg-store.ts';
import type { Tenancy } from '../store/tenancy.ts';
import type { UsagePort } from '../usage/usage-port.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import type { WebhookTargetPolicy } from '../webhooks/target-policy.ts';

/** What handlers work with. */
export interface Services {
  readonly settings: Settings;
  readonly logger: Logger;
  /** Accounts, users and each account's data per mode (handlers get their caller's as `ctx.store`). */
  readonly tenancy: Tenancy;
  readonly apiKeys: ApiKeyRegistry;
  readonly jwt: JwtService;
  readonly sessions: SessionStore;
  readonly denylist: DenylistPort;
  readonly oauthClients: OAuthClients;
  /** The limits of an account's plan (with `--rate-limits` applied). */
  readonly limitsOf: (accountId: string) => RateLimits;
  /** Failed password / client-secret checks, per client address and per account (one budget for every route). */
  readonly authFailures: FailureBudgetPort;
  /** The PostgreSQL store (`--database-url`): writes run through `shared.write`; absent in memory mode. */
  readonly shared: PgStore | undefined;
  readonly codes: CodeStore;
  readonly webhooks: WebhookDispatcher;
  /** Resolves once the demo users' password hashes are computed (scrypt runs off the startup path). */
  readonly passwordsReady: Promise<void>;
  /**
   * Background jobs (settling a payout, webhook attempts): in-process timers in memory mode; with
   * PostgreSQL + Redis a queue every instance polls, so they survive the instance that made them.
   */
  readonly jobs: JobQueue;
  /** The request log and usage series: in memory, or in PostgreSQL shared by every instance. */
  readonly usage: UsagePort;
  /** The contract's "Webhook targets": checked at registration here, and at every delivery. */
  readonly webhookTargets: WebhookTargetPolicy;
}
