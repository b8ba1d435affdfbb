/**
 * @module The fenced code blocks of a Markdown file, with where they are: what the README checks
 * (scripts/check-doc-commands.mjs, scripts/check-python.mjs) read, so they agree on what a block is.
 *
 * A block may be preceded by a marker comment (blank lines between are allowed):
 *   <!-- doc-check: types-only: why it cannot run -->   type-checked, not run
 *   <!-- doc-check: skip: why it cannot even be type-checked -->
 * A marker must state its reason: a block is run unless the README says why it cannot be.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The language a fence names, by its aliases. */
const LANGUAGES = {
  sh: 'sh',
  bash: 'sh',
  shell: 'sh',
  ts: 'ts',
  typescript: 'ts',
  py: 'python',
  python: 'python',
};

/**
 * @typedef {object} Block
 * @property {string} lang  'sh' | 'ts' | 'python' | the fence's own word ('' for none)
 * @property {string} file  the Markdown file, relative to the repository root
 * @property {number} line  the line of the block's first code line (1-based)
 * @property {string} code
 * @property {{ mode: 'types-only' | 'skip', reason: string } | null} marker
 */

/** Every fenced block of `file` (relative to `root`), in order. */
export function markdownBlocks(root, file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  /** @type {Block[]} */
  const blocks = [];
  for (const match of text.matchAll(/^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm)) {
    const before = text.slice(0, match.index);
    const line = before.split('\n').length + 1;
    const word = match[1].toLowerCase();
    blocks.push({
      lang: LANGUAGES[word] ?? word,
      file,
      line,
      code: match[2],
      marker: markerBefore(before, `${file}:${line}`),
    });
  }
  return blocks;
}

/** The `<!-- doc-check: … -->` comment right before a fence (only blank lines between), if any. */
function markerBefore(before, where) {
  const m = /<!--\s*doc-check:\s*([\w-]+)\s*(?::\s*([\s\S]*?))?\s*-->\s*$/.exec(before);
  if (!m) return null;
  const [, mode, reason] = m;
  if (mode !== 'types-only' && mode !== 'skip')
    throw new Error(`${where}: unknown doc-check marker "${mode}"`);
  if (!reason) throw new Error(`${where}: a doc-check marker must give its reason ("${mode}: why")`);
  return { mode, reason: reason.replace(/\s+/g, ' ') };
}

/** The line of `block` that holds its `index`-th code line (0-based): for FILE:LINE in reports. */
export const lineOf = (block, index) => `${block.file}:${block.line + index}`;
