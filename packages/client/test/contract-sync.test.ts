/**
 * The client against the contract: every operation is reachable from a namespace method, and the
 * generated transport flags agree with the operation index. The calls are derived from the SDK
 * model (scripts/generate/sdk-model.mjs), so a new operation needs no edit here.
 */
import { readFileSync } from 'node:fs';
import { operationIndex } from '@regen/contract/operations';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { allMethods, buildSdkModel, type SdkMethod } from '../../../scripts/generate/sdk-model.mjs';
import { flagsFor } from '../src/generated/operations.ts';
import { APIError, RegenClient, RegenError } from '../src/index.ts';
import { IDEMPOTENT, NO_AUTH, OPTIONAL_AUTH } from '../src/internal/transport.ts';
import { testClient } from './support/client.ts';
import { makeJwt } from './support/jwt.ts';
import { json, startServer, type TestServer } from './support/server.ts';
import { transportOptions } from './support/transport.ts';

const doc = JSON.parse(readFileSync(new URL('../../contract/openapi.json', import.meta.url), 'utf8'));
const model = buildSdkModel(doc);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.handle(json(200, { success: true, data: [], hasMore: false, nextCursor: null }));
});
afterAll(() => server.close());

const ops = Object.values(operationIndex);

test('the generated transport flags are exactly what the operation index says', () => {
  for (const o of ops) {
    const expected =
      (o.idempotent ? IDEMPOTENT : 0) |
      (o.auth === 'none' ? NO_AUTH : 0) |
      (o.auth === 'optional' ? OPTIONAL_AUTH : 0);
    expect(flagsFor(o.method, o.path), `${o.method} ${o.path}`).toBe(expected);
  }
  expect(ops.filter((o) => o.idempotent).every((o) => o.method === 'POST')).toBe(true);
  expect(new Set(ops.map((o) => o.auth))).toEqual(new Set(['none', 'optional', 'required']));
});

/** Calls `client.<resource…>.<name>(…pathParams, body)` with the contract's examples; resolves to the error, if any. */
async function callMethod(client: RegenClient, m: SdkMethod): Promise<unknown> {
  let target: Record<string, unknown> = client as unknown as Record<string, unknown>;
  for (const key of m.resource) target = target[key] as Record<string, unknown>;
  const fn = target[m.name];
  if (typeof fn !== 'function')
    throw new Error(`client.${[...m.resource, m.name].join('.')} is not a method`);
  const args: unknown[] = m.pathParams.map((p) => String(p.example ?? `${p.name}_1`));
  if (m.body?.required) args.push(m.body.examples[0]?.value ?? {});
  return Promise.resolve(fn.apply(target, args)).then(
    () => undefined,
    (error: unknown) => error,
  );
}

test('every operation of the contract but browser pages is reachable from a namespace method', async () => {
  const client = testClient(server.url);
  const methods = allMethods(model);
  for (const m of methods) {
    const error = await callMethod(client, m);
    // A call refused before sending (`auth.logout()` needs a session) is made again on a session client.
    if (error instanceof RegenError && !(error instanceof APIError)) {
      const session = new RegenClient({
        ...transportOptions(),
        baseUrl: server.url,
        accessToken: makeJwt(3600),
        logLevel: 'off',
      });
      expect(await callMethod(session, m)).toBeUndefined();
    }
  }
  const hit = new Set<string>();
  for (const r of server.requests) {
    const path = (r.url ?? '').split('?')[0] ?? '';
    const op = ops.find(
      (o) =>
        o.method === r.method &&
        new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path) &&
        !(o.path.includes('{') && ops.some((p) => p.method === r.method && p.path === path)),
    );
    if (op) hit.add(op.operationId);
  }
  const unexposed = model.unexposed.map((u) => u.operationId);
  expect(unexposed).toEqual(['authorize']);
  expect(ops.map((o) => o.operationId).filter((id) => !hit.has(id) && !unexposed.includes(id))).toEqual([]);
  expect(methods.length + unexposed.length).toBe(ops.length);
});
