/**
 * @module The resource ids the documents show a reader: the READMEs, the generated api.md files, the
 * runnable examples, the hand-written contract (openapi/, YAML) and the contract the stub serves to
 * its API reference. A reader pastes these into "try it" or a client call, so each must name a
 * record of the demo data, unless the text says it is an example of a 404.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

/**
 * The prefixes of the contract's resource ids (openapi/components/schemas/ids.yaml) whose records
 * the demo data holds. `evt_` is not among them: an event id names a delivery the stub emits when
 * something happens, and no event is seeded, so an event example's id cannot exist beforehand.
 */
export const RESOURCE_PREFIXES = [
  'acct',
  'usr',
  'cus',
  'prd',
  'ord',
  'com',
  'pay',
  'adj',
  'key',
  'whk',
] as const;

/** A prefix, `_`, and at least one digit among the rest: `key_lifecycle` is a check's name, not an id. */
const ID = new RegExp(`\\b(?:${RESOURCE_PREFIXES.join('|')})_(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{6,}\\b`, 'g');

/** A line that says its id is meant not to exist (`an id that does not exist: a 404`). */
const NOT_FOUND_EXAMPLE = /\b404\b|does not exist|nonexistent/i;

export interface IdMention {
  readonly id: string;
  /** FILE:LINE, or the served URL and line. */
  readonly where: string;
}

/** The ids in `text`, each with its line; ids on a line marked as a 404 example are left out. */
export function idsIn(text: string, name: string): IdMention[] {
  const found: IdMention[] = [];
  text.split('\n').forEach((line, i) => {
    if (NOT_FOUND_EXAMPLE.test(line)) return;
    for (const [id] of line.matchAll(ID)) found.push({ id, where: `${name}:${i + 1}` });
  });
  return found;
}

/** The documents of the repository a reader is shown, relative to its root. */
export function documentFiles(): string[] {
  const under = (dir: string, ext: RegExp): string[] =>
    readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => ext.test(f) && statSync(path.join(repoRoot, dir, f)).isFile())
      .map((f) => path.join(dir, f));
  const packages = readdirSync(path.join(repoRoot, 'packages'));
  return [
    'README.md',
    'examples/README.md',
    'test/README.md',
    ...packages.flatMap((p) => [`packages/${p}/README.md`, `packages/${p}/api.md`]),
    ...under('examples', /\.ts$/),
    ...under('packages/python-sdk/examples', /\.py$/),
    ...under('openapi', /\.(ya?ml|md)$/),
  ].filter((f) => {
    try {
      return statSync(path.join(repoRoot, f)).isFile();
    } catch {
      return false;
    }
  });
}

/** Every id the repository's documents show, with where. */
export function documentedIds(): IdMention[] {
  return documentFiles().flatMap((f) => idsIn(readFileSync(path.join(repoRoot, f), 'utf8'), f));
}
