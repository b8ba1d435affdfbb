import type { Order, OrderCancel, OrderCreate, OrderStatus } from '@regen/contract';
import type { OperationId } from '@regen/contract/operations';
import { describe, expectTypeOf, it } from 'vitest';
import { handlers } from '../src/handlers/index.ts';
import type { BodyOf, Ctx, Handler, Handlers, ResponseOf } from '../src/handlers/types.ts';

declare const order: Order;

describe('handler types come from the contract', () => {
  it('the handler table has exactly one handler per operation', () => {
    expectTypeOf(handlers).toExtend<Handlers>();
    expectTypeOf<keyof typeof handlers>().toEqualTypeOf<OperationId>();
    const { getOrder: _dropped, ...rest } = handlers;
    // @ts-expect-error a table without getOrder is not a complete Handlers table
    const incomplete: Handlers = rest;
    void incomplete;
  });

  it('request parts are typed per operation', () => {
    expectTypeOf<BodyOf<'createOrder'>>().toEqualTypeOf<OrderCreate>();
    expectTypeOf<BodyOf<'cancelOrder'>>().toEqualTypeOf<OrderCancel | undefined>();
    expectTypeOf<BodyOf<'getOrder'>>().toEqualTypeOf<undefined>();
    expectTypeOf<Ctx<'getOrder'>['params']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Ctx<'listOrders'>['query']['status']>().toEqualTypeOf<OrderStatus | undefined>();
  });

  it('a handler returning the contract shape compiles', () => {
    const good: Handler<'getOrder'> = () => ({ status: 200, body: { success: true, data: order } });
    expectTypeOf(good).toExtend<Handler<'getOrder'>>();
    expectTypeOf<Extract<ResponseOf<'getOrder'>, { status: 200 }>['body']['data']>().toEqualTypeOf<Order>();
  });

  it('off-contract responses fail to compile', () => {
    // @ts-expect-error data is not an Order (fields missing)
    const partial: Handler<'getOrder'> = () => ({
      status: 200,
      body: { success: true, data: { id: 'ord_1' } },
    });
    // @ts-expect-error getOrder never answers 201
    const status: Handler<'getOrder'> = () => ({ status: 201, body: { success: true, data: order } });
    // @ts-expect-error success must be the literal true
    const envelope: Handler<'getOrder'> = () => ({ status: 200, body: { success: false, data: order } });
    // @ts-expect-error the status of an order is an enum
    const badEnum: Handler<'getOrder'> = () => ({
      status: 200,
      body: { success: true, data: { ...order, status: 'lost' } },
    });
    void [partial, status, envelope, badEnum];
    // Extra properties in a returned literal are not flagged by TypeScript in this position (no excess
    // property check for union return types); the runtime response validation refuses them instead
    // (`additionalProperties: false`), see test/persistence.test.ts.
  });

  it('reads of the request are checked too', () => {
    const reader: Handler<'createOrder'> = ({ body }) => {
      // @ts-expect-error OrderCreate has no `total`
      void body.total;
      return { status: 201, body: { success: true, data: order } };
    };
    void reader;
  });
});
