import type { RawResult } from '../../handlers/raw-handler.ts';
import type { StubResponse } from '../../http/exchange.ts';
import type { Store } from '../../store/store.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';
import { fail, finish } from '../respond.ts';
import { writeScope, writesInTransaction } from '../write-scope.ts';

/**
 * The operation's handler, with the caller's partition as its store (in one PostgreSQL transaction
 * when it writes); its result checked against the contract, its thrown errors answered. The last
 * step: it never calls `next`.
 */
export const runHandler: Step<Exchange> = (ex) => {
  const { route, request } = ex;
  let result: RawResult | Promise<RawResult>;
  try {
    const services = ex.deps.services;
    const principal = ex.principal;
    const partition =
      principal === undefined
        ? NO_PARTITION
        : services.tenancy.partition(principal.accountId, principal.mode);
    const call = () =>
      route.handler({
        requestId: ex.requestId,
        operation: route.op,
        params: ex.params,
        query: ex.query,
        body: ex.body,
        principal,
        // Only the caller's partition: another account's or mode's records are not in it. (A plain
        // property: an object literal with a getter made every request ~20 % slower.)
        store: partition,
        request,
        services,
      });
    // With PostgreSQL, a change of data is one transaction (see PgStore).
    const shared = services.shared;
    result =
      shared !== undefined && writesInTransaction(route)
        ? shared.write(writeScope(route.op.operationId, principal), call)
        : call();
  } catch (error) {
    return fail(ex, error);
  }
  // A synchronous handler (every read in memory) is answered without waiting a tick.
  if (result instanceof Promise) {
    return result.then(
      (settled) => answer(ex, settled),
      (error: unknown) => fail(ex, error),
    );
  }
  return answer(ex, result);
};

/** The checked response of a result; a failure while checking it is answered like the handler's. */
function answer(ex: Exchange, result: RawResult): StubResponse {
  try {
    return finish(ex, result);
  } catch (error) {
    return fail(ex, error);
  }
}

/** The `store` of an operation without a caller: any use is a bug of its handler, said at once. */
const NO_PARTITION = new Proxy({} as Store, {
  get(_target, property) {
    throw new Error(`an operation without a credential used store.${String(property)}: it has no data`);
  },
});
