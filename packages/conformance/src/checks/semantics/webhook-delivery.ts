/**
 * @module webhook_delivery (needs `--webhook-listen host:port`, a loopback address): an endpoint
 * created for `api_key.rotated` receives the event when the run rotates a key of its own, with a
 * `Regen-Signature` (`t=…,v1=HMAC-SHA256(secret, "t.body")`) that verifies with the endpoint's
 * secret, `t` within 5 minutes, `Regen-Event-Id` = the event's id; a 503 from the receiver is
 * retried (same event).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject } from '../../spec/json-pointer.ts';
import type { OperationSpec } from '../../spec/types.ts';
import { call, data, newKey, nonce, record, requireOp, ruleOf, said } from '../../support/index.ts';
import { type CheckContext, defineCheck, fail, PASS, type SemanticSettings, skip } from '../api.ts';

export const name = 'webhook_delivery';

const RULES = {
  signed: {
    operation: 'createWebhookEndpoint',
    description:
      "an api_key.rotated delivery arrives, Regen-Signature verifying with the endpoint's secret, the body the event Regen-Event-Id names",
  },
  retried: {
    operation: 'createWebhookEndpoint',
    description: 'a delivery the receiver answered 503 is retried, with the same Regen-Event-Id',
  },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);
/** Seconds a signature's timestamp may differ from the receiver's clock (Stripe's default). */
export const TOLERANCE_S = 300;

interface Delivery {
  readonly at: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function isLoopback(host: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === 'localhost' || host === '::1' || host === '[::1]';
}

/** Verifies `Regen-Signature` over the raw body; a reason when it does not. */
export function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  now = Date.now(),
): string | undefined {
  if (!header) return 'no Regen-Signature header';
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d+$/.test(t) || !v1)
    return `Regen-Signature "${header.slice(0, 80)}" is not t=<unix seconds>,v1=<hex>`;
  if (Math.abs(now / 1000 - Number(t)) > TOLERANCE_S)
    return `Regen-Signature's t is ${Math.round(now / 1000 - Number(t))} s off the receiver's clock (tolerance ${TOLERANCE_S} s)`;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return "Regen-Signature v1 does not verify with the endpoint's secret";
  return undefined;
}

/** `host:port` of `--webhook-listen` when it is a loopback address. */
function loopbackAddress(listen: string): { host: string; port: number } | undefined {
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(colon + 1));
  return colon < 0 || !isLoopback(host) || !Number.isInteger(port) ? undefined : { host, port };
}

