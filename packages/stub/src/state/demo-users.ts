import { hashPassword } from '../auth/password.ts';
import { accountLocal, DEMO_USERS, demoEmailOf, SEEDED_ACCOUNTS } from '../config/demo-accounts.ts';
import type { PlanSetting } from '../config/plans.ts';
import { newId } from '../store/ids.ts';
import type { UserRecord } from '../store/records.ts';
import type { Tenancy } from '../store/tenancy.ts';

/**
 * Makes sure the seeded accounts and their demo users exist (one per role) and hashes the demo
 * password for them (one hash, shared: see below). Accounts and users are created at once; the slow hashing runs in the
 * background and the returned promise settles when logins can be checked.
 */
export function ensureDemoUsers(
  tenancy: Tenancy,
  demoEmail: string,
  demoPassword: string,
  plan: PlanSetting,
): Promise<void> {
  const users: UserRecord[] = [];
  for (const account of SEEDED_ACCOUNTS) {
    const setting: PlanSetting = account.documented ? plan : { plan: account.plan };
    const existing = tenancy.accounts.get(account.id);
    if (existing && account.documented) {
      // `--plan` applies to a demo account loaded from a data file or PostgreSQL too.
      existing.plan = setting.plan;
      existing.customLimits = setting.custom ?? null;
    } else if (!existing) {
      tenancy.accounts.insert({
        id: account.id,
        name: account.name,
        plan: setting.plan,
        customLimits: setting.custom ?? null,
        createdAt: new Date().toISOString(),
      });
    }
    for (const demo of DEMO_USERS) {
      const email = demoEmailOf(accountLocal(account.emailLocal, demo.local), demoEmail);
      let user = tenancy.userByEmail(email);
      // Only this account's user of that email is its demo user (never another account's).
      if (user !== undefined && user.accountId !== account.id)
        throw new Error(`${email} belongs to account ${user.accountId}, not to ${account.id}`);
      if (!user) {
        user = {
          id: newId('usr'),
          accountId: account.id,
          email,
          name: demo.name,
          role: demo.role,
          passwordHash: '',
          createdAt: new Date().toISOString(),
        };
        tenancy.users.insert(user);
      }
      users.push(user);
    }
  }
  // One hash for all of them: they share the documented demo password anyway, and one scrypt at
  // start instead of eight keeps start-up memory down (each scrypt holds 16 MiB on a pool thread).
  return hashPassword(demoPassword).then((hash) => {
    for (const user of users) user.passwordHash = hash;
    tenancy.changed();
  });
}
