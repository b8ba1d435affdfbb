/**
 * @module webhook_target_policy: the contract's "Webhook targets" — an endpoint whose `url` is not
 * http(s), carries credentials, or names a non-public address (loopback in every spelling,
 * link-local and cloud metadata services, private, shared, unspecified, multicast, documentation
 * and benchmarking ranges) is refused with 422 and the operation's documented code, at creation
 * and on update. Derived from the document: the create is a POST without a path id whose JSON body
 * has a `url` of `format: uri` (its documented example is sent with `url` replaced), the update the
 * PATCH on its item path. Never triggers a delivery: no event is caused while a target exists, an
 * endpoint a broken server accepts is deleted at once, and every address is a literal or a name the
 * server resolves itself (the runner connects to none of them).
 */
import { requestMediaType } from '../../generate/positive.ts';
import { effectiveSchema } from '../../generate/schema-utils.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { JsonObject, OperationSpec } from '../../spec/types.ts';
import { bareCase, errorCode, jsonBody, probe, resourceId, withTarget } from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip } from '../api.ts';

export const name = 'webhook_target_policy';

/** Refused targets by variant (the failure's variant names the rule broken). Port 9: discard. */
const TARGETS: readonly (readonly [variant: string, url: string])[] = [
  ['scheme', 'file:///etc/passwd'],
  ['scheme', 'gopher://127.0.0.1:9/_INFO'],
  ['scheme', 'ftp://files.example.com/x'],
  ['scheme', 'data:text/plain,conformance'],
  ['scheme', 'javascript:alert(1)'],
  ['scheme', 'dict://127.0.0.1:9/info'],
  ['credentials', 'https://conformance:secret@hooks.example.com/x'],
  ['metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
  ['metadata', 'http://[fd00:ec2::254]/latest/meta-data/'],
  ['metadata', 'http://metadata.google.internal/computeMetadata/v1/'],
  ['metadata', 'http://100.100.100.200/latest/meta-data/'],
  ['private', 'http://10.0.0.1:9/hooks'],
  ['private', 'http://172.16.0.1:9/hooks'],
  ['private', 'http://192.168.1.1:9/hooks'],
  ['private', 'http://[fc00::1]:9/hooks'],
  ['unspecified', 'http://0.0.0.0:9/hooks'],
  ['link-local', 'http://[fe80::1]:9/hooks'],
  ['multicast', 'http://224.0.0.1:9/hooks'],
  ['documentation', 'http://192.0.2.10:9/hooks'],
  ['benchmarking', 'http://198.18.0.1:9/hooks'],
  ['loopback', 'http://127.0.0.1:9/hooks'],
  ['loopback', 'http://localhost:9/hooks'],
  ['loopback', 'http://[::1]:9/hooks'],
  ['loopback', 'http://2130706433:9/hooks'],
  ['loopback', 'http://0x7f000001:9/hooks'],
  ['loopback', 'http://0177.0.0.1:9/hooks'],
  ['loopback', 'http://127.1:9/hooks'],
  ['loopback', 'http://[::ffff:127.0.0.1]:9/hooks'],
];
/** An allowed target for the endpoint updates are tried on: a documentation name, never delivered to. */
const HARMLESS = 'https://hooks.example.com/regen-conformance';

interface Operations {
  readonly create: OperationSpec;
  readonly example: JsonObject;
  readonly update: OperationSpec | undefined;
  readonly remove: OperationSpec | undefined;
  /** The 422 codes the create documents (its examples); the refusal must use one of them. */
  readonly codes: readonly string[];
}

function hasUrlProperty(ctx: CheckContext, op: OperationSpec): boolean {
  const schema = requestMediaType(op)?.schema;
  if (!schema) return false;
  const body = effectiveSchema(ctx.spec.document, schema.schema);
  const url = isObject(body.properties) ? body.properties.url : undefined;
  return isObject(url) && effectiveSchema(ctx.spec.document, url).format === 'uri';
}

function operations(ctx: CheckContext): Operations | undefined {
  const create = ctx.spec.operations.find(
    (op) => op.method === 'POST' && op.auth !== 'none' && !op.path.includes('{') && hasUrlProperty(ctx, op),
  );
  const example = create && requestMediaType(create)?.examples[0];
  if (!create || !isObject(example)) return undefined;
  const item = new RegExp(`^${create.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\{[^}/]+\\}$`);
  const onItem = (method: string) =>
    ctx.spec.operations.find((op) => op.method === method && item.test(op.path));
  const codes = create.responses
    .filter((r) => r.status === '422')
    .flatMap((r) => r.content.flatMap((m) => m.examples.map((e) => errorCode(e))))
    .filter((c): c is string => typeof c === 'string' && /url/.test(c));
  return { create, example, update: onItem('PATCH'), remove: onItem('DELETE'), codes };
}

/** The verdict on one answer to a refused target (and whether an endpoint was made). */
function judge(sent: Exchange, what: string, variant: string, codes: readonly string[]) {
  const status = sent.response.status;
  const code = errorCode(sent.json);
  if (status === 422 && (codes.length === 0 || (code !== undefined && codes.includes(code)))) return PASS;
  if (status >= 200 && status < 300) {
    if (variant === 'loopback')
      return skip(
        `${what} was accepted: the server allows loopback webhook targets, as the contract lets a local-development server do (a shared server must refuse them)`,
      );
    return fail(
      `${what} was accepted (${status}): the contract's "Webhook targets" refuses it with 422`,
      variant,
    );
  }
  return fail(
    `${what} was answered ${status}${code ? ` ${code}` : ''}; expected 422${codes.length > 0 ? ` ${codes.join(' or ')}` : ''}`,
    variant,
  );
}

/** Deletes what the check made at once (clean-up would come after other checks' events). */
async function removeNow(
  ctx: CheckContext,
  ops: Operations,
  id: string,
  recordOn: OperationSpec,
): Promise<void> {
  ctx.pool.own(id);
  if (!ops.remove) return;
  const target = withTarget(ctx, ops.remove, bareCase(`${name}: delete ${id}`), id);
  const gone = await probe(ctx, name, ops.remove, target, recordOn);
  if (gone && gone.response.status < 300) ctx.pool.forget(id);
}

/** Creating an endpoint with each refused target is 422 (what is accepted is deleted at once). */
async function createRefusesEachTarget(ctx: CheckContext, ops: Operations): Promise<void> {
  const { create, example, codes } = ops;
  for (const [variant, url] of TARGETS) {
    const sent = await probe(
      ctx,
      name,
      create,
      bareCase(`${name}: create with url ${url}`, { body: jsonBody({ ...example, url }) }),
    );
    if (!sent) continue;
    const id = sent.response.status < 300 ? resourceId(sent.json) : undefined;
    if (id) await removeNow(ctx, ops, id, create);
    ctx.recorder.record(
      name,
      create,
      judge(sent, `${create.operationId} with url ${url}`, variant, codes),
      sent,
    );
  }
}

/** Updating endpoint `id` to one target per variant is 422; an accepted one is put back at once. */
async function updateRefusesEachTarget(
  ctx: CheckContext,
  ops: Operations,
  update: OperationSpec,
  id: string,
) {
  // One target per variant: the same rule guards both.
  const seen = new Set<string>();
  for (const [variant, url] of TARGETS) {
    if (seen.has(variant)) continue;
    seen.add(variant);
    const sent = await probe(
      ctx,
      name,
      update,
      withTarget(ctx, update, bareCase(`${name}: update url to ${url}`, { body: jsonBody({ url }) }), id),
    );
    if (!sent) continue;
    ctx.recorder.record(
      name,
      update,
      judge(sent, `${update.operationId} to url ${url}`, variant, ops.codes),
      sent,
    );
    if (sent.response.status < 300) {
      // Put the harmless target back at once, so nothing is ever delivered to the refused one.
      const restore = bareCase(`${name}: restore the url`, { body: jsonBody({ url: HARMLESS }) });
      await probe(ctx, name, update, withTarget(ctx, update, restore, id));
    }
  }
}

/** An endpoint with a harmless target to update; `undefined` (skip recorded) when it was not accepted. */
async function harmlessEndpoint(
  ctx: CheckContext,
  ops: Operations,
  update: OperationSpec,
): Promise<string | undefined> {
  const { create, example } = ops;
  const made = await probe(
    ctx,
    name,
    create,
    bareCase(`${name}: an endpoint to update`, { body: jsonBody({ ...example, url: HARMLESS }) }),
    update,
  );
  const id = made && made.response.status < 300 ? resourceId(made.json) : undefined;
  if (id) ctx.pool.own(id);
  else
    ctx.recorder.record(
      name,
      update,
      skip(`${create.operationId} with url ${HARMLESS} was not accepted: nothing to update`),
    );
  return id;
}

async function run(ctx: CheckContext): Promise<void> {
  const ops = operations(ctx);
  if (!ops) return;
  if (ctx.judges(name, ops.create)) await createRefusesEachTarget(ctx, ops);
  const { update, remove } = ops;
  if (!update || !remove || !ctx.judges(name, update)) return;
  const id = await harmlessEndpoint(ctx, ops, update);
  if (!id) return;
  try {
    await updateRefusesEachTarget(ctx, ops, update, id);
  } finally {
    await removeNow(ctx, ops, id, update);
  }
}

export const webhookTargetPolicy = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'Webhook endpoints with a non-http(s) URL, credentials in it, or a non-public address in any spelling (metadata services, private, loopback, …) are refused with 422 at creation and update.',
  run,
  clause: '"Webhook targets"',
  profiles: {
    prism: [{ reason: 'Prism stores no endpoint and checks no target: any valid body gets the example' }],
  },
});
