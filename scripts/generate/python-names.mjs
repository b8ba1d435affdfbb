/**
 * @module Python spellings of the SDK model's names: snake_case attributes and arguments, module
 * names, string literals. Shared by the Python emitters (./emit-python*.mjs).
 */

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
// Names a pydantic model or our resource classes already use for something else.
const RESERVED = new Set(['model_config', 'model_fields', 'options', 'self', 'with_response']);

/** `customerId` / `api-keys` / `p50Ms` → `customer_id` / `api_keys` / `p50_ms`; a keyword gets a trailing `_`. */
export function snakeCase(name) {
  const snake = String(name)
    .replace(/[-.\s]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
  return KEYWORDS.has(snake) || RESERVED.has(snake) ? `${snake}_` : snake;
}

/** `orderId` → `ORDER_ID` (module-level constants). */
export const constantCase = (name) => snakeCase(name).replace(/_$/, '').toUpperCase();

/** A Python double-quoted string literal. */
export const pyStr = (s) => JSON.stringify(String(s));

/** Text safe inside a Python triple-quoted docstring. */
export const docSafe = (text) => String(text).replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"').trim();

/** A one-line or multi-line docstring at `indent`. */
export function docstring(text, indent) {
  const lines = docSafe(text).split('\n');
  if (lines.length === 1) return `${indent}"""${lines[0]}"""`;
  return `${indent}"""${lines[0]}\n${lines
    .slice(1)
    .map((l) => (l ? `${indent}${l}` : ''))
    .join('\n')}\n${indent}"""`;
}
