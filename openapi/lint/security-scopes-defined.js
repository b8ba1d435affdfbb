/**
 * Spectral function replacing `oas3-operation-security-defined` for OpenAPI 3.1: every scheme
 * named in a security requirement must exist, and scopes listed for an `oauth2` scheme must be
 * declared in one of its flows. Scope lists on other scheme types are roles, which OpenAPI 3.1
 * allows (Security Requirement Object, §4.8.30), so they are checked against the OAuth2 scopes.
 */
export default function securityScopesDefined(requirements, _options, context) {
  if (!Array.isArray(requirements)) return [];
  const schemes = context.document?.data?.components?.securitySchemes ?? {};
  const declared = new Set();
  for (const scheme of Object.values(schemes)) {
    for (const flow of Object.values(scheme?.flows ?? {})) {
      for (const scope of Object.keys(flow?.scopes ?? {})) declared.add(scope);
    }
  }
  const results = [];
  requirements.forEach((requirement, index) => {
    for (const [name, scopes] of Object.entries(requirement ?? {})) {
      if (!(name in schemes)) {
        results.push({
          message: `Security scheme "${name}" is not defined.`,
          path: [...context.path, index, name],
        });
        continue;
      }
      (Array.isArray(scopes) ? scopes : []).forEach((scope, i) => {
        if (!declared.has(scope)) {
          results.push({
            message: `Scope "${scope}" is not declared by any OAuth2 flow.`,
            path: [...context.path, index, name, i],
          });
        }
      });
    }
  });
  return results;
}
