#!/usr/bin/env node
/**
 * @module Proves the repository's layering: no two files import each other, directly or through
 * others (type-only imports included: a type cycle is still two modules that cannot be read
 * apart), and no folder of a package's `src/` imports a folder that imports it back.
 *
 * The import graph is dpdm's (`parseDependencyTree`), which resolves TypeScript's `.ts`
 * specifiers and `import type`; the folder graph is that graph with every file replaced by its
 * first folder under `src/`. Exit 1 and every cycle printed when there is any.
 *
 * `node scripts/check-import-cycles.mjs [root]`: check another checkout (the proof test).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCES = ['packages/*/src/**/*.{ts,tsx}', 'scripts/**/*.mjs'];
/** Packages whose `src/` folders are layers (the others' folders split one layer into parts). */
const FOLDER_CHECKED = ['packages/stub/src/', 'packages/conformance/src/'];

const parsed = await parseDependencyTree(SOURCES, {
  context: root,
  cwd: root,
  transform: false,
  skipDynamicImports: false,
  extensions: ['.ts', '.tsx', '.mjs', '.js', '.d.ts', '.d.mts'],
  exclude: /node_modules|\/dist\//,
});

/** The graph of this checkout's own files, keyed by path from the root (a linked package outside it is not ours). */
function ownGraph() {
  const own = (file) => {
    const relative = path.relative(root, path.resolve(root, file));
    return relative.startsWith('..') ? undefined : relative;
  };
  const graph = {};
  for (const [issuer, dependencies] of Object.entries(parsed)) {
    const from = own(issuer);
    if (from === undefined) continue;
    graph[from] = (dependencies ?? []).flatMap((d) => {
      const to = d.id === null ? undefined : own(d.id);
      return to === undefined ? [] : [{ ...d, issuer: from, id: to }];
    });
  }
  return graph;
}

const tree = ownGraph();
const fileCycles = parseCircular(tree);

/** `packages/stub/src/app/dispatch.ts` → `packages/stub/src/app`; files directly in `src/` have no folder. */
function folderOf(file) {
  const match = /^(packages\/[^/]+\/src)\/([^/]+)\/./.exec(file);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Folder edges with one file import that makes each, for the message. Tests sit beside what they test and import from anywhere. */
function folderEdges() {
  const edges = new Map();
  for (const [issuer, dependencies] of Object.entries(tree)) {
    const from = folderOf(issuer);
    if (!from || /\.test(-d)?\.tsx?$/.test(issuer)) continue;
    for (const { id: target } of dependencies) {
      const to = folderOf(target);
      if (!to || to === from) continue;
      const key = `${from} → ${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, because: `${issuer} imports ${target}` });
    }
  }
  return [...edges.values()];
}

/** Groups of folders that reach each other (Tarjan's strongly connected components of more than one folder). */
function folderCycles(edges) {
  const next = new Map();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const groups = [];
  const visit = (folder) => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder));
    stack.push(folder);
    for (const to of next.get(folder) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(folder, Math.min(low.get(folder), low.get(to)));
      } else if (stack.includes(to)) low.set(folder, Math.min(low.get(folder), index.get(to)));
    }
    if (low.get(folder) !== index.get(folder)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const folder of [...next.keys()].sort()) if (!index.has(folder)) visit(folder);
  return groups.map((group) => edges.filter((e) => group.includes(e.from) && group.includes(e.to)));
}

const cycles = folderCycles(folderEdges().filter((e) => FOLDER_CHECKED.some((p) => e.from.startsWith(p))));
for (const cycle of fileCycles) console.error(`file cycle: ${[...cycle, cycle[0]].join(' → ')}`);
for (const group of cycles)
  console.error(
    `folders that import each other:${group.map((e) => `\n  ${e.from} → ${e.to} (${e.because})`).join('')}`,
  );
const files = Object.keys(tree).length;
if (fileCycles.length + cycles.length > 0) {
  console.error(
    `${fileCycles.length} file cycle(s), ${cycles.length} group(s) of folders importing each other among ${files} files`,
  );
  process.exit(1);
}
console.log(`no import cycle among ${files} files, at file or folder level`);
