/**
 * @module Types of the SDK model: what `buildSdkModel` (./sdk-model.mjs) makes of the contract
 * model (./contract-model.d.mts), and all an emitter of the client may know. Plain JSON data.
 */
import type { ContractModel, ContractOperation, OpenApiDocument } from './contract-model.d.mts';

/** The SDK: namespaces hung off the client, and methods on the client itself. */
export interface SdkModel {
  /** `info.title` / `info.version` of the contract. */
  title: string;
  version: string;
  /** The contract's `ErrorCode` enum: every `error.code` an error envelope may carry. */
  errorCodes: string[];
  /** Methods on the client itself (`client.health()`), from `x-sdk-resource: ''`. */
  rootMethods: SdkMethod[];
  /** Top-level namespaces (`client.orders`), in the document's order of first appearance. */
  resources: SdkResource[];
  /** Operations of the contract that get no method (e.g. a browser page), with the reason. */
  unexposed: (Omit<SdkMethod, 'name'> & { name: null; reason: string })[];
}

/** A namespace: `client.orders`, or nested, `client.inventory.adjustments`. */
export interface SdkResource {
  /** Property name on its parent (`adjustments`). */
  name: string;
  /** Property path from the client (`['inventory', 'adjustments']`). */
  path: string[];
  /** Class name (`InventoryAdjustments`); `x-sdk-class-name` on a tag overrides it (`OAuth`). */
  className: string;
  /** The contract tag its operations carry. */
  tag: string;
  /** The tag's description (top-level namespaces only). */
  description: string | null;
  resources: SdkResource[];
  methods: SdkMethod[];
}

/** One operation of the contract, as an SDK method. */
export interface SdkMethod extends Omit<ContractOperation, 'tag'> {
  /** Method name (`retrieve`, `cancel`); `x-sdk-name` overrides the rule. */
  name: string;
  /** Namespace path the method lives on (`[]` for the client itself). */
  resource: string[];
  /** The operation's first tag (`default` without one). */
  tag: string;
}

/** Builds the model of a bundled document. Throws when the naming rule cannot name an operation. */
export function buildSdkModel(doc: OpenApiDocument): SdkModel;

/** The SDK view of a contract model. Throws when the naming rule cannot name an operation. */
export function sdkModelOf(contract: ContractModel): SdkModel;

/** Every method of the model: the client's own, then each namespace depth-first. */
export function allMethods(model: SdkModel): SdkMethod[];
