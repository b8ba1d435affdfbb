/**
 * @module Who the seeded accounts and users are, and their emails: settings check them (`--demo-email`
 * must give every seeded user another email), the seed builds them.
 */
import type { Role } from '@regen/contract';
import type { PlanName } from './plans.ts';

/** The demo users: every role, all with the demo password. */
export const DEMO_USERS: readonly { name: string; role: Role; local: string }[] = [
  { name: 'Avery Chen', role: 'CLIENT_OWNER', local: '' },
  { name: 'Jordan Patel', role: 'CLIENT_ADMIN', local: 'admin' },
  { name: 'Riley Morgan', role: 'CLIENT_MEMBER', local: 'member' },
  { name: 'Casey Nguyen', role: 'CLIENT_VIEWER', local: 'viewer' },
];

/** The demo account (the contract's example `AccountId`). */
export const DEMO_ACCOUNT_ID = 'acct_5Tq8Wm2Rz4N';

/**
 * The accounts every stub starts with. The demo account's users log in with `--demo-email`
 * (its role users as `<role>@<domain>`); the second account's as `northwind@<domain>`,
 * `northwind.<role>@<domain>` — same password — so two tenants can be tried side by side.
 */
export const SEEDED_ACCOUNTS: readonly {
  readonly id: string;
  readonly name: string;
  /** Prefix of its users' email local parts (`''`: the demo emails). */
  readonly emailLocal: string;
  /** PRNG seed of its data (its test mode uses `seed + 1`). */
  readonly seed: number;
  /** Whether its live data carries the contract's documented ids (the demo account only). */
  readonly documented: boolean;
  /** Its plan (the demo account's comes from `--plan`). */
  readonly plan: Exclude<PlanName, 'custom'>;
}[] = [
  {
    id: DEMO_ACCOUNT_ID,
    name: 'Regen Demo Partner',
    emailLocal: '',
    seed: 0x5eed,
    documented: true,
    plan: 'standard',
  },
  {
    id: 'acct_8Hn3Vb6Kx1P',
    name: 'Northwind Wellness',
    emailLocal: 'northwind',
    seed: 0x0a11ce,
    documented: false,
    plan: 'free',
  },
];

/** Email of a demo user: the owner uses `demoEmail`, the others `<role>@<domain of demoEmail>`. */
export function demoEmailOf(local: string, demoEmail: string): string {
  return local === '' ? demoEmail : `${local}@${demoEmail.slice(demoEmail.indexOf('@') + 1)}`;
}

/** The emails of every seeded user, by account: they must all differ (login finds users by email). */
export function seededEmails(demoEmail: string): string[] {
  return SEEDED_ACCOUNTS.flatMap((account) =>
    DEMO_USERS.map((u) => demoEmailOf(accountLocal(account.emailLocal, u.local), demoEmail).toLowerCase()),
  );
}

/** The local part of a seeded user's email: the account's prefix, then the role's. */
export function accountLocal(accountPrefix: string, roleLocal: string): string {
  if (accountPrefix === '') return roleLocal;
  return roleLocal === '' ? accountPrefix : `${accountPrefix}.${roleLocal}`;
}
