import type { Role, WebhookEndpoint } from '@regen/contract';

/** A user who can log in (passwords stored as scrypt hashes only). */
export interface UserRecord {
  readonly id: string;
  /** The account the user belongs to. */
  readonly accountId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  readonly createdAt: string;
}

/** A webhook endpoint with its signing secret (returned once, at creation). */
export interface WebhookRecord extends WebhookEndpoint {
  readonly secret: string;
}
