/** The `/docs` page: a shell that loads the stub's own script and stylesheet (no CDN). */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regen API reference</title>
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header id="top"><h1 id="title">Regen API reference</h1><p id="subtitle">Loading the contract…</p>
<input id="filter" type="search" placeholder="Filter operations (path, operationId, tag)" aria-label="Filter operations"></header>
<div id="layout"><nav id="nav" aria-label="Operations"></nav><main id="content"></main></div>
<script src="/docs/docs.js" defer></script>
</body>
</html>
`;

/** Styles of the `/docs` page. */
export const DOCS_CSS = `*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2433;background:#f7f8fa}
header{padding:16px 24px;background:#13315c;color:#fff}header h1{margin:0 0 4px;font-size:22px}header p{margin:0 0 8px;opacity:.85}
#filter{width:100%;max-width:480px;padding:6px 10px;border-radius:6px;border:0;font:inherit}
#layout{display:flex;align-items:flex-start}nav{position:sticky;top:0;width:280px;max-height:100vh;overflow:auto;padding:12px;border-right:1px solid #dde1e8;background:#fff;font-size:13px}
nav h3{margin:12px 0 4px;font-size:12px;text-transform:uppercase;color:#5b6478}nav a{display:block;padding:2px 4px;color:#1d2433;text-decoration:none;border-radius:4px}nav a:hover{background:#eef1f6}
main{flex:1;padding:16px 24px;max-width:1100px}section.op{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:12px 16px;margin:0 0 16px}
.method{display:inline-block;min-width:64px;text-align:center;padding:1px 6px;border-radius:4px;color:#fff;font-weight:600;font-size:12px;margin-right:8px}
.get{background:#2f7d32}.post{background:#1565c0}.put{background:#8e5b00}.patch{background:#6a1b9a}.delete{background:#c62828}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-weight:600}.opid{color:#5b6478;font-size:12px;margin-left:8px}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:13px}td,th{border-top:1px solid #eef1f6;padding:4px 6px;text-align:left;vertical-align:top}
code,.schema{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}.schema{margin:4px 0 8px;padding-left:12px;border-left:2px solid #eef1f6}
.prop{margin:2px 0}.req{color:#c62828;font-size:11px;margin-left:4px}.type{color:#1565c0}.desc{color:#5b6478;font-family:system-ui,sans-serif}
.scope{display:inline-block;background:#eef1f6;border-radius:4px;padding:0 6px;margin-right:4px;font-family:ui-monospace,monospace;font-size:12px}
.status{font-weight:600;font-family:ui-monospace,monospace}.hidden{display:none}h2.tag{margin:24px 0 8px;font-size:18px}`;
