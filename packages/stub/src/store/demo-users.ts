import { hashPassword } from '../auth/password.ts';
import { newId } from './ids.ts';
import { demoEmailOf } from './seed.ts';
import { DEMO_USERS } from './seed-data.ts';
import type { Store } from './store.ts';

/**
 * Makes sure the demo users exist (one per role) and hashes the demo password for them.
 * Users are created at once; the slow hashing runs in the background and the returned
 * promise settles when logins can be checked.
 */
export function ensureDemoUsers(store: Store, demoEmail: string, demoPassword: string): Promise<void> {
  const users = DEMO_USERS.map((demo) => {
    const email = demoEmailOf(demo.local, demoEmail);
    let user = store.userByEmail(email);
    if (!user) {
      user = {
        id: newId('usr'),
        email,
        name: demo.name,
        role: demo.role,
        passwordHash: '',
        createdAt: new Date().toISOString(),
      };
      store.users.insert(user);
    }
    return user;
  });
  return Promise.all(
    users.map(async (user) => {
      user.passwordHash = await hashPassword(demoPassword);
    }),
  ).then(() => store.changed());
}
