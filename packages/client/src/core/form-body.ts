/** Form-encoded request bodies (`application/x-www-form-urlencoded`) of the contract's operations. Types only. */
import type { operations } from '@regen/contract';
import type { OperationId } from './operation-types.ts';

/** The form body of an operation, as an object (the client encodes it; RFC 6749 §4.4.2 token requests). */
export type FormBody<Id extends OperationId> = operations[Id] extends {
  requestBody: { content: { 'application/x-www-form-urlencoded': infer B } };
}
  ? B
  : never;
