/**
 * Spectral function: `x-required-scopes` must equal the scope list of every security
 * requirement of the operation (ApiKeyAuth, BearerAuth and OAuth2 carry the same list).
 */
export default function requiredScopesMatch(operation, _options, context) {
  if (operation === null || typeof operation !== 'object') return [];
  const required = operation['x-required-scopes'];
  if (!Array.isArray(required)) return [];
  const expected = JSON.stringify([...required].sort());
  const results = [];
  const security = operation.security ?? [];
  for (const scheme of ['ApiKeyAuth', 'BearerAuth', 'OAuth2']) {
    const requirement = security.find((item) => item && scheme in item);
    if (!requirement) {
      results.push({ message: `Operation must accept ${scheme}.`, path: [...context.path, 'security'] });
    } else if (JSON.stringify([...requirement[scheme]].sort()) !== expected) {
      results.push({
        message: `${scheme} scopes differ from x-required-scopes (${required.join(', ') || 'none'}).`,
        path: [...context.path, 'security'],
      });
    }
  }
  return results;
}
