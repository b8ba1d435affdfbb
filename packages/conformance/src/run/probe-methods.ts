/** @module Runs unsupported_method once per documented path, aimed so that it can do no harm. */
import { unsupportedMethod } from '../checks/unsupported-method.ts';
import type { Case } from '../generate/case.ts';
import { positiveCases } from '../generate/positive.ts';
import { deriveSeed } from '../generate/seed.ts';
import type { Json } from '../spec/types.ts';
import type { RunContext } from './context.ts';

/** Probes the undocumented methods of every path that has a selected operation. */
export async function probeUnsupportedMethods(ctx: RunContext): Promise<void> {
  for (const path of ctx.spec.pathMethods.keys()) {
    const ops = ctx.spec.operations.filter((o) => o.path === path);
    const first = ops[0];
    if (!first || !ops.some((o) => ctx.settings.selected.has(o.operationId))) continue;
    // An undocumented method may still act on a non-conforming server: aim it at a resource
    // the run created, else at an id generated from the pattern, which names nothing.
    const gen = { ...ctx.generator(first), ids: (prefix: string) => ctx.pool.ids(prefix, true) };
    // Generated, not the examples case: a documented example id may well exist.
    const [examples, generated] = positiveCases(
      first,
      gen,
      2,
      deriveSeed(ctx.settings.seed, path, 'unsupported_method'),
      0,
    );
    const sample = generated ?? examples;
    const pathParams: Record<string, Json> = sample?.pathParams ?? {};
    // Session endpoints are probed without the run's credential, which they could end.
    const auth: Case['auth'] =
      ops.some((o) => ctx.plan(o)?.kind === 'session') || first.auth === 'none' ? 'none' : 'default';
    await unsupportedMethod(ctx, path, pathParams, auth);
  }
}
