/** `@regen/client/node`: `undiciTransport()` is an `HttpTransport` the client takes, with a pool to close. */
import type { Dispatcher } from 'undici';
import { expectTypeOf, test } from 'vitest';
import {
  type ClientOptions,
  type HttpTransport,
  RegenClient,
  type TransportRequest,
  type TransportResponse,
} from '../src/index.ts';
import type * as node from '../src/node.ts';
import { type UndiciTransport, type UndiciTransportOptions, undiciTransport } from '../src/node.ts';

test('undiciTransport() is an HttpTransport with close() and Symbol.asyncDispose', () => {
  expectTypeOf(undiciTransport).returns.toEqualTypeOf<UndiciTransport>();
  expectTypeOf<UndiciTransport>().toExtend<HttpTransport>();
  expectTypeOf<UndiciTransport['close']>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<UndiciTransport[typeof Symbol.asyncDispose]>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<UndiciTransport['dispatcher']>().toEqualTypeOf<Dispatcher>();
  expectTypeOf({ apiKey: 'k', transport: undiciTransport() }).toExtend<ClientOptions>();
  new RegenClient({ apiKey: 'k', transport: undiciTransport({ connections: 4, keepAliveTimeout: 10_000 }) });
});

test('options are typed; an unknown option or a wrong type does not compile', () => {
  expectTypeOf<UndiciTransportOptions['connections']>().toEqualTypeOf<number | undefined>();
  // @ts-expect-error connections is a number
  undiciTransport({ connections: '4' });
  // @ts-expect-error no such option
  undiciTransport({ maxSockets: 4 });
});

test('a transport of your own implements send(); the entry exports only the transport', () => {
  const mine: HttpTransport = {
    send: (request: TransportRequest): Promise<TransportResponse> => {
      expectTypeOf(request.headers).toEqualTypeOf<Readonly<Record<string, string>>>();
      expectTypeOf(request.signal).toEqualTypeOf<AbortSignal | undefined>();
      return Promise.reject(new Error('offline'));
    },
  };
  new RegenClient({ apiKey: 'k', transport: mine });
  // @ts-expect-error send must return a TransportResponse, not a Response
  new RegenClient({ apiKey: 'k', transport: { send: async () => new Response('') } });
  expectTypeOf<keyof typeof node>().toEqualTypeOf<'undiciTransport'>();
});
