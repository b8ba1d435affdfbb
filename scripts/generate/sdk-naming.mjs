/**
 * @module The naming rule of the SDK: resource namespaces, method names and class names, derived
 * from an operation's tag, path and HTTP method, with `x-sdk-*` overrides. The rule is written out
 * in openapi/README.md ("SDK names"); keep the two in step.
 */

/** `api-keys` / `api_keys` / `ApiKeys` → `apiKeys`. */
export function camelCase(word) {
  const parts = String(word)
    .split(/[-_\s.]+/)
    .filter(Boolean);
  return parts
    .map((p, i) => (i === 0 ? p[0].toLowerCase() + p.slice(1) : p[0].toUpperCase() + p.slice(1)))
    .join('');
}

/** `apiKeys` / `api-keys` → `ApiKeys`. */
export function pascalCase(word) {
  const camel = camelCase(word);
  return camel[0].toUpperCase() + camel.slice(1);
}

const isParam = (segment) => /^\{[^}]+\}$/.test(segment);

/** The path's segments without the API prefix: a leading `api`, then a version (`v1`). */
export function resourceSegments(route) {
  const segments = route.split('/').filter(Boolean);
  if (segments[0] === 'api') segments.shift();
  if (segments[0] !== undefined && /^v\d+$/.test(segments[0])) segments.shift();
  return segments;
}

/**
 * Names one operation.
 * @param {object} op `{ tag, route, method, isList, overrideName, overrideResource }`
 * @param {(prefix: string[]) => boolean} isCollection whether the tag answers a list envelope at
 *   exactly these segments (a literal segment that hosts a collection is a nested resource).
 * @returns `{ resource: string[], name: string, collection: string[] }` — `resource` is the
 *   namespace path from the client (`[]` is the client itself), `collection` the literal segments
 *   that name a nested resource's class.
 */
export function nameOperation(op, isCollection) {
  const segments = resourceSegments(op.route);
  const tag = camelCase(op.tag);
  let resource = [tag];
  let collection = [];
  let rest = segments;
  const base = segments[0];
  if (base !== undefined && !isParam(base) && camelCase(base) !== tag) {
    // A collection of its own tagged with another resource: nested under the tag (payouts → commissions.payouts).
    resource = [tag, camelCase(base)];
    collection = [base];
    rest = segments.slice(1);
  } else if (base !== undefined && !isParam(base)) {
    rest = segments.slice(1);
    const next = rest[0];
    if (next !== undefined && !isParam(next) && isCollection([base, next])) {
      // A literal sub-collection of the tag's collection (inventory/adjustments → inventory.adjustments).
      resource = [tag, camelCase(next)];
      collection = [base, next];
      rest = rest.slice(1);
    }
  }
  const name = methodName(rest, op.method, op.isList);
  if (op.overrideResource !== undefined) {
    resource = op.overrideResource === '' ? [] : op.overrideResource.split('.').map(camelCase);
    collection = resource;
  }
  const finalName = op.overrideName ?? name;
  if (!finalName) {
    throw new Error(
      `naming rule: no method name for ${op.method.toUpperCase()} ${op.route} (${op.operationId}); add x-sdk-name`,
    );
  }
  return { resource, name: finalName, collection };
}

/** CRUD verbs on a collection and its items; a trailing literal segment names the method itself. */
function methodName(rest, method, isList) {
  const m = method.toLowerCase();
  if (rest.length === 0) {
    if (m === 'get') return isList ? 'list' : 'retrieve';
    if (m === 'post') return 'create';
    if (m === 'put' || m === 'patch') return 'update';
    if (m === 'delete') return 'delete';
    return undefined;
  }
  const last = rest[rest.length - 1];
  if (rest.length === 1 && isParam(last)) {
    if (m === 'get') return 'retrieve';
    if (m === 'put' || m === 'patch') return 'update';
    if (m === 'delete') return 'delete';
    return undefined;
  }
  if (!isParam(last) && rest.slice(0, -1).every(isParam) && rest.length <= 2) return camelCase(last);
  return undefined;
}

/** Class name of a namespace: the tag (or `x-sdk-class-name` on the tag) for top-level ones, else its collection's segments. */
export function className(resourcePath, collection, tagOverride) {
  if (resourcePath.length === 1) return tagOverride ?? pascalCase(resourcePath[0]);
  return collection.map(pascalCase).join('');
}
