/** A token with the moments it should (background) and must (blocking) be replaced. */
export interface TokenState {
  token: string;
  /** Epoch ms; Infinity when unknown (opaque token without `expiresIn`). */
  expiresAt: number;
  /** From here a call triggers a background refresh and still uses this token. */
  refreshAt: number;
  /** From here calls wait for a new token. */
  mustRefreshAt: number;
}

/**
 * Schedules renewal: start refreshing in the background a quarter of the lifetime (at most 60 s)
 * before expiry, and block only in the last tenth (at most 5 s), as Azure's token cycler does.
 */
export function scheduleToken(
  token: string,
  expiresAt: number | undefined,
  now: number = Date.now(),
): TokenState {
  if (expiresAt === undefined || !Number.isFinite(expiresAt)) {
    return {
      token,
      expiresAt: Number.POSITIVE_INFINITY,
      refreshAt: Number.POSITIVE_INFINITY,
      mustRefreshAt: Number.POSITIVE_INFINITY,
    };
  }
  const life = Math.max(0, expiresAt - now);
  return {
    token,
    expiresAt,
    refreshAt: expiresAt - Math.min(60_000, life / 4),
    mustRefreshAt: expiresAt - Math.min(5_000, life / 10),
  };
}

/**
 * Holds one token and renews it single-flight: however many calls need a new token at once,
 * `acquire` runs once and they all wait for that one result.
 */
export class TokenCycler {
  state: TokenState | undefined;
  #inflight: Promise<TokenState> | undefined;
  readonly #acquire: () => Promise<TokenState>;
  readonly #onBackgroundError: (error: unknown) => void;

  constructor(acquire: () => Promise<TokenState>, onBackgroundError: (error: unknown) => void) {
    this.#acquire = acquire;
    this.#onBackgroundError = onBackgroundError;
  }

  /** The token if it can be sent now; kicks off a background refresh inside the refresh window. */
  peek(): string | undefined {
    const s = this.state;
    if (s === undefined) return undefined;
    const now = Date.now();
    if (now >= s.mustRefreshAt) return undefined;
    if (now >= s.refreshAt && this.#inflight === undefined) this.refresh().catch(this.#onBackgroundError);
    return s.token;
  }

  /** A usable token, waiting for a refresh when the current one is missing or about to expire. */
  async token(): Promise<string> {
    return this.peek() ?? (await this.refresh()).token;
  }

  /** After `used` got a 401: reuse a token someone else already renewed, else refresh once. */
  async renew(used: string): Promise<string> {
    const s = this.state;
    if (s !== undefined && s.token !== used && Date.now() < s.mustRefreshAt) return s.token;
    if (s?.token === used) this.state = undefined;
    return (await this.refresh()).token;
  }

  /** Starts (or joins) the single in-flight refresh. */
  refresh(): Promise<TokenState> {
    this.#inflight ??= this.#acquire().then(
      (state) => {
        this.state = state;
        this.#inflight = undefined;
        return state;
      },
      (error: unknown) => {
        this.#inflight = undefined;
        throw error;
      },
    );
    return this.#inflight;
  }
}
