#!/usr/bin/env node
/**
 * @module Benchmark of the stub (not a test): one run, same machine, autocannon with 10
 * connections against an authenticated, validated, rate-limit-accounted GET on
 *   - the built stub (`node packages/stub/dist/cli.js`), response validation on and off,
 *   - a bare node:http server answering the same bytes,
 *   - Prism mocking the same contract (default log level and `-v silent`).
 * Reports req/s, ratios, p99 latency, peak RSS of each server and the stub's start-up time
 * (from spawning `node dist/cli.js` to its listening line). Needs `npm run build` first.
 *
 * Usage: node bench/stub-bench.mjs [--duration 5] [--rounds 3] [--no-prism] [--json out.json]
 *                                  [--baseline DIR]
 * `--baseline DIR` adds the stub built in another checkout (e.g. `git worktree add /tmp/old <ref>`,
 * then `npm install && npm run build` there) as one more target of the same alternating rounds,
 * so "within 5 % of the previous release" is measured side by side, not across runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  ADMIN_KEY,
  CLI,
  CONNECTIONS,
  DURATION,
  flag,
  requireBuild,
  root,
  SMOKE,
  stop,
  value,
} from './support.mjs';

const LIMITS = 'standard=1000000000/1h,burst=1000000000/1m,write=1000/1h';
const CONTRACT = path.join(root, 'packages/contract/openapi.json');
const PRISM = path.join(root, 'node_modules/.bin/prism');

requireBuild();

/** Peak resident set size of a process (VmHWM), in MiB. */
function peakRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

/** Spawns a server and resolves when `ready(line)` matches a line of its output. */
function startProcess(command, argv, ready, env = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        const match = ready(line);
        if (match) {
          child.stdout.off('data', onData);
          child.stderr.off('data', onData);
          child.stdout.resume();
          child.stderr.resume();
          resolve({ child, match, startupMs: Number(process.hrtime.bigint() - started) / 1e6 });
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}: ${buffer.slice(-2000)}`)));
  });
}

async function load(url, headers) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return {
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Starts Prism and waits until it answers HTTP (with `-v silent` it prints nothing to wait for). */
async function startPrism(port, extra) {
  const started = process.hrtime.bigint();
  const child = spawn(PRISM, ['mock', CONTRACT, '--port', String(port), '--host', '127.0.0.1', ...extra], {
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(500) });
      return { child, startupMs: Number(process.hrtime.bigint() - started) / 1e6 };
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  child.kill('SIGKILL');
  throw new Error('not answering after 30 s');
}

async function startStub(extra = [], cli = CLI) {
  const { child, match, startupMs } = await startProcess(
    process.execPath,
    [cli, '--port', '0', '--admin-key', ADMIN_KEY, '--rate-limits', LIMITS, '--log-level', 'warn', ...extra],
    (line) => (line.startsWith('{"event":"listening"') ? JSON.parse(line) : null),
  );
  return { child, url: match.url, startupMs };
}

const results = {};

// The request: GET one product with a real API key (not the admin key), so the key lookup,
// lastUsedAt, rate-limit accounting, scope check and response validation all run.
const probe = await startStub();
const startups = [probe.startupMs];
const keyReply = await fetch(`${probe.url}/api/v1/api-keys`, {
  method: 'POST',
  headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'bench', scopes: ['read:products'] }),
});
const apiKey = (await keyReply.json()).data.key;
const product = (
  await (await fetch(`${probe.url}/api/v1/products?limit=1`, { headers: { 'x-api-key': apiKey } })).json()
).data[0];
const route = `/api/v1/products/${product.id}`;
const sample = await fetch(probe.url + route, { headers: { 'x-api-key': apiKey } });
const sampleBody = Buffer.from(await sample.arrayBuffer());
const headers = { 'x-api-key': apiKey };
results.request = { method: 'GET', path: '/api/v1/products/{id}', responseBytes: sampleBody.length };

async function createKey(url) {
  const created = await fetch(`${url}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scopes: ['read:products'] }),
  });
  return (await created.json()).data.key;
}