/** A receiver that refuses the first delivery with a 503 (the sender must retry) and accepts the rest. */
interface Receiver {
  readonly deliveries: readonly Delivery[];
  /** Its URL, under a path of its own. */
  readonly url: string;
  /** Resolves on the next delivery or after 250 ms. */
  next(): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(ctx: CheckContext, host: string, port: number): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  let notify: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res
        .writeHead(deliveries.length === 1 ? 503 : 200, { 'Content-Type': 'text/plain' })
        .end(deliveries.length === 1 ? 'retry me' : 'ok');
      notify?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    deliveries,
    url: `http://${urlHost}:${address.port}/regen-conformance/${nonce(ctx, 12, name, 'path')}`,
    next: () =>
      new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 250);
      }),
    close: async () => {
      notify = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates an endpoint for `api_key.rotated` at `url`; its signing secret (error recorded when none). */
async function createEndpoint(
  ctx: CheckContext,
  op: OperationSpec,
  url: string,
): Promise<string | undefined> {
  const created = await call(ctx, rule('signed'), 'createWebhookEndpoint', 'an endpoint on the receiver', {
    body: {
      contentType: 'application/json',
      value: { url, events: ['api_key.rotated'], description: 'regen-conformance webhook_delivery' },
    },
  });
  if (!created) return undefined;
  const d = data(created);
  if (created.response.status >= 300 || typeof d?.id !== 'string' || typeof d.secret !== 'string') {
    ctx.recorder.error(
      rule('signed'),
      op,
      `createWebhookEndpoint answered ${said(created)} without an id and a secret`,
    );
    return undefined;
  }
  ctx.pool.own(d.id);
  ctx.redactor.add(d.secret, '$REGEN_WEBHOOK_SECRET');
  return d.secret;
}

/** Rotates a fresh key of the run's own, which fires api_key.rotated; the key's id. */
async function fireKeyRotated(ctx: CheckContext, op: OperationSpec): Promise<string | undefined> {
  const key = await newKey(ctx, rule('signed'), ['read:products'], 'webhook trigger');
  if (!key.key) {
    record(
      ctx,
      rule('signed'),
      op,
      skip(`could not create a key to rotate (createApiKey answered ${key.status})`),
    );
    return undefined;
  }
  const rotated = await call(
    ctx,
    rule('signed'),
    'rotateApiKey',
    'rotate a key of the run (fires api_key.rotated)',
    { pathParams: { id: key.key.id } },
    op,
  );
  if (!rotated || rotated.response.status >= 300) {
    ctx.recorder.error(rule('signed'), op, `rotateApiKey answered ${rotated ? said(rotated) : 'nothing'}`);
    return undefined;
  }
  const newSecret = data(rotated)?.key;
  if (typeof newSecret === 'string') ctx.redactor.add(newSecret, '$REGEN_CREATED_KEY');
  return key.key.id;
}

/** The deliveries about key `keyId` (unreadable ones too: they are judged). */
function deliveriesAbout(receiver: Receiver, keyId: string): Delivery[] {
  return receiver.deliveries.filter((x) => {
    try {
      const body = JSON.parse(x.body) as unknown;
      return (
        isObject(body) && isObject(body.data) && isObject(body.data.object) && body.data.object.id === keyId
      );
    } catch {
      return true; // unreadable: judged below
    }
  });
}

/** Why a delivery is not the signed api_key.rotated event its Regen-Event-Id names, if it is not. */
function deliveryProblem(delivery: Delivery, i: number, secret: string): ReturnType<typeof fail> | undefined {
  const signature = delivery.headers['regen-signature'] as string | undefined;
  const problem = verifySignature(signature, delivery.body, secret, delivery.at);
  if (problem) return fail(`delivery ${i + 1}: ${problem}`, 'signature');
  let event: unknown;
  try {
    event = JSON.parse(delivery.body);
  } catch {
    return fail(`delivery ${i + 1} is not JSON`, 'body');
  }
  if (!isObject(event) || event.type !== 'api_key.rotated' || event.id !== delivery.headers['regen-event-id'])
    return fail(`delivery ${i + 1} is not the api_key.rotated event named by Regen-Event-Id`, 'body');
  return undefined;
}

/** Every delivery is signed with the endpoint's secret; the refused one is retried with the same event id. */
function deliveriesAreSignedAndRetried(
  ctx: CheckContext,
  op: OperationSpec,
  got: readonly Delivery[],
  secret: string,
  settings: SemanticSettings,
): void {
  if (got.length === 0) {
    const message = `no api_key.rotated delivery reached ${settings.webhookListen} within --max-wait ${settings.maxWaitMs / 1000} s`;
    record(ctx, rule('signed'), op, fail(message, 'not-delivered'));
    return;
  }
  for (const [i, delivery] of got.entries()) {
    const problem = deliveryProblem(delivery, i, secret);
    if (problem) {
      record(ctx, rule('signed'), op, problem);
      return;
    }
  }
  record(ctx, rule('signed'), op, PASS);
  if (got.length < 2) {
    const message = `the receiver answered the delivery 503 and it was not retried within --max-wait ${settings.maxWaitMs / 1000} s`;
    record(ctx, rule('retried'), op, fail(message, 'not-retried'));
    return;
  }
  const ids = new Set(got.map((x) => x.headers['regen-event-id']));
  record(
    ctx,
    rule('retried'),
    op,
    ids.size === 1
      ? PASS
      : fail('the retry carries another Regen-Event-Id than the refused delivery', 'retry-id'),
  );
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const op = requireOp(ctx, 'createWebhookEndpoint');
  if (!ctx.judges(name, op)) return;
  const listen = settings.webhookListen;
  if (!listen)
    return record(
      ctx,
      rule('signed'),
      op,
      skip('needs an address to receive deliveries on: run with --webhook-listen 127.0.0.1:PORT'),
    );
  const address = loopbackAddress(listen);
  if (!address)
    return record(ctx, rule('signed'), op, skip(`--webhook-listen ${listen} is not a loopback host:port`));
  const receiver = await startReceiver(ctx, address.host, address.port);
  try {
    const secret = await createEndpoint(ctx, op, receiver.url);
    if (!secret) return;
    const keyId = await fireKeyRotated(ctx, op);
    if (!keyId) return;
    const deadline = Date.now() + settings.maxWaitMs;
    while (deliveriesAbout(receiver, keyId).length < 2 && Date.now() < deadline) await receiver.next();
    deliveriesAreSignedAndRetried(ctx, op, deliveriesAbout(receiver, keyId), secret, settings);
  } finally {
    await receiver.close();
  }
}

export const webhookDelivery = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['createWebhookEndpoint'],
  rules: RULES,
  description:
    "With --webhook-listen: an api_key.rotated delivery arrives signed (Regen-Signature verifies with the endpoint's secret, t within 5 minutes); a 503 from the receiver is retried.",
  clause:
    '"Webhooks": Regen-Signature t=…,v1=HMAC-SHA256(secret, "t.body"), Regen-Event-Id; the stub/servers retry non-2xx answers',
  run,
  profiles: { prism: [{ reason: 'Prism sends no webhooks' }] },
});
