// Folder-level import cycles of a TypeScript source tree. A folder is the first path segment
// under `srcDir` (files directly in it, like `index.ts`, are their own node). Two folders that
// import each other, directly or through others, form a cycle even when no file-level cycle
// exists: that is what this reports, which file-level tools such as dpdm do not.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Static imports and re-exports (type-only ones too: they tie folders together as well),
// side-effect imports and dynamic `import('…')` of a literal path.
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/g;

/** The source files under `dir`, tests left out (they may reach across layers). */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|mts|js|mjs)$/.test(entry.name) && !/\.test(?:-d)?\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

function folderOf(srcDir, file) {
  return relative(srcDir, file).split(sep)[0];
}

/** Folder → folder edges, each with one example import (`from → to`) that makes it. */
export function folderGraph(srcDir) {
  const root = resolve(srcDir);
  const edges = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(root + sep)) continue;
      const to = folderOf(root, target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      if (!out.has(to)) out.set(to, `${relative(root, file)} → ${specifier}`);
    }
  }
  return edges;
}

/**
 * The folder cycles of `srcDir`: each strongly connected group of two or more folders, with the
 * imports that tie it together. Empty when the folders are layered.
 */
export function folderCycles(srcDir) {
  const edges = folderGraph(srcDir);
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((out) => [...out.keys()])]);
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return groups.map((folders) => ({
    folders,
    imports: folders.flatMap((from) =>
      [...(edges.get(from) ?? [])].filter(([to]) => folders.includes(to)).map(([, via]) => via),
    ),
  }));
}

// `node scripts/support/folder-cycles.mjs <srcDir>…`: prints the cycles, exits 1 when there are any.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let found = 0;
  for (const dir of process.argv.slice(2)) {
    for (const cycle of folderCycles(dir)) {
      found++;
      console.log(`${dir}: ${cycle.folders.join(' ↔ ')}`);
      for (const via of cycle.imports) console.log(`  ${via}`);
    }
  }
  if (found === 0) console.log('no folder cycles');
  process.exitCode = found > 0 ? 1 : 0;
}
