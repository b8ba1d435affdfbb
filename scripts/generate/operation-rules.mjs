/**
 * @module The contract's rules about one operation, each written once: which security applies,
 * how a credential is required, which scopes, whether it is idempotent, how it paginates, and
 * whether the client can call it. The contract model (./contract-model.mjs) applies them for every
 * emitter; scripts/lint-contract.mjs applies the same ones to the unbundled contract.
 */

/** The security requirements in force: the operation's own (`[]` included), else the document's. */
export function effectiveSecurity(doc, operation) {
  return operation.security ?? doc.security ?? [];
}

/** `none` (no requirement), `optional` (`{}` is among the requirements) or `required`. */
export function authMode(security) {
  if (security.length === 0) return 'none';
  return security.some((requirement) => Object.keys(requirement).length === 0) ? 'optional' : 'required';
}

/** Security schemes any requirement names, in order of first appearance. */
export function acceptedSchemes(security) {
  return [...new Set(security.flatMap((requirement) => Object.keys(requirement)))];
}

/**
 * The canonical scopes an operation requires: `x-required-scopes`, else the first non-empty scope
 * list of the security in force; none when there is no security at all.
 */
export function requiredScopes(operation, security) {
  if (authMode(security) === 'none') return [];
  const fromSecurity = security
    .flatMap((requirement) => Object.values(requirement))
    .find((scopes) => Array.isArray(scopes) && scopes.length > 0);
  return (operation['x-required-scopes'] ?? fromSecurity ?? []).map(String);
}

/** The header that makes a write safe to retry (the contract's "Idempotency"). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Whether the (resolved) parameters take an `Idempotency-Key` header. */
export function takesIdempotencyKey(parameters) {
  return parameters.some(
    (p) => p?.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase(),
  );
}

/** The list envelope of the contract: items in `data`, the next page's cursor in `nextCursor`. */
export const LIST_ENVELOPE = { itemsField: 'data', hasMoreField: 'hasMore', nextCursorField: 'nextCursor' };

/** Query parameters a list operation pages with: the cursor it takes back, and the page size. */
const CURSOR_PARAM = 'cursor';
const LIMIT_PARAM = 'limit';

/** How a list operation pages, from its query parameter names; null for an operation without a list envelope. */
export function paginationOf(isList, queryParamNames, itemRef) {
  if (!isList) return null;
  return {
    style: 'cursor',
    cursorParam: queryParamNames.includes(CURSOR_PARAM) ? CURSOR_PARAM : null,
    limitParam: queryParamNames.includes(LIMIT_PARAM) ? LIMIT_PARAM : null,
    itemsField: LIST_ENVELOPE.itemsField,
    nextCursorField: LIST_ENVELOPE.nextCursorField,
    itemRef,
  };
}

/**
 * Why the client has no call for an operation, or null when it has one. A browser page (success
 * content, none of it JSON: an HTML answer or a redirect) is navigated to, not called.
 */
export function unexposedReason(successEnvelope) {
  return successEnvelope === 'other' ? 'browser navigation (no JSON success response)' : null;
}
