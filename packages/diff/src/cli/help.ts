/** @module The `regen-diff --help` text. */
export const HELP = `Usage: regen-diff OLD NEW [options]

Compares two versions of an OpenAPI 3.x contract and classifies every change as
breaking, warning or non-breaking (for clients written against OLD).

OLD and NEW are each one of:
  a file              openapi/openapi.yaml, packages/contract/openapi.json (multi-file contracts are bundled)
  a URL               http://127.0.0.1:4010/openapi.json
  a git revision      main~3:openapi/openapi.yaml (path from the repository root, bundled on the fly)

Options:
  --format text|json|markdown   report format (default text)
  --fail-on breaking|warning    exit 1 when a change at this level (or worse) is found (default: never)
  -h, --help                    this text

Exit codes: 0 compared (and under --fail-on), 1 a change at the --fail-on level, 2 bad input or usage.
`;
