/**
 * @module The one reader of the bundled contract (types in ./contract-model.d.mts). Every emitter
 * reads this model, never the document's operations: the contract's operation index, the stub's
 * registry, the README's operations table, and the SDK model (./sdk-model.mjs, a view of this one
 * with the SDK's names) that the client and api.md are emitted from. The rules it applies are in
 * ./operation-rules.mjs, each written once; the documented defaults (token lifetimes, rate-limit
 * tiers) are read once by ./documented-defaults.mjs.
 */
import { documentedDefaultsOf } from './documented-defaults.mjs';
import { bodyOf, errorsOf, paramOf, successOf } from './operation-readers.mjs';
import {
  acceptedSchemes,
  authMode,
  effectiveSecurity,
  paginationOf,
  requiredScopes,
  takesIdempotencyKey,
  unexposedReason,
} from './operation-rules.mjs';
import { walkOperations } from './walk-operations.mjs';

/** Declared statuses (three digits) of an operation, in document order. */
function declaredStatuses(operation) {
  return Object.keys(operation.responses ?? {})
    .filter((s) => /^\d{3}$/.test(s))
    .map(Number);
}

/** One operation of the document, as the model sees it. */
function operationOf(doc, { path: route, method, operation, parameters }) {
  const params = parameters.map((p) => ({ in: p.in, param: paramOf(doc, p) }));
  const byIn = (where) => params.filter((p) => p.in === where).map((p) => p.param);
  const queryParams = byIn('query');
  const success = successOf(doc, operation);
  const security = effectiveSecurity(doc, operation);
  const statuses = declaredStatuses(operation);
  const successStatuses = statuses.filter((s) => s >= 200 && s < 400).sort((a, b) => a - b);
  return {
    operationId: operation.operationId,
    tag: operation.tags?.[0] ?? null,
    httpMethod: method.toUpperCase(),
    path: route,
    summary: operation.summary ?? null,
    description: operation.description ?? null,
    deprecated: operation.deprecated === true,
    pathParams: byIn('path'),
    queryParams,
    headerParams: byIn('header'),
    body: bodyOf(doc, operation),
    statuses,
    successStatus: successStatuses[0] ?? 200,
    success,
    errors: errorsOf(doc, operation),
    pagination: paginationOf(
      success.envelope === 'list',
      queryParams.map((p) => p.name),
      success.dataRef,
    ),
    idempotent: takesIdempotencyKey(parameters),
    credential: {
      mode: authMode(security),
      schemes: acceptedSchemes(security),
      scopes: requiredScopes(operation, security),
    },
    unexposed: unexposedReason(success.envelope),
    sdkName: operation['x-sdk-name'],
    sdkResource: operation['x-sdk-resource'],
  };
}

/**
 * Builds the contract model of a bundled document.
 * @param {object} doc the bundled OpenAPI 3.1 document (packages/contract/openapi.json)
 * @returns {import('./contract-model.d.mts').ContractModel}
 */
export function buildContractModel(doc) {
  return {
    title: doc.info?.title ?? '',
    version: doc.info?.version ?? '',
    errorCodes: [...(doc.components?.schemas?.ErrorCode?.enum ?? [])],
    securitySchemes: Object.keys(doc.components?.securitySchemes ?? {}),
    tags: (doc.tags ?? []).map((t) => ({
      name: t.name,
      description: t.description ?? null,
      sdkClassName: t['x-sdk-class-name'],
    })),
    operations: [...walkOperations(doc)].map((found) => operationOf(doc, found)),
    defaults: documentedDefaultsOf(doc),
  };
}

/**
 * Paths the client has no call at: every operation at them is unexposed. A path with both kinds
 * cannot be left out of the typed paths whole, so the model refuses it.
 */
export function unexposedPaths(model) {
  const byPath = new Map();
  for (const op of model.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const out = [];
  for (const [route, ops] of byPath) {
    const hidden = ops.filter((op) => op.unexposed !== null);
    if (hidden.length === 0) continue;
    if (hidden.length !== ops.length)
      throw new Error(`contract model: ${route} mixes unexposed and exposed operations`);
    out.push(route);
  }
  return out;
}
