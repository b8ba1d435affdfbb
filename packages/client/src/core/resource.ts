import type { RegenClient } from './client.ts';

/** Base of the resource namespaces (`client.orders`, …): a handle on the client. */
export abstract class APIResource {
  protected readonly _client: RegenClient;

  constructor(client: RegenClient) {
    this._client = client;
  }
}
