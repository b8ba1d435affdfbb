/** Request and response types of the contract's operations, by operationId. Types only. */
import type { operations } from '@regen/contract';
import type { BodyOf, DataOf, DeepReadonly, ItemOf, QueryOf, SuccessBodyOf } from './typed-paths.ts';

/** The operationId of every operation in the contract (`getOrder`, `createOrder`, …). */
export type OperationId = keyof operations;
/** JSON request body of an operation. */
export type Body<Id extends OperationId> = NonNullable<BodyOf<operations[Id]>>;
/** What the resource methods accept as `Body<Id>`: the same, or a deeply readonly (`as const`) version of it. */
export type BodyInput<Id extends OperationId> = DeepReadonly<Body<Id>>;
/** Query parameters of an operation. */
export type Query<Id extends OperationId> = QueryOf<operations[Id]>;
/** The whole 2xx body of an operation, envelope included: what `client.GET/POST/…` resolve to. */
export type SuccessBody<Id extends OperationId> = SuccessBodyOf<operations[Id]>;
/** The unwrapped `data` an operation answers with. */
export type Data<Id extends OperationId> = DataOf<operations[Id]>;
/** One element of a list operation's `data`. */
export type Item<Id extends OperationId> = ItemOf<operations[Id]>;
