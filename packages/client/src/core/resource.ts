import type { ClientCore } from './client-core.ts';

/** Base of the resource namespaces (`client.orders`, …): a handle on the client. */
export abstract class APIResource {
  /** @internal The client whose transport and credential the namespace's calls use. */
  protected readonly _client: ClientCore;

  constructor(client: ClientCore) {
    this._client = client;
  }
}
