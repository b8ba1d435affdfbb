/** A route: an HTTP method and an OpenAPI-style path template bound to a value. */
export interface RouteDef<T> {
  readonly method: string;
  readonly path: string;
  readonly value: T;
}

/** The outcome of {@link Router.match}. */
export type RouteMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method_not_allowed'; readonly allow: string }
  | { readonly kind: 'not_found' };

interface PathEntry<T> {
  readonly methods: Map<string, T>;
  /** Precomputed `Allow` header value (RFC 9110 §10.2.1). */
  allow: string;
}

interface DynamicEntry<T> extends PathEntry<T> {
  /** One entry per segment: a literal, or `null` for a parameter. */
  readonly segments: readonly (string | null)[];
  readonly names: readonly string[];
  readonly literals: number;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
const NOT_FOUND = { kind: 'not_found' } as const;

/** A router compiled once: a map for literal paths, segment matching for templated ones. */
export class Router<T> {
  private readonly literal = new Map<string, PathEntry<T>>();
  private readonly dynamic = new Map<number, DynamicEntry<T>[]>();

  constructor(routes: Iterable<RouteDef<T>>) {
    for (const route of routes) this.add(route);
    for (const entry of this.literal.values()) entry.allow = allowOf(entry.methods);
    for (const list of this.dynamic.values()) {
      for (const entry of list) entry.allow = allowOf(entry.methods);
      // Literal segments beat parameters (`/inventory/adjustments` over `/inventory/{productId}`).
      list.sort((a, b) => b.literals - a.literals);
    }
  }

  /** Matches `method` and a path without query string. `HEAD` falls back to `GET`. */
  match(method: string, path: string): RouteMatch<T> {
    const entry = this.literal.get(path);
    if (entry) return found(entry, method, NO_PARAMS);
    const parts = path.split('/');
    const candidates = this.dynamic.get(parts.length);
    if (!candidates) return NOT_FOUND;
    for (const candidate of candidates) {
      const params = matchSegments(candidate, parts);
      if (params) return found(candidate, method, params);
    }
    return NOT_FOUND;
  }

  private add(route: RouteDef<T>): void {
    const method = route.method.toUpperCase();
    if (!route.path.includes('{')) {
      let entry = this.literal.get(route.path);
      if (!entry) {
        entry = { methods: new Map(), allow: '' };
        this.literal.set(route.path, entry);
      }
      entry.methods.set(method, route.value);
      return;
    }
    const raw = route.path.split('/');
    const segments = raw.map((s) => (s.startsWith('{') && s.endsWith('}') ? null : s));
    const names = raw.filter((s) => s.startsWith('{')).map((s) => s.slice(1, -1));
    let list = this.dynamic.get(raw.length);
    if (!list) {
      list = [];
      this.dynamic.set(raw.length, list);
    }
    let entry = list.find((e) => e.segments.every((s, i) => s === segments[i]));
    if (!entry) {
      entry = {
        methods: new Map(),
        allow: '',
        segments,
        names,
        literals: segments.filter((s) => s !== null).length,
      };
      list.push(entry);
    }
    entry.methods.set(method, route.value);
  }
}

function found<T>(
  entry: PathEntry<T>,
  method: string,
  params: Readonly<Record<string, string>>,
): RouteMatch<T> {
  const value = entry.methods.get(method) ?? (method === 'HEAD' ? entry.methods.get('GET') : undefined);
  if (value === undefined) return { kind: 'method_not_allowed', allow: entry.allow };
  return { kind: 'found', value, params };
}

function matchSegments<T>(
  entry: DynamicEntry<T>,
  parts: readonly string[],
): Record<string, string> | undefined {
  let params: Record<string, string> | undefined;
  let p = 0;
  for (let i = 0; i < parts.length; i++) {
    const want = entry.segments[i];
    const got = parts[i] ?? '';
    if (want === null) {
      if (got === '') return undefined;
      const decoded = safeDecode(got);
      if (decoded === undefined) return undefined;
      params ??= {};
      params[entry.names[p++] ?? ''] = decoded;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params ?? {};
}

function safeDecode(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function allowOf(methods: Map<string, unknown>): string {
  const list = [...methods.keys()];
  if (list.includes('GET') && !list.includes('HEAD')) list.push('HEAD');
  return list.join(', ');
}
