import { SCALAR_FILE } from './scalar-version.ts';

/** URL of the bundled Scalar API reference script (versioned, cached for a year). */
export const SCALAR_URL = `/docs/${SCALAR_FILE}`;

/**
 * The `/docs` page: a mount point, Scalar's browser build and the stub's own start-up script,
 * all from the stub (no CDN, nothing inline).
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regen API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<noscript>The API reference needs JavaScript; the contract itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="api-reference-root"></div>
<script src="${SCALAR_URL}"></script>
<script src="/docs/docs.js"></script>
</body>
</html>
`;
