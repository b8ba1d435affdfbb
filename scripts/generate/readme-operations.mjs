/**
 * @module Rewrites the operations table of `openapi/README.md` from the contract: the section
 * between the `operations:start` and `operations:end` marker comments. The rest of the page is
 * hand-written and copied as it is.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_NOTE } from './header.mjs';
import { authMode, requiredScopes } from './operations.mjs';
import { walkOperations } from './walk-operations.mjs';

const START = '<!-- operations:start';
const END = '<!-- operations:end -->';
const ALL_SCHEMES = ['ApiKeyAuth', 'BearerAuth', 'OAuth2'];

/** Who may call: `none`, or the accepted schemes when not all of them, `(optional)` when `{}` is allowed. */
function credential(security) {
  const mode = authMode(security);
  if (mode === 'none') return 'none';
  const schemes = [...new Set(security.flatMap((req) => Object.keys(req)))];
  const which = ALL_SCHEMES.every((s) => schemes.includes(s)) ? 'any' : schemes.join(', ');
  return mode === 'optional' ? `${which} (optional)` : which;
}

const cell = (text) => String(text).replace(/\s+/g, ' ').replaceAll('|', '\\|');

/** The markdown table, one row per operation in document order. */
export function operationsTable(doc) {
  const rows = [...walkOperations(doc)].map(({ path: route, method, operation, parameters }) => {
    const security = operation.security ?? doc.security ?? [];
    const scopes = authMode(security) === 'none' ? '' : requiredScopes(operation).join(', ') || '[]';
    const idempotent = parameters.some(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
    );
    return `| ${method.toUpperCase()} | ${route} | ${operation.operationId} | ${operation.tags?.[0] ?? ''} | ${cell(
      credential(security),
    )} | ${scopes} | ${idempotent ? 'yes' : ''} | ${cell(operation.summary ?? '')} |`;
  });
  return [
    '| method | path | operationId | tag | credential | scopes | Idempotency-Key | summary |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Reads `<openapiDir>/README.md`, regenerates its operations section, writes `<outDir>/README.md`. */
export async function generateReadmeOperations(doc, openapiDir, outDir) {
  const text = await readFile(path.join(openapiDir, 'README.md'), 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`openapi/README.md: no "${START} … ${END}" section`);
  const section = `${START} ${GENERATED_NOTE} -->\n${operationsTable(doc)}\n`;
  const file = path.join(outDir, 'README.md');
  await mkdir(outDir, { recursive: true });
  await writeFile(file, text.slice(0, start) + section + text.slice(end));
  return [file];
}
