#!/usr/bin/env node
/**
 * @module The packages as users install them: `npm pack` every workspace package, install the
 * tarballs into a fresh project in a temp dir outside the workspace (dependencies from the
 * registry), and there import every entry as ESM and as CommonJS, type-check one program under
 * `moduleResolution` `nodenext` (ESM and CJS files) and `bundler`, start `npx regen-stub`, run
 * `npx regen-conformance` against it and make a client call. Needs the built packages (`npm run build`).
 * `--keep` leaves the temp project for inspection.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// diff: a dependency of conformance (`--spec` compares contracts), installed from its tarball too.
const packages = ['contract', 'client', 'stub', 'conformance', 'diff'];
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(path.join(tmpdir(), 'regen-packed-'));
const started = performance.now();
const results = [];

function run(label, command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${label}: exit ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

function check(label, fn) {
  const t = performance.now();
  try {
    const detail = fn();
    results.push({ label, ok: true });
    console.log(
      `  ✔ ${label}${detail ? ` — ${detail}` : ''} (${((performance.now() - t) / 1000).toFixed(1)}s)`,
    );
  } catch (error) {
    results.push({ label, ok: false });
    console.log(
      `  ✘ ${label}\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '      ')}`,
    );
  }
}

async function checkAsync(label, fn) {
  const t = performance.now();
  try {
    const detail = await fn();
    results.push({ label, ok: true });
    console.log(
      `  ✔ ${label}${detail ? ` — ${detail}` : ''} (${((performance.now() - t) / 1000).toFixed(1)}s)`,
    );
  } catch (error) {
    results.push({ label, ok: false });
    console.log(
      `  ✘ ${label}\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '      ')}`,
    );
  }
}

const write = (file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

console.log(`packed install in ${dir}`);

// 1. Pack and install.
const tarballs = [];
check(`npm pack (${packages.length} packages)`, () => {
  const out = run(
    'npm pack',
    'npm',
    ['pack', ...packages.flatMap((p) => ['-w', `packages/${p}`]), '--pack-destination', dir, '--json'],
    { cwd: root },
  );
  for (const entry of JSON.parse(out)) tarballs.push(entry.filename);
  return tarballs.join(', ');
});
write(
  'package.json',
  `${JSON.stringify(
    {
      name: 'regen-packed-consumer',
      private: true,
      dependencies: Object.fromEntries(
        packages.map((p) => [`@regen/${p}`, `file:./${tarballs.find((t) => t.includes(`-${p}-`))}`]),
      ),
    },
    null,
    2,
  )}\n`,
);
check('npm install of the tarballs', () => {
  run('npm install', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
  const bins = readdirSync(path.join(dir, 'node_modules/.bin'));
  for (const bin of ['regen-stub', 'regen-conformance', 'regen-diff']) {
    if (!bins.includes(bin)) throw new Error(`node_modules/.bin has no ${bin}`);
  }
  return 'bins regen-stub, regen-conformance, regen-diff linked';
});

// 2. Every entry point, both module systems.
const entries = {
  '@regen/contract': ['CONTRACT_SHA256'],
  '@regen/contract/operations': ['operationIndex', 'CONTRACT_SHA256'],
  '@regen/contract/scopes': ['normalizeScope', 'scopeSatisfies', 'canonicalScopes'],
  '@regen/contract/defaults': ['bearerTokenLifetimes', 'oauthTokenLifetimes', 'rateLimitTiers'],
  '@regen/contract/zod': ['zOrder', 'responseSchemas'],
  '@regen/contract/http': ['redactHeaders', 'serverRetryDelayMs'],
  '@regen/client': ['RegenClient', 'APIError', 'RateLimitError'],
  '@regen/client/oauth': ['createAuthorizationRequest', 'exchangeCode'],
  '@regen/client/webhooks': ['constructEvent', 'verifySignature'],
  '@regen/client/validation': ['contractValidator'],
  '@regen/client/node': ['undiciTransport'],
  '@regen/stub': ['startStub'],
  '@regen/conformance': ['runConformance'],
  '@regen/diff': ['diffSpecs', 'loadSpec'],
};
// The types-only root of @regen/contract has no runtime export; CONTRACT_SHA256 is checked on /operations.
entries['@regen/contract'] = [];
const expectations = JSON.stringify(entries);
// regen-diff ships ESM only (its lint:package profile is esm-only); conformance loads it with
// import(), which CommonJS can do too. The --server-spec run below loads it through the CLI.
const { '@regen/diff': _esmOnly, ...cjsEntries } = entries;
write(
  'esm.mjs',
  `const entries = ${expectations};
for (const [name, names] of Object.entries(entries)) {
  const mod = await import(name);
  for (const n of names) if (mod[n] === undefined) throw new Error(name + ' has no export ' + n);
}
const { createRequire } = await import('node:module');
const json = createRequire(import.meta.url)('@regen/contract/openapi.json');
if (json.openapi !== '3.1.0') throw new Error('openapi.json: ' + json.openapi);
console.log(Object.keys(entries).length);
`,
);
write(
  'cjs.cjs',
  `const entries = ${JSON.stringify(cjsEntries)};
for (const [name, names] of Object.entries(entries)) {
  const mod = require(name);
  for (const n of names) if (mod[n] === undefined) throw new Error(name + ' has no export ' + n);
}
const { RateLimitError, APIError } = require('@regen/client');
if (!(new RateLimitError({ status: 429, message: 'x' }) instanceof APIError)) throw new Error('instanceof');
console.log(Object.keys(entries).length);
`,
);
check('import every entry as ESM', () => `${run('esm', process.execPath, ['esm.mjs']).trim()} entries`);
check('require every entry as CommonJS', () => `${run('cjs', process.execPath, ['cjs.cjs']).trim()} entries`);

// 3. Type-check a program under nodenext (ESM and CJS files) and bundler, skipLibCheck off.
const program = `import type { Order, operations, paths } from '@regen/contract';
import { operationIndex } from '@regen/contract/operations';
import { normalizeScope, type Scope } from '@regen/contract/scopes';
import { zOrder } from '@regen/contract/zod';
import { type Body, type Data, RateLimitError, RegenClient } from '@regen/client';
import { createAuthorizationRequest } from '@regen/client/oauth';
import { constructEvent } from '@regen/client/webhooks';
import { contractValidator } from '@regen/client/validation';

export async function main(apiKey: string): Promise<string[]> {
  const regen = new RegenClient({ apiKey, baseUrl: 'http://127.0.0.1:4010', validate: contractValidator() });
  const body: Body<'createOrder'> = { customerId: 'cus_1', currency: 'USD', items: [{ productId: 'prd_1', quantity: 1 }] };
  const order: Data<'createOrder'> = await regen.orders.create(body);
  const same: Order = order;
  // @ts-expect-error a field the contract does not have
  const wrong: Body<'createOrder'> = { ...body, colour: 'red' };
  const scope: Scope | undefined = normalizeScope('orders:read');
  type ListQuery = operations['listOrders']['parameters']['query'];
  const q: ListQuery = { limit: 10 };
  const p: keyof paths = '/api/v1/orders';
  const ids: string[] = [same.id, String(scope), p, String(q?.limit), operationIndex.getOrder.path];
  try {
    for await (const o of regen.orders.list({ status: 'paid' })) ids.push(o.id);
  } catch (e) {
    if (e instanceof RateLimitError) ids.push(String(e.retryAfterMs));
  }
  void zOrder.safeParse(order);
  void createAuthorizationRequest;
  void constructEvent;
  void wrong;
  return ids;
}
`;
write('src/app.mts', program);
write('src/app.cts', program.replace(/^export async function/m, 'export async function'));
write('src/app.ts', program);
const strict = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  target: 'ES2022',
  lib: ['ES2023', 'DOM'],
  types: [],
};
write(
  'tsconfig.nodenext.json',
  JSON.stringify({
    compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' },
    files: ['src/app.mts', 'src/app.cts'],
  }),
);
write(
  'tsconfig.bundler.json',
  JSON.stringify({
    compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' },
    files: ['src/app.ts'],
  }),
);
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
check('tsc, moduleResolution nodenext (.mts and .cts)', () => {
  run('tsc nodenext', process.execPath, [tsc, '-p', 'tsconfig.nodenext.json']);
});
check('tsc, moduleResolution bundler', () => {
  run('tsc bundler', process.execPath, [tsc, '-p', 'tsconfig.bundler.json']);
});

// 4. The installed bins and a client call.
const apiKey = `rg_test_${'Packed0Install0Check0Key'.padEnd(32, 'x')}`;
await checkAsync('npx regen-stub, npx regen-conformance and a client call against it', async () => {
  const stub = spawn(
    'npx',
    [
      '--no-install',
      'regen-stub',
      '--port',
      '0',
      '--admin-key',
      apiKey,
      '--log-level',
      'warn',
      '--rate-limits',
      'standard=100000/1h,burst=10000/1m,write=100000/1h',
    ],
    { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  stub.stderr.on('data', (d) => {
    stderr += d;
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no listening line in 30 s\n${out}${stderr}`)), 30_000);
      stub.stdout.on('data', (d) => {
        out += d;
        const line = out.split('\n').find((l) => l.includes('"listening"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line).url);
        }
      });
      stub.once('exit', (code) => reject(new Error(`regen-stub exited ${code}\n${out}${stderr}`)));
    });
    const env = { ...process.env, REGEN_API_KEY: apiKey, REGEN_BASE_URL: url };
    // One example per operation, a fixed seed: a quick, repeatable run of the installed bin.
    const quickRun = [
      '--no-install',
      'regen-conformance',
      '--base-url',
      url,
      '--max-examples',
      '1',
      '--seed',
      '1',
    ];
    const conformance = run(
      'npx regen-conformance',
      'npx',
      [
        ...quickRun,
        '--operations',
        'getHealth,listOrders,getOrder,listProducts',
        // The stub above runs with other limits than the contract's tiers: say so, or
        // rate_limit_headers rightly reports an undocumented X-RateLimit-Limit.
        '--rate-limits',
        'standard=100000/1h,burst=10000/1m,write=100000/1h',
      ],
      { env },
    );
    const summary = conformance.trim().split('\n').at(-1);
    // The comparison step loads @regen/diff from its own tarball: the server's /openapi.json
    // against the bundled contract it was built from, nothing to predict.
    const compared = run(
      'npx regen-conformance --server-spec',
      'npx',
      [
        ...quickRun,
        '--operations',
        'getHealth',
        '--checks',
        'response_schema_conformance',
        '--server-spec',
        `${url}/openapi.json`,
      ],
      { env },
    );
    if (!compared.includes('0 breaking, 0 warning, 0 non-breaking'))
      throw new Error(`--server-spec: no comparison line\n${compared}`);
    // regen-diff from its tarball: the running server's contract against the installed bundle,
    // then a missing file (one line on stderr, exit 2).
    const diffed = run(
      'npx regen-diff',
      'npx',
      [
        '--no-install',
        'regen-diff',
        'node_modules/@regen/contract/openapi.json',
        `${url}/openapi.json`,
        '--fail-on',
        'breaking',
      ],
      { env },
    );
    if (!diffed.startsWith('0 breaking, 0 warnings')) throw new Error(`regen-diff: ${diffed}`);
    const missing = spawnSync('npx', ['--no-install', 'regen-diff', 'missing.yaml', `${url}/openapi.json`], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    if (missing.status !== 2 || missing.stderr.trim().split('\n').length !== 1)
      throw new Error(`regen-diff on a missing file: exit ${missing.status}\n${missing.stderr}`);
    write(
      'call.mjs',
      `import { RegenClient } from '@regen/client';
import { undiciTransport } from '@regen/client/node';
const regen = new RegenClient();
const health = await regen.health();
const page = await regen.orders.list({ limit: 2 });
if (!health.authenticated || page.data.length === 0) throw new Error(JSON.stringify({ health, page: page.data }));
// The same call through the Node transport (undici from the registry, as the package depends on it).
const transport = undiciTransport();
const viaUndici = await new RegenClient({ transport }).orders.list({ limit: 2 });
await transport.close();
if (viaUndici.data.length !== page.data.length) throw new Error('undiciTransport: ' + viaUndici.data.length);
console.log(health.status + ', ' + page.data.length + ' orders (fetch and undiciTransport)');
`,
    );
    const call = run('client call', process.execPath, ['call.mjs'], { env }).trim();
    return `stub ${url}; conformance: ${summary}; with --server-spec: contracts compared, nothing differs; regen-diff: nothing differs, a missing file is exit 2; client: ${call}`;
  } finally {
    try {
      process.kill(-stub.pid, 'SIGTERM');
    } catch {}
  }
});

const failed = results.filter((r) => !r.ok).length;
console.log(
  `packed install: ${results.length - failed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)}s)`,
);
if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
