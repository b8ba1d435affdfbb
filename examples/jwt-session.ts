/**
 * JWT login with token persistence: logs in once, saves the tokens whenever they change
 * (`onTokens`: login and every refresh), and resumes the saved session on the next run.
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_EMAIL=demo@regen.test REGEN_PASSWORD=regen-demo-password \
 *     npx tsx examples/jwt-session.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegenClient, type TokenSet } from '@regen/client';

const baseUrl = process.env.REGEN_BASE_URL ?? 'http://127.0.0.1:4010';
const sessionFile = process.env.REGEN_SESSION_FILE ?? join(tmpdir(), 'regen-session.json');

// Store tokens like passwords: a file readable only by this user (or your OS keychain / a secrets store).
const persist = (tokens: TokenSet) => writeFileSync(sessionFile, JSON.stringify(tokens), { mode: 0o600 });

let regen: RegenClient;
if (existsSync(sessionFile)) {
  const saved = JSON.parse(readFileSync(sessionFile, 'utf8')) as TokenSet;
  regen = new RegenClient({
    baseUrl,
    accessToken: saved.accessToken,
    refreshToken: saved.refreshToken,
    onTokens: persist,
  });
  console.log('Resumed the saved session');
} else {
  regen = await RegenClient.login({
    baseUrl,
    email: process.env.REGEN_EMAIL ?? 'demo@regen.test',
    password: process.env.REGEN_PASSWORD ?? 'regen-demo-password',
    onTokens: persist,
  });
  console.log(`Logged in; tokens saved to ${sessionFile}`);
}

// The access token is refreshed shortly before it expires, or once after a 401; concurrent
// calls share that single refresh, and the new pair goes to onTokens.
const me = await regen.users.me();
console.log(`Signed in as ${me.email} (${me.role}), scopes: ${me.scopes.join(' ')}`);

if (process.argv.includes('--logout')) {
  await regen.logout(); // revokes the refresh token server-side
  writeFileSync(sessionFile, '{}');
  console.log('Logged out');
}
