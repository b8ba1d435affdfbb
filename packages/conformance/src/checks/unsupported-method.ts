/**
 * @module unsupported_method: a method the document does not list for a path is answered 405
 * with an `Allow` header naming the documented ones (RFC 9110 §15.5.6, §10.2.1). Under
 * `--operations` only the selected operations' methods are required: a partial server rightly
 * leaves out the methods it does not implement yet.
 */
import type { Case } from '../generate/case.ts';
import { deriveSeed } from '../generate/seed.ts';
import type { HttpMethod } from '../spec/types.ts';
import { type CheckContext, defineCheck, fail, PASS, type PathProbe, type Verdict } from './api.ts';

const name = 'unsupported_method';

/** Methods probed; HEAD and OPTIONS are left out (servers answer them for any GET path / CORS). */
const PROBED: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'];

/** The methods an `Allow` value lists, upper case. */
export function parseAllow(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter(Boolean),
  );
}

/** What `Allow` must list (`required`) and may list besides HEAD and OPTIONS (`documented`). */
interface AllowRule {
  readonly required: readonly HttpMethod[];
  readonly documented: readonly HttpMethod[];
}

function judge(status: number, allow: string | undefined, rule: AllowRule, method: string): Verdict {
  if (status !== 405)
    return fail(
      `${method} is not documented for this path: expected 405, got ${status}`,
      status < 300 ? 'accepted' : 'wrong-status',
    );
  if (allow === undefined) return fail(`405 for ${method} without an Allow header`, 'missing-allow');
  const { required, documented } = rule;
  const listed = parseAllow(allow);
  const missing = required.filter((m) => !listed.has(m));
  const extra = [...listed].filter(
    (m) => m !== 'HEAD' && m !== 'OPTIONS' && !documented.includes(m as HttpMethod),
  );
  if (missing.length > 0 || extra.length > 0) {
    const expected =
      required.length === documented.length
        ? documented.join(', ')
        : `${required.join(', ')} (the selected operations' methods; may add ${documented.filter((m) => !required.includes(m)).join(', ')})`;
    return fail(
      `Allow "${allow}" should list ${expected}${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (undocumented ${extra.join(', ')})` : ''}`,
      'allow-mismatch',
    );
  }
  return PASS;
}

/**
 * Probes every undocumented method on `path`, reusing a valid path from `pathParams` (real ids),
 * and records the verdicts for each selected operation of that path.
 */
async function probeUndocumentedMethods(
  ctx: CheckContext,
  { path, pathParams, auth }: PathProbe,
): Promise<void> {
  const documented = ctx.spec.pathMethods.get(path) ?? [];
  const ops = ctx.spec.operations.filter((o) => o.path === path && ctx.judges(name, o));
  if (ops.length === 0) return;
  const rule: AllowRule = { required: [...new Set(ops.map((o) => o.method))], documented };
  const seed = deriveSeed(ctx.settings.seed, path, name);
  for (const method of PROBED.filter((m) => !documented.includes(m))) {
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const testCase: Case = {
      pathParams,
      query: {},
      headers: {},
      body: hasBody ? { contentType: 'application/json', value: {} } : undefined,
      // Authenticated (when safe), so that 405 rather than 401 is the expected answer.
      auth,
      description: `unsupported_method: ${method} ${path}`,
    };
    // Sent without an operation: the response belongs to no documented operation.
    const sent = await ctx.send(undefined, testCase, 'probe', seed, method, path);
    for (const op of ops) {
      if (!sent.ok) ctx.recorder.error(name, op, sent.reason);
      else
        ctx.recorder.record(
          name,
          op,
          judge(sent.exchange.response.status, sent.exchange.response.headers.allow, rule, method),
          sent.exchange,
        );
    }
  }
}

export const unsupportedMethod = defineCheck({
  name,
  phase: 'path',
  suite: 'schema',
  description:
    'An undocumented method on a documented path is answered 405 with an Allow header listing the documented methods.',
  clause: 'OpenAPI document: the methods of each path (RFC 9110 §15.5.6: 405 with Allow)',
  run: probeUndocumentedMethods,
  profiles: {
    prism: [
      { variant: 'missing-allow', reason: 'Prism answers 405 without an Allow header (toolchain notes)' },
    ],
  },
});
