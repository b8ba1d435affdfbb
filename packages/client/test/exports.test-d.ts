/** The public type surface: one operationId-keyed family of helpers, and nothing from `internal/`. */
import { expectTypeOf, test } from 'vitest';
import type * as Regen from '../src/index.ts';
import type { Data, SuccessBody } from '../src/index.ts';

test('operationId-keyed helpers are the public family', () => {
  expectTypeOf<SuccessBody<'getOrder'>>().toHaveProperty('data');
  expectTypeOf<SuccessBody<'getOrder'>['data']>().toEqualTypeOf<Data<'getOrder'>>();
});

test('the path-keyed helpers and internal types are not exported', () => {
  // @ts-expect-error DataOf is internal to core/typed-paths.ts (use Data<'operationId'>)
  type _DataOf = Regen.DataOf<never>;
  // @ts-expect-error SuccessBodyOf is internal (use SuccessBody<'operationId'>)
  type _SuccessBodyOf = Regen.SuccessBodyOf<never>;
  // @ts-expect-error PathsWithMethod is internal
  type _PathsWithMethod = Regen.PathsWithMethod<never, 'get'>;
  // @ts-expect-error TokenProvider is the transport's internal contract
  type _TokenProvider = Regen.TokenProvider;
  expectTypeOf<Regen.TokenSet>().toHaveProperty('accessToken');
  expectTypeOf<Regen.RateLimit>().toHaveProperty('reset');
});
