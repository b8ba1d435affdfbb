import type { Principal } from '../auth/principal.ts';
import type { OperationSpec } from '../generated/operations.ts';
import type { StubRequest } from '../http/exchange.ts';
import type { Store } from '../store/store.ts';
import type { Services } from './services.ts';

/** What a handler receives, before the contract narrows it (see `handlers/types.ts`). */
export interface RawContext {
  readonly requestId: string;
  readonly operation: OperationSpec;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The verified credential; `undefined` on operations without (or with failed optional) auth. */
  readonly principal: Principal | undefined;
  /** The caller's data: its account's partition of its mode (operations with a credential only). */
  readonly store: Store;
  readonly request: StubRequest;
  readonly services: Services;
}

/** A handler's answer: a status and a JSON body, or a non-JSON body with its media type. */
export interface RawResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Media type of a pre-serialized `body` (e.g. the `authorize` HTML page); JSON when absent. */
  readonly contentType?: string;
}

/** The untyped handler table the dispatcher runs. */
export type RawHandler = (ctx: RawContext) => Promise<RawResult> | RawResult;
