/**
 * @module The generated changeset that carries what changed since the last release:
 * `.changeset/contract-changes.md`, with the bump the changes require for the fixed group and
 * regen-diff's Markdown as its text (so the changelog `npx changeset version` writes lists them).
 * Written by `npm run release:check -- --write`; checked for drift like generated code.
 */
import { FIXED } from './bumps.mjs';

export const CONTRACT_CHANGESET = '.changeset/contract-changes.md';

// The first line of the changelog entry: where the list comes from, and that it is regenerated.
const HEADER =
  'What changed since the last release, as `regen-diff` classifies it (written by `npm run release:check -- --write`; regenerate it rather than edit it).';

/** The file's text for the required bump, the contract's Markdown and the API report reasons. */
export function contractChangeset(bump, contractMarkdown, apiReasons) {
  const front = FIXED.map((name) => `'${name}': ${bump}`).join('\n');
  const parts = [HEADER];
  if (contractMarkdown !== null) parts.push(contractMarkdown.trim());
  if (apiReasons.length > 0)
    parts.push(['## Public API changes', '', ...apiReasons.map((reason) => `- ${reason}`)].join('\n'));
  return `---\n${front}\n---\n\n${parts.join('\n\n')}\n`;
}
