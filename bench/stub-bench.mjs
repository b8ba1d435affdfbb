#!/usr/bin/env node
/**
 * @module Benchmark of the stub (not a test): one run, same machine, autocannon with 10
 * connections against three authenticated, validated, rate-limit-accounted GETs — a list of 20
 * products, a list of 100, one product — on
 *   - the built stub (`node packages/stub/dist/cli.js`), response validation on and off,
 *   - a bare node:http server answering the bytes the stub answered, recorded in the same run,
 *   - Prism mocking the same contract (default log level and `-v silent`; one product only).
 * Reports req/s, ratios, p99 latency, each server's CPU time per request, peak RSS of each server and the stub's start-up time
 * (from spawning `node dist/cli.js` to its listening line), and a `summary` (one row per
 * headline ratio, with its target) in the `--json` output. Needs `npm run build` first.
 *
 * Usage: node bench/stub-bench.mjs [--duration 5] [--rounds 5] [--no-prism] [--json out.json]
 *                                  [--baseline DIR]
 * `--baseline DIR` adds the stub built in another checkout (e.g. `git worktree add /tmp/old <ref>`,
 * then `npm install && npm run build` there) as one more target of the same alternating rounds,
 * so "within 5 % of the previous release" is measured side by side, not across runs.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  ADMIN_KEY,
  CLI,
  CONNECTIONS,
  cpuUsOf,
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

async function load(url, headers, pid) {
  const before = pid === undefined ? null : cpuUsOf([pid]);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const after = pid === undefined ? null : cpuUsOf([pid]);
  return {
    reqPerSec: Math.round(result.requests.average),
    cpuUsPerRequest:
      before === null || after === null || result.requests.total === 0
        ? null
        : Math.round(((after - before) / result.requests.total) * 10) / 10,
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
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The three requests measured, each against every target: what a page's size costs. */
const CASES = [
  { key: 'list20', label: 'GET list of 20', path: () => '/api/v1/products?limit=20', target: 0.5 },
  { key: 'list100', label: 'GET list of 100', path: () => '/api/v1/products?limit=100', target: null },
  { key: 'item', label: 'GET one product', path: (id) => `/api/v1/products/${id}`, target: 0.7 },
];

