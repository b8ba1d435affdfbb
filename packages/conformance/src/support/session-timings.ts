/**
 * @module The token lifetimes and refresh-token reuse leeway the session checks hold a server
 * to: the contract's documented defaults (`x-token-lifetimes` on the `BearerAuth` scheme), or
 * what the server declares instead (`--token-lifetimes access=5s,refresh=1h`,
 * `--refresh-reuse-leeway 1s`), as `--rate-limits` declares its tiers.
 */
import { isObject } from '../spec/json-pointer.ts';
import type { Json } from '../spec/types.ts';

/** One expected duration and where it comes from, for messages. */
export interface Timing {
  readonly seconds: number;
  /** `documented` (the contract) or the flag that declared it. */
  readonly source: 'documented' | '--token-lifetimes' | '--refresh-reuse-leeway';
}

/** What a session is expected to do over time; `undefined` when neither the contract nor the flags say. */
export interface SessionTimings {
  readonly access: Timing | undefined;
  readonly refresh: Timing | undefined;
  readonly reuseLeeway: Timing | undefined;
}

/** What the server declared, as given on the command line. */
export interface DeclaredSessionTimings {
  readonly tokenLifetimes?: string;
  readonly refreshReuseLeeway?: string;
}

const UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in `500ms`, `10s`, `5m`, `1h`, `7d` (a bare number is seconds); throws naming `flag`. */
export function parseDurationS(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`${flag}: cannot read "${text}" as a duration (e.g. 500ms, 10s, 5m, 1h, 7d)`);
  return Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1);
}

/** `access=5s,refresh=1h` (either may be left out); throws on anything else. */
export function parseTokenLifetimes(text: string): { accessS?: number; refreshS?: number } {
  const out: { accessS?: number; refreshS?: number } = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key = '', value = ''] = item.split('=');
    if (key === 'access') out.accessS = parseDurationS(value, '--token-lifetimes access');
    else if (key === 'refresh') out.refreshS = parseDurationS(value, '--token-lifetimes refresh');
    else throw new Error(`--token-lifetimes: unknown token "${key}" (use access=1h,refresh=7d)`);
  }
  return out;
}

/** Throws on declarations that cannot be read: an option error, before anything is sent. */
export function checkDeclaredSessionTimings(declared: DeclaredSessionTimings): void {
  if (declared.tokenLifetimes !== undefined) parseTokenLifetimes(declared.tokenLifetimes);
  if (declared.refreshReuseLeeway !== undefined)
    parseDurationS(declared.refreshReuseLeeway, '--refresh-reuse-leeway');
}

function documented(document: Json): Readonly<Record<string, Json>> {
  const schemes =
    isObject(document) && isObject(document.components) ? document.components.securitySchemes : undefined;
  const bearer = isObject(schemes) ? schemes.BearerAuth : undefined;
  const lifetimes = isObject(bearer) ? bearer['x-token-lifetimes'] : undefined;
  return isObject(lifetimes) ? lifetimes : {};
}

function seconds(value: Json | undefined): Timing | undefined {
  return typeof value === 'number' && value >= 0 ? { seconds: value, source: 'documented' } : undefined;
}

/** The timings a session check expects of the server: declared ones win over the documented ones. */
export function sessionTimings(document: Json, declared: DeclaredSessionTimings): SessionTimings {
  const doc = documented(document);
  const lifetimes = declared.tokenLifetimes ? parseTokenLifetimes(declared.tokenLifetimes) : {};
  const leeway = declared.refreshReuseLeeway;
  return {
    access:
      lifetimes.accessS !== undefined
        ? { seconds: lifetimes.accessS, source: '--token-lifetimes' }
        : seconds(doc.accessTokenSeconds),
    refresh:
      lifetimes.refreshS !== undefined
        ? { seconds: lifetimes.refreshS, source: '--token-lifetimes' }
        : seconds(doc.refreshTokenSeconds),
    reuseLeeway:
      leeway !== undefined
        ? { seconds: parseDurationS(leeway, '--refresh-reuse-leeway'), source: '--refresh-reuse-leeway' }
        : seconds(doc.refreshReuseLeewaySeconds),
  };
}

/** `10 s (documented)`, `1 h (--refresh-reuse-leeway)`, for messages. */
export function describeTiming(t: Timing): string {
  const s = t.seconds;
  const amount =
    s >= 86400 && s % 86400 === 0
      ? `${s / 86400} d`
      : s >= 3600 && s % 3600 === 0
        ? `${s / 3600} h`
        : s >= 60 && s % 60 === 0
          ? `${s / 60} min`
          : `${s} s`;
  return `${amount} (${t.source})`;
}
