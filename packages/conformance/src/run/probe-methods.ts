/** @module Runs the path checks once per documented path, aimed so that they can do no harm. */
import type { Case } from '../generate/case.ts';
import { positiveCases } from '../generate/positive.ts';
import { deriveSeed } from '../generate/seed.ts';
import type { Json } from '../spec/types.ts';
import type { RunContext } from './context.ts';

/** Runs the path checks (undocumented methods) on every path that has a selected operation. */
export async function probePaths(ctx: RunContext): Promise<void> {
  const checks = ctx.registry.inPhase('path');
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
      // The label predates path checks; kept so that a seed reproduces the same requests.
      deriveSeed(ctx.settings.seed, path, 'unsupported_method'),
      0,
    );
    const sample = generated ?? examples;
    const pathParams: Record<string, Json> = sample?.pathParams ?? {};
    // Session endpoints are probed without the run's credential, which they could end.
    const auth: Case['auth'] =
      ops.some((o) => ctx.plan(o)?.kind === 'session') || first.auth === 'none' ? 'none' : 'default';
    for (const check of checks) await check.run(ctx, { path, pathParams, auth });
  }
}
