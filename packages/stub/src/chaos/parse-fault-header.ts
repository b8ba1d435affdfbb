import { FAULT_KINDS, type FaultKind } from '../config/chaos-rates.ts';
import { parseDuration } from '../config/duration.ts';
import { FAULT_DEFAULTS, type Fault, HUGE_RETRY_AFTER } from './fault.ts';

const ALIASES: Readonly<Record<string, FaultKind>> = {
  'rate-limit': '429',
  unavailable: '503',
  drop: 'reset',
  timeout: 'hang',
  'expired-token': 'expire-token',
  'token-expired': 'expire-token',
};

/**
 * Parses a `Regen-Fault` request header: `<fault>[; <param>=<value>]…`, e.g.
 * `429; retry-after=3`, `429; retry-after=huge; format=date`, `429; retry-after-ms=250`, `503; count=3`, `slow; delay=2s`,
 * `reset; when=before`, `hang`, `truncate`, `expire-token`. Throws a `RangeError` naming the problem.
 */
export function parseFaultHeader(value: string): Fault {
  const [head = '', ...params] = value.split(';');
  const name = head.trim().toLowerCase();
  const kind = (FAULT_KINDS as readonly string[]).includes(name) ? (name as FaultKind) : ALIASES[name];
  if (kind === undefined) throw new RangeError(`unknown fault "${name}" (one of ${FAULT_KINDS.join(', ')})`);
  const fault: { -readonly [K in keyof Fault]: Fault[K] } = { kind, ...FAULT_DEFAULTS };
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase();
    const raw = eq === -1 ? '' : param.slice(eq + 1).trim();
    switch (key) {
      case 'retry-after':
        fault.retryAfter = raw === 'huge' ? HUGE_RETRY_AFTER : nonNegativeInt(key, raw);
        break;
      case 'retry-after-ms':
        fault.retryAfterMs = nonNegativeInt(key, raw);
        break;
      case 'format':
        if (raw !== 'seconds' && raw !== 'date') throw new RangeError('format must be "seconds" or "date"');
        fault.retryAfterFormat = raw;
        break;
      case 'delay':
        fault.delayMs = parseDuration(raw);
        break;
      case 'when':
        if (raw !== 'before' && raw !== 'after') throw new RangeError('when must be "before" or "after"');
        fault.when = raw;
        break;
      case 'count':
        fault.count = Math.max(1, nonNegativeInt(key, raw));
        break;
      default:
        throw new RangeError(`unknown parameter "${key}"`);
    }
  }
  return fault;
}

function nonNegativeInt(key: string, raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new RangeError(`${key} must be a non-negative integer`);
  return Number(raw);
}
