/**
 * `@regen/client/node`: a transport for Node that sends through undici's connection pool
 * instead of `fetch`, about half the cost per call. Kept off the core entry so browser and edge
 * bundles never see undici or a `node:` import.
 *
 * ```ts
 * import { RegenClient } from '@regen/client';
 * import { undiciTransport } from '@regen/client/node';
 * const regen = new RegenClient({ apiKey, transport: undiciTransport() });
 * ```
 *
 * @module
 */

export type { HttpTransport, TransportRequest, TransportResponse } from './core/http-transport.ts';
export {
  type UndiciTransport,
  type UndiciTransportOptions,
  undiciTransport,
} from './node/undici-transport.ts';
