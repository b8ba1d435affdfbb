/**
 * Errors and retries: typed errors, what is retried, per-call options, cancellation.
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_API_KEY=rg_test_… npx tsx examples/errors-and-retries.ts
 *
 * With a stub started in chaos mode (`regen-stub --chaos`), REGEN_CHAOS=1 adds injected faults.
 */
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RegenClient,
} from '@regen/client';

const regen = new RegenClient({
  maxRetries: 3, // retries 408, 409 (key in flight), 429, 5xx, network errors and timeouts
  maxRetryAfter: 30_000, // a server asking for a longer wait throws RateLimitError at once
  timeout: 10_000, // per attempt
  logLevel: 'info', // logs each retry (credentials are always redacted)
});

// Typed errors carry status, code, requestId and details.
try {
  await regen.orders.retrieve('ord_doesNotExist1'); // an id that does not exist: a 404
} catch (error) {
  if (error instanceof NotFoundError) console.log(`Not found: ${error.code}, request ${error.requestId}`);
  else throw error;
}

try {
  await regen.orders.create({ customerId: 'cus_x', currency: 'USD', items: [] });
} catch (error) {
  if (error instanceof BadRequestError) {
    console.log(`Invalid order: ${error.details?.map((d) => `${d.path} ${d.message}`).join('; ')}`);
  } else if (error instanceof PermissionDeniedError) {
    console.log(`Missing scope: ${error.scope}`);
  } else throw error;
}

// Creating POSTs carry an Idempotency-Key (the same on every retry); pass your own to make a
// retry across process restarts safe as well.
const [customer] = (await regen.customers.list({ limit: 1 })).data;
const [product] = (await regen.products.list({ limit: 1, active: true })).data;
if (customer && product) {
  const body = { customerId: customer.id, currency: 'USD', items: [{ productId: product.id, quantity: 1 }] };
  const key = `example-${customer.id}-${Date.now()}`;
  const order = await regen.orders.create(body, { idempotencyKey: key });
  const again = await regen.orders.create(body, { idempotencyKey: key });
  console.log(`Same key, same order: ${order.id === again.id}`);
}

// Cancel a call (even while it waits to retry) with an AbortSignal.
const controller = new AbortController();
const pending = regen.orders.list({}, { signal: controller.signal });
controller.abort(); // e.g. the user navigated away
try {
  await pending;
} catch (error) {
  if (error instanceof APIUserAbortError) console.log('Aborted by the caller');
  else throw error;
}

if (process.env.REGEN_CHAOS) {
  const fault = (value: string) => ({ headers: { 'Regen-Fault': value } });
  await regen.orders.list({ limit: 1 }, fault('503; count=2'));
  console.log('Recovered from two 503s');
  try {
    await regen.orders.list({}, fault('429; retry-after=huge'));
  } catch (error) {
    if (error instanceof RateLimitError) console.log(`Rate limited; retry in ${error.retryAfterMs} ms`);
    else throw error;
  }
}

// Everything the SDK throws is a RegenError; API-side failures are APIErrors.
try {
  await new RegenClient({
    apiKey: 'rg_test_invalidinvalidinvalidinvalid0',
    baseUrl: regen.baseUrl,
  }).orders.list();
} catch (error) {
  if (error instanceof APIConnectionError) console.log('Network trouble');
  else if (error instanceof APIError) console.log(`${error.name}: ${error.message}`);
  else throw error;
}