// Bare node:http in its own process, answering the same bytes with the same content type.
const bareSource = `
const body = Buffer.from(${JSON.stringify(sampleBody.toString('base64'))}, 'base64');
require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(0, '127.0.0.1', function () { console.log('BARE ' + this.address().port); });`;
const bare = await startProcess(
  process.execPath,
  ['-e', bareSource],
  (line) => /^BARE (\d+)/.exec(line)?.[1],
);
const lenient = await startStub(['--no-validate-responses']);
startups.push(lenient.startupMs);
const targets = [
  { label: 'bare node:http', child: bare.child, url: `http://127.0.0.1:${bare.match}${route}`, headers },
  { label: 'stub (validation on)', child: probe.child, url: probe.url + route, headers },
  {
    label: 'stub (validation off)',
    child: lenient.child,
    url: lenient.url + route,
    headers: { 'x-api-key': await createKey(lenient.url) },
  },
];
const baselineDir = value('--baseline', undefined);
if (baselineDir) {
  const baselineCli = path.resolve(baselineDir, 'packages/stub/dist/cli.js');
  if (!existsSync(baselineCli))
    throw new Error(`--baseline: ${baselineCli} is missing (build that checkout first)`);
  const baseline = await startStub([], baselineCli);
  const baselineKey = await createKey(baseline.url);
  // Its demo data may differ: read one of its own products, the same kind of request.
  const listed = await fetch(`${baseline.url}/api/v1/products?limit=1`, {
    headers: { 'x-api-key': baselineKey },
  });
  const baselineProduct = (await listed.json()).data[0];
  targets.push({
    label: 'baseline stub (validation on)',
    child: baseline.child,
    url: `${baseline.url}/api/v1/products/${baselineProduct.id}`,
    headers: { 'x-api-key': baselineKey },
  });
}
// Rounds alternate the targets, so a machine whose load drifts treats them alike.
const rounds = Math.max(1, Number(value('--rounds', SMOKE ? '1' : '3')));
const runs = new Map(targets.map((t) => [t.label, []]));
for (let round = 0; round < rounds; round++) {
  for (const target of targets) runs.get(target.label).push(await load(target.url, target.headers));
}
for (const target of targets) {
  const list = runs.get(target.label);
  results[target.label] = {
    reqPerSec: Math.round(list.reduce((sum, r) => sum + r.reqPerSec, 0) / list.length),
    p99Ms: Math.max(...list.map((r) => r.p99Ms)),
    non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
    peakRssMiB: peakRss(target.child.pid),
    rounds: list.map((r) => r.reqPerSec),
  };
  await stop(target.child);
}

if (!flag('--no-prism') && existsSync(PRISM)) {
  for (const [label, extra] of [
    ['prism (default log level)', []],
    ['prism (-v silent)', ['-v', 'silent']],
  ]) {
    const port = 4700 + Math.floor(Math.random() * 200);
    const prism = await startPrism(port, extra).catch((error) => {
      results[label] = { error: `prism did not start: ${error.message}` };
      return null;
    });
    if (!prism) continue;
    results[label] = {
      ...(await load(`http://127.0.0.1:${port}${route}`, headers)),
      peakRssMiB: peakRss(prism.child.pid),
      startupMs: Math.round(prism.startupMs),
    };
    await stop(prism.child);
  }
}

// Start-up: a few more spawns of the bin, stopped as soon as they print the listening line.
for (let i = 0; i < 3; i++) {
  const extra = await startStub();
  startups.push(extra.startupMs);
  await stop(extra.child);
}

const bareRate = results['bare node:http'].reqPerSec;
const prismRate = results['prism (default log level)']?.reqPerSec;
for (const [label, r] of Object.entries(results)) {
  if (typeof r !== 'object' || !('reqPerSec' in r)) continue;
  r.vsBare = Math.round((r.reqPerSec / bareRate) * 100) / 100;
  if (prismRate) r.vsPrism = Math.round((r.reqPerSec / prismRate) * 10) / 10;
  void label;
}
const sorted = [...startups].sort((a, b) => a - b);
results.stubStartupMs = {
  runs: startups.map((s) => Math.round(s)),
  best: Math.round(sorted[0]),
  median: Math.round(sorted[Math.floor(sorted.length / 2)]),
};
results.machine = {
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
};

console.table(
  Object.fromEntries(
    Object.entries(results)
      .filter(([, r]) => typeof r === 'object' && r !== null && 'reqPerSec' in r)
      .map(([k, r]) => [
        k,
        {
          'req/s': r.reqPerSec,
          'x bare': r.vsBare,
          'x prism': r.vsPrism ?? '',
          'p99 ms': r.p99Ms,
          'peak RSS MiB': r.peakRssMiB,
          non2xx: r.non2xx,
          errors: r.errors,
        },
      ]),
  ),
);
console.log(
  `stub start-up (node dist/cli.js → listening line): median ${results.stubStartupMs.median} ms, best ${results.stubStartupMs.best} ms (${results.stubStartupMs.runs.join(', ')})`,
);
console.log(
  `${rounds} alternating rounds of ${DURATION} s per target; load average at the end: ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const baselineResult = results['baseline stub (validation on)'];
if (baselineResult) {
  const ratio = results['stub (validation on)'].reqPerSec / baselineResult.reqPerSec;
  results.vsBaseline = Math.round(ratio * 1000) / 1000;
  console.log(
    `stub (validation on) ÷ baseline stub: ${results.vsBaseline.toFixed(3)} (same rounds, same machine)`,
  );
}
const out = value('--json', undefined);
if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
