/**
 * The `/docs` start-up script (served as `/docs/docs.js`, so the page needs no inline script).
 * Scalar options (`@scalar/types` api-reference configuration) chosen so that nothing leaves
 * the stub: no default fonts (fonts.scalar.com), no telemetry, no agent chat (enabled on
 * localhost by default), no developer toolbar (it offers uploads to scalar.com), no request
 * proxy (try-it requests go straight to the stub, same origin), JSON download only.
 */
export const DOCS_JS = `(function () {
  'use strict';
  var root = document.getElementById('api-reference-root');
  window.Scalar.createApiReference(root, {
    url: '/docs/openapi.json',
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: 'never',
    documentDownloadType: 'json',
    persistAuth: false,
    // "Try it" starts with the X-API-Key field (paste the key \`npm start\` prints).
    authentication: { preferredSecurityScheme: 'ApiKeyAuth' },
    showOperationId: true,
    orderSchemaPropertiesBy: 'preserve',
    hideClientButton: false,
    metaData: { title: 'Regen API reference' },
    onLoaded: function () {
      document.body.setAttribute('data-ready', 'true');
    }
  });
})();
`;
