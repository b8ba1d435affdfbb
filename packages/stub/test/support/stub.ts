import { afterAll, beforeAll, expect } from 'vitest';
import { ADMIN_KEY, JWT_SECRET, RAISED_LIMITS, startTestStub } from '../../../../test/support/stub-server.ts';
import type { StubOptions, StubServer } from '../../src/index.ts';

/** The admin key (every scope, `--admin-key`) and JWT secret of the repository's shared test stub. */
export { ADMIN_KEY, JWT_SECRET, startTestStub };
/** Limits high enough that only rate-limit tests meet them. */
export const HIGH_LIMITS = RAISED_LIMITS;

// biome-ignore lint/suspicious/noExplicitAny: tests read replies loosely; the stub checks every body against the contract.
type Loose = any;

/** A response with its parsed JSON body (when there is one). */
export interface Reply<T = Loose> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/** Request options of {@link Client.call}. */
export interface CallOptions {
  readonly key?: string | null;
  readonly bearer?: string;
  readonly body?: unknown;
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
}

/** A minimal JSON client over real HTTP (global fetch). */
export class Client {
  constructor(
    readonly url: string,
    private readonly defaultKey: string | null = ADMIN_KEY,
  ) {}

  async call<T = Loose>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.defaultKey : options.key;
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    else if (key !== null) headers['x-api-key'] = key;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const payload = typeof body === 'string' || body === undefined ? (body ?? null) : new Uint8Array(body);
    const response = await fetch(this.url + path, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = Loose>(path: string, options?: CallOptions) {
    return this.call<T>('GET', path, options);
  }

  post<T = Loose>(path: string, body?: unknown, options: CallOptions = {}) {
    return this.call<T>('POST', path, body === undefined ? options : { ...options, body });
  }
}

/**
 * Starts a stub on a free port for the tests of one file and stops it afterwards. Every file
 * also checks that no response broke the contract (`violations` stays empty).
 */
export function useStub(
  options: StubOptions = {},
  { productDefaults = false } = {},
): { readonly stub: StubServer; readonly client: Client } {
  const holder = {} as { stub: StubServer; client: Client };
  beforeAll(async () => {
    // Unless `productDefaults`, limits are raised so that only rate-limit tests meet them.
    holder.stub = await startTestStub(options, { productDefaults });
    holder.client = new Client(holder.stub.url);
  });
  afterAll(async () => {
    await holder.stub?.close();
    expect(holder.stub?.violations ?? []).toEqual([]);
  });
  return {
    get stub() {
      return holder.stub;
    },
    get client() {
      return holder.client;
    },
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not `undefined`) or `timeoutMs` passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

/** A valid `createOrder` body: the first customer and an active product with stock. */
export async function orderBody(
  client: Client,
  quantity = 1,
): Promise<{ customerId: string; currency: 'USD'; items: { productId: string; quantity: number }[] }> {
  const customers = await client.get('/api/v1/customers?limit=1');
  const products = await client.get('/api/v1/products?active=true&limit=100');
  const levels = await client.get('/api/v1/inventory?limit=100');
  const active = new Set(products.body.data.map((p: { id: string }) => p.id));
  const level = levels.body.data.find(
    (l: { productId: string; available: number }) => active.has(l.productId) && l.available >= quantity + 30,
  );
  if (!level) throw new Error('no product with stock');
  return {
    customerId: customers.body.data[0].id,
    currency: 'USD',
    items: [{ productId: level.productId, quantity }],
  };
}
