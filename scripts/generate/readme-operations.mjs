/**
 * @module Rewrites the operations table of `openapi/README.md` from the contract model: the section
 * between the `operations:start` and `operations:end` marker comments. The rest of the page is
 * hand-written and copied as it is.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_NOTE } from './header.mjs';

const START = '<!-- operations:start';
const END = '<!-- operations:end -->';

/** Who may call: `none`, or the accepted schemes (`any` when all of the contract's), `(optional)` when `{}` is allowed. */
function credentialCell({ mode, schemes }, allSchemes) {
  if (mode === 'none') return 'none';
  const which = allSchemes.every((s) => schemes.includes(s)) ? 'any' : schemes.join(', ');
  return mode === 'optional' ? `${which} (optional)` : which;
}

const cell = (text) => String(text).replace(/\s+/g, ' ').replaceAll('|', '\\|');

/** The markdown table, one row per operation in document order. */
export function operationsTable(model) {
  const rows = model.operations.map((op) => {
    const { credential } = op;
    const scopes = credential.mode === 'none' ? '' : credential.scopes.join(', ') || '[]';
    return `| ${op.httpMethod} | ${op.path} | ${op.operationId} | ${op.tag ?? ''} | ${cell(
      credentialCell(credential, model.securitySchemes),
    )} | ${scopes} | ${op.idempotent ? 'yes' : ''} | ${cell(op.summary ?? '')} |`;
  });
  return [
    '| method | path | operationId | tag | credential | scopes | Idempotency-Key | summary |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Reads `<openapiDir>/README.md`, regenerates its operations section, writes `<outDir>/README.md`. */
export async function generateReadmeOperations(model, openapiDir, outDir) {
  const text = await readFile(path.join(openapiDir, 'README.md'), 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`openapi/README.md: no "${START} … ${END}" section`);
  const section = `${START} ${GENERATED_NOTE} -->\n${operationsTable(model)}\n`;
  const file = path.join(outDir, 'README.md');
  await mkdir(outDir, { recursive: true });
  await writeFile(file, text.slice(0, start) + section + text.slice(end));
  return [file];
}
