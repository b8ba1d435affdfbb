/**
 * Spectral function: an operation that requires a credential must document 401 and 403.
 * An operation is secured when its effective `security` (its own, else the root's) has at
 * least one requirement and no empty `{}` alternative (which makes the credential optional).
 */
export default function securedErrorResponses(operation, _options, context) {
  if (operation === null || typeof operation !== 'object') return [];
  const root = context.document?.data ?? {};
  const security = operation.security ?? root.security ?? [];
  const optional = security.some((requirement) => Object.keys(requirement ?? {}).length === 0);
  if (security.length === 0 || optional) return [];
  const responses = operation.responses ?? {};
  return ['401', '403']
    .filter((status) => !(status in responses))
    .map((status) => ({
      message: `Secured operation must document a ${status} response.`,
      path: [...context.path, 'responses'],
    }));
}
