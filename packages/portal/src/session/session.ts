import { AuthenticationError, type CommonClientOptions, RegenClient, type TokenSet } from '@regen/client';
import type { Mode, User } from '@regen/contract';

/** A signed-in user: the SDK client holding the session's tokens (in memory), who they are, which data. */
export interface Session {
  readonly client: RegenClient;
  readonly user: User;
  readonly mode: Mode;
}

/**
 * The one thing kept across a reload: the single-use refresh token (rotated on every refresh) and
 * the mode, in `sessionStorage` (this tab only, gone when it closes). Never `localStorage`; the
 * access token stays in memory.
 */
const STORAGE_KEY = 'regen.portal.session';

/**
 * Client settings for a UI: one quick retry of a transient failure (a person is waiting; the
 * message and its Retry button do better than a long silent loop), a server-requested wait over
 * 3 s is not slept but shown (`RateLimitError.retryAfterMs`), 15 s per attempt, no console noise.
 */
function uiOptions(mode: Mode): CommonClientOptions & { onTokens: (tokens: TokenSet) => void } {
  return {
    baseUrl: window.location.origin,
    maxRetries: 1,
    maxRetryAfter: 3_000,
    timeout: 15_000,
    backoff: { initialMs: 250, maxMs: 1_000 },
    logLevel: 'off',
    onTokens: (tokens) => {
      if (tokens.refreshToken === undefined) return;
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: tokens.refreshToken, mode }));
    },
  };
}

/** Signs in (`POST /api/auth/login` through `RegenClient.login`) and reads the user's role and scopes. */
export async function signIn(email: string, password: string, mode: Mode): Promise<Session> {
  const client = await RegenClient.login({ email, password, mode, ...uiOptions(mode) });
  const user = await client.users.me();
  return { client, user, mode };
}

/** Resumes the tab's session from its refresh token, if it has one that still works. */
export async function resumeSession(): Promise<Session | undefined> {
  const saved = readSaved();
  if (saved === undefined) return undefined;
  const client = new RegenClient({ refreshToken: saved.refreshToken, ...uiOptions(saved.mode) });
  try {
    const user = await client.users.me();
    return { client, user, mode: saved.mode };
  } catch (error) {
    if (error instanceof AuthenticationError) forgetSession();
    throw error;
  }
}

/** Signs out: revokes the session server-side, then forgets the refresh token whatever happened. */
export async function signOut(session: Session): Promise<void> {
  try {
    await session.client.auth.logout();
  } finally {
    forgetSession();
  }
}

/** Drops the saved refresh token (expired session, sign-out). */
export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

function readSaved(): { refreshToken: string; mode: Mode } | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { refreshToken, mode } = value as Record<string, unknown>;
    if (typeof refreshToken !== 'string' || (mode !== 'test' && mode !== 'live')) return undefined;
    return { refreshToken, mode };
  } catch {
    return undefined;
  }
}