async function createKey(url) {
  const created = await fetch(`${url}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scopes: ['read:products'] }),
  });
  return (await created.json()).data.key;
}

/**
 * A read-only API key (not the admin key, so the key lookup, lastUsedAt, rate-limit accounting,
 * scope check and response validation all run) and the paths of each case on one stub, which is
 * first given at least 100 products so the list of 100 is full.
 */
async function prepare(url) {
  const key = await createKey(url);
  const headers = { 'x-api-key': key };
  const list = async (limit) =>
    (await (await fetch(`${url}/api/v1/products?limit=${limit}`, { headers })).json()).data;
  const have = (await list(100)).length;
  for (let i = have; i < 100; i++) {
    const created = await fetch(`${url}/api/v1/products`, {
      method: 'POST',
      headers: {
        'x-api-key': ADMIN_KEY,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        name: `Bench product ${i}`,
        sku: `BENCH-${i}`,
        description: 'Made by the benchmark so a page of 100 is full.',
        price: { amount: 1000 + i, currency: 'USD' },
      }),
    });
    if (created.status !== 201)
      throw new Error(`creating a product: ${created.status} ${await created.text()}`);
  }
  const [first] = await list(1);
  return { headers, paths: Object.fromEntries(CASES.map((c) => [c.key, c.path(first.id)])) };
}

const probe = await startStub();
const startups = [probe.startupMs];
const probed = await prepare(probe.url);
// The stub's own answers, byte for byte, for the bare server to answer at the same paths.
const recorded = {};
for (const c of CASES) {
  const reply = await fetch(probe.url + probed.paths[c.key], { headers: probed.headers });
  if (reply.status !== 200) throw new Error(`${c.label}: ${reply.status}`);
  recorded[probed.paths[c.key]] = Buffer.from(await reply.arrayBuffer()).toString('base64');
}
results.requests = Object.fromEntries(
  CASES.map((c) => [
    c.key,
    {
      method: 'GET',
      path: probed.paths[c.key],
      responseBytes: Buffer.from(recorded[probed.paths[c.key]], 'base64').length,
    },
  ]),
);

// Bare node:http in its own process, answering the same bytes with the same content type.
const bareSource = `
const bodies = new Map(Object.entries(${JSON.stringify(recorded)}).map(([p, b]) => [p, Buffer.from(b, 'base64')]));
require('node:http').createServer((req, res) => {
  const body = bodies.get(req.url);
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
  {
    label: 'bare node:http',
    child: bare.child,
    url: `http://127.0.0.1:${bare.match}`,
    headers: probed.headers,
    paths: probed.paths,
  },
  { label: 'stub (validation on)', child: probe.child, url: probe.url, ...probed },
  { label: 'stub (validation off)', child: lenient.child, url: lenient.url, ...(await prepare(lenient.url)) },
];
const baselineDir = value('--baseline', undefined);
if (baselineDir) {
  const baselineCli = path.resolve(baselineDir, 'packages/stub/dist/cli.js');
  if (!existsSync(baselineCli))
    throw new Error(`--baseline: ${baselineCli} is missing (build that checkout first)`);
  const baseline = await startStub([], baselineCli);
  // Its demo data may differ: its own products, the same kind of requests.
  targets.push({
    label: 'baseline stub (validation on)',
    child: baseline.child,
    url: baseline.url,
    ...(await prepare(baseline.url)),
  });
}
// A warm-up per target and case first: the first seconds of a cold server (JIT) are not its speed.
for (const c of CASES) {
  for (const target of targets) {
    await autocannon({
      url: target.url + target.paths[c.key],
      connections: CONNECTIONS,
      amount: SMOKE ? 300 : 3000,
      headers: target.headers,
    });
  }
}
// Rounds alternate the targets, so a machine whose load drifts treats them alike.
const rounds = Math.max(1, Number(value('--rounds', SMOKE ? '1' : '5')));
const runs = new Map(CASES.flatMap((c) => targets.map((t) => [`${c.key} ${t.label}`, []])));
for (let round = 0; round < rounds; round++) {
  for (const c of CASES) {
    // Every other round in reverse order: no target always follows the same one.
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      runs
        .get(`${c.key} ${target.label}`)
        .push(await load(target.url + target.paths[c.key], target.headers, target.child.pid));
    }
  }
}
results.cases = {};
for (const c of CASES) {
  const byTarget = {};
  for (const target of targets) {
    const list = runs.get(`${c.key} ${target.label}`);
    byTarget[target.label] = {
      reqPerSec: Math.round(list.reduce((sum, r) => sum + r.reqPerSec, 0) / list.length),
      // The median round's p99: one stall of this shared machine in one round does not decide it.
      p99Ms: median(list.map((r) => r.p99Ms)),
      p99MsRounds: list.map((r) => r.p99Ms),
      non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      rounds: list.map((r) => r.reqPerSec),
      // The server's own CPU time per request (median round): what it costs, whatever the load.
      cpuUsPerRequest: list.some((r) => r.cpuUsPerRequest === null)
        ? null
        : median(list.map((r) => r.cpuUsPerRequest)),
    };
  }
  // The ratio is the median of the rounds' ratios: each round measures a target right beside the
  // bare server, while this shared machine's load can change several-fold from one round to the next.
  const bareRounds = byTarget['bare node:http'].rounds;
  for (const r of Object.values(byTarget)) {
    r.vsBareRounds = r.rounds.map((rate, i) => Math.round((rate / bareRounds[i]) * 100) / 100);
    r.vsBare = median(r.vsBareRounds);
    const bareCpu = byTarget['bare node:http'].cpuUsPerRequest;
    r.cpuVsBare =
      bareCpu === null || r.cpuUsPerRequest === null
        ? null
        : Math.round((bareCpu / r.cpuUsPerRequest) * 100) / 100;
  }
  results.cases[c.key] = { label: c.label, path: results.requests[c.key].path, targets: byTarget };
}
for (const target of targets) {
  results.cases.item.targets[target.label].peakRssMiB = peakRss(target.child.pid);
  await stop(target.child);
}
// The single item is the request the earlier runs measured: its figures stay where they were.
for (const [label, r] of Object.entries(results.cases.item.targets)) results[label] = r;
const route = results.requests.item.path;
const headers = probed.headers;

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
  if (typeof r !== 'object' || r === null || !('reqPerSec' in r)) continue;
  if (label.startsWith('prism')) r.vsBare = Math.round((r.reqPerSec / bareRate) * 100) / 100;
  if (prismRate) r.vsPrism = Math.round((r.reqPerSec / prismRate) * 10) / 10;
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

const row = (r) => ({
  'req/s': r.reqPerSec,
  'x bare': r.vsBare,
  'x prism': r.vsPrism ?? '',
  'p99 ms': r.p99Ms,
  'CPU µs/req': r.cpuUsPerRequest ?? '',
  'bare CPU ÷ CPU': r.cpuVsBare ?? '',
  'peak RSS MiB': r.peakRssMiB ?? '',
  non2xx: r.non2xx,
  errors: r.errors,
});
for (const c of CASES) {
  const { label, path: casePath, targets: byTarget } = results.cases[c.key];
  console.log(`\n${label} (${casePath}, ${results.requests[c.key].responseBytes} bytes)`);
  console.table(Object.fromEntries(Object.entries(byTarget).map(([k, r]) => [k, row(r)])));
}
const prismRows = Object.entries(results).filter(([k]) => k.startsWith('prism') && 'reqPerSec' in results[k]);
if (prismRows.length > 0) {
  console.log('\nPrism, GET one product');
  console.table(Object.fromEntries(prismRows.map(([k, r]) => [k, row(r)])));
}
console.log(
  `stub start-up (node dist/cli.js → listening line): median ${results.stubStartupMs.median} ms, best ${results.stubStartupMs.best} ms (${results.stubStartupMs.runs.join(', ')})`,
);
const loadAverage = (await import('node:os'))
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `${rounds} alternating rounds of ${DURATION} s per target and case; load average at the end: ${loadAverage}`,
);
const baselineResult = results['baseline stub (validation on)'];
if (baselineResult) {
  const ratio = results['stub (validation on)'].reqPerSec / baselineResult.reqPerSec;
  results.vsBaseline = Math.round(ratio * 1000) / 1000;
  console.log(
    `stub (validation on) ÷ baseline stub, one product: ${results.vsBaseline.toFixed(3)} (same rounds, same machine)`,
  );
}

const fmt = (n) => n.toLocaleString('en-US');
const summaryRows = [];
for (const c of CASES) {
  const { label, targets: byTarget } = results.cases[c.key];
  const stub = byTarget['stub (validation on)'];
  const bareCase = byTarget['bare node:http'];
  summaryRows.push({
    case: `${label}, validation on`,
    ratio: stub.vsBare,
    against: 'bare node:http, same bytes',
    target: c.target === null ? null : `≥ ${c.target}×`,
    met: c.target === null ? null : stub.vsBare >= c.target,
    detail: `${fmt(stub.reqPerSec)} vs ${fmt(bareCase.reqPerSec)} req/s, p99 ${stub.p99Ms} ms vs ${bareCase.p99Ms} ms`,
  });
  if (stub.cpuVsBare !== null) {
    summaryRows.push({
      case: `${label}, validation on, server CPU per request`,
      ratio: stub.cpuVsBare,
      against: "bare node:http CPU time per request ÷ the stub's (same rounds)",
      target: null,
      met: null,
      detail: `${stub.cpuUsPerRequest} vs ${bareCase.cpuUsPerRequest} µs of CPU per request`,
    });
  }
  const old = byTarget['baseline stub (validation on)'];
  if (old) {
    summaryRows.push({
      case: `${label}, validation on, against the baseline build`,
      ratio: Math.round(median(stub.rounds.map((rate, i) => rate / old.rounds[i])) * 100) / 100,
      against: `baseline stub (${baselineDir}), same rounds`,
      target: 'p99 no worse than the baseline',
      met: stub.p99Ms <= old.p99Ms,
      detail: `${fmt(stub.reqPerSec)} vs ${fmt(old.reqPerSec)} req/s, p99 ${stub.p99Ms} ms vs ${old.p99Ms} ms, CPU ${stub.cpuUsPerRequest ?? '?'} vs ${old.cpuUsPerRequest ?? '?'} µs per request`,
    });
  }
}
results.machine.loadAverageAtEnd = loadAverage;
results.summary = {
  title: 'Stub hot paths: list of 20, list of 100, one product (authenticated, response validation on)',
  command: `node bench/stub-bench.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  rows: summaryRows,
};
console.log('\nsummary');
console.table(
  summaryRows.map((r) => ({
    case: r.case,
    ratio: r.ratio,
    target: r.target ?? '',
    met: r.met ?? '',
    detail: r.detail,
  })),
);
const out = value('--json', undefined);
if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
